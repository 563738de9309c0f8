//! Finding the time expression a verb carries in a parsed [`Sentence`] ("met *on Monday*").

use crate::relative::{resolve, MAX_WORDS};
use petrel_core::{Date, DatePrecision, Sentence, Span};

/// A time expression found in a sentence and the date it resolved to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeExpression {
    pub date: Date,
    pub precision: DatePrecision,
    /// The words of the expression, as they appear in the sentence.
    pub text: String,
    /// 1-based ids of the expression's tokens, in order.
    pub tokens: Vec<u32>,
    /// Where the expression stands, when the tokens carry spans.
    pub span: Option<Span>,
}

/// The date expression attached to the verb with 1-based id `verb`, resolved against `story_date`.
///
/// A time expression hangs off its verb as an oblique (`obl`, `obl:tmod`, `obl:npmod`: "met on
/// Monday", "met Monday", "met last week"), a nominal modifier of time in older UD (`nmod:tmod`) or
/// an adverb (`advmod`: "yesterday"). The first dependent, in sentence order, whose words resolve
/// wins; obliques that are not times ("met in Tokyo") simply fail to resolve.
pub fn find_for_verb(sentence: &Sentence, verb: u32, story_date: Date) -> Option<TimeExpression> {
    sentence.children(verb).find_map(|child| {
        let deprel = &sentence.token(child)?.deprel;
        let relevant = matches!(deprel.base(), "obl" | "advmod" | "nmod")
            && (deprel.base() != "nmod"
                || matches!(deprel.subtype(), Some("tmod") | Some("npmod")));
        if !relevant {
            return None;
        }
        let tokens = subtree(sentence, child)?;
        let text = tokens
            .iter()
            .filter_map(|&id| sentence.token(id))
            .map(|t| t.form.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let (date, precision) = resolve(&text, story_date)?;
        let spans = tokens.iter().filter_map(|&id| sentence.token(id)?.span);
        let span = spans.reduce(|a, b| a.cover(b));
        Some(TimeExpression {
            date,
            precision,
            text,
            tokens,
            span,
        })
    })
}

/// The ids of `root` and everything below it, sorted; `None` when the subtree is too large to be a
/// time expression (which also bounds the walk on a malformed tree with a cycle).
fn subtree(sentence: &Sentence, root: u32) -> Option<Vec<u32>> {
    let mut found = vec![root];
    let mut next = 0;
    while let Some(&id) = found.get(next) {
        next += 1;
        for child in sentence.children(id) {
            if found.contains(&child) {
                continue;
            }
            found.push(child);
            if found.len() > MAX_WORDS {
                return None;
            }
        }
    }
    found.sort_unstable();
    Some(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use petrel_core::{Deprel, Token};

    /// A sentence from (form, head, deprel) triples.
    fn parsed(words: &[(&str, u32, &str)]) -> Sentence {
        let mut s = Sentence::new("");
        let mut at = 0;
        for (form, head, deprel) in words {
            let mut t = Token::new(form).with_span(Span::new(at, at + form.len()));
            at += form.len() + 1;
            t.head = *head;
            t.deprel = Deprel::new(deprel);
            s.tokens.push(t);
        }
        s
    }

    fn story() -> Date {
        Date::from_ymd(2017, 3, 22).unwrap()
    }

    #[test]
    fn oblique_with_on_resolves() {
        // Kishida met Lavrov in Tokyo on Monday .
        let s = parsed(&[
            ("Kishida", 2, "nsubj"),
            ("met", 0, "root"),
            ("Lavrov", 2, "obj"),
            ("in", 5, "case"),
            ("Tokyo", 2, "obl"),
            ("on", 7, "case"),
            ("Monday", 2, "obl"),
            (".", 2, "punct"),
        ]);
        let t = find_for_verb(&s, 2, story()).unwrap();
        assert_eq!(t.date, Date::from_ymd(2017, 3, 20).unwrap());
        assert_eq!(t.precision, DatePrecision::Day);
        assert_eq!(t.text, "on Monday");
        assert_eq!(t.tokens, vec![6, 7]);
        assert_eq!(t.span, Some(Span::new(28, 37)));
    }

    #[test]
    fn tmod_and_adverb_resolve() {
        let s = parsed(&[
            ("Talks", 2, "nsubj"),
            ("ended", 0, "root"),
            ("last", 4, "amod"),
            ("week", 2, "obl:tmod"),
        ]);
        let t = find_for_verb(&s, 2, story()).unwrap();
        assert_eq!(
            (t.date, t.precision),
            (Date::from_ymd(2017, 3, 13).unwrap(), DatePrecision::Week)
        );
        let s = parsed(&[
            ("He", 2, "nsubj"),
            ("left", 0, "root"),
            ("yesterday", 2, "advmod"),
        ]);
        assert_eq!(
            find_for_verb(&s, 2, story()).map(|t| t.date),
            Date::from_ymd(2017, 3, 21).ok()
        );
    }

    #[test]
    fn no_time_no_answer_and_cycles_end() {
        let s = parsed(&[
            ("He", 2, "nsubj"),
            ("met", 0, "root"),
            ("in", 4, "case"),
            ("Tokyo", 2, "obl"),
        ]);
        assert_eq!(find_for_verb(&s, 2, story()), None);
        assert_eq!(find_for_verb(&s, 99, story()), None);
        // A malformed tree where two tokens head each other.
        let s = parsed(&[("met", 0, "root"), ("on", 3, "case"), ("Monday", 2, "obl")]);
        assert_eq!(find_for_verb(&s, 1, story()), None);
    }
}
