//! The coder's learned path: the recogniser decides which candidates report which CAMEO root;
//! the rules resolve their actors through the same [`Coder::resolve_clause`] as the rules' path.
//!
//! What the rules still add here is a short table of named steps, recorded in the event's
//! provenance when they fire ([`LEARNED_RULES`]).

use crate::actors::{self, ActorLexicon, Resolved};
use crate::recogniser::features::{self, ActorView, RuleView};
use crate::recogniser::{sentence, Decision, Example, Recogniser, CLASSES};
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
        "sentence-type",
        "when no candidate wins, the sentence classifier's root, if sure enough, is carried by \
         the candidate that favours it most",
    ),
    (
        "source-of-governing-clause",
        "a clause without a source of its own (\"..., killing hundreds\") takes the subject \
         of the clause it hangs from, when the dictionaries name it",
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
    (
        "target-of-event-noun",
        "the phrase an event noun aims at (\"an investigation into X\", \"an attack on X\", \
         \"the extradition of X\") is a target before the noun itself",
    ),
    (
        "learned-target",
        "the target chooser, trained on the corpus's marked targets, picks the phrase below the \
         verb that the event is done to (it replaces the three target rules above when the \
         model has one)",
    ),
    (
        TARGET_NOT_THE_SOURCE,
        "when the phrase the target chooser prefers is only the source itself (\"summoned an \
         Indian diplomat to its foreign ministry\"), its next choice is the target",
    ),
    (
        PARTNERS_NOT_THEIR_PLACE,
        "partners of a mutual act (\"Lavrov and Kuleba met in Antalya\") act on each other: the \
         place where they did it is not their target",
    ),
    (
        "place-as-target",
        "a named place where the event happened (\"in Yemen\") is its target when no other \
         phrase names whom (with a target chooser: when the chooser picks none)",
    ),
    (
        "same-code-party",
        "another phrase with the source's own code (\"Romania's president refused a request from \
         the justice minister\") is a second party of that code, unless it refers back to the \
         source (a pronoun, a coreference, the source's own words)",
    ),
    (
        "source-is-no-target",
        "when every target the rules found is the source itself, the event is kept without a \
         target: the recogniser decided the event, the actors cost only the role",
    ),
    (
        "role-takes-place-country",
        "a role of no known country (\"police\", ---COP) takes the country of the place the event \
         happened in (\"police fired in Minsk\": BLRCOP)",
    ),
    (
        "place-as-actor",
        "a bare name of a city or region the dictionaries do not know stands for its country, \
         from the gazetteer (\"shelled Kharkiv\": UKR)",
    ),
    (
        crate::FUTURE_ACT_IS_INTENT,
        "an act its actor announces for the future (\"Putin will visit Ankara\", \"the rebels \
         said they will release the guards\") is the intent to do it (03) or, for a conflictual \
         act, the threat (13), as CAMEO codes intentions; the act itself is not asserted, and \
         the intent is (also when the recogniser chose the intent code itself)",
    ),
    (
        crate::NAMED_IN_SENTENCE,
        "an actor found through a reference (\"Hungary says it will not accept ...\": it = \
         Hungary) is given by the words that name it when they are in the same sentence: its \
         text and span are those words, and the coref entry of its provenance keeps the \
         reference; so is a role coded by the phrase that holds it (\"demonstrators in \
         Bamako\", MLIOPP, was given by \"in Bamako\")",
    ),
    (
        "amount-is-no-target",
        "an object that is an amount or a number (\"€28 million\", \"more than 1,500\") is \
         what was given or done, never whom",
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

/// Prepositions after an event noun whose phrase is whom the event aims at ("an investigation
/// into", "an attack on", "the extradition of").
const NOUN_TARGET_CASES: &[&str] = &[
    "AGAINST", "INTO", "ON", "OF", "TO", "WITH", "OVER", "TOWARD", "TOWARDS", "AT", "FOR",
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
        let sentence = recogniser.sentence_scores(&sentence::terms_of(tree.sentence));
        let decided: Vec<(u32, Clause, Decision)> = features::candidates(tree)
            .into_iter()
            .map(|verb| {
                let (clause, view) = self.candidate(tree, lexicon, verb, date);
                let feats = features::of_candidate(tree, verb, &view);
                (
                    verb,
                    clause,
                    recogniser.decide_with(&feats, sentence.as_ref()),
                )
            })
            .collect();
        let fill = if decided.iter().any(|(_, _, d)| d.root.is_some()) {
            None
        } else {
            sentence
                .as_ref()
                .and_then(|s| sentence_root(s, recogniser.prior().fill_margin))
                .and_then(|root| {
                    let r = usize::from(root);
                    let best = decided.iter().enumerate().max_by(|(_, a), (_, b)| {
                        let lead = |d: &Decision| d.scores[r] - d.scores[0];
                        lead(&a.2).total_cmp(&lead(&b.2))
                    })?;
                    Some((best.0, root))
                })
        };
        let mut out = Vec::new();
        for (i, (verb, mut clause, decision)) in decided.into_iter().enumerate() {
            let root = match (decision.root, fill) {
                (Some(root), _) => root,
                (None, Some((at, root))) if at == i => {
                    clause.rules.push("sentence-type");
                    root
                }
                _ => continue,
            };
            if self.finish_learned(recogniser, tree, lexicon, verb, &mut clause, root, date) {
                self.places_as_actors(tree, lexicon, verb, date, &mut clause);
                clause.note = Some(RecogniserNote {
                    root,
                    margin: decision.margin,
                    features: decision.strongest,
                });
                out.push(clause);
            }
        }
        out
    }

    /// Places as actors ([`crate::places`]): a bare city or region name becomes its country
    /// (`place-as-actor`), and a role of no known country takes the country of the place the
    /// event happened in, never of a place it left ("troops withdrew from Iraq" are no Iraqi
    /// troops; `role-takes-place-country`).
    fn places_as_actors(
        &self,
        tree: &Tree<'_>,
        lexicon: &ActorLexicon<'_>,
        verb: u32,
        date: Date,
        clause: &mut Clause,
    ) {
        use crate::places;
        let places = self.places.as_deref();
        if let Some(atlas) = places {
            let mut placed = false;
            for r in clause.sources.iter_mut().chain(clause.targets.iter_mut()) {
                placed |= places::as_place_actor(tree, atlas, r);
            }
            if placed {
                clause.rules.push(places::RULE);
            }
        }
        let actors = || clause.sources.iter().chain(clause.targets.iter());
        if !actors().any(places::is_role_without_country) {
            return;
        }
        let Some(place) = place_phrase(tree, verb, Left::No)
            .and_then(|p| places::place_country(tree, lexicon, places, p, date))
        else {
            return;
        };
        let mut placed = false;
        for r in clause.sources.iter_mut().chain(clause.targets.iter_mut()) {
            placed |= places::give_place_country(&place, r);
        }
        if placed {
            clause.rules.push(places::ROLE_RULE);
        }
    }

    /// Codes a candidate's clause in `root` and completes its actors by the learned path's
    /// rules; false when no code can be given.
    #[allow(clippy::too_many_arguments)]
    fn finish_learned(
        &self,
        recogniser: &Recogniser,
        tree: &Tree<'_>,
        lexicon: &ActorLexicon<'_>,
        verb: u32,
        clause: &mut Clause,
        root: u8,
        date: Date,
    ) -> bool {
        if code_root(clause.matched.code) == Some(root) {
            clause.rules.push("dictionary-code-in-root");
        } else {
            let lemma = tree.upper_lemma(verb).to_lowercase();
            let Some(code) = recogniser
                .code_for(&lemma, root)
                .or_else(|| format!("{root:02}0").parse::<CameoCode>().ok())
            else {
                return false;
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
            if let Some(phrase) = subject_phrase(tree, verb) {
                // "Hamas gunmen infiltrated Israel, killing hundreds": the subject found above
                // the clause is looked up like any other before it is kept unnamed.
                let named: Vec<Resolved> = lexicon
                    .resolve_conjoined(tree, phrase, date)
                    .into_iter()
                    .filter(|r| !r.actor.unknown_root)
                    .collect();
                if !named.is_empty() {
                    clause.sources = named;
                    clause.rules.push("source-of-governing-clause");
                } else if let Some(r) = actors::unnamed(tree, phrase) {
                    clause.sources.push(r);
                    clause.rules.push("unnamed-source");
                }
            }
        }
        // Partners acting together (several sources of a mutual act) act on each other.
        let partners = crate::distinct_parties(&clause.sources) > 1
            && CameoCode::COOPERATIVE_ROOTS.contains(&root);
        // Partners who met "in the Turkish resort of Antalya" met each other, not the place
        // (`partners-not-their-place`).
        if partners {
            // Where they met is said of the verb or of what they did there ("signed a peace
            // accord in Rome").
            let places: Vec<Span> = tree
                .ids()
                .filter(|&c| tree.rel(c) == Rel::Oblique && tree.dominates(verb, c))
                .filter(|&c| {
                    tree.case_marker(c)
                        .is_some_and(|m| actors::LOCATIVE.contains(&m.as_str()))
                })
                .filter_map(|c| tree.token(c).and_then(|t| t.span))
                .collect();
            let before = clause.targets.len();
            clause
                .targets
                .retain(|t| !places.iter().any(|p| overlaps(t.actor.span, *p)));
            if clause.targets.len() < before {
                clause.rules.push(PARTNERS_NOT_THEIR_PLACE);
            }
        }
        if let (Some(chooser), false) = (recogniser.target.as_deref(), partners) {
            let options = target_options(tree, lexicon, verb, root, clause, date);
            choose_target(chooser, options, clause);
            // No target, or only the source spoken of again ("withdraw its troops from Iraq"):
            // the place the event happened in, if named.
            let itself = |t: &Resolved| {
                clause
                    .sources
                    .iter()
                    .any(|s| crate::is_the_source_itself(s, t))
            };
            if clause.targets.iter().all(itself) {
                place_as_target(tree, lexicon, verb, clause, date);
            }
            return true;
        }
        let phrases = target_phrases(tree, verb);
        if clause.targets.is_empty() && !partners {
            let source_spans: Vec<Span> = clause.sources.iter().map(|s| s.actor.span).collect();
            let clear = |r: &Resolved| !source_spans.iter().any(|s| overlaps(*s, r.actor.span));
            let named: Option<(&TargetPhrase, Vec<Resolved>)> = phrases
                .iter()
                .map(|p| (p, lexicon.resolve_conjoined(tree, p.head, date)))
                .find(|(_, found)| found.iter().any(|r| !r.actor.unknown_root && clear(r)));
            if let Some((phrase, named)) = named {
                clause.targets = named.into_iter().filter(|r| clear(r)).collect();
                clause.rules.extend(phrase.rule);
                clause.rules.push("target-in-complement");
            } else if let Some((phrase, r)) = phrases
                .first()
                .and_then(|p| Some((p, actors::unnamed(tree, p.head)?)))
                .filter(|(_, r)| clear(r))
            {
                clause.targets.push(r);
                clause.rules.extend(phrase.rule);
                clause.rules.push("unnamed-target");
            }
        }
        if phrases.iter().any(|p| p.amount_skipped) && !clause.targets.is_empty() {
            clause.rules.push("amount-is-no-target");
        }
        true
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

    /// The target chooser's training examples from one annotated sentence: for each gold event
    /// with a marked target (trigger span, code, target span) whose trigger a candidate carries,
    /// every phrase that might be its target, labelled 1 when it is the gold target.
    pub fn target_examples(
        &self,
        sentence: &Sentence,
        date: Date,
        gold: &[(Span, CameoCode, Span)],
    ) -> Vec<Example> {
        let tree = crate::syntax::Tree::with_vocabulary(sentence, &self.dictionaries.vocabulary);
        if tree.is_empty() {
            return Vec::new();
        }
        let lexicon = self.lexicon();
        let candidates = features::candidates(&tree);
        let mut out = Vec::new();
        for (trigger, code, target) in gold {
            let (Some(verb), Some(root)) = (carrier(&tree, &candidates, *trigger), code.root())
            else {
                continue;
            };
            let (clause, _) = self.candidate(&tree, &lexicon, verb, date);
            for option in target_options(&tree, &lexicon, verb, root, &clause, date) {
                out.push(Example {
                    class: u8::from(overlaps(option.span, *target)),
                    features: option.features,
                    lemma: String::new(),
                    code: None,
                });
            }
        }
        out
    }
}

/// A phrase that may be an event's target, as the target chooser sees it.
struct TargetOption {
    span: Span,
    /// The actors the dictionaries know in the phrase, and the phrase as an unnamed actor.
    found: Vec<Resolved>,
    unnamed: Resolved,
    features: Vec<String>,
}

/// The learned target: the option the target chooser scores highest, if it scores it as a
/// target at all; its known actors, else the phrase as an unnamed actor. An option that is only
/// the source itself ("Pakistan summoned an Indian diplomat to its foreign ministry") gives way
/// to the next one the chooser accepts (`target-not-the-source`).
fn choose_target(chooser: &Recogniser, options: Vec<TargetOption>, clause: &mut Clause) {
    let mut scored: Vec<(f32, TargetOption)> = options
        .into_iter()
        .map(|o| {
            let d = chooser.decide(&o.features);
            (d.scores[1] - d.scores[0], o)
        })
        .filter(|(score, _)| *score > chooser.margin)
        .collect();
    // Best first; ties keep the options' order.
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let source_spans: Vec<Span> = clause.sources.iter().map(|s| s.actor.span).collect();
    let clear = |r: &Resolved| !source_spans.iter().any(|s| overlaps(*s, r.actor.span));
    for (rank, (_, option)) in scored.into_iter().enumerate() {
        let named: Vec<Resolved> = option.found.into_iter().filter(|r| clear(r)).collect();
        let chosen: Vec<Resolved> = if named.iter().any(|r| !r.actor.unknown_root) {
            named
        } else {
            Some(option.unnamed)
                .filter(|r| clear(r))
                .into_iter()
                .collect()
        };
        let itself = |t: &Resolved| {
            clause
                .sources
                .iter()
                .any(|s| crate::is_the_source_itself(s, t))
        };
        // An option that is only the source's own words, or the source itself, gives way.
        if chosen.is_empty() || chosen.iter().all(itself) {
            continue;
        }
        clause.targets = chosen;
        clause.rules.push("learned-target");
        if rank > 0 {
            clause.rules.push(TARGET_NOT_THE_SOURCE);
        }
        return;
    }
}

/// The rule that keeps the place where partners met from being their target.
const PARTNERS_NOT_THEIR_PLACE: &str = "partners-not-their-place";

/// The rule that passes over a target option that is only the source itself.
const TARGET_NOT_THE_SOURCE: &str = "target-not-the-source";

/// The phrases below `verb` that may be whom its event is done to — objects, obliques, the
/// phrases inside them and inside its complements, never its own subject — each with the
/// features the target chooser weighs: the path from the verb, the preposition, the word class,
/// whether the dictionaries know an actor there, whether the rules chose it, its rank among
/// [`target_phrases`].
/// With no target from the chooser, a named place where the event happened ("laid down their
/// arms in Mazar-i-Sharif") is its target (`place-as-target`), resolved as any phrase is.
fn place_as_target(
    tree: &Tree<'_>,
    lexicon: &ActorLexicon<'_>,
    verb: u32,
    clause: &mut Clause,
    date: Date,
) {
    let Some(place) = place_phrase(tree, verb, Left::Too) else {
        return;
    };
    let source_spans: Vec<Span> = clause.sources.iter().map(|s| s.actor.span).collect();
    let clear = |r: &Resolved| !source_spans.iter().any(|s| overlaps(*s, r.actor.span));
    let named: Vec<Resolved> = lexicon
        .resolve_conjoined(tree, place, date)
        .into_iter()
        .filter(|r| !r.actor.unknown_root && clear(r))
        .collect();
    let chosen = if named.is_empty() {
        actors::unnamed(tree, place)
            .filter(|r| clear(r))
            .into_iter()
            .collect()
    } else {
        named
    };
    if !chosen.is_empty() {
        clause.targets = chosen;
        clause.rules.push("place-as-target");
    }
}

/// Verbs of leaving a place, whose "from" phrase names the place the event is done to.
const WITHDRAWAL_VERBS: &[&str] = &["WITHDRAW", "PULL", "EVACUATE", "RETREAT", "REMOVE"];

/// Whether [`place_phrase`] also takes the place a withdrawal leaves ("from Iraq").
#[derive(Clone, Copy, PartialEq, Eq)]
enum Left {
    Too,
    No,
}

/// The first named place "in" which the event happened, below the verb: its own obliques, the
/// phrases inside them ("on alert in North District") and those of its complement ("said the
/// fighters will lay down their arms in Mazar-i-Sharif"), nearest first.
fn place_phrase(tree: &Tree<'_>, verb: u32, left: Left) -> Option<u32> {
    let mut frontier = vec![verb];
    for _ in 0..3 {
        let mut next = Vec::new();
        for node in frontier {
            for &child in tree.children(node) {
                let rel = tree.rel(child);
                if !matches!(rel, Rel::Oblique | Rel::Object | Rel::Ccomp | Rel::Xcomp) {
                    continue;
                }
                // The place a withdrawal leaves is where it happens to ("withdraw its troops
                // from South Vietnam").
                let leaving =
                    left == Left::Too && WITHDRAWAL_VERBS.contains(&tree.upper_lemma(node));
                let place = rel == Rel::Oblique
                    && tree.upos(child) == Upos::Propn
                    && !TIME_WORDS.contains(&tree.upper_lemma(child))
                    && tree.case_marker(child).is_some_and(|c| {
                        let c = c.to_uppercase();
                        matches!(c.as_str(), "IN" | "INSIDE") || (leaving && c == "FROM")
                    });
                if place {
                    return Some(child);
                }
                next.push(child);
            }
        }
        frontier = next;
    }
    None
}

fn target_options(
    tree: &Tree<'_>,
    lexicon: &ActorLexicon<'_>,
    verb: u32,
    root: u8,
    clause: &Clause,
    date: Date,
) -> Vec<TargetOption> {
    const MAX_OPTIONS: usize = 16;
    let ranked: Vec<u32> = target_phrases(tree, verb).iter().map(|p| p.head).collect();
    let lemma = tree.upper_lemma(verb).to_lowercase();
    let mut heads: Vec<(u32, String)> = Vec::new();
    let mut frontier: Vec<(u32, String, bool)> = vec![(verb, String::new(), false)];
    for _ in 0..3 {
        let mut next = Vec::new();
        for (node, path, in_clause) in frontier {
            for &child in tree.children(node) {
                let rel = tree.rel(child);
                let name = match rel {
                    Rel::Object => "obj",
                    Rel::Oblique => "obl",
                    Rel::PassiveSubject => "nsubjpass",
                    Rel::Agent => "agent",
                    Rel::Xcomp => "xcomp",
                    Rel::Ccomp => "ccomp",
                    Rel::Subject if in_clause => "nsubj",
                    Rel::Appos => "appos",
                    Rel::Conj if node != verb => "conj",
                    _ => continue,
                };
                let case = tree.case_marker(child).unwrap_or_default().to_lowercase();
                let step = if case.is_empty() {
                    name.to_string()
                } else {
                    format!("{name}:{case}")
                };
                let here = if path.is_empty() {
                    step
                } else {
                    format!("{path}>{step}")
                };
                if matches!(tree.upos(child), Upos::Noun | Upos::Propn | Upos::Pron)
                    && heads.len() < MAX_OPTIONS
                {
                    heads.push((child, here.clone()));
                }
                next.push((child, here, matches!(rel, Rel::Ccomp | Rel::Xcomp)));
            }
        }
        frontier = next;
    }
    let source_spans: Vec<Span> = clause.sources.iter().map(|s| s.actor.span).collect();
    let rule_spans: Vec<Span> = clause.targets.iter().map(|t| t.actor.span).collect();
    heads
        .into_iter()
        .filter_map(|(head, path)| {
            let unnamed = actors::unnamed(tree, head)?;
            let span = unnamed.actor.span;
            let case = tree.case_marker(head).unwrap_or_default().to_lowercase();
            let found = lexicon.resolve_conjoined(tree, head, date);
            let known = if found
                .iter()
                .any(|r| !r.actor.unknown_root && !r.actor.code.has_null_root())
            {
                "actor"
            } else if !found.is_empty() {
                "agent"
            } else {
                "none"
            };
            let upos = format!("{:?}", tree.upos(head));
            let rank = ranked
                .iter()
                .position(|&h| h == head)
                .map_or("no".to_string(), |i| i.min(3).to_string());
            let mut features = vec![
                "bias".to_string(),
                format!("p={path}"),
                format!("c={case}"),
                format!("u={upos}"),
                format!("k={known}"),
                format!("t={rank}"),
                format!("r={root}&p={path}"),
                format!("r={root}&c={case}"),
                format!("r={root}&k={known}"),
                format!("l={lemma}&c={case}"),
                format!("u={upos}&k={known}"),
            ];
            if matches!(tree.upos(head), Upos::Pron | Upos::Noun) {
                features.push(format!("h={}", tree.upper_lemma(head).to_lowercase()));
            }
            if TIME_WORDS.contains(&tree.upper_lemma(head)) {
                features.push("time".to_string());
            }
            if rule_spans.iter().any(|s| overlaps(*s, span)) {
                features.push("rule".to_string());
                features.push(format!("rule&k={known}"));
            }
            if source_spans.iter().any(|s| overlaps(*s, span)) {
                features.push("source".to_string());
            }
            Some(TargetOption {
                span,
                found,
                unnamed,
                features,
            })
        })
        .collect()
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

/// The sentence's best root when its score exceeds *no event*'s by more than `margin`.
fn sentence_root(scores: &[f32; CLASSES], margin: f32) -> Option<u8> {
    let (best, score) = scores
        .iter()
        .enumerate()
        .skip(1)
        .max_by(|a, b| a.1.total_cmp(b.1))?;
    (score - scores[0] > margin).then_some(best as u8)
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

/// A phrase that may name whom an event is done to.
struct TargetPhrase {
    head: u32,
    /// The named rule that made it a target phrase, if one did.
    rule: Option<&'static str>,
    /// Whether an amount was passed over before it (`amount-is-no-target`).
    amount_skipped: bool,
}

/// The phrases that may name whom an event is done to, most likely first: a named object
/// ("shelled Kharkiv"), the phrase an event noun object aims at ("launched an investigation into
/// the ministry"), a prepositional phrase naming a party ("talks with Iran", "handed files to
/// Kigali"), the subject of a complement clause ("demanded that Serbia abandon"), a passive's
/// subject, the object, and the same inside an infinitive complement ("refused to share
/// information with India"); never a time ("on Monday"), an `of` phrase of the verb, or an
/// amount ("provided €28 million").
fn target_phrases(tree: &Tree<'_>, verb: u32) -> Vec<TargetPhrase> {
    let plain = |head: u32| TargetPhrase {
        head,
        rule: None,
        amount_skipped: false,
    };
    let mut out = Vec::new();
    let mut amount_skipped = false;
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
        // given or done ("supplied drones to the Houthis"), and an amount never the target.
        let (named_objects, common): (Vec<u32>, Vec<u32>) =
            objects.iter().partition(|&&o| tree.upos(o) == Upos::Propn);
        let (other_objects, amounts): (Vec<u32>, Vec<u32>) = common
            .iter()
            .partition(|&&o| matches!(tree.upos(o), Upos::Noun | Upos::Pron));
        amount_skipped |= !amounts.is_empty();
        out.extend(named_objects.into_iter().map(plain));
        for &o in &other_objects {
            out.extend(
                tree.children_with(o, Rel::Oblique)
                    .filter(|&n| {
                        matches!(tree.upos(n), Upos::Propn | Upos::Noun | Upos::Pron)
                            && tree.case_marker(n).is_some_and(|c| {
                                NOUN_TARGET_CASES.contains(&c.to_uppercase().as_str())
                            })
                    })
                    .map(|n| TargetPhrase {
                        head: n,
                        rule: Some("target-of-event-noun"),
                        amount_skipped: false,
                    }),
            );
        }
        out.extend(party_obliques.into_iter().map(plain));
        for c in tree.children_with(node, Rel::Ccomp) {
            out.extend(tree.children_with(c, Rel::Subject).map(plain));
        }
        out.extend(tree.children_with(node, Rel::PassiveSubject).map(plain));
        out.extend(other_objects.into_iter().map(plain));
        // Last, a named place where it happened ("provided aid in Yemen"): done to that place
        // when nothing else names whom.
        out.extend(
            tree.children_with(node, Rel::Oblique)
                .filter(|&o| {
                    tree.upos(o) == Upos::Propn
                        && tree
                            .case_marker(o)
                            .is_some_and(|c| matches!(c.to_uppercase().as_str(), "IN" | "INSIDE"))
                })
                .map(|o| TargetPhrase {
                    head: o,
                    rule: Some("place-as-target"),
                    amount_skipped: false,
                }),
        );
        match tree.children_with(node, Rel::Xcomp).next() {
            Some(x) => node = x,
            None => break,
        }
    }
    for p in &mut out {
        p.amount_skipped = amount_skipped;
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
            ("test.actors", "ARNOR [ARN]\nGONDOR [GON]\nLINDON [LIN]\n"),
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

    fn shelled_in(a: &str, b: &str, place: &str) -> Sentence {
        sentence(&[
            (a, a, Propn, 2, "nsubj"),
            ("shelled", "shell", Verb, 0, "root"),
            (b, b, Propn, 2, "obj"),
            ("in", "in", Adp, 5, "case"),
            (place, place, Propn, 2, "obl"),
        ])
    }

    #[test]
    fn the_target_chooser_learns_which_phrase_is_done_to() {
        let coder = with_chooser(coder());
        // The object, not the place, though both are known actors.
        let events = coder.code_sentence(&shelled_in("Lindon", "Arnor", "Gondor"), 0, date());
        let e = events.first().expect("an event");
        assert_eq!(e.target.as_ref().map(|t| t.text.as_str()), Some("Arnor"));
        assert!(e.provenance.rules.contains(&"learned-target"));
    }

    #[test]
    fn the_place_where_it_happened_is_found_below_the_verb() {
        // "Lindon troops remained on alert in Gondor": inside the verb's oblique.
        let s = sentence(&[
            ("troops", "troop", Noun, 2, "nsubj"),
            ("remained", "remain", Verb, 0, "root"),
            ("on", "on", Adp, 4, "case"),
            ("alert", "alert", Noun, 2, "obl"),
            ("in", "in", Adp, 6, "case"),
            ("Gondor", "Gondor", Propn, 4, "nmod"),
        ]);
        assert_eq!(place_phrase(&Tree::new(&s), 2, Left::Too), Some(6));
        // "Lindon said it will lay down arms in Gondor": inside the complement.
        let s = sentence(&[
            ("Lindon", "Lindon", Propn, 2, "nsubj"),
            ("said", "say", Verb, 0, "root"),
            ("it", "it", Pron, 4, "nsubj"),
            ("lay", "lay", Verb, 2, "ccomp"),
            ("arms", "arm", Noun, 4, "obj"),
            ("in", "in", Adp, 7, "case"),
            ("Gondor", "Gondor", Propn, 4, "obl"),
        ]);
        assert_eq!(place_phrase(&Tree::new(&s), 2, Left::Too), Some(7));
        // A time is no place; "at" is no "in".
        let s = sentence(&[
            ("Lindon", "Lindon", Propn, 2, "nsubj"),
            ("shelled", "shell", Verb, 0, "root"),
            ("in", "in", Adp, 4, "case"),
            ("March", "March", Propn, 2, "obl"),
            ("at", "at", Adp, 6, "case"),
            ("Gondor", "Gondor", Propn, 2, "obl"),
        ]);
        assert_eq!(place_phrase(&Tree::new(&s), 2, Left::Too), None);
        // The place a withdrawal leaves; "from" after other verbs is no place of the event.
        let left = |verb: (&'static str, &'static str)| {
            sentence(&[
                ("Lindon", "Lindon", Propn, 2, "nsubj"),
                verb_row(verb),
                ("troops", "troop", Noun, 2, "obj"),
                ("from", "from", Adp, 5, "case"),
                ("Gondor", "Gondor", Propn, 2, "obl"),
            ])
        };
        assert_eq!(
            place_phrase(&Tree::new(&left(("withdrew", "withdraw"))), 2, Left::Too),
            Some(5)
        );
        assert_eq!(
            place_phrase(&Tree::new(&left(("withdrew", "withdraw"))), 2, Left::No),
            None
        );
        assert_eq!(
            place_phrase(&Tree::new(&left(("sent", "send"))), 2, Left::Too),
            None
        );
    }

    fn verb_row(
        (form, lemma): (&'static str, &'static str),
    ) -> (
        &'static str,
        &'static str,
        petrel_core::Upos,
        u32,
        &'static str,
    ) {
        (form, lemma, Verb, 0, "root")
    }

    #[test]
    fn a_target_that_is_the_source_itself_gives_way_to_the_place() {
        // "Arnor shelled Arnor in Gondor": the chosen object is the source; the place is left.
        let coder = with_chooser(coder());
        let events = coder.code_sentence(&shelled_in("Arnor", "Arnor", "Gondor"), 0, date());
        let e = events.first().expect("an event");
        assert_eq!(e.target.as_ref().map(|t| t.code.as_str()), Some("GON"));
        assert!(e.provenance.rules.contains(&"place-as-target"));
    }

    /// The test coder with a recogniser whose target chooser learned that the object of
    /// "shelled", not the place, is the target.
    fn with_chooser(coder: Coder) -> Coder {
        let span = |s: &Sentence, i: usize| s.tokens.get(i).and_then(|t| t.span).unwrap();
        let code = "195".parse::<CameoCode>().unwrap();
        let (mut candidates, mut targets) = (Vec::new(), Vec::new());
        for _ in 0..4 {
            for (a, b, c) in [("Arnor", "Gondor", "Lindon"), ("Gondor", "Lindon", "Arnor")] {
                let s = shelled_in(a, b, c);
                let gold = [(span(&s, 1), code)];
                candidates.extend(coder.training_examples(&s, date(), &gold));
                targets.extend(coder.target_examples(
                    &s,
                    date(),
                    &[(span(&s, 1), code, span(&s, 2))],
                ));
            }
        }
        assert!(targets.iter().any(|e| e.class == 1) && targets.iter().any(|e| e.class == 0));
        let model = crate::recogniser::train_with_sentences(
            &candidates,
            &[],
            &targets,
            &TrainOptions::default(),
        );
        assert!(model.target.is_some());
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
    fn a_party_of_the_sources_own_code_is_kept_and_the_source_itself_costs_only_the_target() {
        let coder = trained(coder_with(
            "--- MEET [040] ---\nMEET\n- * + [040]\n",
            (
                "test.actors",
                "ARNOR [ARN]\nGONDOR [GON]\nLINDON [LIN]\nANNUMINAS [ARN]\n",
            ),
            "",
        ));
        // Another named party of the same code is a second party.
        let events =
            coder.code_sentence(&svo("Arnor", ("shelled", "shell"), "Annuminas"), 0, date());
        let e = events.first().expect("an event");
        assert_eq!(
            e.target.as_ref().map(|t| t.text.as_str()),
            Some("Annuminas")
        );
        assert!(e.provenance.rules.contains(&"same-code-party"), "{e:?}");
        // The source named again is no target, but the event stays.
        let events = coder.code_sentence(&svo("Arnor", ("shelled", "shell"), "Arnor"), 0, date());
        let e = events.first().expect("an event");
        assert!(e.target.is_none(), "{e:?}");
        assert!(e.provenance.rules.contains(&"source-is-no-target"));
        // Without the recogniser, the rules still drop an actor acting on itself.
        let rules = coder_with(
            "--- MEET [040] ---\nMEET\n- * + [040]\n",
            ("test.actors", "ARNOR [ARN]\nANNUMINAS [ARN]\n"),
            "",
        );
        assert!(rules
            .code_sentence(&svo("Arnor", ("met", "meet"), "Annuminas"), 0, date())
            .is_empty());
    }

    #[test]
    fn partners_of_one_code_are_one_party() {
        let coder = trained(coder_with(
            "--- MEET [040] ---\nMEET\n- * + [040]\n",
            (
                "test.actors",
                "ARNOR [ARN]\nGONDOR [GON]\nLINDON [LIN]\nANNUMINAS [ARN]\n",
            ),
            "",
        ));
        // "Arnor and Annuminas met": both sources are ARN, who meet nobody named; before, two
        // partners of one code met each other and no event came out.
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 4, "nsubj"),
            ("and", "and", Cconj, 3, "cc"),
            ("Annuminas", "Annuminas", Propn, 1, "conj"),
            ("met", "meet", Verb, 0, "root"),
        ]);
        let events = coder.code_sentence(&s, 0, date());
        assert!(!events.is_empty());
        for e in &events {
            assert_eq!(e.source.code.as_str(), "ARN");
            assert!(e.target.is_none(), "{e:?}");
        }
        assert_eq!(crate::distinct_parties(&[]), 0);
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
