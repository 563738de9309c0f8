//! Repairs of three parser errors that news sentences make common and that cost events: a
//! name split across a coordination, a weekday glued to a name, and coordinated subjects parsed
//! as two subjects.
//!
//! The parser is trained on web text (UD English EWT), where "Barack Obama and Vladimir Putin will
//! meet" or "met Bashar Assad Tuesday" are rare; its greedy decisions there attach `Putin` to
//! `Barack` or `Tuesday` to `Bashar` as parts of the name, and the coder then reads the wrong
//! actors. Each repair only moves a token to a head that keeps the tree a tree.

use petrel_core::{Deprel, Token, Upos};

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Applies the repairs to a parsed sentence. `temporal` is the relation for a bare temporal noun
/// attached to a verb (`obl:unmarked` in current UD English, `obl:tmod` before).
pub(crate) fn repair(tokens: &mut [Token], temporal: &Deprel) {
    join_split_names(tokens);
    detach_weekdays(tokens, temporal);
    coordinate_subjects(tokens);
}

/// The 0-based index of token `i`'s head, `None` at the root.
fn head(tokens: &[Token], i: usize) -> Option<usize> {
    tokens.get(i).and_then(|t| (t.head as usize).checked_sub(1))
}

/// Whether `ancestor` is on the head path of `i` (or is `i`).
fn dominates(tokens: &[Token], ancestor: usize, mut i: usize) -> bool {
    // A tree has no path longer than the sentence; the bound also stops on a cycle.
    for _ in 0..=tokens.len() {
        if i == ancestor {
            return true;
        }
        match head(tokens, i) {
            Some(h) => i = h,
            None => return false,
        }
    }
    false
}

fn is_propn(tokens: &[Token], i: usize) -> bool {
    tokens.get(i).is_some_and(|t| t.upos == Upos::Propn)
}

/// A `flat` name part whose head is not the first word of the run of proper nouns right before
/// it (`Barack Obama and Vladimir Putin`: `Putin` on `Barack`) goes to that first word.
fn join_split_names(tokens: &mut [Token]) {
    for i in 0..tokens.len() {
        let Some(h) = head(tokens, i) else { continue };
        let flat = tokens.get(i).is_some_and(|t| t.deprel.base() == "flat");
        if !flat || !is_propn(tokens, i) || h >= i || h + 1 == i {
            continue;
        }
        let mut start = i;
        while start > 0 && is_propn(tokens, start - 1) {
            start -= 1;
        }
        if start == i || start <= h || dominates(tokens, i, start) {
            continue;
        }
        if let Some(t) = tokens.get_mut(i) {
            t.head = start as u32 + 1;
        }
    }
}

/// A weekday parsed as part of a name or a noun phrase (`met Bashar Assad Tuesday`) is the time of
/// the nearest verb above it.
fn detach_weekdays(tokens: &mut [Token], temporal: &Deprel) {
    for i in 0..tokens.len() {
        let Some(t) = tokens.get(i) else { continue };
        let glued = matches!(t.deprel.base(), "flat" | "compound" | "appos");
        if !glued || !WEEKDAYS.contains(&t.form.to_lowercase().as_str()) {
            continue;
        }
        // The compound in "Tuesday talks" is right; only a weekday after its head is glued on.
        let Some(mut up) = head(tokens, i).filter(|&h| h < i) else {
            continue;
        };
        let mut verb = None;
        for _ in 0..tokens.len() {
            if tokens.get(up).is_some_and(|t| t.upos == Upos::Verb) {
                verb = Some(up);
                break;
            }
            match head(tokens, up) {
                Some(h) => up = h,
                None => break,
            }
        }
        if let (Some(v), Some(t)) = (verb, tokens.get_mut(i)) {
            t.head = v as u32 + 1;
            t.deprel = temporal.clone();
        }
    }
}

