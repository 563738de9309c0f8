//! The event coder: from a parsed sentence and dictionaries to explainable events.
//!
//! The coder reproduces PETRARCH-2's semantics on Universal Dependencies trees. For each verb of a
//! sentence it finds the verb's dictionary entry (by form, lemma, or a multi-word verb such as
//! "cordon off"), matches the block's patterns against the verb's dependents ([`verbs`]), takes
//! the source from the subject (or a passive's `by` phrase, or the subject of the verb that governs
//! an `xcomp`/conjoined verb) and the target from the pattern's slot, the object, a prepositional
//! phrase or a complement clause, and resolves both phrases to actor codes ([`actors`]). Compound
//! phrases give one event per dyad, paired codes `[A:B]` both directions, and `%` patterns the
//! reciprocal events of a compound source. Every event carries its Goldstein score, QuadClass and
//! PLOVER type ([`taxonomy`]), its modality ([`modality`]) and the dictionary lines that fired.
//!
//! [`Coder::code_story`] also resolves pronouns and definite descriptions ("he", "the ministry",
//! "the two countries") to actors named earlier in the story ([`coref`]). Parse errors common in
//! news are mended by petrel's parser itself (`petrel_nlp`'s parser repairs), not here.
//!
//! What it does not do: parse text (it takes a parsed [`Sentence`], from petrel's parser or a
//! caller's CoNLL-U) or read files.
//!
//! ```
//! use petrel_code::{Coder, CoderOptions};
//! use petrel_dict::Dictionaries;
//!
//! let coder = Coder::new(Dictionaries::default(), CoderOptions::default());
//! let sentence = petrel_core::Sentence::new("Nothing to code.");
//! let date = "20140607".parse().unwrap();
//! assert!(coder.code_sentence(&sentence, 0, date).is_empty());
//! ```

pub mod actors;
pub mod cameo_rules;
pub mod compose;
pub mod coref;
pub mod dedup;
pub mod learned;
pub mod modality;
pub mod pico;
pub mod places;
pub mod recogniser;
mod roles;
pub mod syntax;
pub mod taxonomy;
pub mod validate;
pub mod verbs;

use actors::{ActorLexicon, Resolved};
use compose::{Composition, Party};
use petrel_core::{
    CameoCode, Date, DictSource, Event, Modality, Provenance, QuadClass, Sentence, Span,
};
use petrel_dict::Dictionaries;
use petrel_dict::VerbCode;
use roles::{located, slot_phrase, source_actors, target_actors};
use syntax::{governing_verb, infinitive, trigger_of, Rel, Tree};
use verbs::{VerbIndex, VerbMatch};

/// Settings that change what the coder emits.
#[derive(Clone, Debug)]
pub struct CoderOptions {
    /// Emit only events with both a source and a target (PETRARCH's `require_dyad`, on by
    /// default). When off, an event without a target is emitted with a null target.
    pub require_dyad: bool,
}

impl Default for CoderOptions {
    fn default() -> Self {
        CoderOptions { require_dyad: true }
    }
}

/// The event coder: dictionaries compiled for matching, and options.
pub struct Coder {
    dictionaries: Dictionaries,
    verbs: VerbIndex,
    pico: pico::Pico,
    /// The learned recogniser that decides event types; `None` codes by the rules alone.
    recogniser: Option<recogniser::Recogniser>,
    /// Where place names lie, for places as actors on the learned path ([`places`]).
    places: Option<std::sync::Arc<dyn places::PlaceCountries>>,
    pub options: CoderOptions,
}

/// One coded verb before its actors are combined into events.
struct Clause {
    verb: u32,
    matched: VerbMatch,
    sources: Vec<Resolved>,
    targets: Vec<Resolved>,
    /// The learned recogniser's decision, when it chose the clause's code.
    note: Option<petrel_core::RecogniserNote>,
    /// The named rules that shaped the clause.
    rules: Vec<&'static str>,
}

impl Coder {
    pub fn new(dictionaries: Dictionaries, options: CoderOptions) -> Coder {
        let verbs = VerbIndex::from_dictionaries(&dictionaries);
        Coder {
            dictionaries,
            verbs,
            pico: pico::Pico::default(),
            recogniser: None,
            places: None,
            options,
        }
    }

    /// Lets the learned path read a city or region the dictionaries do not know as its country
    /// ([`places`]).
    pub fn with_places(mut self, places: std::sync::Arc<dyn places::PlaceCountries>) -> Coder {
        self.places = Some(places);
        self
    }

    /// Whether place names are read as their countries.
    pub fn has_places(&self) -> bool {
        self.places.is_some()
    }

    /// Lets `recogniser` decide which events the sentences report; the rules still find actors,
    /// modality and evidence ([`recogniser`]).
    pub fn with_recogniser(mut self, recogniser: recogniser::Recogniser) -> Coder {
        self.recogniser = Some(recogniser);
        self
    }

    /// The recogniser in use, for changing its margin.
    pub fn recogniser_mut(&mut self) -> Option<&mut recogniser::Recogniser> {
        self.recogniser.as_mut()
    }

    /// The recogniser in use, if any.
    pub fn recogniser(&self) -> Option<&recogniser::Recogniser> {
        self.recogniser.as_ref()
    }

    /// Uses PETRARCH's coding ontology to recode negated verbs ("did not criticize" → endorse) and
    /// to compose a verb with its complement. Without it, petrel's own rules from the CAMEO
    /// codebook do both ([`cameo_rules`]); a negated event they have no code for keeps its code
    /// and only its modality says `Negated`.
    pub fn with_ontology(mut self, pico: pico::Pico) -> Coder {
        self.pico = pico;
        self
    }

    pub fn dictionaries(&self) -> &Dictionaries {
        &self.dictionaries
    }

