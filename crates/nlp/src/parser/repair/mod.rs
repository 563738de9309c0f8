//! Repairs of parser errors that news sentences make common and that cost events:
//! - a name split across a coordination ("Barack Obama and Vladimir Putin");
//! - a participle glued to a word by a hyphen read as a verb ("Iran-backed Houthi rebels fired");
//! - a weekday glued to a name ("met Bashar Assad Tuesday");
//! - coordinated subjects parsed as two subjects, or an `of` phrase parsed as a second subject;
//! - a sentence rooted at its first subject, its verb read as a relative clause on it, and a
//!   title read as a subject of its own ("Defense Minister Tomomi Inada met");
//! - a clause after "after" read as a prepositional phrase ("after both countries barred ...");
//! - a sentence's only verb read as an adjective ("Qatar proposed talks ..."), and a name tagged as
//!   an auxiliary ("Beijing denounced");
//! - a finite verb parsed as a modifier, and a reduced relative parsed as the main clause;
//! - a subject cut from its verb by "on Monday", and a lead rooted at its title;
//! - a closing attribution (", Reuters reports.") read as nouns, or its subject hung on the
//!   reported clause (", officials from both countries said");
//! - a reported clause whose verb the tagger took for an adjective;
//! - words hung on punctuation, and a hyphenated name torn apart ("Yun Byung-se").
//!
//! The parser is trained on web text and a mix of genres (UD English EWT and GUM), where "Barack
//! Obama and Vladimir Putin will meet" or "met Bashar Assad Tuesday" are rare; its greedy
//! decisions there attach `Putin` to `Barack` or `Tuesday` to `Bashar` as parts of the name, and
//! the coder then reads the wrong actors. Each repair only moves a token to a head that keeps the
//! tree a tree.
//!
//! The repairs are one table, [`REPAIRS`], in the order they run, each with a name; the names of
//! those that changed a sentence go into [`Sentence::repairs`]. They live in files by kind:
//! `names`, `hyphens`, `dates`, `subjects`, `verbs`, `attribution`, `phrases`, and `lead` for the
//! two that rebuild the whole sentence. The helpers they share (`head`, `attach`, `reroot`,
//! `dominates`, `children`, `is_tree`) and the tests of the token repairs stay here.

mod attribution;
mod dates;
mod hyphens;
mod lead;
mod names;
mod phrases;
mod subjects;
mod verbs;

pub use names::{join_names, tag_names};

use attribution::*;
use dates::*;
use hyphens::*;
use names::*;
use phrases::*;
use subjects::*;
use verbs::*;

use petrel_core::calendar::is_weekday_name as is_weekday;
use petrel_core::{Deprel, ParseRepair, Sentence, Token, Upos};

/// How a repair works: on the tokens, on the tokens with the model's temporal relation, or on
/// the whole sentence (returning the repaired copy, `None` when it does not apply).
#[derive(Clone, Copy)]
enum Apply {
    Tokens(fn(&mut [Token])),
    Temporal(fn(&mut [Token], &Deprel)),
    Sentence(fn(&Sentence) -> Option<Sentence>),
}

/// One named repair of the table.
#[derive(Clone, Copy)]
pub struct Repair {
    /// The name `petrel parse` writes in MISC (`Repair=...`) when the repair changed a word.
    pub name: &'static str,
    apply: Apply,
}

/// Every repair, in the order they run: the token repairs, then those that rebuild the
/// sentence ([`lead`]). Order matters where two look at the same words: the punctuation repair
/// runs before the bare-adjective one, because the parser often hangs such a phrase on the full
/// stop.
pub const REPAIRS: &[Repair] = &[
    Repair {
        name: "join_split_names",
        apply: Apply::Tokens(join_split_names),
    },
    Repair {
        name: "attach_hyphenated_participles",
        apply: Apply::Tokens(attach_hyphenated_participles),
    },
    Repair {
        name: "join_names_read_as_two_objects",
        apply: Apply::Tokens(join_names_read_as_two_objects),
    },
    Repair {
        name: "detach_weekdays",
        apply: Apply::Temporal(detach_weekdays),
    },
    Repair {
        name: "coordinate_subjects",
        apply: Apply::Tokens(coordinate_subjects),
    },
    Repair {
        name: "name_false_auxiliaries",
        apply: Apply::Tokens(name_false_auxiliaries),
    },
    Repair {
        name: "join_titles_to_names",
        apply: Apply::Tokens(join_titles_to_names),
    },
    Repair {
        name: "raise_verbs_of_coordinated_subjects",
        apply: Apply::Tokens(raise_verbs_of_coordinated_subjects),
    },
    Repair {
        name: "open_clauses_after_subordinators",
        apply: Apply::Tokens(open_clauses_after_subordinators),
    },
    Repair {
        name: "restore_verbs_read_as_modifiers",
        apply: Apply::Tokens(restore_verbs_read_as_modifiers),
    },
    Repair {
        name: "attach_of_phrase_subjects",
        apply: Apply::Tokens(attach_of_phrase_subjects),
    },
    Repair {
        name: "raise_modifiers_with_auxiliaries",
        apply: Apply::Tokens(raise_modifiers_with_auxiliaries),
    },
    Repair {
        name: "lower_reduced_relatives",
        apply: Apply::Tokens(lower_reduced_relatives),
    },
    Repair {
        name: "lower_visiting_modifiers",
        apply: Apply::Tokens(lower_visiting_modifiers),
    },
    Repair {
        name: "raise_verbs_after_dated_subjects",
        apply: Apply::Tokens(raise_verbs_after_dated_subjects),
    },
    Repair {
        name: "attach_final_attributions",
        apply: Apply::Tokens(attach_final_attributions),
    },
    Repair {
        name: "attach_attribution_subjects",
        apply: Apply::Tokens(attach_attribution_subjects),
    },
    Repair {
        name: "restore_lost_verbs",
        apply: Apply::Tokens(restore_lost_verbs),
    },
    Repair {
        name: "raise_verbs_under_titles",
        apply: Apply::Tokens(raise_verbs_under_titles),
    },
    Repair {
        name: "lower_punctuation_heads",
        apply: Apply::Tokens(lower_punctuation_heads),
    },
    Repair {
        name: "head_phrases_of_bare_adjectives",
        apply: Apply::Tokens(head_phrases_of_bare_adjectives),
    },
    Repair {
        name: "join_hyphenated_names",
        apply: Apply::Tokens(join_hyphenated_names),
    },
    Repair {
        name: "hyphenated_modifier",
        apply: Apply::Sentence(lead::hyphenated_modifier),
    },
    Repair {
        name: "lead_subject",
        apply: Apply::Sentence(lead::lead_subject),
    },
];

