//! The coder's learned path: the recogniser decides which candidates report which CAMEO root;
//! the rules resolve their actors through the same [`Coder::resolve_clause`] as the rules' path.
//!
//! What the rules still add here is a short table of named steps, recorded in the event's
//! provenance when they fire ([`LEARNED_RULES`]).

use crate::actors::{self, ActorLexicon, Resolved};
use crate::recogniser::features::{self, ActorView, RuleView};
use crate::recogniser::{Example, Recogniser};
use crate::syntax::{Rel, Tree};
use crate::verbs::VerbMatch;
use crate::{Clause, Coder};
use petrel_core::{CameoCode, Date, DictSource, RecogniserNote, Sentence, Span, Upos};
use petrel_dict::VerbCode;

/// The file name an event's provenance gives for a code the recogniser chose.
pub const RECOGNISER_FILE: &str = "recogniser";

/// The named rules of the learned path, in the order they apply.
pub const LEARNED_RULES: &[(&str, &str)] = &[
    (
        "dictionary-code-in-root",
        "the dictionary pattern's code is kept when its root is the recogniser's (it is more specific)",
    ),
    (
        "corpus-code-for-word",
        "otherwise the code is the one the corpus most often gave the word in that root",
    ),
    (
        "unnamed-source",
        "a subject that names no known actor is kept as an actor of unknown code (---)",
    ),
    (
        "target-in-complement",
        "with no target from the rules, the first of the verb's target phrases that names a known actor",
    ),
    (
        "unnamed-target",
        "else the most likely target phrase, kept as an actor of unknown code",
    ),
];

/// Words of time that head an oblique phrase which is no target ("on Monday").
const TIME_WORDS: &[&str] = &[
    "MONDAY",
    "TUESDAY",
    "WEDNESDAY",
    "THURSDAY",
    "FRIDAY",
    "SATURDAY",
    "SUNDAY",
    "JANUARY",
    "FEBRUARY",
    "MARCH",
    "APRIL",
    "MAY",
    "JUNE",
    "JULY",
    "AUGUST",
    "SEPTEMBER",
    "OCTOBER",
    "NOVEMBER",
    "DECEMBER",
    "DAY",
    "WEEK",
    "MONTH",
    "YEAR",
    "TIME",
    "WEEKEND",
    "MORNING",
    "EVENING",
    "NIGHT",
    "TODAY",
    "YESTERDAY",
    "TOMORROW",
];

/// Prepositions whose phrase can be whom an event is done to or with.
const TARGET_CASES: &[&str] = &[
    "WITH", "AGAINST", "TO", "ON", "AT", "INTO", "TOWARD", "TOWARDS", "FOR", "FROM", "OVER",
];

impl Coder {
    /// The clauses the recogniser finds events in.
    pub(crate) fn learned_clauses(
        &self,
        recogniser: &Recogniser,
        tree: &Tree<'_>,
        lexicon: &ActorLexicon<'_>,
        date: Date,
    ) -> Vec<Clause> {
        let mut out = Vec::new();
        for verb in features::candidates(tree) {
            let (mut clause, view) = self.candidate(tree, lexicon, verb, date);
            let feats = features::of_candidate(tree, verb, &view);
            let decision = recogniser.decide(&feats);
            let Some(root) = decision.root else { continue };
            if view.dict_root == Some(root) {
                clause.rules.push("dictionary-code-in-root");
            } else {
                let lemma = tree.upper_lemma(verb).to_lowercase();
                let Some(code) = recogniser
                    .code_for(&lemma, root)
                    .or_else(|| format!("{root:02}0").parse::<CameoCode>().ok())
                else {
                    continue;
                };
                let dictionary_line = clause.matched.source.clone();
                clause.matched.code = VerbCode::Event(code);
                clause.matched.entry_code = VerbCode::Event(code);
                clause.matched.source = DictSource {
                    file: RECOGNISER_FILE.to_string(),
                    line: 0,
                    text: if dictionary_line.file.is_empty() {
                        format!("{lemma} → {code}")
                    } else {
                        format!("{lemma} → {code} (over {dictionary_line})")
                    },
                };
                clause.rules.push("corpus-code-for-word");
            }
            if clause.sources.is_empty() {
                if let Some(r) = subject_phrase(tree, verb).and_then(|p| actors::unnamed(tree, p)) {
                    clause.sources.push(r);
                    clause.rules.push("unnamed-source");
                }
            }
            // Partners acting together (several sources of a mutual act) act on each other.
            let partners = clause.sources.len() > 1 && matches!(root, 3..=6);
            if clause.targets.is_empty() && !partners {
                let source_spans: Vec<Span> = clause.sources.iter().map(|s| s.actor.span).collect();
                let clear = |r: &Resolved| !source_spans.iter().any(|s| overlaps(*s, r.actor.span));
                let phrases = target_phrases(tree, verb);
                let named: Vec<Resolved> = phrases
                    .iter()
                    .map(|&p| lexicon.resolve_conjoined(tree, p, date))
                    .find(|found| found.iter().any(|r| !r.actor.unknown_root && clear(r)))
                    .unwrap_or_default();
                if !named.is_empty() {
                    clause.targets = named.into_iter().filter(|r| clear(r)).collect();
                    clause.rules.push("target-in-complement");
                } else if let Some(r) = phrases
                    .first()
                    .and_then(|&p| actors::unnamed(tree, p))
                    .filter(|r| clear(r))
                {
                    clause.targets.push(r);
                    clause.rules.push("unnamed-target");
                }
            }
            clause.note = Some(RecogniserNote {
                root,
                margin: decision.margin,
                features: decision.strongest,
            });
            out.push(clause);
        }
        out
    }

