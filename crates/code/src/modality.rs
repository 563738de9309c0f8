//! Modality: whether a sentence asserts, denies, promises or only supposes the event it codes.
//!
//! PETRARCH coded "X will not attack Y" as an attack. petrel still codes the event (the dictionaries
//! and validation records expect it) but marks it, following PLOVER's auxiliary modes, so a user can
//! keep only facts. The cues are read from the trigger verb and the verbs that govern it.

use crate::syntax::{Rel, Tree};
use petrel_core::{Modality, Upos};

/// Auxiliaries and governing verbs that put an event in the future.
const FUTURE: &[&str] = &[
    "WILL", "SHALL", "'LL", "WO", "PLAN", "INTEND", "EXPECT", "PROMISE", "VOW", "PLEDGE",
    "THREATEN", "GOING",
];
/// Auxiliaries and governing verbs that make an event possible rather than actual.
const HYPOTHETICAL: &[&str] = &[
    "COULD", "MIGHT", "MAY", "SHOULD", "WOULD", "MUST", "CAN", "CA", "OUGHT",
];
/// Negation words that may appear as `advmod` (UD v2) or `neg` (UD v1).
const NEGATION: &[&str] = &["NOT", "N'T", "NEVER", "NO"];
/// Verbs of saying: an event in their complement is reported by the subject, not by the text.
const REPORTING: &[&str] = &[
    "SAY", "REPORT", "CLAIM", "ALLEGE", "STATE", "TELL", "ANNOUNCE", "ACCORD",
];

/// The modality of an event triggered by `verb`, from its own auxiliaries and negation and from
/// the chain of verbs that govern it through `xcomp`/`ccomp`.
pub fn of_verb(tree: &Tree<'_>, verb: u32) -> Modality {
    let mut reported = false;
    let mut node = verb;
    for depth in 0..8 {
        if is_negated(tree, node) {
            return Modality::Negated;
        }
        for c in tree.children(node).iter().copied() {
            let rel = tree.rel(c);
            if rel == Rel::Aux || rel == Rel::AuxPass {
                let word = tree.upper(c);
                if FUTURE.contains(&word) {
                    return Modality::Future;
                }
                if HYPOTHETICAL.contains(&word) {
                    return Modality::Hypothetical;
                }
            }
            if rel == Rel::Mark && matches!(tree.upper(c), "IF" | "UNLESS") {
                return Modality::Hypothetical;
            }
        }
        if depth > 0 {
            let lemma = tree.upper_lemma(node);
            if FUTURE.contains(&lemma) {
                return Modality::Future;
            }
            if REPORTING.contains(&lemma) {
                reported = true;
            }
        }
        let rel = tree.rel(node);
        if !matches!(rel, Rel::Xcomp | Rel::Ccomp) {
            break;
        }
        node = tree.head(node);
        if node == 0 {
            break;
        }
    }
    if reported {
        Modality::Reported
    } else {
        Modality::Asserted
    }
}

/// True for "would" in reported speech, not negated: "said Tokyo would work with Washington".
pub fn reported_future(tree: &Tree<'_>, verb: u32) -> bool {
    tree.rel(verb) == Rel::Ccomp
        && REPORTING.contains(&tree.upper_lemma(tree.head(verb)))
        && !is_negated(tree, verb)
        && tree
            .children(verb)
            .iter()
            .any(|&c| tree.rel(c) == Rel::Aux && matches!(tree.upper(c), "WOULD" | "'D"))
}

/// True when the verb itself carries a negation (`not`, `n't`, `never`).
pub fn is_negated(tree: &Tree<'_>, node: u32) -> bool {
    tree.children(node).iter().copied().any(|c| {
        let rel = tree.rel(c);
        rel == Rel::Negation
            || (rel == Rel::Advmod || tree.upos(c) == Upos::Part)
                && NEGATION.contains(&tree.upper(c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::tests::sentence;
    use petrel_core::Upos::*;

    #[test]
    fn plain_past_is_asserted() {
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("attacked", "attack", Verb, 0, "root"),
            ("Gondor", "Gondor", Propn, 2, "obj"),
        ]);
        assert_eq!(of_verb(&Tree::new(&s), 2), Modality::Asserted);
    }

    #[test]
    fn negation_future_and_hypothetical() {
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 4, "nsubj"),
            ("will", "will", Aux, 4, "aux"),
            ("not", "not", Part, 4, "advmod"),
            ("attack", "attack", Verb, 0, "root"),
        ]);
        assert_eq!(of_verb(&Tree::new(&s), 4), Modality::Negated);
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 3, "nsubj"),
            ("will", "will", Aux, 3, "aux"),
            ("attack", "attack", Verb, 0, "root"),
        ]);
        assert_eq!(of_verb(&Tree::new(&s), 3), Modality::Future);
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 3, "nsubj"),
            ("could", "could", Aux, 3, "aux"),
            ("attack", "attack", Verb, 0, "root"),
        ]);
        assert_eq!(of_verb(&Tree::new(&s), 3), Modality::Hypothetical);
    }

    #[test]
    fn governing_verbs_carry_over() {
        // "Arnor vowed to attack": the attack is promised, not done.
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("vowed", "vow", Verb, 0, "root"),
            ("to", "to", Part, 4, "mark"),
            ("attack", "attack", Verb, 2, "xcomp"),
        ]);
        assert_eq!(of_verb(&Tree::new(&s), 4), Modality::Future);
        // "Gondor said Arnor attacked": reported.
        let s = sentence(&[
            ("Gondor", "Gondor", Propn, 2, "nsubj"),
            ("said", "say", Verb, 0, "root"),
            ("Arnor", "Arnor", Propn, 4, "nsubj"),
            ("attacked", "attack", Verb, 2, "ccomp"),
        ]);
        assert_eq!(of_verb(&Tree::new(&s), 4), Modality::Reported);
    }
}