    pub(crate) fn lexicon(&self) -> ActorLexicon<'_> {
        ActorLexicon {
            vocabulary: &self.dictionaries.vocabulary,
            actors: &self.dictionaries.actors,
            agents: &self.dictionaries.agents,
            cities: &self.dictionaries.cities,
            antecedents: None,
        }
    }

    /// One line per verb the coder considered: the verb, the code and dictionary line it fired,
    /// and the source and target codes it found. For debugging dictionaries and parses.
    pub fn explain_sentence(&self, sentence: &Sentence, date: Date) -> Vec<String> {
        let tree = Tree::with_vocabulary(sentence, &self.dictionaries.vocabulary);
        let Some(clauses) = self.clauses(&tree, date, None) else {
            let phrase = self
                .dictionaries
                .discards
                .find(&sentence_text(sentence))
                .map(|m| m.discard.phrase.to_string())
                .unwrap_or_else(|| "a discard or complex verb code".to_string());
            return vec![format!("discarded: {phrase}")];
        };
        let codes = |v: &[Resolved]| {
            v.iter()
                .map(|r| r.actor.petrarch_code())
                .collect::<Vec<_>>()
                .join("/")
        };
        clauses
            .iter()
            .map(|c| {
                format!(
                    "{} {:?} at {} sources [{}] targets [{}] slot {:?}",
                    tree.upper(c.verb),
                    c.matched.code,
                    c.matched
                        .source
                        .file
                        .rsplit('/')
                        .next()
                        .unwrap_or("")
                        .to_string()
                        + ":"
                        + &c.matched.source.line.to_string(),
                    codes(&c.sources),
                    codes(&c.targets),
                    c.matched.target,
                )
            })
            .collect()
    }

    /// The spans (token index ranges) of multiword actor names the dictionaries know ("Human
    /// Rights Watch", "Recep Tayyip Erdogan", "Papua New Guinea"), for the NLP model to tag and
    /// parse as names (`Model::annotate_with_names` of `petrel-nlp`): the tagger, trained on web
    /// text, reads "Watch" or "Recep" as a verb, and the parser then splits the name. A span is
    /// the longest known name at its start, of two words or more, its first and last words
    /// capitalized and every word between capitalized or a small function word ("Syrian
    /// Observatory for Human Rights").
    pub fn known_names(&self, sentence: &Sentence) -> Vec<std::ops::Range<usize>> {
        let vocabulary = &self.dictionaries.vocabulary;
        // Names are matched without the hyphens the tokenizer splits off ("Guinea - Bissau"),
        // as the dictionaries store them.
        let kept: Vec<usize> = (0..sentence.tokens.len())
            .filter(|&i| sentence.tokens.get(i).is_some_and(|t| t.form != "-"))
            .collect();
        let words: Vec<_> = kept
            .iter()
            .map(|&i| {
                let form = sentence.tokens.get(i).map(|t| t.form.to_uppercase());
                form.and_then(|f| vocabulary.get(&f))
            })
            .collect();
        let capitalized =
            |t: &petrel_core::Token| t.form.chars().next().is_some_and(char::is_uppercase);
        let mut spans = Vec::new();
        let mut k = 0;
        while k < words.len() {
            let rest = words.get(k..).unwrap_or_default();
            let Some((len, _)) = self.dictionaries.actors.longest_match(rest.iter().copied())
            else {
                k += 1;
                continue;
            };
            let (Some(&first), Some(&last)) = (kept.get(k), kept.get(k + len.max(1) - 1)) else {
                break;
            };
            let span = sentence.tokens.get(first..=last).unwrap_or_default();
            let named = len >= 2
                && span.first().is_some_and(capitalized)
                && span.last().is_some_and(capitalized)
                && span.iter().all(|t| {
                    capitalized(t)
                        || NAME_FUNCTION_WORDS.contains(&t.form.as_str())
                        || t.form == "-"
                });
            if named {
                spans.push(first..last + 1);
            }
            k += len.max(1);
        }
        spans
    }

    /// The actor a phrase names on `date`, resolved exactly as the coder resolves a subject or an
    /// object ([`ActorLexicon::resolve_conjoined`] from the phrase's head), or `None` when it names
    /// nobody. The head is the parse's root; when the parser read the phrase as a clause ("Iran
    /// protesters" as "Iran protests"), it is the clause's subject, the phrase a verb would code.
    /// Of conjoined actors ("Arnor and Gondor") the first named one is returned.
    pub fn resolve_phrase(&self, sentence: &Sentence, date: Date) -> Option<Resolved> {
        let tree = Tree::with_vocabulary(sentence, &self.dictionaries.vocabulary);
        let root = tree.children(0).first().copied()?;
        let head = if tree.is_verb(root) {
            tree.children_with(root, Rel::Subject)
                .chain(tree.children_with(root, Rel::PassiveSubject))
                .next()
                .unwrap_or(root)
        } else {
            root
        };
        let mut found = self.lexicon().resolve_conjoined(&tree, head, date);
        let first_named = found
            .iter()
            .position(|r| !r.actor.unknown_root)
            .unwrap_or(0);
        (first_named < found.len()).then(|| found.swap_remove(first_named))
    }

    /// The coded verbs of a sentence; `None` when the sentence is discarded.
    fn clauses(
        &self,
        tree: &Tree<'_>,
        date: Date,
        antecedents: Option<&coref::Antecedents>,
    ) -> Option<Vec<Clause>> {
        if tree.is_empty() || self.discarded(tree.sentence) {
            return None;
        }
        let lexicon = ActorLexicon {
            antecedents,
            ..self.lexicon()
        };
        if let Some(recogniser) = &self.recogniser {
            return Some(self.learned_clauses(recogniser, tree, &lexicon, date));
        }
        let mut matches = Vec::new();
        for verb in tree.ids() {
            // Relative clauses ("a woman who shot at officers") describe a phrase rather than
            // report an event; PETRARCH-2 does not code them either.
            if !tree.is_verb(verb) || tree.rel(verb) == Rel::Relcl {
                continue;
            }
            let Some(matched) = self.verbs.match_verb(&self.dictionaries, tree, verb) else {
                continue;
            };
            if matches!(matched.code, VerbCode::Discard | VerbCode::Complex) {
                return None;
            }
            matches.push((verb, matched));
        }
        let clauses = matches
            .into_iter()
            .map(|(verb, matched)| self.resolve_clause(tree, &lexicon, verb, matched, date))
            .collect();
        Some(clauses)
    }

    /// The source and target actors of a verb's clause, from the slots its match names or the
    /// verb's phrases.
    fn resolve_clause(
        &self,
        tree: &Tree<'_>,
        lexicon: &ActorLexicon<'_>,
        verb: u32,
        matched: VerbMatch,
        date: Date,
    ) -> Clause {
        let lexicon = *lexicon;
        let sources = match matched.source_slot {
            Some(id) => lexicon.resolve_conjoined(tree, slot_phrase(tree, id), date),
            None => source_actors(tree, &lexicon, verb, date),
        };
        // What a force posture deploys or mobilizes ("massed troops", "deployed a U.S.
        // missile defence system") is the source's own force, never whom the posture is
        // aimed at (CAMEO root 15): the verb's objects are no targets, their phrases may be
        // ("deployed warships near Taiwan").
        let posture = match matched.code {
            VerbCode::Event(c) => c.is_force_posture(),
            _ => false,
        };
        let objects: Vec<u32> = if posture {
            tree.children_with(verb, Rel::Object).collect()
        } else {
            Vec::new()
        };
        let targets = match matched.target {
            Some(id) if posture && objects.contains(&id) => Vec::new(),
            Some(id) => lexicon.resolve_conjoined(tree, slot_phrase(tree, id), date),
            None => Vec::new(),
        };
        // What a plain statement (010) reports is not its target: an event of its own is
        // coded on its own, and a named actor in a reported clause ("said such a step enjoyed
        // support from Moscow") is what is talked about, not whom the speaker addresses.
        let statement = matches!(
            matched.entry_code,
            VerbCode::Event(c) if c.as_str() == PLAIN_STATEMENT
        );
        let targets = if targets.is_empty() {
            // Partners who act together ("Arnor and Gondor agreed in Minas Tirith to resume
            // talks") act on each other, not on the government of the capital they met in.
            let mutual = sources.len() > 1
                && match matched.code {
                    VerbCode::Event(c) => c.is_cooperative(),
                    VerbCode::Paired { forward, .. } => forward.is_some_and(|c| c.is_cooperative()),
                    _ => false,
                };
            let own_forces: &[u32] = if posture { &objects } else { &[] };
            let partners = mutual.then_some(sources.as_slice());
            let mut found =
                target_actors(tree, &lexicon, verb, date, statement, partners, own_forces);
            // A slot the pattern named but that names nobody ("shelled villages in southern
            // Lebanon", "condemned the coup in Niger") gives way to a named actor among the
            // verb's phrases, never to another unnamed one.
            if matched.target_explicit {
                found.retain(|r| !r.actor.unknown_root);
            }
            found
        } else {
            targets
        };
        let targets = located(tree, &lexicon, verb, date, targets);
        // Telling reporters or a news agency is how a statement is made public, not whom it
        // is addressed to: a plain statement has no media target.
        let mut targets = targets;
        if statement {
            targets.retain(|r| !r.actor.sectors.iter().any(|s| s == "MED"));
        }
        Clause {
            verb,
            matched,
            sources,
            targets,
            note: None,
            rules: Vec::new(),
        }
    }

    /// The events of one sentence (index `sentence_index` in its story), dated `date`.
    pub fn code_sentence(
        &self,
        sentence: &Sentence,
        sentence_index: usize,
        date: Date,
    ) -> Vec<Event> {
        self.code_sentence_in(sentence, sentence_index, date, None)
    }

    /// As [`Coder::code_sentence`], resolving phrases that refer back ("he", "the ministry") to
    /// the actors named earlier in the story.
    fn code_sentence_in(
        &self,
        sentence: &Sentence,
        sentence_index: usize,
        date: Date,
        antecedents: Option<&coref::Antecedents>,
    ) -> Vec<Event> {
        let tree = Tree::with_vocabulary(sentence, &self.dictionaries.vocabulary);
        let Some(clauses) = self.clauses(&tree, date, antecedents) else {
            return Vec::new();
        };
        let codes =
            |v: &[Resolved]| -> Vec<String> { v.iter().map(|r| r.actor.petrarch_code()).collect() };
        let views: Vec<(Vec<String>, Vec<String>)> = clauses
            .iter()
            .map(|c| (codes(&c.sources), codes(&c.targets)))
            .collect();
        let view = |i: usize| {
            let c = clauses.get(i)?;
            let (sources, targets) = views.get(i)?;
            Some(compose::ClauseView {
                verb: c.verb,
                code: c.matched.code,
                entry_code: c.matched.entry_code,
                sources,
                targets,
            })
        };
        let mut suppressed = vec![false; clauses.len()];
        // Clauses whose paired code gives only its forward event.
        let mut one_way = vec![false; clauses.len()];
        let mut transformed = Vec::new();
        for (i, lower) in clauses.iter().enumerate() {
            let Some((head, relation)) = governing_verb(&tree, lower.verb) else {
                continue;
            };
            let Some(j) = clauses.iter().position(|c| c.verb == head) else {
                continue;
            };
            let (Some(upper_view), Some(lower_view)) = (view(j), view(i)) else {
                continue;
            };
            // A complement's event passed up through its governing verb ("is scheduled to attend
            // a summit in Bern") keeps its direction: the reverse of a paired code, which reads
            // the verb as a mutual act, does not survive the nesting in PETRARCH-2.
            if tree.rel(lower.verb) == Rel::Xcomp {
                set(&mut one_way, i);
            }
            match compose::compose(
                &self.dictionaries,
                &tree,
                &upper_view,
                &lower_view,
                relation,
                &self.pico,
            ) {
                Composition::Both => {}
                Composition::LowerOnly => set(&mut suppressed, j),
                Composition::Combined(code) => {
                    set(&mut suppressed, i);
                    set(&mut suppressed, j);
                    let target = match clauses.get(j) {
                        Some(upper) if !upper.targets.is_empty() => Party::UpperTarget,
                        _ => Party::LowerTarget,
                    };
                    transformed.push((j, i, Party::UpperSource, target, code, true));
                }
                Composition::UpperOnly => set(&mut suppressed, i),
                Composition::Transformed {
                    source,
                    target,
                    code,
                } => {
                    set(&mut suppressed, i);
                    set(&mut suppressed, j);
                    transformed.push((j, i, source, target, code, false));
                }
            }
        }
        // Wanting or promising that someone else do what the dictionaries do not code ("might
        // want Obama to head back") is no event: the wish has no codable content, and it is no
        // appeal made to anyone.
        for (j, clause) in clauses.iter().enumerate() {
            let intent = matches!(clause.matched.entry_code, VerbCode::Event(c) if c.is_intent());
            if !intent || !tree.has_child(clause.verb, Rel::Object) {
                continue;
            }
            let uncoded_complement = tree
                .children_with(clause.verb, Rel::Xcomp)
                .any(|x| infinitive(&tree, x) && clauses.iter().all(|c| c.verb != x));
            if uncoded_complement {
                set(&mut suppressed, j);
            }
        }
        let mut events = Vec::new();
        for ((clause, suppressed), one_way) in clauses.iter().zip(&suppressed).zip(&one_way) {
            if *suppressed {
                continue;
            }
            match clause.matched.code {
                VerbCode::Paired { forward, .. } if *one_way => {
                    let forward_only = Clause {
                        verb: clause.verb,
                        matched: VerbMatch {
                            code: VerbCode::Paired {
                                forward,
                                reverse: None,
                            },
                            ..clause.matched.clone()
                        },
                        sources: clause.sources.clone(),
                        targets: clause.targets.clone(),
                        note: clause.note.clone(),
                        rules: clause.rules.clone(),
                    };
                    self.emit(&tree, &forward_only, sentence_index, date, &mut events);
                }
                _ => self.emit(&tree, clause, sentence_index, date, &mut events),
            }
        }
        for (j, i, source, target, code, on_upper) in transformed {
            let (Some(upper), Some(lower)) = (clauses.get(j), clauses.get(i)) else {
                continue;
            };
            let pick = |party: Party| -> Vec<Resolved> {
                match party {
                    Party::UpperSource => upper.sources.clone(),
                    Party::LowerSource => lower.sources.clone(),
                    Party::LowerTarget => lower.targets.clone(),
                    Party::UpperTarget => upper.targets.clone(),
                    Party::Nobody => Vec::new(),
                }
            };
            let clause = Clause {
                // A combined code belongs to the governing verb ("are seeking to deepen"); a
                // transformation reports the complement's event ("said they will attack").
                verb: if on_upper { upper.verb } else { lower.verb },
                matched: VerbMatch {
                    code: VerbCode::Event(code),
                    compound: false,
                    ..upper.matched.clone()
                },
                sources: pick(source),
                targets: pick(target),
                note: if on_upper {
                    upper.note.clone()
                } else {
                    lower.note.clone()
                }
                .or_else(|| upper.note.clone()),
                rules: upper.rules.iter().chain(&lower.rules).copied().collect(),
            };
            self.emit(&tree, &clause, sentence_index, date, &mut events);
        }
        if !events.is_empty() && !self.dictionaries.issues.is_empty() {
            // Issues are a property of the sentence: every event it yields carries them.
            let issues: Vec<String> = self
                .dictionaries
                .issues
                .code_text(&sentence_text(sentence))
                .into_iter()
                .map(|(code, _)| code.to_string())
                .collect();
            for event in &mut events {
                event.issues.clone_from(&issues);
            }
        }
        // So are the parse repairs that reshaped its tree.
        for event in &mut events {
            event.provenance.parse_repairs =
                sentence.repairs.iter().map(|r| r.name.clone()).collect();
        }
        dedup::dedup_story(events)
    }

    /// Codes a story: each sentence, then one event per (date, source, target, code).
    pub fn code_story(&self, sentences: &[Sentence], date: Date) -> Vec<Event> {
        if sentences.iter().any(|s| self.story_discarded(s)) {
            return Vec::new();
        }
        let mut antecedents = coref::Antecedents::new();
        let mut events = Vec::new();
        for (i, sentence) in sentences.iter().enumerate() {
            antecedents.begin_sentence(i);
            let tree = Tree::with_vocabulary(sentence, &self.dictionaries.vocabulary);
            let lexicon = ActorLexicon {
                antecedents: Some(&antecedents),
                ..self.lexicon()
            };
            let named = antecedents.named(&tree, &lexicon, date);
            antecedents.remember(named);
            events.extend(self.code_sentence_in(sentence, i, date, Some(&antecedents)));
        }
        dedup::dedup_story(events)
    }

    fn discarded(&self, sentence: &Sentence) -> bool {
        self.dictionaries
            .discards
            .find(&sentence_text(sentence))
            .is_some()
    }

    fn story_discarded(&self, sentence: &Sentence) -> bool {
        self.dictionaries
            .discards
            .find_story_level(&sentence_text(sentence))
            .is_some()
    }

    fn emit(
        &self,
        tree: &Tree<'_>,
        clause: &Clause,
        sentence_index: usize,
        date: Date,
        out: &mut Vec<Event>,
    ) {
        let (forward, backward) = match clause.matched.code {
            VerbCode::Event(c) => (Some(c), None),
            VerbCode::Paired { forward, reverse } => (forward, reverse),
            VerbCode::Null | VerbCode::Discard | VerbCode::Complex => return,
        };
        let trigger = trigger_of(tree, &clause.matched.trigger);
        let mut modality = modality::of_verb(tree, clause.verb);
        let learned = clause.note.is_some();
        let mut recoded: Option<&'static str> = None;
        // Only the verb's own negation recodes it: in "won't try to clash" the clash is still a
        // clash, merely not attempted.
        let (forward, backward) = if modality::is_negated(tree, clause.verb) {
            let negate = |c: Option<CameoCode>| c.and_then(|c| self.pico.negate(c));
            match (negate(forward), negate(backward)) {
                (None, None) => (forward, backward),
                // The ontology turned "not X" into a code of its own, which is asserted.
                (f, b) => {
                    modality = Modality::Asserted;
                    (f.or(forward), b.or(backward))
                }
            }
        } else if modality::reported_future(tree, clause.verb)
            || (learned && modality::announced_future(tree, clause.verb))
        {
            // What a speaker says someone would do ("said Tokyo would work closely with
            // Washington") is an intent (CAMEO 03) or a threat (13), not the act itself; so is an
            // act its actor announces ("Putin will visit Ankara", "the rebels said they will
            // release the guards"; the learned path, `future-act-is-intent`).
            let intent = "030".parse::<CameoCode>().ok();
            let intend = |c: Option<CameoCode>| {
                c.map(|c| intent.and_then(|i| self.pico.combine(i, c)).unwrap_or(c))
            };
            match (intend(forward), intend(backward)) {
                // The recogniser may already have read the announcement as the intent ("will
                // visit": 036); the intent is then what is asserted.
                (f, b) if f == forward && b == backward => {
                    let announced = f.is_some_and(|c| c.is_intent() || c.is_threat());
                    if learned && announced && modality::announced_future(tree, clause.verb) {
                        modality = Modality::Asserted;
                        recoded = Some(FUTURE_ACT_IS_INTENT);
                    }
                    (forward, backward)
                }
                (f, b) => {
                    modality = Modality::Asserted;
                    if learned {
                        recoded = Some(FUTURE_ACT_IS_INTENT);
                    }
                    (f, b)
                }
            }
        } else {
            (forward, backward)
        };
        let make_with = |source: &Resolved,
                         target: Option<&Resolved>,
                         code: CameoCode,
                         rule: Option<&'static str>| {
            let code = cameo_rules::by_source(code, &source.actor);
            let info = taxonomy::lookup(code.as_str());
            let mut actors: Vec<DictSource> = source.sources.clone();
            if let Some(t) = target {
                actors.extend(t.sources.iter().cloned());
            }
            // On the learned path an actor referred to by a pronoun or description is given by
            // the words that name it, when they are in the same sentence (`named-in-sentence`):
            // a mention is the phrase that names the actor, as the corpus's guidelines say.
            let mention = |r: &Resolved| {
                let mut actor = r.actor.clone();
                if let (true, Some((text, span))) = (learned, &r.named_by) {
                    actor.text.clone_from(text);
                    actor.span = *span;
                }
                actor
            };
            let renamed = (learned
                && (source.named_by.is_some() || target.is_some_and(|t| t.named_by.is_some())))
            .then_some(NAMED_IN_SENTENCE);
            Event {
                sentence_index,
                date,
                source: mention(source),
                target: target.map(mention),
                cameo: code,
                goldstein: info.map_or(0.0, |i| i.goldstein),
                quad_class: info.map_or(QuadClass::VerbalCooperation, |i| i.quad_class),
                plover: info.and_then(|i| i.plover),
                modality,
                trigger: trigger.clone(),
                issues: Vec::new(),
                provenance: Provenance {
                    verb: Some(clause.matched.source.clone()),
                    actors,
                    recogniser: clause.note.clone(),
                    rules: clause
                        .rules
                        .iter()
                        .copied()
                        .chain(recoded)
                        .chain(renamed)
                        .chain(rule)
                        .collect(),
                    ..Provenance::default()
                },
            }
        };
        let make = |source: &Resolved, target: Option<&Resolved>, code: CameoCode| {
            make_with(source, target, code, None)
        };
        // The recogniser decided that an event happened: the rules' doubts about its actors cost
        // the target, never the event.
        // A compound source acting on nobody named acts on its own members ("Arnor and Gondor
        // met", "... signed a pact": the object the pattern itself names is no one), as a `%`
        // pattern says explicitly. So does one cooperating over a thing rather than a party ("the
        // two ministers discussed trade"): consultation and cooperation are mutual.
        let mutual = forward.is_some_and(|c| c.is_cooperative());
        let other_object = tree
            .children_with(clause.verb, Rel::Object)
            .any(|o| !clause.matched.pattern_words.contains(&o));
        // Partners who clash or meet with no object act on each other; partners who speak,
        // appeal, demand, criticize or reject with no object ("India and Pakistan said") do not.
        let verbal =
            forward.is_some_and(|c| c.is_statement() || c.is_appeal() || c.is_verbal_conflict());
        let reciprocal = clause.matched.compound
            || (clause.targets.is_empty() && (mutual || (!other_object && !verbal)));
        // With the recogniser, partners of one code ("Putin and Medvedev attended") are one
        // party; the rules keep PETRARCH's reading.
        let parties = if learned {
            distinct_parties(&clause.sources)
        } else {
            clause.sources.len()
        };
        if reciprocal && parties > 1 {
            for a in &clause.sources {
                for b in &clause.sources {
                    if a.actor.code != b.actor.code {
                        if let Some(code) = forward {
                            out.push(make(a, Some(b), code));
                        }
                    }
                }
            }
            return;
        }
        for source in &clause.sources {
            if clause.targets.is_empty() {
                // The recogniser decides that an event happened whether or not its target is
                // named; the rules alone need a dyad to trust their pattern.
                let dyad_needed = self.options.require_dyad && clause.note.is_none();
                if let (false, Some(code)) = (dyad_needed, forward) {
                    out.push(make(source, None, code));
                }
                continue;
            }
            let before = out.len();
            let mut same_code_party = None;
            for target in &clause.targets {
                // One actor does not act on itself; two unnamed phrases (`---`) are two parties.
                // A reference back to the source ("France recalled its ambassador") is the
                // source speaking of itself. With the recogniser, another phrase of the same
                // code ("Romania's president refused a request from the justice minister") is a
                // second party of that code; the rules alone drop it.
                let same_code = same_code(source, target);
                if is_the_source_itself(source, target) || (same_code && !learned) {
                    continue;
                }
                if same_code {
                    same_code_party = Some("same-code-party");
                }
                if let Some(code) = forward {
                    out.push(make_with(source, Some(target), code, same_code_party));
                }
                if let Some(back) = backward {
                    out.push(make_with(target, Some(source), back, same_code_party));
                }
            }
            if learned && out.len() == before {
                if let Some(code) = forward {
                    out.push(make_with(source, None, code, Some("source-is-no-target")));
                }
            }
        }
    }
}