/// Which repairs of [`REPAIRS`] run: a bit per repair, by position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RepairSet(u64);

impl Default for RepairSet {
    fn default() -> RepairSet {
        RepairSet::all()
    }
}

impl RepairSet {
    pub fn all() -> RepairSet {
        RepairSet(u64::MAX)
    }

    pub fn none() -> RepairSet {
        RepairSet(0)
    }

    /// The set without the repair named `name`; `None` when no repair has that name.
    pub fn without(self, name: &str) -> Option<RepairSet> {
        let i = REPAIRS.iter().position(|r| r.name == name)?;
        Some(RepairSet(self.0 & !(1 << i)))
    }

    pub fn contains(self, i: usize) -> bool {
        i < 64 && self.0 & (1 << i) != 0
    }
}

/// Applies the repairs of `enabled` to a parsed sentence in table order, and records in
/// `sentence.repairs` each one that changed a word's head, relation or tag.
pub(crate) fn repair_sentence(sentence: &mut Sentence, temporal: &Deprel, enabled: RepairSet) {
    // The repairs look at pairs of tokens and head paths: quadratic or worse in the length, so a
    // sentence longer than the tokenizer ever makes (a caller's own tokens) is left as parsed.
    if sentence.tokens.len() > crate::tokenize::MAX_SENTENCE_TOKENS {
        return;
    }
    let mut before: Vec<(u32, Deprel, Upos)> = sentence
        .tokens
        .iter()
        .map(|t| (t.head, t.deprel.clone(), t.upos))
        .collect();
    for (i, repair) in REPAIRS.iter().enumerate() {
        if !enabled.contains(i) {
            continue;
        }
        match repair.apply {
            Apply::Tokens(f) => f(&mut sentence.tokens),
            Apply::Temporal(f) => f(&mut sentence.tokens, temporal),
            Apply::Sentence(f) => {
                if let Some(repaired) = f(sentence) {
                    sentence.tokens = repaired.tokens;
                }
            }
        }
        let mut words = Vec::new();
        for (k, (t, was)) in sentence.tokens.iter().zip(before.iter_mut()).enumerate() {
            if t.head != was.0 || t.deprel != was.1 || t.upos != was.2 {
                words.push(k as u32 + 1);
                *was = (t.head, t.deprel.clone(), t.upos);
            }
        }
        if !words.is_empty() {
            sentence.repairs.push(ParseRepair {
                name: repair.name.to_string(),
                words,
            });
        }
    }
}

/// Applies the token repairs (all but the sentence ones) to a parsed sentence. `temporal` is the
/// relation for a bare temporal noun attached to a verb (`obl:unmarked` in current UD English,
/// `obl:tmod` before).
#[cfg(test)]
pub(crate) fn repair(tokens: &mut [Token], temporal: &Deprel) {
    if tokens.len() > crate::tokenize::MAX_SENTENCE_TOKENS {
        return;
    }
    for repair in REPAIRS {
        match repair.apply {
            Apply::Tokens(f) => f(tokens),
            Apply::Temporal(f) => f(tokens, temporal),
            Apply::Sentence(_) => {}
        }
    }
}

/// The 0-based index of token `i`'s head, `None` at the root.
fn head(tokens: &[Token], i: usize) -> Option<usize> {
    tokens.get(i).and_then(|t| (t.head as usize).checked_sub(1))
}