    /// A candidate's clause as the rules see it, and what the recogniser weighs of it.
    fn candidate(
        &self,
        tree: &Tree<'_>,
        lexicon: &ActorLexicon<'_>,
        verb: u32,
        date: Date,
    ) -> (Clause, RuleView) {
        let dict = self
            .verbs
            .match_verb(&self.dictionaries, tree, verb)
            .filter(|m| code_root(m.code).is_some());
        let dict_root = dict.as_ref().and_then(|m| code_root(m.code));
        let matched = dict.unwrap_or_else(|| bare_match(verb));
        let clause = self.resolve_clause(tree, lexicon, verb, matched, date);
        let view = RuleView {
            dict_root,
            source: actor_view(&clause.sources),
            target: actor_view(&clause.targets),
        };
        (clause, view)
    }

    /// The recogniser's training examples from one annotated sentence: every candidate with its
    /// features, labelled with the root of the gold event whose trigger it carries (a trigger
    /// that is no candidate, such as the noun of "held talks", is carried by the candidate that
    /// governs it), or no event.
    pub fn training_examples(
        &self,
        sentence: &Sentence,
        date: Date,
        gold: &[(Span, CameoCode)],
    ) -> Vec<Example> {
        let tree = crate::syntax::Tree::with_vocabulary(sentence, &self.dictionaries.vocabulary);
        if tree.is_empty() {
            return Vec::new();
        }
        let lexicon = self.lexicon();
        let candidates = features::candidates(&tree);
        let carriers: Vec<(u32, &CameoCode)> = gold
            .iter()
            .filter_map(|(span, code)| Some((carrier(&tree, &candidates, *span)?, code)))
            .collect();
        candidates
            .iter()
            .map(|&verb| {
                let (_, view) = self.candidate(&tree, &lexicon, verb, date);
                let code = carriers
                    .iter()
                    .find(|(c, _)| *c == verb)
                    .map(|(_, code)| **code);
                Example {
                    features: features::of_candidate(&tree, verb, &view),
                    class: code.as_ref().and_then(CameoCode::root).unwrap_or(0),
                    lemma: tree.upper_lemma(verb).to_lowercase(),
                    code,
                }
            })
            .collect()
    }
}

