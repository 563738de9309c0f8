//! Sentence segmentation: groups the lexer's tokens into sentences.
//!
//! A sentence ends after sentence-final punctuation (`.`, `?`, `!`, `...` and runs of them, with
//! any closing quotes or brackets that follow) when the next token can open a sentence, after an
//! abbreviation such as `U.S.` when the next word is a typical sentence opener, and always at a
//! blank line. A single line break ends a sentence only after a short line (a headline, dateline or
//! greeting) and before a word that is not lower-case; otherwise it is a space, because news text
//! is often hard-wrapped.
//! Sentences longer than [`MAX_SENTENCE_TOKENS`](super::MAX_SENTENCE_TOKENS) are cut at the best
//! break point within their last stretch.

use super::lexicon;
use super::words::Piece;
use super::MAX_SENTENCE_TOKENS;
use std::ops::Range;

/// One sentence found by [`segment`]: a range of piece indices, and whether its last piece is an
/// abbreviation whose period also ends the sentence. EWT then writes the period as a token of its
/// own (`in the U.S .`, `etc .`), so the caller splits that piece in two.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Segment {
    pub pieces: Range<usize>,
    pub split_final_period: bool,
}

/// Splits `pieces` (tokens of `text`, in order) into sentences that together cover every piece.
pub(super) fn segment(text: &str, pieces: &[Piece]) -> Vec<Segment> {
    let form = |k: usize| -> &str {
        pieces
            .get(k)
            .and_then(|p| text.get(p.start..p.end))
            .unwrap_or("")
    };
    // True when piece `k` starts a new paragraph or follows a short line, or there is no
    // piece `k`.
    let paragraph_break_before = |k: usize| -> bool {
        match (k.checked_sub(1).and_then(|p| pieces.get(p)), pieces.get(k)) {
            (Some(prev), Some(next)) => text.get(prev.end..next.start).is_some_and(|gap| {
                is_paragraph_break(gap)
                    || (ends_short_line(text, prev.end, gap)
                        && !form(k).starts_with(char::is_lowercase))
            }),
            _ => true,
        }
    };
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut k = 0;
    while k < pieces.len() {
        let current = form(k);
        let mut last = k;
        let abbreviation = is_abbreviation_token(current);
        if is_rule_line(current) && k > start {
            // A separator line such as `*****` or `=====` stands apart from what precedes it.
            push_bounded(pieces, start..k, text, false, &mut sentences);
            start = k;
        }
        let ends = if paragraph_break_before(k + 1) || is_rule_line(current) {
            true
        } else if is_terminal(current) || is_emoticon(current) {
            // Closing quotes and brackets after the final punctuation belong to its sentence.
            while !paragraph_break_before(last + 1)
                && is_closer(form(last + 1), attached(pieces, last))
            {
                last += 1;
            }
            let list_marker =
                current == "." && k <= start + 2 && is_list_number(form(k.wrapping_sub(1)));
            paragraph_break_before(last + 1)
                || (!list_marker && can_open_sentence(form(last + 1), current, last > k))
        } else if abbreviation && !lexicon::is_title(current) {
            // `etc.` mostly closes a list at the end of a sentence; other abbreviations do so
            // only before a typical sentence opener (`U.S. officials`, `U.S. President`).
            let next = form(k + 1);
            lexicon::is_sentence_opener(next)
                || (current == "etc." && next.chars().next().is_some_and(char::is_uppercase))
        } else if is_url(current) {
            // Links stand on lines of their own in web text; one followed by a capitalised
            // word or another link ends its sentence.
            let next = form(k + 1);
            is_url(next) || starts_capitalised(next)
        } else if current == "," && (1..=3).contains(&(k - start)) {
            // `Thanks, Kay` and `Dear Nina, Here's a tip`: a letter's greeting or closing line.
            lexicon::is_salutation(form(start))
                && form(k + 1).chars().next().is_some_and(char::is_uppercase)
        } else {
            false
        };
        if ends {
            let split_final_period = abbreviation && last == k;
            push_bounded(
                pieces,
                start..last + 1,
                text,
                split_final_period,
                &mut sentences,
            );
            start = last + 1;
        }
        k = last + 1;
    }
    sentences
}

/// Pushes `range`, cut into sentences of at most `MAX_SENTENCE_TOKENS` tokens. Each cut falls
/// after the strongest punctuation in the second half of the window (`;` or `:` before a dash
/// before a comma), or at the bound when the window has none, so that run-on text is cut at
/// clause boundaries when it can be.
fn push_bounded(
    pieces: &[Piece],
    range: Range<usize>,
    text: &str,
    split_final_period: bool,
    out: &mut Vec<Segment>,
) {
    // One token less than the bound, for the period that `split_final_period` may add.
    const LIMIT: usize = MAX_SENTENCE_TOKENS - 1;
    let mut start = range.start;
    while range.end - start > LIMIT {
        let window = start + LIMIT / 2..start + LIMIT;
        let mut best = (0, start + LIMIT - 1);
        for k in window {
            let form = pieces
                .get(k)
                .and_then(|p| text.get(p.start..p.end))
                .unwrap_or("");
            let strength = match form {
                ";" | ":" => 3,
                "-" | "--" | "—" | "–" => 2,
                "," => 1,
                _ => 0,
            };
            if strength > 0 && strength >= best.0 {
                best = (strength, k);
            }
        }
        out.push(Segment {
            pieces: start..best.1 + 1,
            split_final_period: false,
        });
        start = best.1 + 1;
    }
    if range.end > start {
        out.push(Segment {
            pieces: start..range.end,
            split_final_period,
        });
    }
}