/// Hangs token `i` on `head` (0-based; `None` makes it the root) with `relation`.
fn attach(tokens: &mut [Token], i: usize, head: Option<usize>, relation: &str) {
    if let Some(t) = tokens.get_mut(i) {
        t.head = head.map_or(0, |h| h as u32 + 1);
        t.deprel = Deprel::new(relation);
    }
}

/// Makes `verb` the root in place of `root`; the old root's dependents after the verb (final
/// punctuation, later clauses) go with it.
fn reroot(tokens: &mut [Token], root: usize, verb: usize) {
    for c in children(tokens, root) {
        if c > verb {
            if let Some(t) = tokens.get_mut(c) {
                t.head = verb as u32 + 1;
            }
        }
    }
    attach(tokens, verb, None, "root");
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

/// The children of `i`, in order.
fn children(tokens: &[Token], i: usize) -> Vec<usize> {
    (0..tokens.len())
        .filter(|&c| head(tokens, c) == Some(i))
        .collect()
}

/// Whether the tokens' heads form a tree (the parser's own check on training trees), every head
/// within the sentence.
fn is_tree(tokens: &[Token]) -> bool {
    let heads: Vec<u32> = std::iter::once(0)
        .chain(tokens.iter().map(|t| t.head))
        .collect();
    tokens.iter().all(|t| t.head as usize <= tokens.len()) && super::is_tree(&heads)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ops::Range;

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

    /// [`heads`] as owned values, to compare a sentence before and after a repair.
    fn owned_heads(tokens: &[Token]) -> Vec<(u32, String)> {
        tokens
            .iter()
            .map(|t| (t.head, t.deprel.as_str().to_string()))
            .collect()
    }

    #[test]
    fn the_table_names_each_repair_once() {
        let mut names: Vec<&str> = REPAIRS.iter().map(|r| r.name).collect();
        assert_eq!(names.len(), 24);
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), REPAIRS.len());
        assert!(REPAIRS.len() <= 64, "RepairSet has a bit per repair");
    }

    /// The Obama–Putin sentence of the next test, as a whole sentence: the repair that fired is
    /// recorded with the words it moved, and turning it off leaves the parse alone.
    #[test]
    fn the_repairs_that_fired_are_recorded_and_can_be_turned_off() {
        use Upos::*;
        let parsed = Sentence {
            tokens: tokens(&[
                ("Barack", Propn, 7, "nsubj"),
                ("Obama", Propn, 1, "flat"),
                ("and", Cconj, 4, "cc"),
                ("Vladimir", Propn, 1, "conj"),
                ("Putin", Propn, 1, "flat"),
                ("will", Aux, 7, "aux"),
                ("meet", Verb, 0, "root"),
            ]),
            ..Sentence::default()
        };
        let temporal = Deprel::new("obl:unmarked");
        let mut s = parsed.clone();
        repair_sentence(&mut s, &temporal, RepairSet::all());
        let fired: Vec<&str> = s.repairs.iter().map(|r| r.name.as_str()).collect();
        assert!(fired.contains(&"join_split_names"), "{fired:?}");
        let split = s.repairs.iter().find(|r| r.name == "join_split_names");
        assert!(
            split.is_some_and(|r| r.words.contains(&5)),
            "{:?}",
            s.repairs
        );

        let mut off = parsed.clone();
        let without = RepairSet::all().without("join_split_names");
        assert!(without.is_some());
        repair_sentence(&mut off, &temporal, without.unwrap_or_default());
        assert!(off.repairs.iter().all(|r| r.name != "join_split_names"));

        let mut none = parsed.clone();
        repair_sentence(&mut none, &temporal, RepairSet::none());
        assert_eq!(none, parsed);
        assert!(RepairSet::all().without("no_such_repair").is_none());
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
    fn a_reduced_relative_is_not_the_main_clause() {
        use Upos::*;
        let mut t = tokens(&[
            ("The", Det, 2, "det"),
            ("civilians", Noun, 3, "nsubj"),
            ("imprisoned", Verb, 0, "root"),
            ("for", Sconj, 5, "mark"),
            ("acting", Verb, 3, "advcl"),
            ("were", Aux, 7, "aux:pass"),
            ("released", Verb, 3, "ccomp"),
            (".", Punct, 3, "punct"),
        ]);
        t[2].xpos = "VBD".into();
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(
            t[2].xpos, "VBN",
            "a reduced relative's verb is a participle"
        );
        assert_eq!(
            heads(&t),
            [
                (2, "det"),
                (7, "nsubj:pass"),
                (2, "acl"),
                (5, "mark"),
                (3, "advcl"),
                (7, "aux:pass"),
                (0, "root"),
                (7, "punct")
            ]
        );
        // "He said they were released": the complement has a subject.
        let mut t = tokens(&[
            ("He", Pron, 2, "nsubj"),
            ("said", Verb, 0, "root"),
            ("they", Pron, 5, "nsubj:pass"),
            ("were", Aux, 5, "aux:pass"),
            ("released", Verb, 2, "ccomp"),
        ]);
        t[1].xpos = "VBD".into();
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[1], (0, "root"));
    }

    #[test]
    fn a_day_between_subject_and_verb_does_not_cut_them_apart() {
        use Upos::*;
        let mut t = tokens(&[
            ("Israel", Propn, 0, "root"),
            ("on", Adp, 3, "case"),
            ("Wednesday", Propn, 1, "nmod"),
            ("released", Verb, 7, "advcl"),
            ("prisoners", Noun, 4, "obj"),
            (",", Punct, 7, "punct"),
            ("said", Verb, 1, "dep"),
        ]);
        t[3].xpos = "VBD".into();
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[3], (0, "root"));
        assert_eq!(heads(&t)[0], (4, "nsubj"));
        assert_eq!(heads(&t)[2], (4, "obl"));
    }

    #[test]
    fn a_closing_attribution_is_a_verb_on_the_main_clause() {
        use Upos::*;
        let mut t = tokens(&[
            ("Iraq", Propn, 2, "nsubj"),
            ("met", Verb, 0, "root"),
            ("militants", Noun, 2, "obj"),
            (",", Punct, 5, "punct"),
            ("Reuters", Noun, 3, "conj"),
            ("reports", Noun, 3, "conj"),
            (".", Punct, 2, "punct"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(
            heads(&t),
            [
                (2, "nsubj"),
                (0, "root"),
                (2, "obj"),
                (6, "punct"),
                (6, "nsubj"),
                (2, "parataxis"),
                (2, "punct")
            ]
        );
        assert_eq!(t[5].upos, Verb);
    }

    fn glued(mut t: Vec<Token>, glued_to_next: &[usize]) -> Vec<Token> {
        for &i in glued_to_next {
            t[i].space_after = false;
        }
        t
    }

    #[test]
    fn a_glued_participle_read_as_the_root_describes_the_phrase_after_it() {
        use Upos::*;
        // "Iran-backed Houthi rebels fired missiles"
        let mut t = glued(
            tokens(&[
                ("Iran", Propn, 3, "obl:unmarked"),
                ("-", Punct, 1, "punct"),
                ("backed", Verb, 0, "root"),
                ("Houthi", Propn, 5, "compound"),
                ("rebels", Noun, 6, "nsubj"),
                ("fired", Verb, 3, "ccomp"),
                ("missiles", Noun, 6, "obj"),
                (".", Punct, 3, "punct"),
            ]),
            &[0, 1],
        );
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(
            heads(&t),
            [
                (3, "compound"),
                (3, "punct"),
                (5, "amod"),
                (5, "compound"),
                (6, "nsubj"),
                (0, "root"),
                (6, "obj"),
                (6, "punct")
            ]
        );
        // "Rebel-held Aleppo was shelled", rooted at the word before the hyphen.
        let mut t = glued(
            tokens(&[
                ("Rebel", Propn, 0, "root"),
                ("-", Punct, 3, "punct"),
                ("held", Noun, 1, "parataxis"),
                ("Aleppo", Propn, 6, "nsubj:pass"),
                ("was", Aux, 6, "aux:pass"),
                ("shelled", Verb, 1, "dep"),
                (".", Punct, 6, "punct"),
            ]),
            &[0, 1],
        );
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[2], (4, "amod"));
        assert_eq!(heads(&t)[5], (0, "root"));
        assert_eq!(heads(&t)[0], (3, "compound"));
        // With spaces around the dash it is no compound word: left as parsed.
        let rows = [
            ("Iran", Propn, 0, "root"),
            ("-", Punct, 1, "punct"),
            ("backed", Verb, 1, "parataxis"),
            ("rebels", Noun, 3, "obj"),
        ];
        let mut t = tokens(&rows);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t), heads(&tokens(&rows)));
    }

    #[test]
    fn a_known_name_is_tagged_and_joined_into_one_phrase() {
        use Upos::*;
        // "Papua New Guinea" read as `Papua` with `Guinea` its object.
        let mut t = tokens(&[
            ("Papua", Propn, 0, "root"),
            ("New", Adj, 3, "amod"),
            ("Guinea", Propn, 1, "obj"),
        ]);
        tag_names(&mut t, &[Range { start: 0, end: 3 }]);
        assert_eq!(t[1].upos, Propn);
        join_names(&mut t, &[Range { start: 0, end: 3 }]);
        assert_eq!(heads(&t), [(0, "root"), (3, "amod"), (1, "flat")]);
        // "Recep Tayyip Erdogan met Putin", with `Recep` read as the root verb.
        let mut t = tokens(&[
            ("Recep", Verb, 0, "root"),
            ("Tayyip", Propn, 4, "nsubj"),
            ("Erdogan", Propn, 2, "flat"),
            ("met", Verb, 1, "dep"),
            ("Putin", Propn, 4, "obj"),
        ]);
        tag_names(&mut t, &[Range { start: 0, end: 3 }]);
        assert_eq!(t[0].upos, Propn);
        // Function words keep their tags.
        let mut f = tokens(&[("Organisation", Noun, 0, "root"), ("of", Adp, 3, "case")]);
        tag_names(&mut f, &[Range { start: 0, end: 2 }]);
        assert_eq!(f[1].upos, Adp);
        // The highest word of the span heads it; the others join it.
        join_names(&mut t, &[Range { start: 0, end: 3 }]);
        assert!(is_tree(&t));
        assert_eq!(heads(&t)[1], (1, "flat"));
        assert_eq!(heads(&t)[2], (2, "flat"));
    }

    #[test]
    fn a_subjectless_speech_verb_takes_the_phrase_before_it_as_its_subject() {
        use Upos::*;
        let rows = [
            ("India", Propn, 2, "nsubj"),
            ("agreed", Verb, 0, "root"),
            ("to", Part, 4, "mark"),
            ("resume", Verb, 2, "xcomp"),
            ("talks", Noun, 4, "obj"),
            (",", Punct, 7, "punct"),
            ("officials", Noun, 4, "obl"),
            ("from", Adp, 9, "case"),
            ("Pakistan", Propn, 7, "nmod"),
            ("said", Verb, 2, "conj"),
            (".", Punct, 2, "punct"),
        ];
        let mut t = tokens(&rows);
        for (token, lemma) in t.iter_mut().zip([
            "India", "agree", "to", "resume", "talk", ",", "official", "from", "Pakistan", "say",
            ".",
        ]) {
            token.lemma = lemma.into();
        }
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[5], (10, "punct"));
        assert_eq!(heads(&t)[6], (10, "nsubj"));
        assert_eq!(heads(&t)[9], (2, "parataxis"));
        // A coordinated verb with its own conjunction ("... and said") is left alone.
        let mut t = tokens(&rows);
        for (token, lemma) in t.iter_mut().zip([
            "India", "agree", "to", "resume", "talk", ",", "official", "and", "Pakistan", "say",
            ".",
        ]) {
            token.lemma = lemma.into();
        }
        t[7].form = "and".into();
        t[7].upos = Cconj;
        t[7].head = 10;
        t[7].deprel = Deprel::new("cc");
        t[8].head = 4;
        t[8].deprel = Deprel::new("obj");
        let before = owned_heads(&t);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        let after = owned_heads(&t);
        assert_eq!(before, after);
    }

    #[test]
    fn a_reported_verb_read_as_a_participle_on_the_first_subject_is_the_clause() {
        use Upos::*;
        let mut t = tokens(&[
            ("drones", Noun, 7, "nsubj"),
            ("struck", Verb, 1, "acl"),
            ("a", Det, 4, "det"),
            ("refinery", Noun, 2, "obj"),
            (",", Punct, 1, "punct"),
            ("officials", Noun, 7, "nsubj"),
            ("said", Verb, 0, "root"),
            (".", Punct, 7, "punct"),
        ]);
        t[1].xpos = "VBN".into();
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[0], (2, "nsubj"));
        assert_eq!(heads(&t)[1], (7, "ccomp"));
        assert_eq!(heads(&t)[3], (2, "obj"));
        assert_eq!(heads(&t)[5], (7, "nsubj"));
    }

    #[test]
    fn a_reported_clause_gets_back_the_verb_tagged_as_an_adjective() {
        use Upos::*;
        let mut t = tokens(&[
            ("rebels", Noun, 4, "compound"),
            ("engaged", Adj, 4, "amod"),
            ("Filipino", Propn, 4, "compound"),
            ("peacekeepers", Noun, 10, "nsubj"),
            ("in", Adp, 7, "case"),
            ("a", Det, 7, "det"),
            ("firefight", Noun, 4, "nmod"),
            (",", Punct, 9, "punct"),
            ("officials", Noun, 10, "nsubj"),
            ("said", Verb, 0, "root"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[1], (10, "ccomp"));
        assert_eq!(heads(&t)[0], (2, "nsubj"));
        assert_eq!(heads(&t)[3], (2, "obj"));
        assert_eq!(heads(&t)[6], (2, "obl"));
        assert_eq!(t[1].upos, Verb);
        // "Exiled opposition leaders, officials said": no noun before the `-ed` word.
        let mut t = tokens(&[
            ("exiled", Adj, 3, "amod"),
            ("opposition", Noun, 3, "compound"),
            ("leaders", Noun, 6, "nsubj"),
            (",", Punct, 5, "punct"),
            ("officials", Noun, 6, "nsubj"),
            ("said", Verb, 0, "root"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[0], (3, "amod"));
    }

    #[test]
    fn a_lead_rooted_at_a_title_is_rooted_at_its_verb() {
        use Upos::*;
        let mut t = tokens(&[
            ("Foreign", Adj, 2, "amod"),
            ("Minister", Propn, 0, "root"),
            ("Fumio", Propn, 5, "nsubj"),
            ("Kishida", Propn, 3, "flat"),
            ("met", Verb, 2, "dep"),
            ("Sergei", Propn, 8, "nsubj"),
            ("Lavrov", Propn, 6, "flat"),
            (".", Punct, 5, "punct"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(
            heads(&t),
            [
                (2, "amod"),
                (3, "nmod:desc"),
                (5, "nsubj"),
                (3, "flat"),
                (0, "root"),
                (5, "obj"),
                (6, "flat"),
                (5, "punct")
            ]
        );
    }

    #[test]
    fn a_hyphenated_name_stays_whole() {
        use Upos::*;
        let mut t = tokens(&[
            ("Yun", Propn, 5, "nsubj"),
            ("Byung", Propn, 1, "flat"),
            ("-", Punct, 4, "punct"),
            ("se", Noun, 1, "appos"),
            ("urged", Verb, 0, "root"),
        ]);
        t[1].space_after = false;
        t[2].space_after = false;
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[3], (2, "flat"));
        assert_eq!(heads(&t)[2], (4, "punct"));
        // With spaces around the dash it is punctuation between phrases.
        let mut t = tokens(&[
            ("Yun", Propn, 5, "nsubj"),
            ("Byung", Propn, 1, "flat"),
            ("-", Punct, 4, "punct"),
            ("se", Noun, 1, "appos"),
            ("urged", Verb, 0, "root"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[3], (1, "appos"));
    }

    #[test]
    fn an_of_phrase_is_not_a_second_subject() {
        use Upos::*;
        let mut t = tokens(&[
            ("The", Det, 3, "det"),
            ("US", Propn, 3, "compound"),
            ("Secretary", Propn, 6, "nsubj"),
            ("of", Adp, 6, "case"),
            ("state", Noun, 6, "nsubj"),
            ("wants", Verb, 0, "root"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[4], (3, "nmod"));
        assert_eq!(heads(&t)[3], (5, "case"));
        assert_eq!(heads(&t)[2], (6, "nsubj"));
    }

    #[test]
    fn a_verb_with_an_auxiliary_is_not_a_modifier() {
        use Upos::*;
        let mut t = tokens(&[
            ("Shabab", Propn, 4, "nsubj"),
            ("is", Aux, 3, "aux"),
            ("claiming", Verb, 4, "amod"),
            ("responsibility", Noun, 0, "root"),
            (".", Punct, 4, "punct"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(
            heads(&t),
            [
                (3, "nsubj"),
                (3, "aux"),
                (0, "root"),
                (3, "obj"),
                (4, "punct")
            ]
        );
    }

    #[test]
    fn a_verb_read_as_a_relative_clause_on_the_first_subject_is_the_root() {
        use Upos::*;
        // "Minister Kishida and his counterpart Lavrov agreed ." as the parser reads it.
        let mut t = tokens(&[
            ("Minister", Propn, 0, "root"),
            ("Kishida", Propn, 1, "flat"),
            ("and", Cconj, 6, "cc"),
            ("his", Pron, 5, "nmod:poss"),
            ("counterpart", Noun, 6, "nmod"),
            ("Lavrov", Propn, 7, "nsubj"),
            ("agreed", Verb, 1, "acl:relcl"),
            (".", Punct, 1, "punct"),
        ]);
        if let Some(v) = t.get_mut(6) {
            v.xpos = "VBD".into();
        }
        let mut relative = t.clone();
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[6], (0, "root"));
        assert_eq!(heads(&t)[0], (7, "nsubj"));
        assert_eq!(heads(&t)[5], (1, "conj"));
        assert_eq!(heads(&t)[2], (6, "cc"));
        assert_eq!(heads(&t)[7], (7, "punct"));
        // With a relative word it is a relative clause: "... Lavrov whom he met".
        if let Some(w) = relative.get_mut(3) {
            w.form = "whom".into();
            w.xpos = "WP".into();
            w.head = 7;
        }
        repair(&mut relative, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&relative)[6], (1, "acl:relcl"));
    }

    #[test]
    fn an_article_on_a_verb_heads_its_adjectives_into_an_object() {
        use Upos::*;
        // "sentenced a British national to ten years"
        let mut t = tokens(&[
            ("sentenced", Verb, 0, "root"),
            ("a", Det, 1, "det"),
            ("British", Adj, 1, "amod"),
            ("national", Adj, 1, "amod"),
            ("to", Adp, 6, "case"),
            ("years", Noun, 4, "obl"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[3], (1, "obj"));
        assert_eq!(heads(&t)[1], (4, "det"));
        assert_eq!(heads(&t)[2], (4, "amod"));
        assert_eq!(heads(&t)[5], (1, "obl"));
        assert_eq!(t[3].upos, Noun);
    }

    #[test]
    fn a_name_read_as_two_objects_is_one_name() {
        use Upos::*;
        // "help Papua New Guinea with training"
        let mut t = tokens(&[
            ("help", Verb, 0, "root"),
            ("Papua", Propn, 1, "obj"),
            ("New", Adj, 4, "amod"),
            ("Guinea", Propn, 1, "obj"),
            ("with", Adp, 6, "case"),
            ("training", Noun, 1, "obl"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[1], (4, "compound"));
        assert_eq!(heads(&t)[3], (1, "obj"));
        // The same with `Guinea` read as an object of `Papua`.
        let mut t = tokens(&[
            ("help", Verb, 0, "root"),
            ("Papua", Propn, 1, "obj"),
            ("New", Adj, 4, "amod"),
            ("Guinea", Propn, 2, "obj"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[1], (4, "compound"));
        assert_eq!(heads(&t)[3], (1, "obj"));
        // "gave Gondor money": a double object whose second word is lower-case stays.
        let mut t = tokens(&[
            ("gave", Verb, 0, "root"),
            ("Gondor", Propn, 1, "obj"),
            ("money", Noun, 1, "obj"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[1], (1, "obj"));
    }

    #[test]
    fn a_visiting_guest_is_the_object_of_the_verb_before() {
        use Upos::*;
        // "Xi met visiting Netanyahu in Beijing"
        let mut t = tokens(&[
            ("Xi", Propn, 2, "nsubj"),
            ("met", Verb, 0, "root"),
            ("visiting", Verb, 2, "xcomp"),
            ("Netanyahu", Propn, 3, "obj"),
            ("in", Adp, 6, "case"),
            ("Beijing", Propn, 3, "obl"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[3], (2, "obj"));
        assert_eq!(heads(&t)[2], (4, "amod"));
        assert_eq!(heads(&t)[5], (2, "obl"));
        // "stopped visiting Gaza": a complement, not a guest.
        let mut t = tokens(&[
            ("He", Pron, 2, "nsubj"),
            ("stopped", Verb, 0, "root"),
            ("visiting", Verb, 2, "xcomp"),
            ("Gaza", Propn, 3, "obj"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[2], (2, "xcomp"));
    }

    #[test]
    fn a_clause_after_a_subordinator_gets_its_subject() {
        use Upos::*;
        let mut t = tokens(&[
            ("Erdogan", Propn, 2, "nsubj"),
            ("accused", Verb, 0, "root"),
            ("Germany", Propn, 2, "obj"),
            ("after", Adp, 5, "case"),
            ("countries", Noun, 2, "obl"),
            ("barred", Verb, 2, "conj"),
            ("ministers", Noun, 6, "obj"),
        ]);
        if let Some(v) = t.get_mut(5) {
            v.xpos = "VBD".into();
        }
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[5], (2, "advcl"));
        assert_eq!(heads(&t)[4], (6, "nsubj"));
        assert_eq!(heads(&t)[3], (6, "mark"));
        // "met after the talks ended" is already right and stays so; "left after lunch" has
        // no verb to take.
        let mut t = tokens(&[
            ("He", Pron, 2, "nsubj"),
            ("left", Verb, 0, "root"),
            ("after", Adp, 4, "case"),
            ("lunch", Noun, 2, "obl"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[3], (2, "obl"));
        // "came as the leader prepared to attend", the verb tagged a participle and hung on the
        // main verb: a clause too, its verb now a past tense.
        let mut t = tokens(&[
            ("talks", Noun, 2, "nsubj"),
            ("came", Verb, 0, "root"),
            ("as", Adp, 4, "case"),
            ("leader", Noun, 2, "obl"),
            ("prepared", Verb, 2, "acl"),
            ("to", Part, 7, "mark"),
            ("attend", Verb, 5, "xcomp"),
        ]);
        if let Some(v) = t.get_mut(4) {
            v.xpos = "VBN".into();
        }
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[4], (2, "advcl"));
        assert_eq!(heads(&t)[3], (5, "nsubj"));
        assert_eq!(t[4].xpos, "VBD");
        // With an auxiliary it is a participle and stays one.
        let mut participle = tokens(&[
            ("talks", Noun, 2, "nsubj"),
            ("came", Verb, 0, "root"),
            ("as", Adp, 4, "case"),
            ("leader", Noun, 2, "obl"),
            ("having", Aux, 6, "aux"),
            ("prepared", Verb, 2, "acl"),
        ]);
        if let Some(v) = participle.get_mut(5) {
            v.xpos = "VBN".into();
        }
        repair(&mut participle, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&participle)[5], (2, "acl"));
    }

    #[test]
    fn an_irregular_past_read_as_a_modifier_after_a_hyphenated_participle_is_the_verb() {
        use Upos::*;
        // "The US-led coalition struck targets ." with `struck` a reduced relative.
        let mut t = tokens(&[
            ("The", Det, 5, "det"),
            ("US", Propn, 4, "obl:unmarked"),
            ("-", Punct, 2, "punct"),
            ("led", Verb, 5, "amod"),
            ("coalition", Noun, 0, "root"),
            ("struck", Verb, 5, "acl"),
            ("targets", Noun, 6, "obj"),
            (".", Punct, 5, "punct"),
        ]);
        for (i, tag) in [(3, "VBN"), (5, "VBN")] {
            if let Some(w) = t.get_mut(i) {
                w.xpos = tag.into();
            }
        }
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[5], (0, "root"));
        assert_eq!(heads(&t)[4], (6, "nsubj"));
        assert_eq!(heads(&t)[3], (5, "amod"));
    }

    #[test]
    fn an_adjective_after_a_possessive_before_the_verb_is_the_subject() {
        use Upos::*;
        // "Myanmar 's military bombed rebel positions ." read as one noun phrase.
        let mut t = tokens(&[
            ("Myanmar", Propn, 6, "nmod:poss"),
            ("'s", Part, 1, "case"),
            ("military", Adj, 6, "amod"),
            ("bombed", Verb, 6, "amod"),
            ("rebel", Noun, 6, "compound"),
            ("positions", Noun, 0, "root"),
            (".", Punct, 6, "punct"),
        ]);
        if let Some(p) = t.get_mut(1) {
            p.xpos = "POS".into();
        }
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[3], (0, "root"));
        assert_eq!(heads(&t)[2], (4, "nsubj"));
        assert_eq!(heads(&t)[0], (3, "nmod:poss"));
        assert_eq!(heads(&t)[5], (4, "obj"));
        assert_eq!(t[2].upos, Noun);
    }

    #[test]
    fn a_lone_ed_verb_read_as_an_adjective_is_the_main_verb() {
        use Upos::*;
        // "Qatar proposed talks ." read as one noun phrase.
        let mut t = tokens(&[
            ("Qatar", Propn, 3, "compound"),
            ("proposed", Verb, 3, "amod"),
            ("talks", Noun, 0, "root"),
            (".", Punct, 3, "punct"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(
            heads(&t),
            [(2, "nsubj"), (0, "root"), (2, "obj"), (2, "punct")]
        );
        // "Ireland and Norway recognised Palestine ." with the verb on the last name.
        let mut t = tokens(&[
            ("Ireland", Propn, 0, "root"),
            ("and", Cconj, 3, "cc"),
            ("Norway", Propn, 1, "conj"),
            ("recognised", Verb, 5, "amod"),
            ("Palestine", Propn, 1, "conj"),
            (".", Punct, 1, "punct"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[3], (0, "root"));
        assert_eq!(heads(&t)[0], (4, "nsubj"));
        assert_eq!(heads(&t)[4], (4, "obj"));
        assert_eq!(heads(&t)[2], (1, "conj"));
        // A caption's reduced passive ("killed in Gaza") stays a phrase.
        let mut t = tokens(&[
            ("Troops", Noun, 0, "root"),
            ("killed", Verb, 1, "acl"),
            ("in", Adp, 4, "case"),
            ("Gaza", Propn, 2, "obl"),
            (".", Punct, 1, "punct"),
        ]);
        let before = owned_heads(&t);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        let after = owned_heads(&t);
        assert_eq!(before, after);
    }

    #[test]
    fn an_ed_adjective_or_intransitive_verb_in_a_verbless_sentence_is_the_verb() {
        use Upos::*;
        // "Militants attacked soldiers ." with `attacked` tagged as an adjective.
        let mut t = tokens(&[
            ("Militants", Noun, 3, "nmod:poss"),
            ("attacked", Adj, 3, "amod"),
            ("soldiers", Noun, 0, "root"),
            (".", Punct, 3, "punct"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(
            heads(&t),
            [(2, "nsubj"), (0, "root"), (2, "obj"), (2, "punct")]
        );
        assert_eq!(t[1].upos, Verb);
        // "Troops mobilized along the border ." with the verb on the subject.
        let mut t = tokens(&[
            ("Troops", Noun, 0, "root"),
            ("mobilized", Verb, 1, "acl"),
            ("along", Adp, 4, "case"),
            ("border", Noun, 2, "obl"),
            (".", Punct, 1, "punct"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(
            heads(&t),
            [
                (2, "nsubj"),
                (0, "root"),
                (4, "case"),
                (2, "obl"),
                (2, "punct")
            ]
        );
    }

    #[test]
    fn a_first_name_tagged_as_an_adjective_is_the_subject_of_the_verb_after_it() {
        use Upos::*;
        // "Germany provided aid ." with Germany an adjective and the root.
        let mut t = tokens(&[
            ("Germany", Adj, 0, "root"),
            ("provided", Verb, 1, "dep"),
            ("aid", Noun, 2, "obj"),
            (".", Punct, 2, "punct"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(
            heads(&t),
            [(2, "nsubj"), (0, "root"), (2, "obj"), (2, "punct")]
        );
        assert_eq!(t[0].upos, Propn);
    }

    #[test]
    fn a_name_tagged_as_an_auxiliary_is_the_subject() {
        use Upos::*;
        let mut t = tokens(&[
            ("Beijing", Aux, 2, "aux:pass"),
            ("denounced", Verb, 0, "root"),
            ("Japan", Propn, 2, "obj"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[0], (2, "nsubj"));
        assert_eq!(t[0].upos, Propn);
        // A real auxiliary stays one.
        let mut t = tokens(&[("Was", Aux, 2, "aux:pass"), ("denounced", Verb, 0, "root")]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(t[0].upos, Aux);
    }

    #[test]
    fn a_title_read_as_a_second_subject_joins_the_name() {
        use Upos::*;
        let mut t = tokens(&[
            ("Defense", Propn, 5, "nsubj"),
            ("Minister", Propn, 1, "flat"),
            ("Tomomi", Propn, 5, "nsubj"),
            ("Inada", Propn, 3, "flat"),
            ("met", Verb, 0, "root"),
            ("Shoigu", Propn, 5, "obj"),
        ]);
        repair(&mut t, &Deprel::new("obl:unmarked"));
        assert_eq!(heads(&t)[0], (3, "compound"));
        assert_eq!(heads(&t)[2], (5, "nsubj"));
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
