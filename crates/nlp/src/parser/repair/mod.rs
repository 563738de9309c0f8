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
//! - a reported clause whose verb the tagger took for an adjective, and a verb's object read as
//!   the subject of the verb conjoined with it ("removed Morsi ... and suspended");
//! - words hung on punctuation, and a hyphenated name torn apart ("Yun Byung-se").
//!
//! The parser is trained on web text and a mix of genres (UD English EWT and GUM), where "Barack
//! Obama and Vladimir Putin will meet" or "met Bashar Assad Tuesday" are rare; its greedy
//! decisions there attach `Putin` to `Barack` or `Tuesday` to `Bashar` as parts of the name, and
//! the coder then reads the wrong actors. Each repair only moves a token to a head that keeps the
//! tree a tree.
//!
//! The repairs are one table, [`REPAIRS`], in the order they run, each with a name; the names of
//! those that changed a sentence go into [`Sentence::repairs`] (and from there into `petrel
//! parse`'s MISC and each coded event's provenance). They live in files by kind: `names`,
//! `hyphens`, `dates`, `subjects`, `verbs`, `attribution`, `phrases`, and `lead` for the two that
//! rebuild the whole sentence; repairs that mend the same construction are one entry (a name
//! split across "and" or into two objects; a closing attribution and its subject). The helpers
//! they share (`head`, `attach`, `reroot`, `dominates`, `children`, `is_tree`) stay here. Each
//! file tests its own repairs: a misparsed sentence in, the fixed arcs out, through the table
//! entry, which must not fire again on its own output nor on well-parsed sentences
//! (`testing::good_parses`); the tests here cover the table and repairs working together.

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
        name: "detach_weekdays",
        apply: Apply::Temporal(detach_weekdays),
    },
    Repair {
        name: "restore_objects_read_as_next_subjects",
        apply: Apply::Tokens(restore_objects_read_as_next_subjects),
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
        name: "attach_attributions",
        apply: Apply::Tokens(attach_attributions),
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
        name: "attach_stranded_prepositions",
        apply: Apply::Tokens(attach_stranded_prepositions),
    },
    Repair {
        name: "relabel_conjuncts_read_as_modifiers",
        apply: Apply::Tokens(relabel_conjuncts_read_as_modifiers),
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
    let mut was_tree = is_tree(&sentence.tokens);
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
        let changed = |(t, was): (&Token, &(u32, Deprel, Upos))| {
            t.head != was.0 || t.deprel != was.1 || t.upos != was.2
        };
        let words: Vec<u32> = (1..)
            .zip(sentence.tokens.iter().zip(&before))
            .filter(|(_, pair)| changed(*pair))
            .map(|(k, _)| k)
            .collect();
        if words.is_empty() {
            continue;
        }
        // A repair that left no tree (a case its conditions missed) is undone; only a repair
        // that moved words is checked.
        let tree = is_tree(&sentence.tokens);
        if was_tree && !tree {
            for (t, was) in sentence.tokens.iter_mut().zip(&before) {
                t.head = was.0;
                t.deprel = was.1.clone();
                t.upos = was.2;
            }
            continue;
        }
        was_tree = tree;
        for (t, was) in sentence.tokens.iter().zip(before.iter_mut()) {
            if changed((t, was)) {
                *was = (t.head, t.deprel.clone(), t.upos);
            }
        }
        sentence.repairs.push(ParseRepair {
            name: repair.name.to_string(),
            words,
        });
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

/// What the tests of every repair file share: sentences from rows, their arcs, and [`fix`], which
/// runs one repair of the table.
#[cfg(test)]
pub(super) mod testing {
    use super::*;

    /// Tokens from `(form, upos, head, deprel)` rows.
    pub(super) fn tokens(rows: &[(&str, Upos, u32, &str)]) -> Vec<Token> {
        rows.iter()
            .map(|&(form, upos, head, rel)| {
                let mut t = Token::new(form).with_upos(upos);
                t.head = head;
                t.deprel = Deprel::new(rel);
                t
            })
            .collect()
    }
    pub(super) fn heads(tokens: &[Token]) -> Vec<(u32, &str)> {
        tokens.iter().map(|t| (t.head, t.deprel.as_str())).collect()
    }
    /// [`heads`] as owned values, to compare a sentence before and after a repair.
    pub(super) fn owned_heads(tokens: &[Token]) -> Vec<(u32, String)> {
        tokens
            .iter()
            .map(|t| (t.head, t.deprel.as_str().to_string()))
            .collect()
    }
    pub(super) fn glued(mut t: Vec<Token>, glued_to_next: &[usize]) -> Vec<Token> {
        for &i in glued_to_next {
            t[i].space_after = false;
        }
        t
    }

    /// Runs the repair of [`REPAIRS`] named `name` (a token repair) on `tokens`, and checks that it
    /// does not fire again on what it made: a repair that undoes or redoes its own work would
    /// flip a tree back and forth.
    pub(super) fn fix(name: &str, tokens: &mut [Token]) {
        let temporal = Deprel::new("obl:unmarked");
        let run = |tokens: &mut [Token]| {
            let repair = REPAIRS.iter().find(|r| r.name == name);
            match repair.map(|r| r.apply) {
                Some(Apply::Tokens(f)) => f(tokens),
                Some(Apply::Temporal(f)) => f(tokens, &temporal),
                _ => panic!("no token repair is named {name}"),
            }
        };
        run(tokens);
        let once = owned_heads(tokens);
        run(tokens);
        assert_eq!(
            owned_heads(tokens),
            once,
            "{name} fired again on its own output"
        );
    }

    /// Well-parsed news sentences (UD English arcs) of the kinds the repairs look at: names
    /// joined by "and", a weekday, a hyphenated participle, a relative clause, an attribution,
    /// a reported clause, a title before a name, a subordinate clause.
    pub(super) fn good_parses() -> Vec<Vec<Token>> {
        use Upos::*;
        let mut hyphenated = glued(
            tokens(&[
                ("Iran", Propn, 3, "compound"),
                ("-", Punct, 3, "punct"),
                ("backed", Verb, 5, "amod"),
                ("Houthi", Propn, 5, "compound"),
                ("rebels", Noun, 6, "nsubj"),
                ("fired", Verb, 0, "root"),
                ("missiles", Noun, 6, "obj"),
                (",", Punct, 10, "punct"),
                ("officials", Noun, 10, "nsubj"),
                ("said", Verb, 6, "parataxis"),
                (".", Punct, 6, "punct"),
            ]),
            &[0, 1],
        );
        hyphenated[5].xpos = "VBD".into();
        hyphenated[9].xpos = "VBD".into();
        let mut relative = tokens(&[
            ("The", Det, 2, "det"),
            ("civilians", Noun, 7, "nsubj:pass"),
            ("who", Pron, 5, "nsubj:pass"),
            ("were", Aux, 5, "aux:pass"),
            ("imprisoned", Verb, 2, "acl:relcl"),
            ("were", Aux, 7, "aux:pass"),
            ("released", Verb, 0, "root"),
            ("after", Sconj, 11, "mark"),
            ("the", Det, 10, "det"),
            ("talks", Noun, 11, "nsubj"),
            ("ended", Verb, 7, "advcl"),
            (".", Punct, 7, "punct"),
        ]);
        relative[4].xpos = "VBN".into();
        relative[6].xpos = "VBN".into();
        relative[10].xpos = "VBD".into();
        let mut reported = tokens(&[
            ("Defense", Propn, 2, "compound"),
            ("Minister", Propn, 3, "compound"),
            ("Tomomi", Propn, 5, "nsubj"),
            ("Inada", Propn, 3, "flat"),
            ("said", Verb, 0, "root"),
            ("Japan", Propn, 7, "nsubj"),
            ("protested", Verb, 5, "ccomp"),
            ("the", Det, 9, "det"),
            ("launch", Noun, 7, "obj"),
            (".", Punct, 5, "punct"),
        ]);
        reported[4].xpos = "VBD".into();
        reported[6].xpos = "VBD".into();
        vec![
            tokens(&[
                ("Barack", Propn, 7, "nsubj"),
                ("Obama", Propn, 1, "flat"),
                ("and", Cconj, 4, "cc"),
                ("Vladimir", Propn, 1, "conj"),
                ("Putin", Propn, 4, "flat"),
                ("will", Aux, 7, "aux"),
                ("meet", Verb, 0, "root"),
                ("in", Adp, 9, "case"),
                ("Geneva", Propn, 7, "obl"),
                ("Tuesday", Propn, 7, "obl:unmarked"),
                (".", Punct, 7, "punct"),
            ]),
            hyphenated,
            relative,
            reported,
        ]
    }

    /// Checks that the repair named `name` leaves each of [`good_parses`] as it is.
    pub(super) fn leaves_good_parses_alone(name: &str) {
        for sentence in good_parses() {
            let mut t = sentence.clone();
            fix(name, &mut t);
            let forms: Vec<&str> = sentence.iter().map(|t| t.form.as_str()).collect();
            assert_eq!(
                owned_heads(&t),
                owned_heads(&sentence),
                "{name} changed a good parse of {forms:?}"
            );
            assert!(
                t.iter().zip(&sentence).all(|(a, b)| a.upos == b.upos),
                "{name} retagged a good parse of {forms:?}"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;
    #[test]
    fn the_table_names_each_repair_once() {
        let mut names: Vec<&str> = REPAIRS.iter().map(|r| r.name).collect();
        assert_eq!(names.len(), 25);
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
    fn the_repairs_leave_a_tree() {
        use Upos::*;
        // "The United States on Thursday fired two shells at Seoul ." with `fired` a clause on
        // `States` and `Thursday` its subject: no repair may leave two roots.
        let mut t = tokens(&[
            ("The", Det, 3, "det"),
            ("United", Adj, 3, "amod"),
            ("States", Propn, 0, "root"),
            ("on", Adp, 5, "case"),
            ("Thursday", Propn, 6, "nsubj"),
            ("fired", Verb, 3, "acl"),
            ("two", Num, 8, "nummod"),
            ("shells", Noun, 6, "obj"),
            ("at", Adp, 10, "case"),
            ("Seoul", Propn, 6, "obl"),
            (".", Punct, 3, "punct"),
        ]);
        t[5].xpos = "VBD".into();
        let mut s = Sentence {
            tokens: t,
            ..Sentence::default()
        };
        repair_sentence(&mut s, &Deprel::new("obl:unmarked"), RepairSet::all());
        assert!(is_tree(&s.tokens), "{:?}", heads(&s.tokens));
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
}