/// Whether whitespace between two tokens contains a blank line (two line breaks, `\r\n` counting
/// as one) or a Unicode paragraph separator.
fn is_paragraph_break(gap: &str) -> bool {
    let mut breaks = 0;
    let mut previous = ' ';
    for c in gap.chars() {
        match c {
            '\u{2029}' => return true,
            '\n' if previous == '\r' => {}
            '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' => breaks += 1,
            _ => {}
        }
        if breaks >= 2 {
            return true;
        }
        previous = c;
    }
    false
}

/// Lines shorter than this many characters are headlines, datelines, greetings or list items
/// rather than hard-wrapped running text, whose lines are longer.
const SHORT_LINE_CHARS: usize = 48;

/// Whether the whitespace `gap`, which starts at byte `gap_start` of `text`, holds a line break
/// that ends a line shorter than [`SHORT_LINE_CHARS`].
fn ends_short_line(text: &str, gap_start: usize, gap: &str) -> bool {
    let Some(newline) = gap.find(['\n', '\r', '\u{2028}']) else {
        return false;
    };
    let line_end = gap_start + newline;
    // Look back at most a few bytes per character, so a very long line costs constant time.
    let window_start = line_end.saturating_sub(4 * SHORT_LINE_CHARS);
    let mut from = window_start;
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let Some(before) = text.get(from..line_end) else {
        return false;
    };
    let line = match before.rfind(['\n', '\r', '\u{2028}', '\u{2029}']) {
        Some(at) => before.get(at + 1..).unwrap_or(""),
        // No line break in the window: the line is long, unless the window reaches back to the
        // start of the text.
        None if window_start == 0 => before,
        None => return false,
    };
    line.chars().count() < SHORT_LINE_CHARS
}

/// Sentence-final punctuation: `.`, `!`, `?`, `…` and runs of them (`?!`, `...`).
fn is_terminal(form: &str) -> bool {
    !form.is_empty() && form.chars().all(|c| matches!(c, '.' | '!' | '?' | '…'))
}

/// A token that ends with the period of an abbreviation (`U.S.`, `Inc.`, `etc.`).
pub(super) fn is_abbreviation_token(form: &str) -> bool {
    form.len() > 1 && form.ends_with('.') && form.chars().any(char::is_alphabetic)
}

/// Whether the token after `k` follows it with no whitespace in between.
fn attached(pieces: &[Piece], k: usize) -> bool {
    match (pieces.get(k), pieces.get(k + 1)) {
        (Some(a), Some(b)) => a.end == b.start,
        _ => false,
    }
}

/// Closing quotes and brackets. Straight quotes close only when attached to what precedes them,
/// since a detached `"` more likely opens the next sentence's quotation.
fn is_closer(form: &str, attached: bool) -> bool {
    match form {
        ")" | "]" | "}" | "”" | "’" | "»" | "''" => true,
        "\"" | "'" => attached,
        _ => false,
    }
}

/// Whether `next` can be the first token of a sentence after final punctuation `terminal`
/// (followed by closing quotes or brackets when `closed`). A lower-case word starts a sentence in
/// web and chat text (`... is interested. jill allen finishes ...`), but not after an ellipsis,
/// which marks a pause inside a sentence, nor after a quotation closed inside the sentence
/// (`a big "Welcome!" to Darin`).
fn can_open_sentence(next: &str, terminal: &str, closed: bool) -> bool {
    let Some(first) = next.chars().next() else {
        return false;
    };
    if first.is_lowercase() {
        return !closed && !terminal.contains("..") && !terminal.contains('…');
    }
    !matches!(
        first,
        ',' | ';' | ':' | ')' | ']' | '}' | '%' | '.' | '!' | '?'
    )
}

fn starts_capitalised(form: &str) -> bool {
    form.chars().next().is_some_and(char::is_uppercase)
}

fn is_url(form: &str) -> bool {
    form.contains("://")
        || form
            .get(..4)
            .is_some_and(|h| h.eq_ignore_ascii_case("www."))
}

/// A separator line: `***`, `=====`, `_____`, `~~~` or at least four hyphens.
fn is_rule_line(form: &str) -> bool {
    let mut chars = form.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let min_len = if first == '-' { 4 } else { 3 };
    matches!(first, '*' | '=' | '_' | '~' | '#' | '-')
        && form.len() >= min_len
        && chars.all(|c| c == first)
}

