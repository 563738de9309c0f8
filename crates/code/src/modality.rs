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

/// True for an act announced for the future by whoever is to do it: the verb's own auxiliary is
/// "will", "shall" or "'ll", it is not negated, not in an "if"/"unless"/"when" clause, and it is
/// either not governed by another verb ("Putin will visit Ankara") or the complement of a verb of
/// saying whose speaker it names by a pronoun ("the rebels said they will release two guards").
/// What a third party predicts ("analysts say China will ...") is no announcement.
pub fn announced_future(tree: &Tree<'_>, verb: u32) -> bool {
    let children = tree.children(verb);
    let will = children
        .iter()
        .any(|&c| tree.rel(c) == Rel::Aux && matches!(tree.upper(c), "WILL" | "SHALL" | "'LL"));
    let conditional = children
        .iter()
        .any(|&c| tree.rel(c) == Rel::Mark && matches!(tree.upper(c), "IF" | "UNLESS" | "WHEN"));
    if !will || conditional || is_negated(tree, verb) {
        return false;
    }
    match tree.rel(verb) {
        Rel::Ccomp => {
            REPORTING.contains(&tree.upper_lemma(tree.head(verb)))
                && children.iter().any(|&c| {
                    matches!(tree.rel(c), Rel::Subject | Rel::PassiveSubject)
                        && SPEAKER_PRONOUNS.contains(&tree.upper(c))
                })
        }
        Rel::Xcomp | Rel::Advcl | Rel::Acl | Rel::Relcl => false,
        _ => true,
    }
}

/// Pronouns by which a clause reported by a speaker names the speaker itself.
const SPEAKER_PRONOUNS: &[&str] = &["IT", "THEY", "HE", "SHE", "WE", "I"];

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
    fn an_act_announced_by_its_actor_is_a_future_announcement() {
        // "Arnor will attack Gondor": announced.
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 3, "nsubj"),
            ("will", "will", Aux, 3, "aux"),
            ("attack", "attack", Verb, 0, "root"),
            ("Gondor", "Gondor", Propn, 3, "obj"),
        ]);
        assert!(announced_future(&Tree::new(&s), 3));
        // "Arnor said it will attack": the speaker announces its own act.
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("said", "say", Verb, 0, "root"),
            ("it", "it", Pron, 5, "nsubj"),
            ("will", "will", Aux, 5, "aux"),
            ("attack", "attack", Verb, 2, "ccomp"),
        ]);
        assert!(announced_future(&Tree::new(&s), 5));
        // "Analysts said Arnor will attack": a prediction, not an announcement.
        let s = sentence(&[
            ("Analysts", "analyst", Noun, 2, "nsubj"),
            ("said", "say", Verb, 0, "root"),
            ("Arnor", "Arnor", Propn, 5, "nsubj"),
            ("will", "will", Aux, 5, "aux"),
            ("attack", "attack", Verb, 2, "ccomp"),
        ]);
        assert!(!announced_future(&Tree::new(&s), 5));
        // "Arnor will not attack", "Arnor attacked": no announcement.
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 4, "nsubj"),
            ("will", "will", Aux, 4, "aux"),
            ("not", "not", Part, 4, "advmod"),
            ("attack", "attack", Verb, 0, "root"),
        ]);
        assert!(!announced_future(&Tree::new(&s), 4));
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("attacked", "attack", Verb, 0, "root"),
        ]);
        assert!(!announced_future(&Tree::new(&s), 2));
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