/// The candidate that carries a trigger at `span`: the token there if it is a candidate, else
/// the nearest candidate above it, else the root candidate.
fn carrier(tree: &Tree<'_>, candidates: &[u32], span: Span) -> Option<u32> {
    let token = tree.ids().find(|&id| {
        tree.token(id)
            .and_then(|t| t.span)
            .is_some_and(|s| s.start <= span.start && span.start < s.end.max(s.start + 1))
    })?;
    let mut node = token;
    for _ in 0..16 {
        if candidates.contains(&node) {
            return Some(node);
        }
        node = tree.head(node);
        if node == 0 {
            break;
        }
    }
    candidates
        .iter()
        .copied()
        .find(|&c| tree.rel(c) == Rel::Root)
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// The CAMEO root of a dictionary verb code, `None` for codes that code nothing.
fn code_root(code: VerbCode) -> Option<u8> {
    match code {
        VerbCode::Event(c) => c.root(),
        VerbCode::Paired { forward, .. } => forward.and_then(|c| c.root()),
        VerbCode::Null | VerbCode::Discard | VerbCode::Complex => None,
    }
}

/// A match for a candidate no dictionary pattern matched: the verb alone.
fn bare_match(verb: u32) -> VerbMatch {
    VerbMatch {
        code: VerbCode::Null,
        entry_code: VerbCode::Null,
        source: DictSource::default(),
        trigger: vec![verb],
        target: None,
        target_explicit: false,
        source_slot: None,
        compound: false,
        pattern_words: Vec::new(),
    }
}

fn actor_view(found: &[Resolved]) -> ActorView {
    let Some(first) = found.first() else {
        return ActorView::None;
    };
    if first.actor.unknown_root {
        ActorView::Agent(first.actor.sectors.clone())
    } else {
        ActorView::Known(first.actor.sectors.clone())
    }
}

/// The phrase that acted: the verb's subject, a passive's `by` phrase, or the subject of the verb
/// it is the complement or conjunct of.
fn subject_phrase(tree: &Tree<'_>, verb: u32) -> Option<u32> {
    let mut node = verb;
    for _ in 0..4 {
        if let Some(agent) = tree.children_with(node, Rel::Agent).next() {
            return Some(agent);
        }
        if let Some(subject) = tree.children_with(node, Rel::Subject).next() {
            // "Gulf states, which had boycotted Qatar": the relative pronoun stands for the noun
            // the clause describes.
            let relative = matches!(tree.upper(subject), "WHO" | "WHICH" | "THAT")
                && tree.rel(node) == Rel::Relcl;
            return Some(if relative { tree.head(node) } else { subject });
        }
        if !matches!(tree.rel(node), Rel::Xcomp | Rel::Conj | Rel::Advcl) {
            return None;
        }
        node = tree.head(node);
    }
    None
}

/// The phrases that may name whom an event is done to, most likely first: a prepositional
/// phrase naming a party ("talks with Iran", "handed files to Kigali"), the subject of a
/// complement clause ("demanded that Serbia abandon"), a passive's subject, the object, and the
/// same inside an infinitive complement ("refused to share information with India"); never a
/// time ("on Monday") or an `of` phrase.
fn target_phrases(tree: &Tree<'_>, verb: u32) -> Vec<u32> {
    let mut out = Vec::new();
    let mut node = verb;
    for _ in 0..2 {
        let party_obliques: Vec<u32> = tree
            .children_with(node, Rel::Oblique)
            .filter(|&o| {
                matches!(tree.upos(o), Upos::Propn | Upos::Noun | Upos::Pron)
                    && !TIME_WORDS.contains(&tree.upper_lemma(o))
                    && tree
                        .case_marker(o)
                        .is_some_and(|c| TARGET_CASES.contains(&c.to_uppercase().as_str()))
            })
            .collect();
        let objects: Vec<u32> = tree.children_with(node, Rel::Object).collect();
        // A named object is the target ("shelled Kharkiv"); a common one is more often what was
        // given or done ("supplied drones to the Houthis").
        let (named_objects, other_objects): (Vec<u32>, Vec<u32>) =
            objects.iter().partition(|&&o| tree.upos(o) == Upos::Propn);
        out.extend(named_objects);
        out.extend(party_obliques);
        for c in tree.children_with(node, Rel::Ccomp) {
            out.extend(tree.children_with(c, Rel::Subject));
        }
        out.extend(tree.children_with(node, Rel::PassiveSubject));
        out.extend(other_objects);
        match tree.children_with(node, Rel::Xcomp).next() {
            Some(x) => node = x,
            None => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recogniser::{train, TrainOptions};
    use crate::syntax::tests::sentence as parsed;
    use crate::tests::{coder_with, date};
    use petrel_core::Upos::*;

    /// A parsed sentence whose tokens carry their spans in its text.
    fn sentence(rows: &[(&str, &str, Upos, u32, &str)]) -> Sentence {
        let mut s = parsed(rows);
        let mut at = 0;
        for t in &mut s.tokens {
            if let Some(i) = s.text.get(at..).and_then(|rest| rest.find(&t.form)) {
                t.span = Some(Span::new(at + i, at + i + t.form.len()));
                at += i + t.form.len();
            }
        }
        s
    }

    fn coder() -> Coder {
        coder_with(
            "--- MEET [040] ---\nMEET\n- * + [040]\n",
            ("test.actors", "ARNOR [ARN]\nGONDOR [GON]\n"),
            "",
        )
    }

    fn svo(subject: &str, verb: (&str, &str), object: &str) -> Sentence {
        sentence(&[
            (subject, subject, Propn, 2, "nsubj"),
            (verb.0, verb.1, Verb, 0, "root"),
            (object, object, Propn, 2, "obj"),
        ])
    }

    fn trained(coder: Coder) -> Coder {
        let span = |s: &Sentence, i: usize| s.tokens.get(i).and_then(|t| t.span).unwrap();
        let mut examples = Vec::new();
        let code = |c: &str| c.parse::<CameoCode>().unwrap();
        for _ in 0..4 {
            for (a, b) in [("Arnor", "Gondor"), ("Gondor", "Arnor")] {
                let met = svo(a, ("met", "meet"), b);
                let shelled = svo(a, ("shelled", "shell"), b);
                let scored = svo(a, ("scored", "score"), "goals");
                examples.extend(coder.training_examples(
                    &met,
                    date(),
                    &[(span(&met, 1), code("040"))],
                ));
                examples.extend(coder.training_examples(
                    &shelled,
                    date(),
                    &[(span(&shelled, 1), code("195"))],
                ));
                examples.extend(coder.training_examples(&scored, date(), &[]));
            }
        }
        assert_eq!(examples.iter().filter(|e| e.class == 19).count(), 8);
        let model = train(&examples, &TrainOptions::default());
        coder.with_recogniser(model)
    }

    #[test]
    fn the_recogniser_decides_and_the_rules_find_the_actors() {
        let coder = trained(coder());
        // No verb pattern knows "shell": the code is the corpus's, the actors the dictionaries'.
        let events = coder.code_sentence(&svo("Arnor", ("shelled", "shell"), "Gondor"), 0, date());
        assert_eq!(events.len(), 1, "{events:?}");
        let e = &events[0];
        assert_eq!((e.source.code.as_str(), e.cameo.as_str()), ("ARN", "195"));
        assert_eq!(e.target.as_ref().map(|t| t.code.as_str()), Some("GON"));
        assert_eq!(
            e.provenance.verb.as_ref().map(|v| v.file.as_str()),
            Some(RECOGNISER_FILE)
        );
        assert_eq!(e.provenance.recogniser.as_ref().map(|n| n.root), Some(19));
        assert!(e.provenance.rules.contains(&"corpus-code-for-word"));
        // The dictionary's own code is kept when its root agrees.
        let events = coder.code_sentence(&svo("Gondor", ("met", "meet"), "Arnor"), 0, date());
        assert_eq!(events.first().map(|e| e.cameo.as_str()), Some("040"));
        assert!(events[0]
            .provenance
            .rules
            .contains(&"dictionary-code-in-root"));
        // No event where the recogniser sees none, even between known actors.
        assert!(coder
            .code_sentence(&svo("Arnor", ("scored", "score"), "goals"), 0, date())
            .is_empty());
    }

    #[test]
    fn actors_the_dictionaries_do_not_know_are_kept_as_unnamed() {
        let coder = trained(coder());
        let events = coder.code_sentence(&svo("Rohan", ("shelled", "shell"), "Edoras"), 0, date());
        let e = events.first().expect("an event");
        assert_eq!(
            (e.source.code.as_str(), e.source.text.as_str()),
            ("---", "Rohan")
        );
        assert_eq!(e.target.as_ref().map(|t| t.text.as_str()), Some("Edoras"));
        assert!(e.provenance.rules.contains(&"unnamed-source"));
        assert!(e.provenance.rules.contains(&"unnamed-target"));
        // Every rule an event names is in the table.
        for rule in &e.provenance.rules {
            assert!(LEARNED_RULES.iter().any(|(name, _)| name == rule), "{rule}");
        }
    }

    #[test]
    fn without_a_recogniser_the_rules_alone_decide() {
        let coder = coder();
        assert!(coder
            .code_sentence(&svo("Arnor", ("shelled", "shell"), "Gondor"), 0, date())
            .is_empty());
        let events = coder.code_sentence(&svo("Arnor", ("met", "meet"), "Gondor"), 0, date());
        assert_eq!(events.first().map(|e| e.cameo.as_str()), Some("040"));
        assert!(events[0].provenance.recogniser.is_none());
    }
}