/// How many different parties (actor codes) a list of actors names; unnamed phrases (`---`)
/// are each a party of their own.
fn distinct_parties(actors: &[Resolved]) -> usize {
    let mut seen: Vec<String> = Vec::new();
    for a in actors {
        let key = if a.actor.code.has_null_root() {
            format!("{}|{}", a.actor.petrarch_code(), a.actor.text)
        } else {
            a.actor.petrarch_code()
        };
        if !seen.contains(&key) {
            seen.push(key);
        }
    }
    seen.len()
}

/// Whether `target` is `source` itself for the learned path: of its code and referring back
/// to it, or a reference back to its country ("France recalled its ambassador"). Such a target
/// is dropped at emission (`source-is-no-target`).
pub(crate) fn is_the_source_itself(source: &Resolved, target: &Resolved) -> bool {
    // A reference to another phrase of the sentence than the source is that phrase ("attacked
    // Australia's spy chiefs, calling them nutters": them = the spy chiefs, not the speaker).
    let names_another = target
        .named_by
        .as_ref()
        .is_some_and(|(_, span)| !overlaps_span(*span, source.actor.span));
    // A reference of another role in the source's country is another party ("Indian
    // opposition parties demanded that the government withdraw ...": INDOPP and INDGOV); of the
    // country itself, or of the source's own roles, the source ("France recalled its ambassador").
    let own_roles = source.actor.sectors.is_empty()
        || target
            .actor
            .sectors
            .iter()
            .all(|s| source.actor.sectors.contains(s));
    let reflexive = target.sources.iter().any(|s| s.file == coref::COREF_FILE)
        && !names_another
        && own_roles
        && target.actor.country.is_some()
        && target.actor.country == source.actor.country;
    (same_code(source, target) && refers_back(source, target)) || reflexive
}

/// Whether `target` has the source's code; two unnamed phrases (`---`) of different words are
/// two parties.
fn same_code(source: &Resolved, target: &Resolved) -> bool {
    let unnamed = target.actor.code.has_null_root() && source.actor.text != target.actor.text;
    target.actor.petrarch_code() == source.actor.petrarch_code() && !unnamed
}

