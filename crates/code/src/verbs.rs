//! Verb patterns matched against the dependency tree: which dictionary entry a verb fires, with
//! which code, and which phrases the pattern names as source and target.
//!
//! A PETRARCH-2 pattern lists words before the verb (`- RECENTLY *`), words of its complements
//! after it (`* {DIPLOMATIC TIES}`), prepositional phrases (`* (WITH)`, `* (FOR {FINANCIAL AID})`),
//! and slots: `+` target, `$` source, `%` a compound source whose members act on each other. On a
//! dependency tree "after the verb" means the verb's complements (objects, obliques with their
//! `case` marker, particles, clausal complements and everything below them), and "before" means
//! its subject phrase, auxiliaries, negation and adverbs. A pattern fires when all its elements are
//! found; the most specific pattern (most words matched) wins, ties going to the first in the file
//! (but a pattern repeated word for word replaces the earlier copy).

use crate::syntax::{Rel, Tree};
use petrel_core::{DictSource, Upos};
use petrel_dict::{Dictionaries, PatternElement, VerbCode, VerbPattern, Vocabulary, Word};
use std::collections::HashMap;

/// The most patterns a single verb may try; real blocks have at most a few hundred.
const MAX_PATTERNS_PER_VERB: usize = 4096;

/// Alternative spellings of one pattern word: a word, or a synset's members, each a sequence of
/// dictionary words (synset members may have several: `ARMED FORCES`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Term {
    pub alternatives: Vec<Vec<Word>>,
}

/// One element of a pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Element {
    /// A word of a complement (after `*`) or of the verb's left context (before `*`).
    Word(Term),
    /// `{A B HEAD}`: a head with its modifiers.
    Phrase(Vec<Term>),
    /// `(PREP ...)`: a phrase with this case marker, optionally with a given head; a bare
    /// `(OFF)` also matches a verb particle.
    Prep {
        prep: Term,
        object: Option<Vec<Term>>,
        target: bool,
        source: bool,
    },
    /// `+`: the target slot.
    Target,
    /// `$`: the source slot.
    Source,
    /// `%`: the source is a compound whose members act on each other.
    Compound,
}

/// A compiled pattern.
#[derive(Clone, Debug, PartialEq)]
pub struct Pattern {
    pub before: Vec<Element>,
    /// How many of the last `before` elements are words joined by `_` to the verb and to each
    /// other (`RECENTLY_*`: 1): in TABARI's shallow matching they must be the words right before
    /// the verb.
    joined_to_verb: usize,
    pub after: Vec<Element>,
    pub code: VerbCode,
    pub source: DictSource,
    /// For each word-bearing element, the words one of which the sentence must contain: a cheap
    /// test that rejects most patterns before any tree walking.
    required: Vec<Vec<Word>>,
}

impl Pattern {
    fn possible(&self, tree: &Tree<'_>) -> bool {
        self.required
            .iter()
            .all(|words| words.iter().any(|&w| tree.has_word(w)))
    }
}

/// The first words of a term's alternatives.
fn first_words(term: &Term) -> Vec<Word> {
    term.alternatives
        .iter()
        .filter_map(|a| a.first().copied())
        .collect()
}

fn required_words(elements: &[Element]) -> Vec<Vec<Word>> {
    let mut out = Vec::new();
    for element in elements {
        match element {
            Element::Word(term) => out.push(first_words(term)),
            Element::Phrase(terms) => out.extend(terms.iter().map(first_words)),
            Element::Prep { prep, object, .. } => {
                out.push(first_words(prep));
                if let Some(terms) = object {
                    out.extend(terms.iter().map(first_words));
                }
            }
            Element::Target | Element::Source | Element::Compound => {}
        }
    }
    out
}

/// The verb dictionary's patterns, compiled for matching on trees (one list per block, indexed
/// like the dictionary's blocks).
#[derive(Clone, Debug, Default)]
pub struct VerbIndex {
    pub blocks: Vec<Vec<Pattern>>,
    /// Per block: the patterns that name no word (tried for every verb of the block) and, for
    /// the others, pattern indices by the words of their first word-bearing element, so a verb
    /// tries only the patterns whose first word its sentence contains.
    candidates: Vec<BlockCandidates>,
}