/// `1` or `12`: with a period at the very start of a sentence, an item number (`1. The pricing
/// ...`), which EWT keeps in its item's sentence.
fn is_list_number(form: &str) -> bool {
    (1..=2).contains(&form.len()) && form.bytes().all(|b| b.is_ascii_digit())
}

/// `:-)` and friends end sentences in web text as a full stop would.
fn is_emoticon(form: &str) -> bool {
    form.len() >= 2
        && form.len() <= 3
        && form.starts_with([':', ';', '='])
        && form.ends_with([')', '(', 'D', 'P', 'p', ']', '['])
}

#[cfg(test)]
mod tests {
    use super::super::words::lex;
    use super::*;

    fn split(text: &str) -> Vec<String> {
        let mut pieces = Vec::new();
        lex(text, &mut pieces);
        segment(text, &pieces)
            .into_iter()
            .map(|segment| {
                let r = segment.pieces;
                let (Some(a), Some(b)) = (pieces.get(r.start), pieces.get(r.end - 1)) else {
                    return String::new();
                };
                text[a.start..b.end].to_string()
            })
            .collect()
    }

    #[test]
    fn splits_at_final_punctuation() {
        assert_eq!(split("He left. She stayed."), ["He left.", "She stayed."]);
        assert_eq!(split("Why? Because!"), ["Why?", "Because!"]);
    }

    #[test]
    fn titles_do_not_end_sentences() {
        assert_eq!(
            split("Mr. Smith met Gen. Jones."),
            ["Mr. Smith met Gen. Jones."]
        );
    }

    #[test]
    fn abbreviations_end_sentences_before_an_opener() {
        assert_eq!(
            split("U.S. officials came to the U.S. He said so."),
            ["U.S. officials came to the U.S.", "He said so."]
        );
        assert_eq!(split("in the U.S. Congress"), ["in the U.S. Congress"]);
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            split("\"We won.\" He smiled. (It rained.) Then"),
            ["\"We won.\"", "He smiled.", "(It rained.)", "Then"]
        );
        assert_eq!(split("“Go.” Now"), ["“Go.”", "Now"]);
    }

    #[test]
    fn blank_line_always_ends_a_sentence() {
        assert_eq!(
            split("Headline here\n\nBody text"),
            ["Headline here", "Body text"]
        );
        assert_eq!(split("one\r\n\r\ntwo"), ["one", "two"]);
        assert_eq!(split("hard\nwrapped line."), ["hard\nwrapped line."]);
        let wrapped =
            "Japanese Prime Minister Fumio Kishida met Russian Foreign\nMinister Sergei Lavrov.";
        assert_eq!(split(wrapped), [wrapped]);
    }

    #[test]
    fn short_lines_end_sentences() {
        assert_eq!(
            split("Kishida meets Lavrov\nTOKYO (Reuters) - Talks began."),
            ["Kishida meets Lavrov", "TOKYO (Reuters) - Talks began."]
        );
        assert_eq!(split("Dear Nina,\r\nHere."), ["Dear Nina,", "Here."]);
    }

    #[test]
    fn greetings_and_closings_stand_alone() {
        assert_eq!(split("Thanks, Kay"), ["Thanks,", "Kay"]);
        assert_eq!(
            split("Dear Nina, Here it is."),
            ["Dear Nina,", "Here it is."]
        );
        assert_eq!(split("Thanks, you too."), ["Thanks, you too."]);
    }

    #[test]
    fn links_stand_alone() {
        assert_eq!(
            split("see http://a.org/x http://b.org/y More later"),
            ["see http://a.org/x", "http://b.org/y", "More later"]
        );
        assert_eq!(split("at www.cnn.com today"), ["at www.cnn.com today"]);
    }

    #[test]
    fn separator_lines_stand_alone() {
        assert_eq!(
            split("Story ***** Next one"),
            ["Story", "*****", "Next one"]
        );
    }

    #[test]
    fn item_numbers_stay_with_their_item() {
        assert_eq!(
            split("1. The price. 2. The date."),
            ["1. The price.", "2. The date."]
        );
    }

    #[test]
    fn lower_case_starts_a_sentence_in_web_text() {
        assert_eq!(split("he left. then i"), ["he left.", "then i"]);
        assert_eq!(
            split("a big \"Welcome!\" to all"),
            ["a big \"Welcome!\" to all"]
        );
    }

    #[test]
    fn lower_case_continues_after_ellipsis() {
        assert_eq!(split("Well... maybe."), ["Well... maybe."]);
    }

    #[test]
    fn long_sentences_are_cut_at_a_clause_boundary() {
        let clause = "word ".repeat(99) + "; ";
        let text = clause.repeat(5);
        let mut pieces = Vec::new();
        lex(&text, &mut pieces);
        let ranges: Vec<Range<usize>> = segment(&text, &pieces)
            .into_iter()
            .map(|s| s.pieces)
            .collect();
        assert!(ranges.iter().all(|r| r.len() <= MAX_SENTENCE_TOKENS));
        assert_eq!(ranges.first().map(|r| r.len()), Some(200));
        assert_eq!(ranges.iter().map(|r| r.len()).sum::<usize>(), pieces.len());
    }
}