/// Two subjects of one verb with a coordinating conjunction between them (`The US, Russia, and
/// Switzerland met`) are one coordinated subject: the later one becomes a conjunct of the first,
/// and the conjunction and the comma before it move to it.
fn coordinate_subjects(tokens: &mut [Token]) {
    for v in 0..tokens.len() {
        let subjects: Vec<usize> = (0..tokens.len())
            .filter(|&i| {
                head(tokens, i) == Some(v)
                    && tokens.get(i).is_some_and(|t| t.deprel.base() == "nsubj")
            })
            .collect();
        let (Some(&first), Some(&last)) = (subjects.first(), subjects.last()) else {
            continue;
        };
        if first == last || last < first || last > v {
            continue;
        }
        // The conjunction right before the later subject's phrase, hanging on the verb.
        let Some(cc) = (first + 1..last).rev().find(|&i| {
            tokens
                .get(i)
                .is_some_and(|t| t.upos == Upos::Cconj && t.head as usize == v + 1)
        }) else {
            continue;
        };
        if (cc + 1..last).any(|i| head(tokens, i) != Some(last) && !dominates(tokens, last, i)) {
            continue;
        }
        let conj = Deprel::new("conj");
        let cc_rel = Deprel::new("cc");
        let punct = Deprel::new("punct");
        if let Some(t) = tokens.get_mut(last) {
            t.head = first as u32 + 1;
            t.deprel = conj;
        }
        if let Some(t) = tokens.get_mut(cc) {
            t.head = last as u32 + 1;
            t.deprel = cc_rel;
        }
        if let Some(comma) = cc.checked_sub(1) {
            if let Some(t) = tokens
                .get_mut(comma)
                .filter(|t| t.upos == Upos::Punct && t.head as usize == v + 1)
            {
                t.head = last as u32 + 1;
                t.deprel = punct;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tokens from `(form, upos, head, deprel)` rows.
    fn tokens(rows: &[(&str, Upos, u32, &str)]) -> Vec<Token> {
        rows.iter()
            .map(|&(form, upos, head, rel)| {
                let mut t = Token::new(form).with_upos(upos);
                t.head = head;
                t.deprel = Deprel::new(rel);
                t
            })
            .collect()
    }

    fn heads(tokens: &[Token]) -> Vec<(u32, &str)> {
        tokens.iter().map(|t| (t.head, t.deprel.as_str())).collect()
    }

    #[test]
    fn a_name_split_by_a_conjunction_is_joined() {
        use Upos::*;
        let mut t = tokens(&[
            ("Barack", Propn, 7, "nsubj"),
            ("Obama", Propn, 1, "flat"),
            ("and", Cconj, 4, "cc"),
            ("Vladimir", Propn, 1, "conj"),
            ("Putin", Propn, 1, "flat"),
            ("will", Aux, 7, "aux"),
            ("meet", Verb, 0, "root"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(t[4].head, 4);
        assert_eq!(t[1].head, 1);
    }

    #[test]
    fn a_weekday_glued_to_a_name_goes_to_the_verb() {
        use Upos::*;
        let mut t = tokens(&[
            ("Iraq", Propn, 2, "nsubj"),
            ("met", Verb, 0, "root"),
            ("Bashar", Propn, 2, "obj"),
            ("Assad", Propn, 3, "flat"),
            ("Tuesday", Propn, 3, "flat"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[4], (2, "obl:unmarked"));
        assert_eq!(heads(&t)[3], (3, "flat"));
        // "Tuesday talks": a weekday before its head is a real compound.
        let mut t = tokens(&[
            ("Tuesday", Propn, 2, "compound"),
            ("talks", Noun, 3, "nsubj"),
            ("failed", Verb, 0, "root"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[0], (2, "compound"));
    }

    #[test]
    fn two_subjects_joined_by_and_become_one_coordination() {
        use Upos::*;
        let mut t = tokens(&[
            ("The", Det, 2, "det"),
            ("US", Propn, 8, "nsubj"),
            (",", Punct, 4, "punct"),
            ("Russia", Propn, 2, "conj"),
            (",", Punct, 8, "punct"),
            ("and", Cconj, 8, "cc"),
            ("Switzerland", Propn, 8, "nsubj"),
            ("met", Verb, 0, "root"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[6], (2, "conj"));
        assert_eq!(heads(&t)[5], (7, "cc"));
        assert_eq!(heads(&t)[4], (7, "punct"));
        // A subject and the subject of a second clause are left alone.
        let mut t = tokens(&[
            ("He", Pron, 2, "nsubj"),
            ("said", Verb, 0, "root"),
            ("she", Pron, 2, "nsubj"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[2], (2, "nsubj"));
    }
}
