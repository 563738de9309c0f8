//! Scores the tokenizer and sentence splitter against gold CoNLL-U sentences.
//!
//! The method follows the CoNLL 2018 shared task: the gold `# text` lines are joined into running
//! text, [`sentences`](super::sentences) is run on it, and a system token counts as correct when
//! it covers exactly the same characters as a gold token (whitespace never belongs to a token).
//! Gold tokens are the syntactic words, so a multiword token such as `don't` is scored as its
//! words `do` + `n't`, which is what the tokenizer produces. Sentences are scored the same way on
//! the span from their first to their last token.
//!
//! Joining: petrel's [`Sentence`] has no paragraph or document marks, so the gold sentences of
//! one document (the `sent_id` up to its last `-`, as in UD's `doc-0001` ids) are joined with a
//! single space and documents with a blank line. Paragraph breaks inside a document are not
//! visible, so headlines and list items without final punctuation are hard cases by design.

use super::{sentences, TokenizeScores};
use petrel_core::Sentence;

/// One disagreement between gold and system, for reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenizeMiss {
    /// The gold sentence in which the disagreement starts.
    pub gold_sentence: String,
    /// Gold tokens around the disagreement, separated by spaces.
    pub gold: String,
    /// System tokens covering the same characters.
    pub system: String,
    /// True for a sentence-boundary miss, false for a token miss.
    pub sentence_boundary: bool,
}

/// Scores `sentences()` against `gold` (see the module docs) and lists up to `max_misses`
/// disagreements.
pub fn evaluate_with_misses(
    gold: &[Sentence],
    max_misses: usize,
) -> (TokenizeScores, Vec<TokenizeMiss>) {
    let mut text = String::new();
    let mut gold_tokens = Vec::new();
    let mut gold_sentences = Vec::new();
    let mut previous_document: Option<&str> = None;
    for sentence in gold {
        let document = sentence.id.as_deref().map(document_id);
        if !text.is_empty() {
            let same = document.is_some() && document == previous_document;
            text.push_str(if same { " " } else { "\n\n" });
        }
        previous_document = document;
        let offset = text.len();
        text.push_str(&sentence.text);
        // The sentence's span runs from its first to its last token, when all of them aligned.
        let first = gold_tokens.len();
        align(&sentence.text, offset, sentence, &mut gold_tokens);
        let spans: Vec<(usize, usize)> = gold_tokens
            .get(first..)
            .unwrap_or_default()
            .iter()
            .flatten()
            .copied()
            .collect();
        let whole = match (spans.first(), spans.last()) {
            (Some(a), Some(b)) if spans.len() == sentence.tokens.len() => Some((a.0, b.1)),
            _ => None,
        };
        gold_sentences.push(whole);
    }

    let system = sentences(&text);
    let system_tokens: Vec<(usize, usize)> = system
        .iter()
        .flat_map(|s| s.tokens.iter())
        .filter_map(|t| t.span.map(|s| (s.start, s.end)))
        .collect();
    let system_sentences: Vec<(usize, usize)> = system
        .iter()
        .filter_map(|s| s.span.map(|s| (s.start, s.end)))
        .collect();

    let gold_token_spans: Vec<(usize, usize)> = gold_tokens.iter().flatten().copied().collect();
    let gold_sentence_spans: Vec<(usize, usize)> =
        gold_sentences.iter().flatten().copied().collect();
    let matched_tokens = count_matches(&gold_token_spans, &system_tokens);
    let matched_sentences = count_matches(&gold_sentence_spans, &system_sentences);

    let scores = TokenizeScores::new(
        (gold_tokens.len(), system_tokens.len(), matched_tokens),
        (gold.len(), system_sentences.len(), matched_sentences),
    );
    let mut misses = Vec::new();
    if max_misses > 0 {
        list_misses(
            &text,
            &gold_sentence_spans,
            &gold_token_spans,
            &system_tokens,
            &system_sentences,
            max_misses,
            &mut misses,
        );
    }
    (scores, misses)
}

/// The document part of a UD sentence id: `answers-2011-0001` → `answers-2011`.
fn document_id(sent_id: &str) -> &str {
    match sent_id.rsplit_once('-') {
        Some((document, number)) if number.bytes().all(|b| b.is_ascii_digit()) => document,
        _ => sent_id,
    }
}

/// Finds each gold token's characters in `text` (placed at `offset` in the joined text), skipping
/// whitespace on both sides; pushes `None` for tokens that cannot be aligned, which then count
/// as gold tokens no system token can match.
fn align(text: &str, offset: usize, sentence: &Sentence, out: &mut Vec<Option<(usize, usize)>>) {
    let mut chars = text.char_indices().peekable();
    let mut lost = false;
    for token in &sentence.tokens {
        if lost {
            out.push(None);
            continue;
        }
        let mut start = None;
        let mut end = 0;
        for f in token.form.chars().filter(|c| !c.is_whitespace()) {
            while chars.next_if(|&(_, c)| c.is_whitespace()).is_some() {}
            match chars.next() {
                Some((i, c)) if c == f => {
                    start.get_or_insert(i);
                    end = i + c.len_utf8();
                }
                _ => {
                    lost = true;
                    break;
                }
            }
        }
        match start {
            Some(start) if !lost => out.push(Some((offset + start, offset + end))),
            _ => {
                lost = true;
                out.push(None);
            }
        }
    }
}