#[derive(Clone, Debug, Default)]
struct BlockCandidates {
    always: Vec<usize>,
    by_word: HashMap<Word, Vec<usize>>,
}

impl BlockCandidates {
    fn of(patterns: &[Pattern]) -> BlockCandidates {
        let mut out = BlockCandidates::default();
        for (i, pattern) in patterns.iter().enumerate() {
            match pattern.required.first() {
                None => out.always.push(i),
                Some(words) => {
                    for &w in words {
                        let list = out.by_word.entry(w).or_default();
                        if list.last() != Some(&i) {
                            list.push(i);
                        }
                    }
                }
            }
        }
        out
    }

    /// The patterns worth trying for this sentence, in file order.
    fn for_tree(&self, tree: &Tree<'_>) -> Vec<usize> {
        let mut out = self.always.clone();
        for w in tree.present_words() {
            if let Some(list) = self.by_word.get(w) {
                out.extend_from_slice(list);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The outcome of matching one verb token.
#[derive(Clone, Debug, PartialEq)]
pub struct VerbMatch {
    pub code: VerbCode,
    /// The verb line's own code (its block's when it has none), before any pattern applied.
    pub entry_code: VerbCode,
    /// The pattern or verb entry that fired.
    pub source: DictSource,
    /// Tokens forming the trigger (the verb and its particle or compound word).
    pub trigger: Vec<u32>,
    /// The phrase a `+` slot or a matched preposition names as target.
    pub target: Option<u32>,
    /// True when the target was named by `+` itself (stronger than a matched preposition).
    pub target_explicit: bool,
    /// The phrase a `$` slot names as source.
    pub source_slot: Option<u32>,
    /// `%`: members of a compound source act on each other.
    pub compound: bool,
    /// The tokens the pattern's own words matched ("talks" in "* talks (with +)").
    pub pattern_words: Vec<u32>,
}

/// Where a pattern found what it needed.
#[derive(Default)]
struct Found {
    score: usize,
    target: Option<u32>,
    target_explicit: bool,
    source: Option<u32>,
    compound: bool,
    words: Vec<u32>,
}

/// A verb entry as found for a token: its code, block and provenance, and the extra words of a
/// multi-word verb.
struct Entry {
    code: VerbCode,
    block: usize,
    source: DictSource,
    before: Vec<String>,
    after: Vec<String>,
}

fn dict_source(source: &petrel_dict::Source) -> DictSource {
    DictSource {
        file: source.file.to_string(),
        line: source.line as usize,
        text: String::new(),
    }
}

fn compile_term(dicts: &Dictionaries, term: petrel_dict::Term) -> Term {
    match term {
        petrel_dict::Term::Word(w) => Term {
            alternatives: vec![vec![w]],
        },
        petrel_dict::Term::Synset(id) => Term {
            alternatives: dicts
                .verbs
                .synset(id)
                .map(|s| s.phrases.iter().map(|p| p.to_vec()).collect())
                .unwrap_or_default(),
        },
    }
}

fn compile_elements(dicts: &Dictionaries, items: &[petrel_dict::PatternItem]) -> Vec<Element> {
    let mut out = Vec::new();
    for item in items {
        let element = match &item.element {
            PatternElement::Term(t) => Element::Word(compile_term(dicts, *t)),
            PatternElement::NounPhrase(ts) => {
                Element::Phrase(ts.iter().map(|t| compile_term(dicts, *t)).collect())
            }
            PatternElement::Prep {
                preposition,
                object,
            } => {
                let (object, target, source) = match object.as_deref() {
                    None | Some(PatternElement::Skip) | Some(PatternElement::Compound) => {
                        (None, false, false)
                    }
                    Some(PatternElement::Target) => (None, true, false),
                    Some(PatternElement::Source) => (None, false, true),
                    Some(PatternElement::Term(t)) => {
                        (Some(vec![compile_term(dicts, *t)]), false, false)
                    }
                    Some(PatternElement::NounPhrase(ts)) => (
                        Some(ts.iter().map(|t| compile_term(dicts, *t)).collect()),
                        false,
                        false,
                    ),
                    Some(PatternElement::Prep { .. }) => (None, false, false),
                };
                Element::Prep {
                    prep: compile_term(dicts, *preposition),
                    object,
                    target,
                    source,
                }
            }
            PatternElement::Source => Element::Source,
            PatternElement::Target => Element::Target,
            PatternElement::Compound => Element::Compound,
            PatternElement::Skip => continue,
        };
        out.push(element);
    }
    out
}

fn compile_pattern(dicts: &Dictionaries, pattern: &VerbPattern) -> Pattern {
    let before = compile_elements(dicts, &pattern.before);
    let joined_to_verb = pattern
        .before
        .iter()
        .rev()
        .take_while(|item| item.adjacent && matches!(item.element, PatternElement::Term(_)))
        .count();
    let after = compile_elements(dicts, &pattern.after);
    let mut required = required_words(&before);
    required.extend(required_words(&after));
    Pattern {
        before,
        joined_to_verb,
        after,
        code: pattern.code,
        source: DictSource {
            text: dicts.verbs.pattern_text(pattern, &dicts.vocabulary),
            ..dict_source(&pattern.source)
        },
        required,
    }
}

impl VerbIndex {
    /// Compiles every block's patterns.
    pub fn from_dictionaries(dicts: &Dictionaries) -> VerbIndex {
        let blocks: Vec<Vec<Pattern>> = dicts
            .verbs
            .blocks()
            .iter()
            .map(|b| {
                b.patterns
                    .iter()
                    .map(|p| compile_pattern(dicts, p))
                    .collect()
            })
            .collect();
        let candidates = blocks.iter().map(|b| BlockCandidates::of(b)).collect();
        VerbIndex { blocks, candidates }
    }

    /// The entry the verb token `verb` fires and the best pattern of its block.
    pub fn match_verb(
        &self,
        dicts: &Dictionaries,
        tree: &Tree<'_>,
        verb: u32,
    ) -> Option<VerbMatch> {
        let (entry, trigger) = entry_for(dicts, tree, verb)?;
        let mut best: Option<(Found, &Pattern)> = None;
        let patterns = self.blocks.get(entry.block).map_or(&[][..], Vec::as_slice);
        let mut regions = Regions::of(tree, verb);
        regions.heads_only =
            dicts.verbs.grammar() == petrel_dict::petrarch::verbs::Grammar::Petrarch2;
        if !regions.heads_only {
            // TABARI patterns are shallow: their words before the verb are matched against the
            // text to its left ("- INDICATED WOULD * NOW" in "indicated it would act now",
            // "- UNEXPECTEDLY &NEGATVAUXVRB *"), adverbs and governing verbs included.
            regions.before = tree.ids().filter(|&id| id < verb).collect();
        }
        let tried = self
            .candidates
            .get(entry.block)
            .map(|c| c.for_tree(tree))
            .unwrap_or_default();
        for pattern in tried
            .iter()
            .filter_map(|&i| patterns.get(i))
            .take(MAX_PATTERNS_PER_VERB)
        {
            if !pattern.possible(tree) {
                continue;
            }
            let Some(found) = match_pattern(tree, verb, &regions, pattern) else {
                continue;
            };
            // A pattern written again later in the block replaces the earlier one, as PETRARCH-2
            // stores a block's patterns keyed by their words.
            let better = best.as_ref().is_none_or(|(b, earlier)| {
                found.score > b.score
                    || (found.score == b.score
                        && earlier.before == pattern.before
                        && earlier.after == pattern.after)
            });
            if better {
                best = Some((found, pattern));
            }
        }
        Some(match best {
            Some((found, pattern)) => VerbMatch {
                code: pattern.code,
                entry_code: entry.code,
                source: pattern.source.clone(),
                trigger,
                target: found.target,
                target_explicit: found.target_explicit,
                source_slot: found.source,
                compound: found.compound,
                pattern_words: found.words,
            },
            None => VerbMatch {
                code: entry.code,
                entry_code: entry.code,
                source: entry.source,
                trigger,
                target: None,
                target_explicit: false,
                source_slot: None,
                compound: false,
                pattern_words: Vec::new(),
            },
        })
    }
}

/// The verb entry for a token: multi-word entries first, then the form, then the lemma.
fn entry_for(dicts: &Dictionaries, tree: &Tree<'_>, verb: u32) -> Option<(Entry, Vec<u32>)> {
    let vocabulary: &Vocabulary = &dicts.vocabulary;
    let mut single: Option<(Entry, Vec<u32>)> = None;
    let keys = [tree.form_word(verb), tree.lemma_word(verb)];
    for (k, key) in keys.iter().enumerate() {
        let Some(word) = *key else {
            continue;
        };
        if k == 1 && keys.first() == Some(key) {
            continue;
        }
        for form in dicts.verbs.forms(word) {
            let Some(v) = dicts.verbs.verb(form.verb) else {
                continue;
            };
            let entry = Entry {
                code: v.code,
                block: v.block.0 as usize,
                // The verb line names its block's verb ("--- PROTEST [140] ---").
                source: DictSource {
                    text: dicts
                        .verbs
                        .blocks()
                        .get(v.block.0 as usize)
                        .map_or_else(String::new, |b| b.name.to_string()),
                    ..dict_source(&v.source)
                },
                before: form
                    .before
                    .iter()
                    .map(|&w| vocabulary.text(w).to_string())
                    .collect(),
                after: form
                    .after
                    .iter()
                    .map(|&w| vocabulary.text(w).to_string())
                    .collect(),
            };
            if entry.before.is_empty() && entry.after.is_empty() {
                if single.is_none() {
                    single = Some((entry, vec![verb]));
                }
                continue;
            }
            if let Some(extra) = multiword_tokens(tree, verb, &entry) {
                let mut trigger = vec![verb];
                trigger.extend(extra);
                trigger.sort_unstable();
                return Some((entry, trigger));
            }
        }
    }
    single
}

/// The tokens that complete a multi-word verb around `verb`, when they are there.
fn multiword_tokens(tree: &Tree<'_>, verb: u32, entry: &Entry) -> Option<Vec<u32>> {
    let mut out = Vec::new();
    for (k, word) in entry.before.iter().rev().enumerate() {
        let id = verb.checked_sub(k as u32 + 1)?;
        if tree.upper(id) != word {
            return None;
        }
        out.push(id);
    }
    let mut next = verb + 1;
    for word in &entry.after {
        // A particle may be separated from its verb ("cordoned the roads off").
        let particle = tree
            .children(verb)
            .iter()
            .copied()
            .find(|&c| c > verb && tree.upper(c) == word && !out.contains(&c));
        let id = match particle {
            Some(id) => id,
            None if tree.upper(next) == word => next,
            None => return None,
        };
        out.push(id);
        next = id + 1;
    }
    Some(out)
}

/// The tokens a verb's patterns look at: its left context and its complements.
struct Regions {
    before: Vec<u32>,
    after: Vec<u32>,
    /// The verb's subject phrase head, for `+`/`$` before the verb.
    subject: Option<u32>,
    /// The verb's first object, for `+`/`$` after the verb.
    object: Option<u32>,
    /// PETRARCH-2 patterns name the verb's object with a bare noun and a prepositional phrase's
    /// noun only inside `(...)`; TABARI patterns are word sequences that may reach anywhere.
    heads_only: bool,
}

impl Regions {
    fn of(tree: &Tree<'_>, verb: u32) -> Regions {
        let mut before = Vec::new();
        let mut after = Vec::new();
        let mut subject = None;
        let mut object = None;
        let passive =
            tree.has_child(verb, Rel::PassiveSubject) || tree.has_child(verb, Rel::AuxPass);
        for &child in tree.children(verb) {
            let rel = tree.rel(child);
            match rel {
                Rel::Conj | Rel::Cc | Rel::Parataxis | Rel::Punct => continue,
                // An adverbial clause (", scaling a pole ...") is an event of its own, not a
                // complement whose words the verb's patterns name; a `to` infinitive parsed as
                // one ("vowed ... to wage war") is a complement.
                Rel::Advcl
                    if !tree
                        .children_with(child, Rel::Mark)
                        .any(|m| tree.upper(m) == "TO") =>
                {
                    continue
                }
                // PETRARCH-2 matches a passive as its active form: "the civilians were released"
                // matches `- * &PEOPLE` as "released the civilians" does.
                Rel::PassiveSubject => {
                    object.get_or_insert(child);
                    after.extend(tree.subtree(child));
                    continue;
                }
                // ... and its `by` phrase as the subject: "demolished by a protestor" matches
                // `- PROTESTOR *`.
                Rel::Agent | Rel::Oblique
                    if passive
                        && (rel == Rel::Agent
                            || tree.case_marker(child).as_deref() == Some("BY")) =>
                {
                    subject.get_or_insert(child);
                    before.extend(tree.subtree(child));
                    continue;
                }
                Rel::Subject => {
                    subject.get_or_insert(child);
                    before.extend(tree.subtree(child));
                    continue;
                }
                Rel::Object => {
                    object.get_or_insert(child);
                }
                _ => {}
            }
            // A complement clause's own phrases are not the verb's words: "Israel said a mortar
            // bomb was fired ... in the first such attack since a seven-week war" is no
            // `* war` (declaring war).
            let sub = tree.subtree_where(child, |c| {
                matches!(tree.rel(c), Rel::Parataxis | Rel::Relcl)
                    || (rel == Rel::Ccomp
                        && tree.head(c) == child
                        && matches!(tree.rel(c), Rel::Oblique | Rel::Advcl))
            });
            if child < verb && !matches!(rel, Rel::Oblique | Rel::Object) {
                // Before the verb, PETRARCH-2 patterns name the subject's words and auxiliaries
                // ("- % HAVE *"), not adverbs ("recently"), which would make every adverb a cue.
                if matches!(rel, Rel::Aux | Rel::AuxPass | Rel::Negation) {
                    before.extend(sub);
                }
            } else {
                after.extend(sub);
            }
        }
        // The auxiliaries of a governing verb ("will be renewing", "is about to restore")
        // belong to the left context too.
        if matches!(tree.rel(verb), Rel::Xcomp) {
            let head = tree.head(verb);
            before.extend(
                tree.children(head)
                    .iter()
                    .copied()
                    .filter(|&c| matches!(tree.rel(c), Rel::Aux | Rel::AuxPass | Rel::Negation)),
            );
            if subject.is_none() {
                subject = tree
                    .children(head)
                    .iter()
                    .copied()
                    .find(|&c| matches!(tree.rel(c), Rel::Subject | Rel::PassiveSubject));
            }
        }
        before.sort_unstable();
        after.sort_unstable();
        Regions {
            before,
            after,
            subject,
            object,
            heads_only: false,
        }
    }
}

/// True when the token `id` (and those after it, for multi-word alternatives) spell `term`.
fn term_at(tree: &Tree<'_>, id: u32, term: &Term) -> bool {
    term.alternatives.iter().any(|words| {
        words.iter().enumerate().all(|(k, w)| {
            let t = id + k as u32;
            word_matches(tree, t, *w)
        })
    })
}

/// A pattern word matches a token's form or lemma.
fn word_matches(tree: &Tree<'_>, id: u32, word: Word) -> bool {
    tree.form_word(id) == Some(word) || tree.lemma_word(id) == Some(word)
}

fn match_pattern(
    tree: &Tree<'_>,
    verb: u32,
    regions: &Regions,
    pattern: &Pattern,
) -> Option<Found> {
    if !regions.heads_only && !joined_words_end_at(tree, verb, pattern) {
        return None;
    }
    let mut found = Found::default();
    let mut used: Vec<u32> = Vec::new();
    match_side(
        tree,
        verb,
        &regions.before,
        &pattern.before,
        true,
        regions,
        &mut found,
        &mut used,
    )?;
    match_side(
        tree,
        verb,
        &regions.after,
        &pattern.after,
        false,
        regions,
        &mut found,
        &mut used,
    )?;
    Some(found)
}

/// Whether the words a pattern joins to the verb with `_` spell the text right before it.
fn joined_words_end_at(tree: &Tree<'_>, verb: u32, pattern: &Pattern) -> bool {
    let joined = pattern.before.iter().rev().take(pattern.joined_to_verb);
    let mut end = verb;
    for element in joined {
        let Element::Word(term) = element else {
            return true;
        };
        let spelled = term.alternatives.iter().find_map(|words| {
            let start = end.checked_sub(words.len() as u32)?;
            (start > 0
                && words
                    .iter()
                    .enumerate()
                    .all(|(k, w)| word_matches(tree, start + k as u32, *w)))
            .then_some(start)
        });
        match spelled {
            Some(start) => end = start,
            None => return false,
        }
    }
    true
}

#[allow(clippy::too_many_arguments)]
fn match_side(
    tree: &Tree<'_>,
    verb: u32,
    region: &[u32],
    elements: &[Element],
    before_verb: bool,
    regions: &Regions,
    found: &mut Found,
    used: &mut Vec<u32>,
) -> Option<()> {
    // The token matched by the previous element, so that `IN $` binds the phrase after `IN`.
    let mut last: Option<u32> = None;
    for element in elements {
        match element {
            Element::Word(term) => {
                let id = region.iter().copied().find(|&id| {
                    !used.contains(&id)
                        && term_at(tree, id, term)
                        && (before_verb
                            || !regions.heads_only
                            || !in_prepositional_phrase(tree, verb, id))
                })?;
                used.push(id);
                found.words.push(id);
                found.score += 2;
                last = Some(id);
            }
            Element::Phrase(terms) => {
                let (head_term, modifiers) = terms.split_last()?;
                let head = region.iter().copied().find(|&id| {
                    !used.contains(&id)
                        && term_at(tree, id, head_term)
                        && phrase_modifiers_match(tree, id, modifiers, region)
                })?;
                used.push(head);
                found.words.push(head);
                found.score += 2 * terms.len();
                last = Some(head);
            }
            Element::Prep {
                prep,
                object,
                target,
                source,
            } => {
                let nominal = find_prep(tree, verb, region, prep, object.as_deref(), used)?;
                found.score += 2 + object.as_ref().map_or(0, |o| 2 * o.len());
                if let Some(n) = nominal {
                    used.push(n);
                    if *source {
                        found.source = Some(n);
                    } else if *target || found.target.is_none() {
                        found.target = Some(n);
                        found.target_explicit |= *target;
                    }
                }
                last = nominal;
            }
            Element::Target | Element::Source => {
                let slot = slot_phrase(tree, verb, last, before_verb, regions, used);
                if let Some(id) = slot {
                    if *element == Element::Target {
                        found.target = Some(id);
                        found.target_explicit = true;
                    } else {
                        found.source = Some(id);
                    }
                }
                found.score += 1;
            }
            Element::Compound => {
                found.compound = true;
                found.score += 1;
            }
        }
    }
    Some(())
}

/// True when `id` lies in one of `verb`'s prepositional phrases ("made remarks at the start of a
/// trip"): a bare pattern noun names the verb's object, and a phrase's noun is written `(AT ...)`.
fn in_prepositional_phrase(tree: &Tree<'_>, verb: u32, id: u32) -> bool {
    let mut node = id;
    for _ in 0..crate::syntax::MAX_TOKENS {
        let head = tree.head(node);
        if head == verb {
            return tree.rel(node) == Rel::Oblique && tree.case_marker(node).is_some();
        }
        if head == 0 {
            return false;
        }
        node = head;
    }
    false
}

/// The phrase a `+` or `$` slot names: the phrase a just-matched preposition word introduces,
/// else the subject (before the verb) or the object (after it).
fn slot_phrase(
    tree: &Tree<'_>,
    verb: u32,
    last: Option<u32>,
    before_verb: bool,
    regions: &Regions,
    used: &[u32],
) -> Option<u32> {
    if let Some(l) = last {
        if matches!(tree.rel(l), Rel::Case | Rel::Mark) || tree.upos(l) == Upos::Adp {
            let head = tree.head(l);
            // An infinitive's `to` introduces a clause, not a phrase: in "urged Beijing to stop"
            // the slot is Beijing, the object, not the verb "stop".
            if head != 0 && !tree.is_verb(head) {
                return Some(head);
            }
        }
    }
    if before_verb {
        return regions.subject;
    }
    // After a matched phrase ("IFTAR (IN ^) +"), the slot is the verb's next phrase that no
    // element has taken.
    if let Some(l) = last {
        let next = tree.children(verb).iter().copied().find(|&c| {
            c > l && !used.contains(&c) && matches!(tree.rel(c), Rel::Object | Rel::Oblique)
        });
        if next.is_some() {
            return next;
        }
    }
    // "urged Erdogan to stop", parsed with Erdogan as the subject of "stop": an `xcomp` has no
    // subject of its own in UD, so one found there is the verb's object.
    regions.object.or_else(|| {
        tree.children_with(verb, Rel::Xcomp)
            .find_map(|x| tree.children_with(x, Rel::Subject).next())
    })
}

/// The modifiers of a `{...}` phrase, found among the head's dependents (any order) or right
/// before it.
fn phrase_modifiers_match(tree: &Tree<'_>, head: u32, modifiers: &[Term], region: &[u32]) -> bool {
    let sub = tree.subtree_where(head, |c| matches!(tree.rel(c), Rel::Relcl | Rel::Acl));
    modifiers.iter().all(|m| {
        sub.iter()
            .copied()
            .any(|id| id != head && term_at(tree, id, m))
            || region
                .iter()
                .copied()
                .any(|id| id < head && id + 4 > head && term_at(tree, id, m))
    })
}

/// Nouns that say when, not who: a slot `(ON +)` does not take "on Thursday".
const TIME_NOUNS: &[&str] = &[
    "DAY",
    "DAYS",
    "WEEK",
    "WEEKS",
    "WEEKEND",
    "MONTH",
    "MONTHS",
    "YEAR",
    "YEARS",
    "NIGHT",
    "MORNING",
    "AFTERNOON",
    "EVENING",
    "TODAY",
    "TOMORROW",
    "YESTERDAY",
    "DECADE",
    "HOUR",
    "HOURS",
];

/// A phrase headed by a time word with no name in it ("on Thursday", not the misparsed "on
/// Gondor late Sunday").
fn is_time(tree: &Tree<'_>, id: u32) -> bool {
    let word = tree.upper(id);
    let time = TIME_NOUNS.contains(&word)
        || petrel_core::calendar::is_weekday_name(word)
        || petrel_core::calendar::is_month_name(word)
        || tree.upos(id) == Upos::Num;
    time && !tree
        .children(id)
        .iter()
        .any(|&c| tree.upos(c) == Upos::Propn && !is_time(tree, c))
}

/// A phrase in `region` with case marker `prep` (and head `object`, when given), or a particle or
/// adverb `prep` of the verb when no object is asked for. Returns the phrase head (None for a
/// particle).
fn find_prep(
    tree: &Tree<'_>,
    verb: u32,
    region: &[u32],
    prep: &Term,
    object: Option<&[Term]>,
    used: &[u32],
) -> Option<Option<u32>> {
    for &id in region {
        if used.contains(&id) {
            continue;
        }
        // A prepositional phrase belongs to the verb or to a phrase the pattern already named
        // ("* SUMMIT (IN ^)": the summit's own `in` phrase), not to anything deeper.
        let head = tree.head(id);
        let attached = head == verb
            || used.contains(&head)
            || (tree.rel(head) == Rel::Object && tree.head(head) == verb);
        // A bare `(TO +)` names a phrase ("appealed to the UN"), not an infinitive clause
        // ("urged Beijing to stop"); a pattern naming the clause's verb ("(TO NEGOTIATE)") still
        // matches it.
        if !attached || (object.is_none() && (tree.is_verb(id) || is_time(tree, id))) {
            continue;
        }
        let marker_matches = tree
            .children(id)
            .iter()
            .copied()
            .any(|c| matches!(tree.rel(c), Rel::Case | Rel::Mark) && term_at(tree, c, prep));
        if !marker_matches {
            continue;
        }
        let object_matches = match object {
            None => true,
            Some(terms) => match terms.split_last() {
                Some((head, modifiers)) => {
                    term_at(tree, id, head) && phrase_modifiers_match(tree, id, modifiers, region)
                }
                None => true,
            },
        };
        if object_matches {
            return Some(Some(id));
        }
    }
    if object.is_none() {
        // `(OFF)`, `(DOWN)`: a particle or adverb of the verb itself.
        let particle = tree.children(verb).iter().copied().find(|&c| {
            matches!(
                tree.rel(c),
                Rel::Particle | Rel::Advmod | Rel::Compound | Rel::Oblique
            ) && matches!(tree.upos(c), Upos::Adp | Upos::Adv | Upos::Part)
                && term_at(tree, c, prep)
        });
        if particle.is_some() {
            return Some(None);
        }
    }
    None
}