/// Whether a target of the source's own code is the source spoken of again: a pronoun or a
/// reference the coreference rules resolved, or the source's own words.
fn refers_back(source: &Resolved, target: &Resolved) -> bool {
    const PRONOUNS: &[&str] = &[
        "it",
        "its",
        "itself",
        "he",
        "him",
        "his",
        "himself",
        "she",
        "her",
        "herself",
        "they",
        "them",
        "their",
        "themselves",
        "we",
        "us",
        "our",
        "i",
        "me",
        "my",
    ];
    let text = target.actor.text.to_lowercase();
    let last = text.split_whitespace().last().unwrap_or_default();
    target.sources.iter().any(|s| s.file == coref::COREF_FILE)
        || PRONOUNS.contains(&last)
        || text == source.actor.text.to_lowercase()
        || overlaps_span(source.actor.span, target.actor.span)
}

fn overlaps_span(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// The sentence's text for discard matching: its text, or its words when it has none.
fn sentence_text(sentence: &Sentence) -> String {
    if sentence.text.is_empty() {
        sentence.detokenized()
    } else {
        sentence.text.clone()
    }
}

fn set(flags: &mut [bool], i: usize) {
    if let Some(f) = flags.get_mut(i) {
        *f = true;
    }
}

/// Lowercase words that may stand inside a name ("Organisation of Islamic Cooperation").
const NAME_FUNCTION_WORDS: &[&str] = &["of", "for", "and", "the", "de", "del", "da", "al", "el"];

/// The learned path's rule that gives an actor found through a reference by the words that
/// name it in the same sentence (see `LEARNED_RULES`).
pub(crate) const NAMED_IN_SENTENCE: &str = "named-in-sentence";

/// The learned path's rule that recodes an announced act as its intent (see `LEARNED_RULES`).
pub(crate) const FUTURE_ACT_IS_INTENT: &str = "future-act-is-intent";

/// CAMEO's "make a public statement, not specified": a verb of saying with nothing more to it.
const PLAIN_STATEMENT: &str = "010";

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::syntax::tests::sentence;
    use petrel_core::Upos::{self, *};
    use petrel_dict::petrarch;

    /// A tiny dictionary set written for these tests (not PETRARCH's).
    fn coder() -> Coder {
        let verbs = "\
--- MEET [040:040] ---
MEET {MEETS MET MEETING}

--- ATTACK [190] ---
ATTACK
- * (WITH ROCKETS) [183]

--- PRAISE [051] ---
PRAISE

--- VOW [---] ---
VOW

--- SAY [010] ---
SAY {SAYS SAID SAYING}
TELL {TELLS TOLD TELLING}
CLAIM

--- WANT [030] ---
WANT {WANTS WANTED WANTING}

--- DEMOLISH [171] ---
DEMOLISH
- SOLDIER * [145]
- * BRIDGE [172]
- * BRIDGE [173]
";
        let actors = "ARNOR [ARN]\nGONDOR [GON]\nROHAN [ROH]\n";
        let agents = "MINISTER [~GOV]\nSOLDIER [~MIL]\nREPORTER [~MED]\n";
        coder_with(verbs, ("test.actors", actors), agents)
    }

    /// A coder over dictionaries written in the PETRARCH formats, for tests. The actors file's
    /// name says what its entries are (`people` in it makes them persons).
    pub(crate) fn coder_with(
        verbs: &str,
        (actors_file, actors): (&str, &str),
        agents: &str,
    ) -> Coder {
        let mut vocabulary = petrel_dict::Vocabulary::new();
        let (verbs, _) = petrarch::verbs::read("test.verbs", verbs.as_bytes(), &mut vocabulary);
        let (actors, _) = petrarch::actors::read(actors_file, actors.as_bytes(), &mut vocabulary);
        let (agents, _) = petrarch::agents::read("test.agents", agents.as_bytes(), &mut vocabulary);
        let dictionaries = Dictionaries {
            vocabulary,
            verbs,
            actors,
            agents,
            ..Dictionaries::default()
        };
        Coder::new(dictionaries, CoderOptions::default())
    }

    /// A coder knowing Arnor and Gondor, with the given verbs and agents.
    fn two_countries(verbs: &str, agents: &str) -> Coder {
        coder_with(
            verbs,
            ("test.actors", "ARNOR [ARN]\nGONDOR [GON]\n"),
            agents,
        )
    }

    pub(crate) fn date() -> Date {
        Date::from_ymd(2014, 6, 7).unwrap_or(Date::MIN)
    }

    fn triples(events: &[Event]) -> Vec<String> {
        let mut out: Vec<String> = events
            .iter()
            .map(|e| {
                let t = validate::triple(e);
                format!("{} {} {}", t.source, t.target, t.code)
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_reference_to_another_phrase_of_the_sentence_is_not_the_source() {
        let actor = |code: &str, text: &str, start: usize| Resolved {
            actor: petrel_core::EventActor {
                code: code.parse().expect("a code"),
                country: Some("AUS".to_string()),
                sectors: Vec::new(),
                text: text.to_string(),
                span: Span::new(start, start + text.len()),
                entity: None,
                unknown_root: false,
            },
            sources: Vec::new(),
            root_blocks: 1,
            named_by: None,
        };
        // "Keating attacked Australia's spy chiefs, calling them nutters."
        let source = actor("AUSELI", "Keating", 0);
        let mut them = actor("AUSSPY", "them", 49);
        them.sources.push(DictSource {
            file: coref::COREF_FILE.to_string(),
            line: 0,
            text: "them = Australia's spy chiefs".to_string(),
        });
        them.named_by = Some(("Australia's spy chiefs".to_string(), Span::new(17, 39)));
        assert!(!is_the_source_itself(&source, &them));
        // "Australia recalled its ambassador": a reference back to the source's country is it.
        let mut its = actor("AUSGOV", "its ambassador", 19);
        its.sources = them.sources.clone();
        its.named_by = None;
        assert!(is_the_source_itself(&actor("AUS", "Australia", 0), &its));
        // ... and so is one whose antecedent is the source's own words.
        its.named_by = Some(("Australia".to_string(), Span::new(0, 9)));
        assert!(is_the_source_itself(&actor("AUS", "Australia", 0), &its));
    }

    #[test]
    fn subject_verb_object_with_paired_code() {
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("met", "meet", Verb, 0, "root"),
            ("Gondor", "Gondor", Propn, 2, "obj"),
        ]);
        let events = coder().code_sentence(&s, 0, date());
        assert_eq!(triples(&events), ["ARN GON 040", "GON ARN 040"]);
        let first = &events[0];
        assert_eq!(first.quad_class, QuadClass::VerbalCooperation);
        assert_eq!(first.trigger.text, "met");
        assert_eq!(
            first.provenance.verb.as_ref().map(|v| v.line),
            Some(2),
            "the verb line fired"
        );
        assert_eq!(first.provenance.actors.len(), 2);
    }

    #[test]
    fn a_capital_where_something_happened_is_the_country() {
        let verbs = "--- PROTEST [141] ---\nPROTEST\nSTAGE\n- * PROTEST [141]\n\n--- ATTEND [042] ---\nATTEND\n- * + [042]\n";
        let actors = "ARNOR [ARN]\nANNUMINAS [ARNGOV]\nGONDOR [GON]\n";
        let agents = "PROTESTER [~OPP]\nSTUDENT [~EDU]\n";
        let mut coder = coder_with(verbs, ("test.actors", actors), agents);
        // "Students staged a protest in Annuminas": the place, not the government. Only a city
        // the dictionaries mark as one counts, so the PETRARCH-format test files need help.
        let s = sentence(&[
            ("Students", "student", Noun, 2, "nsubj"),
            ("staged", "stage", Verb, 0, "root"),
            ("a", "a", Det, 4, "det"),
            ("protest", "protest", Noun, 2, "obj"),
            ("in", "in", Adp, 6, "case"),
            ("Annuminas", "Annuminas", Propn, 4, "nmod"),
        ]);
        let events = coder.code_sentence(&s, 0, date());
        assert_eq!(triples(&events), ["---EDU ARNGOV 141"]);
        coder.dictionaries.cities.insert("ANNUMINAS".to_string());
        let events = coder.code_sentence(&s, 0, date());
        assert_eq!(triples(&events), ["---EDU ARN 141"]);
        // "Gondor attended the Annuminas games": a city naming where a thing is.
        let s = sentence(&[
            ("Gondor", "Gondor", Propn, 2, "nsubj"),
            ("attended", "attend", Verb, 0, "root"),
            ("the", "the", Det, 5, "det"),
            ("Annuminas", "Annuminas", Propn, 5, "compound"),
            ("games", "game", Noun, 2, "obj"),
        ]);
        let events = coder.code_sentence(&s, 0, date());
        assert_eq!(triples(&events), ["GON ARN 042"]);
        // "Protesters in Annuminas protested against Annuminas": Arnorian protesters, against
        // the government the capital stands for when it is what is acted on.
        let s = sentence(&[
            ("Protesters", "protester", Noun, 4, "nsubj"),
            ("in", "in", Adp, 3, "case"),
            ("Annuminas", "Annuminas", Propn, 1, "nmod"),
            ("protested", "protest", Verb, 0, "root"),
            ("against", "against", Adp, 6, "case"),
            ("Annuminas", "Annuminas", Propn, 4, "obl"),
        ]);
        let events = coder.code_sentence(&s, 0, date());
        assert_eq!(triples(&events), ["ARNOPP ARNGOV 141"]);
    }

    #[test]
    fn a_pattern_preposition_hangs_on_the_verb_or_its_object() {
        let verbs = "--- SAY [010] ---\nANNOUNCE\n- * (TO +) [010]\n";
        let coder = two_countries(verbs, "");
        // "Arnor announced limits on travel to Gondor", with `on travel` read as the verb's:
        // Gondor is where the travel goes, not whom Arnor addressed.
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("announced", "announce", Verb, 0, "root"),
            ("limits", "limit", Noun, 2, "obj"),
            ("on", "on", Adp, 5, "case"),
            ("travel", "travel", Noun, 2, "obl"),
            ("to", "to", Adp, 7, "case"),
            ("Gondor", "Gondor", Propn, 5, "nmod"),
        ]);
        assert!(coder.code_sentence(&s, 0, date()).is_empty());
        // On the object itself it names the addressee.
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("announced", "announce", Verb, 0, "root"),
            ("limits", "limit", Noun, 2, "obj"),
            ("to", "to", Adp, 5, "case"),
            ("Gondor", "Gondor", Propn, 3, "nmod"),
        ]);
        let events = coder.code_sentence(&s, 0, date());
        assert_eq!(triples(&events), ["ARN GON 010"]);
    }

    #[test]
    fn a_relative_pronoun_is_the_noun_its_clause_describes() {
        let coder = two_countries("", "ENVOYS [~GOV]\n");
        // "Arnor envoys, who accused Gondor, left": "who" is coded as the envoys and named by
        // their words (relative-pronoun-is-its-noun).
        let s = crate::syntax::tests::with_spans(sentence(&[
            ("Arnor", "Arnor", Propn, 2, "compound"),
            ("envoys", "envoy", Noun, 7, "nsubj"),
            (",", ",", Punct, 4, "punct"),
            ("who", "who", Pron, 5, "nsubj"),
            ("accused", "accuse", Verb, 2, "acl:relcl"),
            ("Gondor", "Gondor", Propn, 5, "obj"),
            ("left", "leave", Verb, 0, "root"),
        ]));
        let tree = Tree::with_vocabulary(&s, &coder.dictionaries.vocabulary);
        assert_eq!(tree.relative_antecedent(4), Some(2));
        assert_eq!(tree.relative_antecedent(2), None);
        let found = coder.lexicon().resolve(&tree, 4, date());
        let [who] = found.as_slice() else {
            panic!("one actor for 'who': {found:?}");
        };
        assert_eq!(who.actor.code.to_string(), "ARNGOV");
        assert_eq!(who.actor.text, "who", "the actor keeps the pronoun's words");
        assert_eq!(
            who.named_by.as_ref().map(|n| n.0.as_str()),
            Some("Arnor envoys")
        );
        let rule: Vec<&str> = who
            .sources
            .iter()
            .filter(|a| a.file == actors::RELATIVE_PRONOUN)
            .map(|a| a.text.as_str())
            .collect();
        assert_eq!(rule, ["who = Arnor envoys"]);
        // A phrase of no known actor is named by the noun's words all the same.
        let unnamed = actors::unnamed(&tree, 4).and_then(|r| r.named_by);
        assert_eq!(unnamed.map(|n| n.0).as_deref(), Some("Arnor envoys"));
    }

    #[test]
    fn a_relational_noun_is_not_its_possessors() {
        let coder = two_countries("", "NEIGHBOUR [~CVL]\nNEIGHBOURS [~CVL]\n");
        // "Arnor accused Gondor's neighbours": the neighbours are not Gondor's civilians
        // (relational-noun-names-another), so the phrase names no known actor.
        let s = crate::syntax::tests::with_spans(sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("accused", "accuse", Verb, 0, "root"),
            ("Gondor", "Gondor", Propn, 5, "nmod:poss"),
            ("'s", "'s", Part, 3, "case"),
            ("neighbours", "neighbour", Noun, 2, "obj"),
        ]));
        let tree = Tree::with_vocabulary(&s, &coder.dictionaries.vocabulary);
        let found = coder.lexicon().resolve(&tree, 5, date());
        assert!(
            found
                .iter()
                .all(|r| r.actor.country.as_deref() != Some("GON")),
            "{found:?}"
        );
        // Another agent keeps its possessor's country.
        let coder = two_countries("", "CITIZENS [~CVL]\n");
        let s = crate::syntax::tests::with_spans(sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("accused", "accuse", Verb, 0, "root"),
            ("Gondor", "Gondor", Propn, 5, "nmod:poss"),
            ("'s", "'s", Part, 3, "case"),
            ("citizens", "citizen", Noun, 2, "obj"),
        ]));
        let tree = Tree::with_vocabulary(&s, &coder.dictionaries.vocabulary);
        let found = coder.lexicon().resolve(&tree, 5, date());
        let codes: Vec<String> = found.iter().map(|r| r.actor.code.to_string()).collect();
        assert_eq!(codes, ["GONCVL"]);
    }

    #[test]
    fn an_actors_words_leave_out_its_preposition_and_keep_what_an_amount_counts() {
        let coder = two_countries("", "");
        // "Hundreds of students accused Arnor": the unnamed source is all of "Hundreds of
        // students" (amount-of-people).
        let s = crate::syntax::tests::with_spans(sentence(&[
            ("Hundreds", "hundred", Noun, 4, "nsubj"),
            ("of", "of", Adp, 3, "case"),
            ("students", "student", Noun, 1, "nmod"),
            ("accused", "accuse", Verb, 0, "root"),
            ("Arnor", "Arnor", Propn, 4, "obj"),
        ]));
        let unnamed = actors::unnamed(&Tree::new(&s), 1).map(|r| r.actor.text);
        assert_eq!(unnamed.as_deref(), Some("Hundreds of students"));
        // "Arnor recalled its envoy from Gondor": the target's words are "Gondor", not "from
        // Gondor".
        let s = crate::syntax::tests::with_spans(sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("accused", "accuse", Verb, 0, "root"),
            ("envoys", "envoy", Noun, 2, "obj"),
            ("from", "from", Adp, 5, "case"),
            ("Gondor", "Gondor", Propn, 3, "nmod"),
        ]));
        let tree = Tree::with_vocabulary(&s, &coder.dictionaries.vocabulary);
        let found = coder.lexicon().resolve(&tree, 5, date());
        let words: Vec<&str> = found.iter().map(|r| r.actor.text.as_str()).collect();
        assert_eq!(words, ["Gondor"]);
    }

    #[test]
    fn forces_a_posture_names_are_the_sources_own() {
        let verbs = "--- MOBILIZE [154] ---\nMOBILIZE {MOBILIZES MOBILIZED}\n- * TROOPS [154]\n- * + [154]\n";
        let agents = "TROOPS [~MIL]\n";
        let coder = two_countries(verbs, agents);
        // "Arnor mobilized troops near Gondor": aimed at Gondor, not at Arnor's troops.
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("mobilized", "mobilize", Verb, 0, "root"),
            ("troops", "troops", Noun, 2, "obj"),
            ("near", "near", Adp, 5, "case"),
            ("Gondor", "Gondor", Propn, 3, "nmod"),
        ]);
        let events = coder.code_sentence(&s, 0, date());
        assert_eq!(triples(&events), ["ARN GON 154"]);
        // "Arnor mobilized Gondor tanks": the `+` slot names what is mobilized, Arnor's own
        // (if Gondor-made) force, not a target.
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("mobilized", "mobilize", Verb, 0, "root"),
            ("Gondor", "Gondor", Propn, 4, "compound"),
            ("tanks", "tank", Noun, 2, "obj"),
        ]);
        assert!(coder.code_sentence(&s, 0, date()).is_empty());
    }

    #[test]
    fn permitting_another_to_act_is_the_permission() {
        let verbs = "--- ALLOW [086] ---\nALLOW {ALLOWS ALLOWED}\n\n--- VISIT [042] ---\nVISIT\n";
        let coder = two_countries(verbs, "");
        // "Arnor allowed Gondor to visit the sites"
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("allowed", "allow", Verb, 0, "root"),
            ("Gondor", "Gondor", Propn, 2, "obj"),
            ("to", "to", Part, 5, "mark"),
            ("visit", "visit", Verb, 2, "xcomp"),
            ("the", "the", Det, 7, "det"),
            ("sites", "site", Noun, 5, "obj"),
        ]);
        let events = coder.code_sentence(&s, 0, date());
        assert_eq!(triples(&events), ["ARN GON 086"]);
    }

    #[test]
    fn wanting_another_to_do_what_is_not_coded_is_no_event() {
        // "Arnor wants Gondor to leave", with `leave` in no dictionary.
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("wants", "want", Verb, 0, "root"),
            ("Gondor", "Gondor", Propn, 2, "obj"),
            ("to", "to", Part, 5, "mark"),
            ("leave", "leave", Verb, 2, "xcomp"),
        ]);
        assert!(coder().code_sentence(&s, 0, date()).is_empty());
        // Wanting Gondor itself is still coded.
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("wants", "want", Verb, 0, "root"),
            ("Gondor", "Gondor", Propn, 2, "obj"),
        ]);
        assert_eq!(
            triples(&coder().code_sentence(&s, 0, date())),
            ["ARN GON 030"]
        );
    }

    #[test]
    fn a_bombing_by_armed_forces_is_aerial() {
        let verbs = "--- BOMB [183] ---\nBOMB {BOMBS BOMBED BOMBING}\n";
        let agents = "SOLDIER [~MIL]\nAIR FORCE [~MIL]\n";
        let coder = two_countries(verbs, agents);
        let bombed = |subject: &[(&'static str, &'static str, Upos, u32, &'static str)]| {
            let mut rows = subject.to_vec();
            let verb = rows.len() as u32 + 1;
            rows.push(("bombed", "bomb", Verb, 0, "root"));
            rows.push(("Gondor", "Gondor", Propn, verb, "obj"));
            for row in rows.iter_mut().take(subject.len()) {
                if row.3 == 0 {
                    row.3 = verb;
                }
            }
            triples(&coder.code_sentence(&sentence(&rows), 0, date()))
        };
        // "The Arnor air force bombed Gondor" employs aerial weapons (195); "Arnor bombed
        // Gondor" keeps CAMEO's non-military bombing (183).
        let force = [
            ("Arnor", "Arnor", Propn, 3, "compound"),
            ("air", "air", Noun, 3, "compound"),
            ("force", "force", Noun, 0, "nsubj"),
        ];
        assert_eq!(bombed(&force), ["ARNMIL GON 195"]);
        assert_eq!(
            bombed(&[("Arnor", "Arnor", Propn, 0, "nsubj")]),
            ["ARN GON 183"]
        );
    }

    #[test]
    fn a_participle_clause_of_consequence_is_not_acted_on() {
        let verbs = "--- FIRE [190] ---\nFIRE {FIRES FIRED FIRING}\n- * + [190]\n";
        let coder = two_countries(verbs, "");
        // "Arnor fired a missile, drawing a warning from Gondor"
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("fired", "fire", Verb, 0, "root"),
            ("a", "a", Det, 4, "det"),
            ("missile", "missile", Noun, 2, "obj"),
            (",", ",", Punct, 6, "punct"),
            ("drawing", "draw", Verb, 2, "advcl"),
            ("a", "a", Det, 8, "det"),
            ("warning", "warning", Noun, 6, "obj"),
            ("from", "from", Adp, 10, "case"),
            ("Gondor", "Gondor", Propn, 8, "nmod"),
        ]);
        assert!(coder.code_sentence(&s, 0, date()).is_empty());
    }

    #[test]
    fn pattern_with_preposition_wins_over_the_verb_code() {
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("attacked", "attack", Verb, 0, "root"),
            ("Gondor", "Gondor", Propn, 2, "obj"),
            ("with", "with", Adp, 5, "case"),
            ("rockets", "rocket", Noun, 2, "obl"),
        ]);
        let events = coder().code_sentence(&s, 0, date());
        assert_eq!(triples(&events), ["ARN GON 183"]);
        assert!((events[0].goldstein - -10.0).abs() < 1e-6);
    }

    #[test]
    fn compound_subject_gives_one_event_per_dyad_and_agents_apply() {
        // "Arnor and Rohan soldiers attacked Gondor"
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 4, "nsubj"),
            ("and", "and", Cconj, 3, "cc"),
            ("Rohan", "Rohan", Propn, 1, "conj"),
            ("attacked", "attack", Verb, 0, "root"),
            ("Gondor", "Gondor", Propn, 4, "obj"),
        ]);
        let events = coder().code_sentence(&s, 0, date());
        assert_eq!(triples(&events), ["ARN GON 190", "ROH GON 190"]);
        let s = sentence(&[
            ("Gondor", "Gondor", Propn, 2, "compound"),
            ("soldiers", "soldier", Noun, 3, "nsubj"),
            ("attacked", "attack", Verb, 0, "root"),
            ("Arnor", "Arnor", Propn, 3, "obj"),
        ]);
        let events = coder().code_sentence(&s, 0, date());
        assert_eq!(triples(&events), ["GONMIL ARN 190"]);
        assert_eq!(events[0].source.country.as_deref(), Some("GON"));
        assert_eq!(events[0].source.sectors, ["MIL"]);
    }

    #[test]
    fn passive_takes_the_by_phrase_as_source() {
        // "Gondor was attacked by Arnor"
        let s = sentence(&[
            ("Gondor", "Gondor", Propn, 3, "nsubj:pass"),
            ("was", "be", Aux, 3, "aux:pass"),
            ("attacked", "attack", Verb, 0, "root"),
            ("by", "by", Adp, 5, "case"),
            ("Arnor", "Arnor", Propn, 3, "obl:agent"),
        ]);
        let events = coder().code_sentence(&s, 0, date());
        assert_eq!(triples(&events), ["ARN GON 190"]);
    }

    #[test]
    fn uncoded_governing_verb_passes_its_subject_and_marks_the_future() {
        // "Arnor vowed to attack Gondor"
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("vowed", "vow", Verb, 0, "root"),
            ("to", "to", Part, 4, "mark"),
            ("attack", "attack", Verb, 2, "xcomp"),
            ("Gondor", "Gondor", Propn, 4, "obj"),
        ]);
        let events = coder().code_sentence(&s, 0, date());
        assert_eq!(triples(&events), ["ARN GON 190"]);
        assert_eq!(events[0].modality, Modality::Future);
        assert!(!events[0].modality.is_fact());
    }

    #[test]
    fn negation_is_recorded_not_dropped() {
        // "Arnor did not praise Gondor"
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 4, "nsubj"),
            ("did", "do", Aux, 4, "aux"),
            ("not", "not", Part, 4, "advmod"),
            ("praise", "praise", Verb, 0, "root"),
            ("Gondor", "Gondor", Propn, 4, "obj"),
        ]);
        let events = coder().code_sentence(&s, 0, date());
        assert_eq!(triples(&events), ["ARN GON 051"]);
        assert_eq!(events[0].modality, Modality::Negated);
        // With the ontology, "not praise" becomes its own code.
        let pico = pico::Pico::read("051:0x0081\n111:0xFFFF+0x0081\n").0;
        let events = coder().with_ontology(pico).code_sentence(&s, 0, date());
        assert_eq!(triples(&events), ["ARN GON 111"]);
    }

    #[test]
    fn without_an_ontology_cameo_rules_negate_cooperation() {
        // "Arnor did not meet Gondor": a refusal to meet, asserted.
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 4, "nsubj"),
            ("did", "do", Aux, 4, "aux"),
            ("not", "not", Part, 4, "advmod"),
            ("meet", "meet", Verb, 0, "root"),
            ("Gondor", "Gondor", Propn, 4, "obj"),
        ]);
        let events = coder().code_sentence(&s, 0, date());
        assert_eq!(triples(&events), ["ARN GON 125", "GON ARN 125"]);
        assert_eq!(events[0].modality, Modality::Asserted);
    }

    #[test]
    fn a_named_office_holder_refines_the_demonym_before_him() {
        let actors =
            "ARNOR [ARN]\nGONDOR [GON]\nGONDORIAN [GON]\nFARAMIR_\n\t[GONGOV >20100101]\n\t[GON]\nBOROMIR_\n\t[GONGOV <20100101]\n\t[GONELI >20100101]\n";
        let coder = coder_with(
            "--- MEET [040] ---\nMEET {MEETS MET}\n",
            ("t.actors", actors),
            "",
        );
        // "Arnor met the Gondorian envoy Faramir": flat, and with Faramir in apposition.
        let flat = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("met", "meet", Verb, 0, "root"),
            ("the", "the", Det, 5, "det"),
            ("Gondorian", "Gondorian", Adj, 5, "amod"),
            ("Faramir", "Faramir", Propn, 2, "obj"),
        ]);
        assert_eq!(
            triples(&coder.code_sentence(&flat, 0, date())),
            ["ARN GONGOV 040"]
        );
        let appos = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("met", "meet", Verb, 0, "root"),
            ("the", "the", Det, 5, "det"),
            ("Gondorian", "Gondorian", Adj, 5, "amod"),
            ("counterpart", "counterpart", Noun, 2, "obj"),
            ("Faramir", "Faramir", Propn, 5, "appos"),
        ]);
        let events = coder.code_sentence(&appos, 0, date());
        assert_eq!(triples(&events), ["ARN GONGOV 040"]);
        assert_eq!(
            events[0].target.as_ref().and_then(|t| t.entity.as_deref()),
            Some("FARAMIR")
        );
        // A former official by our dates is not made one against the phrase: "the Gondorian
        // Boromir" stays Gondor.
        let former = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("met", "meet", Verb, 0, "root"),
            ("the", "the", Det, 5, "det"),
            ("Gondorian", "Gondorian", Adj, 5, "amod"),
            ("Boromir", "Boromir", Propn, 2, "obj"),
        ]);
        assert_eq!(
            triples(&coder.code_sentence(&former, 0, date())),
            ["ARN GON 040"]
        );
    }

    #[test]
    fn cameo_rules_compose_intents_and_appeals() {
        // "Arnor wants to attack Gondor": an intent to attack is a threat.
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("wants", "want", Verb, 0, "root"),
            ("to", "to", Part, 4, "mark"),
            ("attack", "attack", Verb, 2, "xcomp"),
            ("Gondor", "Gondor", Propn, 4, "obj"),
        ]);
        assert_eq!(
            triples(&coder().code_sentence(&s, 0, date())),
            ["ARN GON 138"]
        );
        // "Arnor wants Rohan to meet Gondor": wanting another to act is an appeal to them.
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("wants", "want", Verb, 0, "root"),
            ("Rohan", "Rohan", Propn, 2, "obj"),
            ("to", "to", Part, 5, "mark"),
            ("meet", "meet", Verb, 2, "xcomp"),
            ("Gondor", "Gondor", Propn, 5, "obj"),
        ]);
        assert_eq!(
            triples(&coder().code_sentence(&s, 0, date())),
            ["ARN ROH 026"]
        );
        // "Arnor wants Rohan to attack Gondor": CAMEO has no appeal to attack; an appeal still.
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("wants", "want", Verb, 0, "root"),
            ("Rohan", "Rohan", Propn, 2, "obj"),
            ("to", "to", Part, 5, "mark"),
            ("attack", "attack", Verb, 2, "xcomp"),
            ("Gondor", "Gondor", Propn, 5, "obj"),
        ]);
        assert_eq!(
            triples(&coder().code_sentence(&s, 0, date())),
            ["ARN ROH 020"]
        );
    }

    #[test]
    fn a_denial_targets_the_accuser() {
        let coder = coder_with(
            "--- DENY [016] ---\nDENY {DENIES DENIED DENYING}\n",
            ("t.actors", "ARNOR [ARN]\nGONDOR [GON]\n"),
            "",
        );
        // "Arnor denied the accusations by Gondor", the `by` phrase hung on the verb.
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("denied", "deny", Verb, 0, "root"),
            ("the", "the", Det, 4, "det"),
            ("accusations", "accusation", Noun, 2, "obj"),
            ("by", "by", Adp, 6, "case"),
            ("Gondor", "Gondor", Propn, 2, "obl"),
        ]);
        assert_eq!(
            triples(&coder.code_sentence(&s, 0, date())),
            ["ARN GON 016"]
        );
        // "Arnor denied the accusations made by Gondor"
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("denied", "deny", Verb, 0, "root"),
            ("the", "the", Det, 4, "det"),
            ("accusations", "accusation", Noun, 2, "obj"),
            ("made", "make", Verb, 4, "acl"),
            ("by", "by", Adp, 7, "case"),
            ("Gondor", "Gondor", Propn, 5, "obl:agent"),
        ]);
        assert_eq!(
            triples(&coder.code_sentence(&s, 0, date())),
            ["ARN GON 016"]
        );
    }

    #[test]
    fn a_time_phrase_fills_no_pattern_slot() {
        let coder = coder_with(
            "--- FIRE [190] ---\nFIRE {FIRES FIRED FIRING}\n- * (ON +) [193]\n",
            ("t.actors", "ARNOR [ARN]\nGONDOR [GON]\n"),
            "",
        );
        // "Arnor fired on Monday at Gondor": not "fired on" someone.
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("fired", "fire", Verb, 0, "root"),
            ("on", "on", Adp, 4, "case"),
            ("Monday", "Monday", Propn, 2, "obl"),
            ("at", "at", Adp, 6, "case"),
            ("Gondor", "Gondor", Propn, 2, "obl"),
        ]);
        assert_eq!(
            triples(&coder.code_sentence(&s, 0, date())),
            ["ARN GON 190"]
        );
    }

    #[test]
    fn partners_who_speak_do_not_speak_to_each_other() {
        // "Arnor and Gondor said ..." is two statements, not a dialogue.
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 4, "nsubj"),
            ("and", "and", Cconj, 3, "cc"),
            ("Gondor", "Gondor", Propn, 1, "conj"),
            ("said", "say", Verb, 0, "root"),
        ]);
        assert!(coder().code_sentence(&s, 0, date()).is_empty());
    }

    #[test]
    fn a_clause_with_its_own_subordinator_is_not_a_target() {
        // "Arnor attacked while Gondor watched": Gondor was not attacked.
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("attacked", "attack", Verb, 0, "root"),
            ("while", "while", Sconj, 5, "mark"),
            ("Gondor", "Gondor", Propn, 5, "nsubj"),
            ("watched", "watch", Verb, 2, "advcl"),
        ]);
        assert!(coder().code_sentence(&s, 0, date()).is_empty());
    }

    #[test]
    fn unnamed_targets_take_the_country_of_where_it_happened() {
        let coder = coder_with(
            "--- ATTACK [190] ---\nATTACK\n- * + [190]\n",
            ("t.actors", "ARNOR [ARN]\nGONDOR [GON]\n"),
            "SOLDIER [~MIL]\n",
        );
        // "Arnor attacked soldiers in Gondor"
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("attacked", "attack", Verb, 0, "root"),
            ("soldiers", "soldier", Noun, 2, "obj"),
            ("in", "in", Adp, 5, "case"),
            ("Gondor", "Gondor", Propn, 2, "obl"),
        ]);
        assert_eq!(
            triples(&coder.code_sentence(&s, 0, date())),
            ["ARN GONMIL 190"]
        );
        // "near Gondor" says nothing of whose soldiers they are.
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("attacked", "attack", Verb, 0, "root"),
            ("soldiers", "soldier", Noun, 2, "obj"),
            ("near", "near", Adp, 5, "case"),
            ("Gondor", "Gondor", Propn, 2, "obl"),
        ]);
        assert_eq!(
            triples(&coder.code_sentence(&s, 0, date())),
            ["ARN ---MIL 190"]
        );
    }

    #[test]
    fn what_a_speaker_says_another_would_do_is_an_intent() {
        // "Arnor said Gondor would meet Rohan"
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("said", "say", Verb, 0, "root"),
            ("Gondor", "Gondor", Propn, 5, "nsubj"),
            ("would", "would", Aux, 5, "aux"),
            ("meet", "meet", Verb, 2, "ccomp"),
            ("Rohan", "Rohan", Propn, 5, "obj"),
        ]);
        let events = coder().code_sentence(&s, 0, date());
        assert_eq!(triples(&events), ["GON ROH 036", "ROH GON 036"]);
        assert_eq!(events[0].modality, Modality::Asserted);
    }

    #[test]
    fn a_statement_is_not_addressed_to_whom_it_is_about() {
        // "Arnor said Gondor was weak": nothing happened between them.
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("said", "say", Verb, 0, "root"),
            ("Gondor", "Gondor", Propn, 5, "nsubj"),
            ("was", "be", Aux, 5, "cop"),
            ("weak", "weak", Adj, 2, "ccomp"),
        ]);
        assert!(coder().code_sentence(&s, 0, date()).is_empty());
        // "Arnor said to Gondor ...": the addressee is the target.
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("said", "say", Verb, 0, "root"),
            ("to", "to", Adp, 4, "case"),
            ("Gondor", "Gondor", Propn, 2, "obl"),
        ]);
        assert_eq!(
            triples(&coder().code_sentence(&s, 0, date())),
            ["ARN GON 010"]
        );
        // "Arnor told Gondor's reporters": the press is how Arnor spoke to the public, not
        // whom it addressed.
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("told", "tell", Verb, 0, "root"),
            ("Gondor", "Gondor", Propn, 5, "nmod:poss"),
            ("'s", "'s", Part, 3, "case"),
            ("reporters", "reporter", Noun, 2, "obj"),
        ]);
        assert!(coder().code_sentence(&s, 0, date()).is_empty());
    }

    #[test]
    fn claiming_ones_own_attack_claims_responsibility() {
        // "Arnor claimed that Arnor attacked Gondor"
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("claimed", "claim", Verb, 0, "root"),
            ("that", "that", Sconj, 5, "mark"),
            ("Arnor", "Arnor", Propn, 5, "nsubj"),
            ("attacked", "attack", Verb, 2, "ccomp"),
            ("Gondor", "Gondor", Propn, 5, "obj"),
        ]);
        assert_eq!(
            triples(&coder().code_sentence(&s, 0, date())),
            ["ARN GON 015"]
        );
        // Claiming that someone else attacked is an accusation of them.
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("claimed", "claim", Verb, 0, "root"),
            ("that", "that", Sconj, 5, "mark"),
            ("Rohan", "Rohan", Propn, 5, "nsubj"),
            ("attacked", "attack", Verb, 2, "ccomp"),
            ("Gondor", "Gondor", Propn, 5, "obj"),
        ]);
        assert_eq!(
            triples(&coder().code_sentence(&s, 0, date())),
            ["ARN ROH 112"]
        );
    }

    #[test]
    fn attributions_after_the_report_and_reporters_leave_the_attack_standing() {
        // "Rohan attacked Gondor, Arnor said" (misparsed as a complement: the order decides)
        let s = sentence(&[
            ("Rohan", "Rohan", Propn, 2, "nsubj"),
            ("attacked", "attack", Verb, 5, "ccomp"),
            ("Gondor", "Gondor", Propn, 2, "obj"),
            (",", ",", Punct, 2, "punct"),
            ("Arnor", "Arnor", Propn, 5, "nsubj"),
            ("said", "say", Verb, 0, "root"),
        ]);
        assert_eq!(
            triples(&coder().code_sentence(&s, 0, date())),
            ["ROH GON 190"]
        );
        // "Reporters said that Rohan attacked Gondor": no party speaks.
        let s = sentence(&[
            ("Reporters", "reporter", Noun, 2, "nsubj"),
            ("said", "say", Verb, 0, "root"),
            ("that", "that", Sconj, 5, "mark"),
            ("Rohan", "Rohan", Propn, 5, "nsubj"),
            ("attacked", "attack", Verb, 2, "ccomp"),
            ("Gondor", "Gondor", Propn, 5, "obj"),
        ]);
        assert_eq!(
            triples(&coder().code_sentence(&s, 0, date())),
            ["ROH GON 190"]
        );
    }

    #[test]
    fn require_dyad_drops_events_without_target_unless_off() {
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("attacked", "attack", Verb, 0, "root"),
        ]);
        let mut coder = coder();
        assert!(coder.code_sentence(&s, 0, date()).is_empty());
        coder.options.require_dyad = false;
        assert_eq!(
            triples(&coder.code_sentence(&s, 0, date())),
            ["ARN --- 190"]
        );
    }

    #[test]
    fn issues_of_the_sentence_reach_its_events() {
        let mut coder = coder();
        let (issues, _) = petrarch::issues::read("test.issues", b"ROCKETS [WEAPONS]\n");
        coder.dictionaries.issues = issues;
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("attacked", "attack", Verb, 0, "root"),
            ("Gondor", "Gondor", Propn, 2, "obj"),
            ("with", "with", Adp, 5, "case"),
            ("rockets", "rocket", Noun, 2, "obl"),
        ]);
        let events = coder.code_sentence(&s, 0, date());
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].issues, ["WEAPONS"]);
    }

    #[test]
    fn parse_repairs_of_the_sentence_reach_its_events() {
        let mut s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("attacked", "attack", Verb, 0, "root"),
            ("Gondor", "Gondor", Propn, 2, "obj"),
        ]);
        assert!(coder().code_sentence(&s, 0, date())[0]
            .provenance
            .parse_repairs
            .is_empty());
        s.repairs.push(petrel_core::ParseRepair {
            name: "join_split_names".into(),
            words: vec![3],
        });
        let events = coder().code_sentence(&s, 0, date());
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].provenance.parse_repairs, ["join_split_names"]);
    }

    #[test]
    fn a_sentence_misread_as_a_noun_phrase_takes_the_noun_as_source() {
        // "Arnor soldiers attacked Gondor" parsed as soldiers [who were] attacked.
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "compound"),
            ("soldiers", "soldier", Noun, 0, "root"),
            ("attacked", "attack", Verb, 2, "acl"),
            ("Gondor", "Gondor", Propn, 3, "obj"),
        ]);
        assert_eq!(
            triples(&coder().code_sentence(&s, 0, date())),
            ["ARNMIL GON 190"]
        );
        // A reduced passive with nothing it acts on stays a description: no event.
        let s = sentence(&[
            ("Gondor", "Gondor", Propn, 2, "compound"),
            ("soldiers", "soldier", Noun, 0, "root"),
            ("attacked", "attack", Verb, 2, "acl"),
            ("in", "in", Adp, 5, "case"),
            ("Arnor", "Arnor", Propn, 3, "obl"),
        ]);
        assert!(coder().code_sentence(&s, 0, date()).is_empty());
    }

    #[test]
    fn an_object_naming_nobody_stands_for_its_by_phrase_but_a_subject_does_not() {
        // "Arnor praised the claims by Gondor"
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("praised", "praise", Verb, 0, "root"),
            ("the", "the", Det, 4, "det"),
            ("claims", "claim", Noun, 2, "obj"),
            ("by", "by", Adp, 6, "case"),
            ("Gondor", "Gondor", Propn, 4, "nmod"),
        ]);
        assert_eq!(
            triples(&coder().code_sentence(&s, 0, date())),
            ["ARN GON 051"]
        );
        // "The statement by Gondor praised Arnor": the statement is nobody.
        let s = sentence(&[
            ("The", "the", Det, 2, "det"),
            ("statement", "statement", Noun, 5, "nsubj"),
            ("by", "by", Adp, 4, "case"),
            ("Gondor", "Gondor", Propn, 2, "nmod"),
            ("praised", "praise", Verb, 0, "root"),
            ("Arnor", "Arnor", Propn, 5, "obj"),
        ]);
        assert!(coder().code_sentence(&s, 0, date()).is_empty());
    }

    #[test]
    fn after_the_root_a_word_that_is_also_a_role_is_the_role() {
        // "Soldier" is also a town here; in "Arnor soldier" it is the role.
        let mut vocabulary = petrel_dict::Vocabulary::new();
        let (actors, _) = petrarch::actors::read(
            "t.actors",
            b"ARNOR [ARN]\nSOLDIER [GON]\n".as_slice(),
            &mut vocabulary,
        );
        let (agents, _) =
            petrarch::agents::read("t.agents", b"SOLDIER [~MIL]\n".as_slice(), &mut vocabulary);
        let dictionaries = Dictionaries {
            vocabulary,
            actors,
            agents,
            ..Dictionaries::default()
        };
        let coder = Coder::new(dictionaries, CoderOptions::default());
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "compound"),
            ("soldier", "soldier", Noun, 0, "root"),
        ]);
        let resolved = coder.resolve_phrase(&s, date());
        assert_eq!(
            resolved.map(|r| r.actor.petrarch_code()).as_deref(),
            Some("ARNMIL")
        );
    }

    #[test]
    fn what_is_demanded_has_not_happened() {
        let mut vocabulary = petrel_dict::Vocabulary::new();
        let verbs = "--- DEMAND [100] ---\nDEMAND\n\n--- ATTACK [190] ---\nATTACK\n";
        let (verbs, _) = petrarch::verbs::read("t.verbs", verbs.as_bytes(), &mut vocabulary);
        let (actors, _) = petrarch::actors::read(
            "t.actors",
            b"ARNOR [ARN]\nGONDOR [GON]\nROHAN [ROH]\n".as_slice(),
            &mut vocabulary,
        );
        let dictionaries = Dictionaries {
            vocabulary,
            verbs,
            actors,
            ..Dictionaries::default()
        };
        let coder = Coder::new(dictionaries, CoderOptions::default());
        // "Arnor demanded that Gondor attack Rohan": a demand of Gondor, no attack.
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("demanded", "demand", Verb, 0, "root"),
            ("that", "that", Sconj, 5, "mark"),
            ("Gondor", "Gondor", Propn, 5, "nsubj"),
            ("attack", "attack", Verb, 2, "ccomp"),
            ("Rohan", "Rohan", Propn, 5, "obj"),
        ]);
        assert_eq!(
            triples(&coder.code_sentence(&s, 0, date())),
            ["ARN GON 100"]
        );
    }

    #[test]
    fn a_phrase_resolves_from_its_head_as_a_subject_would() {
        // "Arnor soldiers": the root noun heads the phrase.
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "compound"),
            ("soldiers", "soldier", Noun, 0, "root"),
        ]);
        let resolved = coder().resolve_phrase(&s, date());
        assert_eq!(
            resolved.map(|r| r.actor.petrarch_code()).as_deref(),
            Some("ARNMIL")
        );
        // Read as a clause ("Gondor soldiers attacked"), the subject is the phrase.
        let s = sentence(&[
            ("Gondor", "Gondor", Propn, 2, "compound"),
            ("soldiers", "soldier", Noun, 3, "nsubj"),
            ("attacked", "attack", Verb, 0, "root"),
        ]);
        let resolved = coder().resolve_phrase(&s, date());
        assert_eq!(
            resolved.map(|r| r.actor.petrarch_code()).as_deref(),
            Some("GONMIL")
        );
        // A phrase naming nobody resolves to nothing.
        let s = sentence(&[("weather", "weather", Noun, 0, "root")]);
        assert!(coder().resolve_phrase(&s, date()).is_none());
    }

    #[test]
    fn a_story_codes_each_event_once() {
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("attacked", "attack", Verb, 0, "root"),
            ("Gondor", "Gondor", Propn, 2, "obj"),
        ]);
        let events = coder().code_story(&[s.clone(), s], date());
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].sentence_index, 0);
    }

    #[test]
    fn conjoined_modifiers_give_one_actor_each() {
        // "Arnor and Rohan soldiers attacked Gondor": the conjunction joins the modifiers.
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 4, "compound"),
            ("and", "and", Cconj, 3, "cc"),
            ("Rohan", "Rohan", Propn, 1, "conj"),
            ("soldiers", "soldier", Noun, 5, "nsubj"),
            ("attacked", "attack", Verb, 0, "root"),
            ("Gondor", "Gondor", Propn, 5, "obj"),
        ]);
        let events = coder().code_sentence(&s, 0, date());
        assert_eq!(triples(&events), ["ARNMIL GON 190", "ROHMIL GON 190"]);
    }

    #[test]
    fn a_phrase_naming_nobody_takes_the_actor_of_its_of_phrase() {
        // "Hundreds of Arnor soldiers attacked Gondor"
        let s = sentence(&[
            ("Hundreds", "hundred", Noun, 5, "nsubj"),
            ("of", "of", Adp, 4, "case"),
            ("Arnor", "Arnor", Propn, 4, "compound"),
            ("soldiers", "soldier", Noun, 1, "nmod"),
            ("attacked", "attack", Verb, 0, "root"),
            ("Gondor", "Gondor", Propn, 5, "obj"),
        ]);
        let events = coder().code_sentence(&s, 0, date());
        assert_eq!(triples(&events), ["ARNMIL GON 190"]);
    }

    #[test]
    fn a_participle_clause_does_not_inherit_the_subject() {
        // "Arnor attacked Gondor, praising Rohan": PETRARCH-2 codes the attack only.
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("attacked", "attack", Verb, 0, "root"),
            ("Gondor", "Gondor", Propn, 2, "obj"),
            (",", ",", Punct, 5, "punct"),
            ("praising", "praise", Verb, 2, "advcl"),
            ("Rohan", "Rohan", Propn, 5, "obj"),
        ]);
        let events = coder().code_sentence(&s, 0, date());
        assert_eq!(triples(&events), ["ARN GON 190"]);
        // A `to` infinitive is a complement, and is still coded with the subject.
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("attacked", "attack", Verb, 0, "root"),
            ("Gondor", "Gondor", Propn, 2, "obj"),
            ("to", "to", Part, 5, "mark"),
            ("praise", "praise", Verb, 2, "advcl"),
            ("Rohan", "Rohan", Propn, 5, "obj"),
        ]);
        let events = coder().code_sentence(&s, 0, date());
        assert!(triples(&events).contains(&"ARN GON 190".to_string()));
    }

    #[test]
    fn a_past_participle_modifier_is_done_to_its_noun() {
        // "Soldiers attacked by Arnor praised Gondor": the soldiers did not attack anyone.
        let s = sentence(&[
            ("Soldiers", "soldier", Noun, 5, "nsubj"),
            ("attacked", "attack", Verb, 1, "acl"),
            ("by", "by", Adp, 4, "case"),
            ("Arnor", "Arnor", Propn, 2, "obl"),
            ("praised", "praise", Verb, 0, "root"),
            ("Gondor", "Gondor", Propn, 5, "obj"),
        ]);
        let events = coder().code_sentence(&s, 0, date());
        assert_eq!(triples(&events), ["---MIL GON 051"]);
    }

    #[test]
    fn a_passive_matches_patterns_as_its_active_form() {
        // "The Gondor bridge was demolished by Arnor": the passive subject is the pattern's
        // object, and of two identical patterns the later one wins.
        let s = sentence(&[
            ("The", "the", Det, 3, "det"),
            ("Gondor", "Gondor", Propn, 3, "compound"),
            ("bridge", "bridge", Noun, 5, "nsubj:pass"),
            ("was", "be", Aux, 5, "aux:pass"),
            ("demolished", "demolish", Verb, 0, "root"),
            ("by", "by", Adp, 7, "case"),
            ("Arnor", "Arnor", Propn, 5, "obl"),
        ]);
        let events = coder().code_sentence(&s, 0, date());
        assert_eq!(triples(&events), ["ARN GON 173"]);
        // "Gondor was demolished by Arnor soldiers": the `by` phrase is the pattern's subject.
        let s = sentence(&[
            ("Gondor", "Gondor", Propn, 3, "nsubj:pass"),
            ("was", "be", Aux, 3, "aux:pass"),
            ("demolished", "demolish", Verb, 0, "root"),
            ("by", "by", Adp, 6, "case"),
            ("Arnor", "Arnor", Propn, 6, "compound"),
            ("soldiers", "soldier", Noun, 3, "obl"),
        ]);
        let events = coder().code_sentence(&s, 0, date());
        assert_eq!(triples(&events), ["ARNMIL GON 145"]);
    }

    #[test]
    fn a_bare_pattern_noun_does_not_match_inside_a_prepositional_phrase() {
        // "Arnor demolished Gondor at the bridge": `- * BRIDGE` names an object, not a place.
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("demolished", "demolish", Verb, 0, "root"),
            ("Gondor", "Gondor", Propn, 2, "obj"),
            ("at", "at", Adp, 6, "case"),
            ("the", "the", Det, 6, "det"),
            ("bridge", "bridge", Noun, 2, "obl"),
        ]);
        let events = coder().code_sentence(&s, 0, date());
        assert_eq!(triples(&events), ["ARN GON 171"]);
    }

    #[test]
    fn hostile_trees_do_not_panic() {
        // Cycles, heads out of range, no verb at all.
        let s = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("attacked", "attack", Verb, 3, "conj"),
            ("Gondor", "Gondor", Propn, 2, "xcomp"),
            ("x", "x", Verb, 99, "obj"),
        ]);
        let _ = coder().code_sentence(&s, 0, date());
        let _ = coder().code_sentence(&Sentence::new(""), 0, date());
    }

    /// TABARI-grammar patterns are shallow: words before `*` are read from the text left of the
    /// verb (a governing verb, adverbs), and `_` joins a word to the verb.
    #[test]
    fn tabari_patterns_read_the_text_before_the_verb() {
        let mut vocabulary = petrel_dict::Vocabulary::new();
        let verbs = "\
--- ALLOW [080] ---
ALLOW
- RECENTLY_* [025]
- INDICATED WOULD * [1010]
";
        let (verbs, _) = petrarch::verbs::read("tabari.verbs", verbs.as_bytes(), &mut vocabulary);
        let (actors, _) = petrarch::actors::read(
            "test.actors",
            b"ARNOR [ARN]\nGONDOR [GON]\n",
            &mut vocabulary,
        );
        let coder = Coder::new(
            Dictionaries {
                vocabulary,
                verbs,
                actors,
                ..Dictionaries::default()
            },
            CoderOptions::default(),
        );
        let codes = |s: &Sentence| triples(&coder.code_sentence(s, 0, date()));
        // "Arnor recently allowed Gondor": RECENTLY is joined to the verb.
        let joined = sentence(&[
            ("Arnor", "Arnor", Propn, 3, "nsubj"),
            ("recently", "recently", Adv, 3, "advmod"),
            ("allowed", "allow", Verb, 0, "root"),
            ("Gondor", "Gondor", Propn, 3, "obj"),
        ]);
        assert_eq!(codes(&joined), ["ARN GON 025"]);
        // "Arnor recently did allow Gondor": a word between them, so the block's code.
        let apart = sentence(&[
            ("Arnor", "Arnor", Propn, 4, "nsubj"),
            ("recently", "recently", Adv, 4, "advmod"),
            ("did", "do", Aux, 4, "aux"),
            ("allow", "allow", Verb, 0, "root"),
            ("Gondor", "Gondor", Propn, 4, "obj"),
        ]);
        assert_eq!(codes(&apart), ["ARN GON 080"]);
        // "Arnor indicated it would allow Gondor": the governing verb is left of the verb.
        let governed = sentence(&[
            ("Arnor", "Arnor", Propn, 2, "nsubj"),
            ("indicated", "indicate", Verb, 0, "root"),
            ("it", "it", Pron, 5, "nsubj"),
            ("would", "would", Aux, 5, "aux"),
            ("allow", "allow", Verb, 2, "ccomp"),
            ("Gondor", "Gondor", Propn, 5, "obj"),
        ]);
        assert!(
            codes(&governed).iter().any(|t| t.ends_with("1010")),
            "{:?}",
            codes(&governed)
        );
    }
}