/// How many spans occur in both sorted lists.
fn count_matches(gold: &[(usize, usize)], system: &[(usize, usize)]) -> usize {
    let (mut g, mut s, mut matched) = (0, 0, 0);
    while let (Some(a), Some(b)) = (gold.get(g), system.get(s)) {
        match a.cmp(b) {
            std::cmp::Ordering::Equal => {
                matched += 1;
                g += 1;
                s += 1;
            }
            std::cmp::Ordering::Less => g += 1,
            std::cmp::Ordering::Greater => s += 1,
        }
    }
    matched
}

/// Lists token disagreements in text order, then sentence disagreements, `max_misses` in all.
fn list_misses(
    text: &str,
    gold_sentences: &[(usize, usize)],
    gold_tokens: &[(usize, usize)],
    system_tokens: &[(usize, usize)],
    system_sentences: &[(usize, usize)],
    max_misses: usize,
    out: &mut Vec<TokenizeMiss>,
) {
    let slice = |a: usize, b: usize| text.get(a..b).unwrap_or("");
    let sentence_of = |at: usize| -> String {
        let k = gold_sentences.partition_point(|s| s.1 <= at);
        gold_sentences
            .get(k)
            .map(|s| slice(s.0, s.1).to_string())
            .unwrap_or_default()
    };
    let (mut g, mut s) = (0, 0);
    while let (Some(&a), Some(&b)) = (gold_tokens.get(g), system_tokens.get(s)) {
        if a == b {
            g += 1;
            s += 1;
            continue;
        }
        // Collect the smallest region where both sides end at the same character.
        let (mut ge, mut se) = (g, s);
        let (mut gend, mut send) = (a.1, b.1);
        while gend != send {
            if gend < send {
                ge += 1;
                match gold_tokens.get(ge) {
                    Some(t) => gend = t.1,
                    None => break,
                }
            } else {
                se += 1;
                match system_tokens.get(se) {
                    Some(t) => send = t.1,
                    None => break,
                }
            }
        }
        let join = |spans: &[(usize, usize)]| {
            spans
                .iter()
                .map(|&(x, y)| slice(x, y))
                .collect::<Vec<_>>()
                .join(" ")
        };
        out.push(TokenizeMiss {
            gold_sentence: sentence_of(a.0),
            gold: join(gold_tokens.get(g..=ge).unwrap_or_default()),
            system: join(system_tokens.get(s..=se).unwrap_or_default()),
            sentence_boundary: false,
        });
        if out.len() >= max_misses {
            return;
        }
        g = ge + 1;
        s = se + 1;
    }
    for &(a, b) in gold_sentences {
        if out.len() >= max_misses {
            return;
        }
        if system_sentences.binary_search(&(a, b)).is_ok() {
            continue;
        }
        let first = system_sentences.partition_point(|s| s.1 <= a);
        let last = system_sentences.partition_point(|s| s.0 < b);
        let system = system_sentences
            .get(first..last.max(first))
            .unwrap_or_default()
            .iter()
            .map(|&(x, y)| slice(x, y))
            .collect::<Vec<_>>()
            .join(" ‖ ");
        out.push(TokenizeMiss {
            gold_sentence: slice(a, b).to_string(),
            gold: slice(a, b).to_string(),
            system,
            sentence_boundary: true,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use petrel_core::Token;

    fn gold(id: &str, text: &str, forms: &[&str]) -> Sentence {
        let mut s = Sentence::new(text);
        s.id = Some(id.to_string());
        s.tokens = forms.iter().map(|f| Token::new(f)).collect();
        s
    }

    #[test]
    fn perfect_agreement_scores_100() {
        let gold = [
            gold("d-0001", "I don't know.", &["I", "do", "n't", "know", "."]),
            gold("d-0002", "He left.", &["He", "left", "."]),
        ];
        let (scores, misses) = evaluate_with_misses(&gold, 10);
        assert_eq!(scores.tokens_f1, 100.0);
        assert_eq!(scores.sentences_f1, 100.0);
        assert!(misses.is_empty(), "{misses:?}");
    }

    #[test]
    fn disagreements_lower_the_scores() {
        // Gold keeps "ice-cream" whole; the tokenizer splits at the hyphen.
        let gold = [gold("d-0001", "ice-cream now", &["ice-cream", "now"])];
        let (scores, misses) = evaluate_with_misses(&gold, 10);
        assert_eq!(
            (
                scores.gold_tokens,
                scores.system_tokens,
                scores.matched_tokens
            ),
            (2, 4, 1)
        );
        assert!((scores.tokens_f1 - 100.0 / 3.0).abs() < 1e-9);
        assert_eq!(
            misses.first().map(|m| m.system.as_str()),
            Some("ice - cream")
        );
    }

    #[test]
    fn unalignable_gold_counts_as_missed() {
        let gold = [gold("d-0001", "abc", &["xyz"])];
        let (scores, _) = evaluate_with_misses(&gold, 0);
        assert_eq!(scores.gold_tokens, 1);
        assert_eq!(scores.matched_tokens, 0);
    }

    #[test]
    fn document_ids_drop_the_sentence_number() {
        assert_eq!(document_id("answers-2011-0001"), "answers-2011");
        assert_eq!(document_id("s1"), "s1");
    }
}
