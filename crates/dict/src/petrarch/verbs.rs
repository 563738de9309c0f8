//! The PETRARCH verbs format, both grammars in use: PETRARCH-2 / CAMEO.2.0 (noun phrases `{...}`,
//! prepositional phrases `(PREP ...)`, transformations `~`) and TABARI / PETRARCH-1 (`$` source,
//! `+` target, `%` compound, `^` skip, `_` adjacency), which share synsets, verb blocks and codes.
//!
//! ```text
//! &VESSEL
//! +SHIP
//! +FERRY
//!
//! --- DISPATCH  [070]  ---
//! DISPATCH
//! SEND {SENDS SENT SENDING}
//! +SHIP_OUT
//! - * &VESSEL (TO +)            [073]
//! - $ * TROOPS_TO +             [154]
//! - * (FOR {TALKS})             [043:042]
//!
//! ~ a (a b DISPATCH) SAY = a b 017
//! ```

use crate::diagnostic::{Diagnostic, DiagnosticKind, Source};
use crate::lines::LineReader;
use crate::petrarch::{phrase_words, plural, regular_verb_forms, split_code, MAX_PHRASE_WORDS};
use crate::vocabulary::{upper_case, FastMap, FastSet, Vocabulary, Word};
use petrel_core::CameoCode;
use std::sync::Arc;

/// The most elements one pattern may have, and the most forms one verb line may list.
pub const MAX_PATTERN_ITEMS: usize = 64;

/// The most phrases one synset may hold after embedded synsets are flattened.
pub const MAX_SYNSET_PHRASES: usize = 4096;

/// The event code of a verb, block or pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VerbCode {
    /// `[040]`: one event from source to target.
    Event(CameoCode),
    /// `[042:043]`: an event source → target and the second code target → source ("A visits B":
    /// A makes a visit, B hosts one). Either half may be empty: `[:173]` codes only the reverse.
    Paired {
        forward: Option<CameoCode>,
        reverse: Option<CameoCode>,
    },
    /// `[---]`: no event (the default of a block without a code).
    Null,
    /// `[###]`: TABARI's discard code: the sentence is not coded.
    Discard,
    /// `[+++]`: TABARI's complex code: the sentence needs a human coder and is not coded.
    Complex,
}

impl VerbCode {
    /// Parses the inside of `[...]`.
    pub fn parse(text: &str) -> Result<VerbCode, String> {
        let text = text.trim();
        let half = |t: &str| -> Result<Option<CameoCode>, String> {
            match t.trim() {
                "" | "---" => Ok(None),
                t => t.parse().map(Some).map_err(|e| format!("{e}")),
            }
        };
        match text {
            "---" | "" => Ok(VerbCode::Null),
            "###" => Ok(VerbCode::Discard),
            "+++" => Ok(VerbCode::Complex),
            _ => match text.split_once(':') {
                Some((forward, reverse)) => match (half(forward)?, half(reverse)?) {
                    (None, None) => Ok(VerbCode::Null),
                    (forward, reverse) => Ok(VerbCode::Paired { forward, reverse }),
                },
                None => text
                    .parse()
                    .map(VerbCode::Event)
                    .map_err(|e| format!("{e}")),
            },
        }
    }
}

impl std::fmt::Display for VerbCode {
    /// As written in a dictionary: `040`, `042:043`, `:173`, `---`, `###`, `+++`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let half = |code: &Option<CameoCode>| code.map_or(String::new(), |c| c.to_string());
        match self {
            VerbCode::Event(code) => write!(f, "{code}"),
            VerbCode::Paired { forward, reverse } => {
                write!(f, "{}:{}", half(forward), half(reverse))
            }
            VerbCode::Null => f.write_str("---"),
            VerbCode::Discard => f.write_str("###"),
            VerbCode::Complex => f.write_str("+++"),
        }
    }
}

/// Which of the two verb grammars a file is written in, judged from its content: any `{...}` or
/// `(...)` pattern group or `~` transformation means PETRARCH-2.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Grammar {
    /// CAMEO.2.0 / PETRARCH-2: patterns describe the verb's syntactic dependents.
    Petrarch2,
    /// TABARI / PETRARCH-1: patterns are word sequences around the verb.
    Tabari,
}

/// Index of a [`Synset`] in [`Verbs`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SynsetId(pub u32);

/// Index of a [`Verb`] in [`Verbs`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VerbId(pub u32);

/// Index of a [`VerbBlock`] in [`Verbs`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BlockId(pub u32);

/// A synonym set `&NAME` with its `+member` phrases, embedded synsets flattened and regular
/// plurals added (unless the label or the phrase ends in `_`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Synset {
    pub id: SynsetId,
    /// The label without `&` and without a trailing `_` (`&AUXVERB1_` is `AUXVERB1`).
    pub name: Box<str>,
    /// Every member phrase, plurals included.
    pub phrases: Vec<Box<[Word]>>,
    single_words: FastSet<Word>,
    pub source: Source,
}

impl Synset {
    /// Whether `word` is a one-word member.
    pub fn contains_word(&self, word: Word) -> bool {
        self.single_words.contains(&word)
    }

    /// The member phrases that start `words`, as their lengths.
    pub fn matches_at<'s>(&'s self, words: &'s [Option<Word>]) -> impl Iterator<Item = usize> + 's {
        self.phrases.iter().filter_map(move |phrase| {
            let prefix = words.get(..phrase.len())?;
            prefix
                .iter()
                .zip(phrase.iter())
                .all(|(w, p)| *w == Some(*p))
                .then_some(phrase.len())
        })
    }
}

/// A word in a pattern: a literal word or any member of a synset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Term {
    Word(Word),
    Synset(SynsetId),
}

/// One element of a verb pattern.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PatternElement {
    /// A bare word or `&SYNSET`; in PETRARCH-2 the head of a noun phrase.
    Term(Term),
    /// `{FINANCIAL AID}`: a noun phrase whose last term is the head.
    NounPhrase(Box<[Term]>),
    /// `(FOR AID)`, `(TO)`, `(AGAINST {ARMED REBELS})`, `(IN ^)`: a preposition and its object.
    Prep {
        preposition: Term,
        object: Option<Box<PatternElement>>,
    },
    /// `$`: the source actor.
    Source,
    /// `+`: the target actor.
    Target,
    /// `%`: a compound actor, both source and target.
    Compound,
    /// `^`: skip a noun phrase.
    Skip,
}

/// An element of a pattern with how it is joined to its neighbour on the verb's side.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PatternItem {
    pub element: PatternElement,
    /// Written with `_` to its neighbour nearer the verb (`IN_*`, `*_OUT`, `TROOPS_TO`), so no other
    /// word may come between them. A blank lets words come between (TABARI's semantics).
    pub adjacent: bool,
}

/// A verb pattern line `- before * after [code]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbPattern {
    /// Elements before the verb, in text order (the last is nearest the verb).
    pub before: Box<[PatternItem]>,
    /// Elements after the verb, in text order (the first is nearest the verb).
    pub after: Box<[PatternItem]>,
    pub code: VerbCode,
    /// The block this pattern belongs to.
    pub block: BlockId,
    pub source: Source,
}

/// A verb block `--- NAME [code] ---`: its verbs share its patterns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbBlock {
    pub id: BlockId,
    /// The name in the header, upper-case (`ACCELERATE`).
    pub name: Box<str>,
    /// The header's code, `Null` when absent.
    pub code: VerbCode,
    pub patterns: Vec<VerbPattern>,
    pub verbs: Vec<VerbId>,
    pub source: Source,
}

/// One verb line of a block: a single word (`SEND`) or a multi-word verb (`+CORDON_OFF`,
/// `WIRE_+TAP`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verb {
    pub id: VerbId,
    /// The words of the base form; `lemma[verb_at]` is the verb itself.
    pub lemma: Box<[Word]>,
    pub verb_at: usize,
    /// The verb's own `[code]`, else its block's.
    pub code: VerbCode,
    pub block: BlockId,
    pub source: Source,
}

/// A form under which a verb occurs: for multi-word verbs, the words that must come just before
/// and after the verb word (`CORDONED` with `after = [OFF]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbForm {
    pub verb: VerbId,
    pub before: Box<[Word]>,
    pub after: Box<[Word]>,
}

/// Who a transformation slot refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Slot {
    /// A named actor variable (`a`, `b`).
    Actor(char),
    /// `.`: an actor that is not specified.
    Unspecified,
    /// `_`: no actor present.
    Absent,
}

/// The verb a transformation refers to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum VerbRef {
    /// A verb by its words (`SAY`, `WILL_ATTACK`); synonyms match through their codes.
    Verb(Box<[Word]>),
    /// `Q`: any verb.
    Any,
}

/// The code a transformation produces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TransformedCode {
    Code(CameoCode),
    /// `Q`: keep the lower verb's code.
    Lower,
}

/// `~ a (b c LOWER) UPPER = x y code`: when `UPPER` with source `a` acts on the event
/// `b c LOWER`, code `x y code` instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transformation {
    pub upper_source: Slot,
    pub lower_source: Slot,
    pub lower_target: Slot,
    pub lower_verb: VerbRef,
    pub upper_verb: VerbRef,
    pub result_source: Slot,
    pub result_target: Slot,
    pub result_code: TransformedCode,
    pub source: Source,
}

/// The compiled verb dictionary.
#[derive(Clone, Debug)]
pub struct Verbs {
    grammar: Grammar,
    synsets: Vec<Synset>,
    synset_names: FastMap<Box<str>, SynsetId>,
    blocks: Vec<VerbBlock>,
    verbs: Vec<Verb>,
    forms: FastMap<Word, Vec<VerbForm>>,
    transformations: Vec<Transformation>,
}

impl Default for Verbs {
    fn default() -> Verbs {
        Verbs {
            grammar: Grammar::Tabari,
            synsets: Vec::new(),
            synset_names: FastMap::default(),
            blocks: Vec::new(),
            verbs: Vec::new(),
            forms: FastMap::default(),
            transformations: Vec::new(),
        }
    }
}

impl Verbs {
    pub fn grammar(&self) -> Grammar {
        self.grammar
    }

    /// Every verb that `word` (a lemma or an inflected form, as an interned word) can be, in file
    /// order. A word listed in several blocks has one form per block.
    pub fn forms(&self, word: Word) -> &[VerbForm] {
        self.forms.get(&word).map_or(&[], Vec::as_slice)
    }

    /// Every word that can be a verb with its forms, in no particular order.
    pub fn all_forms(&self) -> impl Iterator<Item = (Word, &[VerbForm])> {
        self.forms
            .iter()
            .map(|(word, forms)| (*word, forms.as_slice()))
    }

    pub fn verb(&self, id: VerbId) -> Option<&Verb> {
        self.verbs.get(id.0 as usize)
    }

    pub fn block(&self, id: BlockId) -> Option<&VerbBlock> {
        self.blocks.get(id.0 as usize)
    }

    /// The patterns that apply to `verb`: its block's, in file order.
    pub fn patterns(&self, verb: VerbId) -> &[VerbPattern] {
        self.verb(verb)
            .and_then(|v| self.block(v.block))
            .map_or(&[], |b| b.patterns.as_slice())
    }

    pub fn synset(&self, id: SynsetId) -> Option<&Synset> {
        self.synsets.get(id.0 as usize)
    }

    /// The synset labelled `name` (without `&`, any case, a trailing `_` ignored).
    pub fn synset_named(&self, name: &str) -> Option<&Synset> {
        let name = upper_case(name.trim_start_matches('&').trim_end_matches('_'));
        self.synset(*self.synset_names.get(name.as_str())?)
    }

    /// Whether `term` matches `word`: the same word, or a one-word member of the synset.
    pub fn term_matches(&self, term: Term, word: Word) -> bool {
        match term {
            Term::Word(w) => w == word,
            Term::Synset(id) => self.synset(id).is_some_and(|s| s.contains_word(word)),
        }
    }

    pub fn synsets(&self) -> &[Synset] {
        &self.synsets
    }

    pub fn blocks(&self) -> &[VerbBlock] {
        &self.blocks
    }

    pub fn verbs(&self) -> &[Verb] {
        &self.verbs
    }

    pub fn transformations(&self) -> &[Transformation] {
        &self.transformations
    }

    /// A pattern in canonical dictionary syntax (`- $ * (FOR {FINANCIAL AID}) [073]`), for
    /// provenance messages and debugging.
    pub fn pattern_text(&self, pattern: &VerbPattern, vocabulary: &Vocabulary) -> String {
        let mut text = String::from("-");
        // Before the verb an item's adjacency joins it to the next item (or the verb).
        let mut glue = ' ';
        for item in pattern.before.iter() {
            text.push(glue);
            text.push_str(&self.element_text(&item.element, vocabulary));
            glue = if item.adjacent { '_' } else { ' ' };
        }
        text.push(glue);
        text.push('*');
        for item in pattern.after.iter() {
            text.push(if item.adjacent { '_' } else { ' ' });
            text.push_str(&self.element_text(&item.element, vocabulary));
        }
        text.push_str(&format!(" [{}]", pattern.code));
        text
    }

    fn term_text(&self, term: Term, vocabulary: &Vocabulary) -> String {
        match term {
            Term::Word(word) => vocabulary.text(word).to_string(),
            Term::Synset(id) => format!("&{}", self.synset(id).map_or("?", |s| &s.name)),
        }
    }

    fn element_text(&self, element: &PatternElement, vocabulary: &Vocabulary) -> String {
        match element {
            PatternElement::Term(term) => self.term_text(*term, vocabulary),
            PatternElement::NounPhrase(terms) => format!(
                "{{{}}}",
                terms
                    .iter()
                    .map(|t| self.term_text(*t, vocabulary))
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            PatternElement::Prep {
                preposition,
                object,
            } => match object {
                Some(object) => format!(
                    "({} {})",
                    self.term_text(*preposition, vocabulary),
                    self.element_text(object, vocabulary)
                ),
                None => format!("({})", self.term_text(*preposition, vocabulary)),
            },
            PatternElement::Source => "$".into(),
            PatternElement::Target => "+".into(),
            PatternElement::Compound => "%".into(),
            PatternElement::Skip => "^".into(),
        }
    }

    /// The number of patterns in all blocks.
    pub fn pattern_count(&self) -> usize {
        self.blocks.iter().map(|b| b.patterns.len()).sum()
    }

    /// The number of distinct words that can be a verb.
    pub fn form_word_count(&self) -> usize {
        self.forms.len()
    }
}

/// Reads a verbs file in either grammar.
pub fn read(file: &str, text: &[u8], vocabulary: &mut Vocabulary) -> (Verbs, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let file: Arc<str> = Arc::from(file);
    let lines: Vec<_> = LineReader::new(file.clone(), text, &mut diagnostics).collect();
    let mut reader = Reader {
        verbs: Verbs::default(),
        vocabulary,
        diagnostics,
        block: None,
        synset: None,
        synset_plurals: FastMap::default(),
        petrarch2: false,
    };
    for line in lines {
        let source = Source {
            file: file.clone(),
            line: line.number,
        };
        reader.line(&line.text, source);
    }
    let Reader {
        mut verbs,
        diagnostics,
        petrarch2,
        ..
    } = reader;
    verbs.grammar = if petrarch2 {
        Grammar::Petrarch2
    } else {
        Grammar::Tabari
    };
    (verbs, diagnostics)
}

/// The state of a verbs file read: which block and which synset lines belong to.
struct Reader<'v> {
    verbs: Verbs,
    vocabulary: &'v mut Vocabulary,
    diagnostics: Vec<Diagnostic>,
    block: Option<BlockId>,
    synset: Option<SynsetId>,
    /// Whether each synset forms plurals (its label did not end in `_`).
    synset_plurals: FastMap<SynsetId, bool>,
    petrarch2: bool,
}

impl Reader<'_> {
    fn warn(&mut self, source: &Source, kind: DiagnosticKind, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::new(source, kind, message));
    }

    fn line(&mut self, text: &str, source: Source) {
        if let Some(rest) = text.strip_prefix("---") {
            self.synset = None;
            self.block_header(rest, source);
        } else if let Some(rest) = text.strip_prefix('-') {
            self.synset = None;
            self.pattern(rest, source);
        } else if let Some(rest) = text.strip_prefix('~') {
            self.synset = None;
            self.transformation(rest, source);
        } else if let Some(rest) = text.strip_prefix('&') {
            self.synset_header(rest, source);
        } else if let (Some(rest), Some(id)) = (text.strip_prefix('+'), self.synset) {
            self.synset_member(id, rest, source);
        } else {
            self.synset = None;
            self.verb_line(text, source);
        }
    }

    fn block_header(&mut self, rest: &str, source: Source) {
        let rest = rest.trim().trim_end_matches('-').trim();
        let (name, code) = match split_code(rest) {
            Ok(split) => split,
            Err(()) => {
                self.warn(
                    &source,
                    DiagnosticKind::Unbalanced,
                    "block code `[` is never closed; end it with `]`",
                );
                (rest.split('[').next().unwrap_or(""), None)
            }
        };
        let code = match code.map(VerbCode::parse) {
            None => VerbCode::Null,
            Some(Ok(code)) => code,
            Some(Err(message)) => {
                self.warn(
                    &source,
                    DiagnosticKind::BadCode,
                    format!("{message}; the block gets the null code"),
                );
                VerbCode::Null
            }
        };
        let name = upper_case(&phrase_words(name).collect::<Vec<_>>().join(" "));
        if name.is_empty() {
            self.warn(
                &source,
                DiagnosticKind::Syntax,
                "block header has no name; write `--- VERB [code] ---`",
            );
        }
        let id = BlockId(self.verbs.blocks.len() as u32);
        self.verbs.blocks.push(VerbBlock {
            id,
            name: name.into(),
            code,
            patterns: Vec::new(),
            verbs: Vec::new(),
            source,
        });
        self.block = Some(id);
    }

    fn synset_header(&mut self, rest: &str, source: Source) {
        let label = rest.split_whitespace().next().unwrap_or("");
        let no_plurals = label.ends_with('_');
        let name = upper_case(label.trim_end_matches('_'));
        if name.is_empty() {
            self.warn(
                &source,
                DiagnosticKind::Syntax,
                "synset label is empty; write `&NAME`",
            );
            self.synset = None;
            return;
        }
        if let Some(&existing) = self.verbs.synset_names.get(name.as_str()) {
            let first = self
                .verbs
                .synset(existing)
                .map(|s| s.source.to_string())
                .unwrap_or_default();
            self.warn(
                &source,
                DiagnosticKind::Duplicate,
                format!("synset &{name} is already defined at {first}; members are added to it"),
            );
            self.synset = Some(existing);
            return;
        }
        let id = SynsetId(self.verbs.synsets.len() as u32);
        self.verbs.synset_names.insert(name.clone().into(), id);
        self.verbs.synsets.push(Synset {
            id,
            name: name.into(),
            phrases: Vec::new(),
            single_words: FastSet::default(),
            source,
        });
        self.synset_plurals.insert(id, !no_plurals);
        self.synset = Some(id);
    }

    fn synset_member(&mut self, id: SynsetId, rest: &str, source: Source) {
        let rest = rest.trim();
        let mut phrases: Vec<Vec<Word>> = Vec::new();
        if let Some(inner) = rest.strip_prefix('&') {
            match self.verbs.synset_named(inner) {
                Some(embedded) if embedded.id != id => {
                    phrases.extend(embedded.phrases.iter().map(|p| p.to_vec()));
                }
                _ => {
                    self.warn(
                        &source,
                        DiagnosticKind::UnknownSynset,
                        format!("synset &{inner} is not defined before this line; define it first"),
                    );
                    return;
                }
            }
        } else {
            let upper = upper_case(rest);
            let words: Vec<&str> = phrase_words(&upper).collect();
            if words.is_empty() {
                self.warn(
                    &source,
                    DiagnosticKind::Syntax,
                    "synset member is empty; write a word after `+`",
                );
                return;
            }
            if words
                .iter()
                .any(|w| w.starts_with(['$', '+', '%', '^', '&', '*']))
            {
                self.warn(
                    &source,
                    DiagnosticKind::Syntax,
                    format!(
                        "synset member {rest:?} may only contain words; remove the pattern tokens"
                    ),
                );
                return;
            }
            phrases.push(words.iter().map(|w| self.vocabulary.intern(w)).collect());
            let plurals = self.synset_plurals.get(&id).copied().unwrap_or(true);
            if plurals && !rest.ends_with('_') {
                if let Some((last, head)) = words.split_last() {
                    let mut form: Vec<Word> =
                        head.iter().map(|w| self.vocabulary.intern(w)).collect();
                    form.push(self.vocabulary.intern(&plural(last)));
                    phrases.push(form);
                }
            }
        }
        let Some(synset) = self.verbs.synsets.get_mut(id.0 as usize) else {
            return;
        };
        for phrase in phrases {
            if synset.phrases.len() >= MAX_SYNSET_PHRASES {
                let name = synset.name.clone();
                self.warn(
                    &source,
                    DiagnosticKind::TooLarge,
                    format!("synset &{name} has over {MAX_SYNSET_PHRASES} phrases; split it"),
                );
                return;
            }
            if phrase.len() > MAX_PHRASE_WORDS || synset.phrases.iter().any(|p| **p == *phrase) {
                continue;
            }
            if let [single] = phrase.as_slice() {
                synset.single_words.insert(*single);
            }
            synset.phrases.push(phrase.into());
        }
    }

    fn verb_line(&mut self, text: &str, source: Source) {
        let Some(block) = self.block else {
            self.warn(&source, DiagnosticKind::Orphan, format!("verb {text:?} is not inside a `--- VERB [code] ---` block; add a block header above it"));
            return;
        };
        let (body, code) = match split_code(text) {
            Ok(split) => split,
            Err(()) => {
                self.warn(
                    &source,
                    DiagnosticKind::Unbalanced,
                    "`[` is never closed; end the code with `]`",
                );
                return;
            }
        };
        let block_code = self.verbs.block(block).map_or(VerbCode::Null, |b| b.code);
        let code = match code.map(VerbCode::parse) {
            None => block_code,
            Some(Ok(code)) => code,
            Some(Err(message)) => {
                self.warn(
                    &source,
                    DiagnosticKind::BadCode,
                    format!("{message}; the verb gets its block's code"),
                );
                block_code
            }
        };
        let (base, listed) = match body.find(['{', '(']) {
            Some(open) => {
                let inside = body.get(open + 1..).unwrap_or("");
                let Some(close) = inside.find(['}', ')']) else {
                    self.warn(
                        &source,
                        DiagnosticKind::Unbalanced,
                        "`{` is never closed; end the forms with `}`",
                    );
                    return;
                };
                let forms = inside
                    .get(..close)
                    .unwrap_or("")
                    .split_whitespace()
                    .map(upper_case)
                    .collect();
                (body.get(..open).unwrap_or(""), Some(forms))
            }
            None => (body, None),
        };
        let base = upper_case(base.trim());
        let Some((lemma, verb_at)) = self.multiword(&base, &source) else {
            return;
        };
        let id = VerbId(self.verbs.verbs.len() as u32);
        let lemma_words: Vec<&str> = lemma.iter().map(|s| s.as_str()).collect();
        let verb_word = lemma_words.get(verb_at).copied().unwrap_or("").to_string();
        let mut forms: Vec<(Vec<String>, usize)> = vec![(lemma.clone(), verb_at)];
        match listed {
            Some(listed) => {
                let listed: Vec<String> = listed;
                if listed.len() > MAX_PATTERN_ITEMS {
                    self.warn(
                        &source,
                        DiagnosticKind::TooLarge,
                        format!(
                            "verb lists {} forms, over {MAX_PATTERN_ITEMS}; line skipped",
                            listed.len()
                        ),
                    );
                    return;
                }
                for form in listed {
                    if let Some(parsed) = self.multiword(&form, &source) {
                        forms.push(parsed);
                    }
                }
            }
            None => {
                for inflected in regular_verb_forms(&verb_word) {
                    let mut words = lemma.clone();
                    if let Some(slot) = words.get_mut(verb_at) {
                        *slot = inflected;
                    }
                    forms.push((words, verb_at));
                }
            }
        }
        let lemma_ids: Vec<Word> = lemma.iter().map(|w| self.vocabulary.intern(w)).collect();
        self.verbs.verbs.push(Verb {
            id,
            lemma: lemma_ids.into(),
            verb_at,
            code,
            block,
            source,
        });
        if let Some(block) = self.verbs.blocks.get_mut(block.0 as usize) {
            block.verbs.push(id);
        }
        for (words, at) in forms {
            let ids: Vec<Word> = words.iter().map(|w| self.vocabulary.intern(w)).collect();
            let Some(&verb) = ids.get(at) else { continue };
            let form = VerbForm {
                verb: id,
                before: ids.get(..at).unwrap_or(&[]).into(),
                after: ids.get(at + 1..).unwrap_or(&[]).into(),
            };
            let entries = self.verbs.forms.entry(verb).or_default();
            if !entries.contains(&form) {
                entries.push(form);
            }
        }
    }

    /// Splits `WIRE_+TAP` into its words and the index of the `+`-marked verb word (the only word
    /// of a one-word verb; the first word when a multi-word verb has no `+`).
    fn multiword(&mut self, text: &str, source: &Source) -> Option<(Vec<String>, usize)> {
        let pieces: Vec<&str> = phrase_words(text).collect();
        if pieces.is_empty() {
            self.warn(
                source,
                DiagnosticKind::Syntax,
                "verb line has no verb; write the verb first",
            );
            return None;
        }
        if pieces.len() > MAX_PHRASE_WORDS {
            self.warn(
                source,
                DiagnosticKind::TooLarge,
                format!(
                    "verb has {} words, over {MAX_PHRASE_WORDS}; line skipped",
                    pieces.len()
                ),
            );
            return None;
        }
        let marked: Vec<usize> = pieces
            .iter()
            .enumerate()
            .filter(|(_, w)| w.starts_with('+'))
            .map(|(i, _)| i)
            .collect();
        let verb_at = match marked.as_slice() {
            [] => 0,
            [one] => *one,
            _ => {
                self.warn(
                    source,
                    DiagnosticKind::Syntax,
                    format!("verb {text:?} marks more than one word with `+`; mark only the verb"),
                );
                return None;
            }
        };
        let words: Vec<String> = pieces
            .iter()
            .map(|w| w.trim_start_matches('+').to_string())
            .collect();
        if words.iter().any(|w| w.is_empty()) {
            self.warn(
                source,
                DiagnosticKind::Syntax,
                format!("verb {text:?} has an empty word; remove the stray `+`"),
            );
            return None;
        }
        Some((words, verb_at))
    }

    fn pattern(&mut self, rest: &str, source: Source) {
        let Some(block) = self.block else {
            self.warn(
                &source,
                DiagnosticKind::Orphan,
                "pattern is not inside a `--- VERB [code] ---` block; add a block header above it",
            );
            return;
        };
        let (body, code) = match split_code(rest) {
            Ok((body, Some(code))) => (body, code),
            Ok((_, None)) => {
                self.warn(
                    &source,
                    DiagnosticKind::MissingCode,
                    "pattern has no [code] at the end; add one or comment the line out",
                );
                return;
            }
            Err(()) => {
                self.warn(
                    &source,
                    DiagnosticKind::Unbalanced,
                    "pattern code `[` is never closed; end it with `]`",
                );
                return;
            }
        };
        let code = match VerbCode::parse(code) {
            Ok(code) => code,
            Err(message) => {
                self.warn(
                    &source,
                    DiagnosticKind::BadCode,
                    format!("{message}; pattern skipped"),
                );
                return;
            }
        };
        let body = upper_case(body);
        let items = match self.pattern_items(&body) {
            Ok(items) => items,
            Err((kind, message)) => {
                self.warn(&source, kind, message);
                return;
            }
        };
        let stars: Vec<usize> = items
            .iter()
            .enumerate()
            .filter(|(_, (e, _))| e.is_none())
            .map(|(i, _)| i)
            .collect();
        let star = match stars.as_slice() {
            [star] => *star,
            [] => {
                self.warn(
                    &source,
                    DiagnosticKind::Syntax,
                    "pattern has no `*` for the verb; put `*` where the verb goes",
                );
                return;
            }
            _ => {
                self.warn(
                    &source,
                    DiagnosticKind::Syntax,
                    "pattern has more than one `*`; keep one for the verb",
                );
                return;
            }
        };
        // `joined[i]` says item i was written with `_` to item i-1; before the verb an item's
        // neighbour on the verb side is the next one, after it the previous one.
        let joined: Vec<bool> = items.iter().map(|(_, j)| *j).collect();
        let mut before = Vec::new();
        let mut after = Vec::new();
        for (i, (element, joined_previous)) in items.into_iter().enumerate() {
            let Some(element) = element else { continue };
            if i < star {
                let adjacent = joined.get(i + 1).copied().unwrap_or(false);
                before.push(PatternItem { element, adjacent });
            } else {
                after.push(PatternItem {
                    element,
                    adjacent: joined_previous,
                });
            }
        }
        if let Some(block) = self.verbs.blocks.get_mut(block.0 as usize) {
            block.patterns.push(VerbPattern {
                before: before.into(),
                after: after.into(),
                code,
                block: block.id,
                source,
            });
        }
    }

    /// Tokenises a pattern body into elements (`None` for the verb `*`), each with whether it was
    /// joined by `_` to the previous one.
    #[allow(clippy::type_complexity)]
    fn pattern_items(
        &mut self,
        body: &str,
    ) -> Result<Vec<(Option<PatternElement>, bool)>, (DiagnosticKind, String)> {
        let mut items: Vec<(Option<PatternElement>, bool)> = Vec::new();
        let mut rest = body.trim_start();
        let mut joined_next = false;
        while let Some(first) = rest.chars().next() {
            if items.len() > MAX_PATTERN_ITEMS {
                return Err((
                    DiagnosticKind::TooLarge,
                    format!("pattern has over {MAX_PATTERN_ITEMS} elements; split it"),
                ));
            }
            if first.is_whitespace() {
                joined_next = false;
                rest = rest.trim_start();
                continue;
            }
            if first == '{' || first == '(' {
                self.petrarch2 = true;
                let close = if first == '{' { '}' } else { ')' };
                let end = matching(rest, first, close).ok_or_else(|| {
                    (
                        DiagnosticKind::Unbalanced,
                        format!("`{first}` is never closed; add `{close}`"),
                    )
                })?;
                let inside = rest.get(1..end).unwrap_or("");
                let element = if first == '{' {
                    PatternElement::NounPhrase(self.terms(inside)?.into())
                } else {
                    self.prep(inside)?
                };
                items.push((Some(element), joined_next));
                rest = rest.get(end + 1..).unwrap_or("");
                joined_next = rest.starts_with('_');
                rest = rest.trim_start_matches('_');
                continue;
            }
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '{' || c == '(')
                .unwrap_or(rest.len());
            let token = rest.get(..end).unwrap_or("");
            rest = rest.get(end..).unwrap_or("");
            let mut first_piece = true;
            // `*` is its own piece even when written against a word (`*SCEPTICAL` is `*_SCEPTICAL`).
            let pieces = token.split('_').flat_map(|part| {
                part.split_inclusive('*')
                    .flat_map(|p| match p.strip_suffix('*') {
                        Some(word) => [word, "*"],
                        None => [p, ""],
                    })
            });
            for piece in pieces {
                if piece.is_empty() {
                    continue;
                }
                let joined = if first_piece { joined_next } else { true };
                first_piece = false;
                let element = match piece {
                    "*" => None,
                    _ => Some(self.element(piece)?),
                };
                items.push((element, joined));
            }
            joined_next = token.ends_with('_')
                && !token.trim_end_matches('_').is_empty()
                && rest.starts_with(['{', '(']);
        }
        Ok(items)
    }

    /// One token of a pattern: a slot marker, a synset reference or a word.
    fn element(&mut self, piece: &str) -> Result<PatternElement, (DiagnosticKind, String)> {
        Ok(match piece {
            "$" => PatternElement::Source,
            "+" => PatternElement::Target,
            "%" => PatternElement::Compound,
            "^" => PatternElement::Skip,
            _ => PatternElement::Term(self.term(piece)?),
        })
    }

    fn term(&mut self, piece: &str) -> Result<Term, (DiagnosticKind, String)> {
        match piece.strip_prefix('&') {
            Some(name) => match self.verbs.synset_named(name) {
                Some(synset) => Ok(Term::Synset(synset.id)),
                None => Err((
                    DiagnosticKind::UnknownSynset,
                    format!("synset &{name} is not defined before this pattern; the pattern is ignored, define the synset above it"),
                )),
            },
            None => Ok(Term::Word(self.vocabulary.intern(piece))),
        }
    }

    /// The terms of a `{...}` noun phrase.
    fn terms(&mut self, inside: &str) -> Result<Vec<Term>, (DiagnosticKind, String)> {
        let terms: Vec<Term> = phrase_words(inside)
            .map(|w| self.term(w))
            .collect::<Result<_, _>>()?;
        if terms.is_empty() {
            return Err((
                DiagnosticKind::Syntax,
                "`{}` is empty; write the noun phrase inside it".into(),
            ));
        }
        Ok(terms)
    }

    /// The inside of `(PREP object)`.
    fn prep(&mut self, inside: &str) -> Result<PatternElement, (DiagnosticKind, String)> {
        let inside = inside.trim();
        let (preposition, object) =
            match inside.find(|c: char| c.is_whitespace() || c == '{' || c == '_') {
                Some(at) => (
                    inside.get(..at).unwrap_or(""),
                    inside
                        .get(at..)
                        .unwrap_or("")
                        .trim_start_matches('_')
                        .trim(),
                ),
                None => (inside, ""),
            };
        if preposition.is_empty() {
            return Err((
                DiagnosticKind::Syntax,
                "`()` has no preposition; write `(PREP object)`".into(),
            ));
        }
        let preposition = self.term(preposition)?;
        let object = if object.is_empty() {
            None
        } else if let Some(np) = object.strip_prefix('{') {
            let close = np.find('}').ok_or((
                DiagnosticKind::Unbalanced,
                "`{` is never closed; add `}`".to_string(),
            ))?;
            Some(Box::new(PatternElement::NounPhrase(
                self.terms(np.get(..close).unwrap_or(""))?.into(),
            )))
        } else {
            let pieces: Vec<&str> = phrase_words(object).collect();
            match pieces.as_slice() {
                [one] => Some(Box::new(self.element(one)?)),
                _ => Some(Box::new(PatternElement::NounPhrase(
                    self.terms(object)?.into(),
                ))),
            }
        };
        Ok(PatternElement::Prep {
            preposition,
            object,
        })
    }

    fn transformation(&mut self, rest: &str, source: Source) {
        self.petrarch2 = true;
        let upper = upper_case(rest);
        match parse_transformation(&upper, self.vocabulary) {
            Ok(parts) => self
                .verbs
                .transformations
                .push(Transformation { source, ..parts }),
            Err(message) => self.warn(
                &source,
                DiagnosticKind::Syntax,
                format!("{message}; write `~ a (a b VERB) VERB = a b CODE`"),
            ),
        }
    }
}

/// The index of the `close` that matches the `open` at the start of `text`.
fn matching(text: &str, open: char, close: char) -> Option<usize> {
    let mut depth = 0usize;
    for (at, c) in text.char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth = depth.checked_sub(1)?;
            if depth == 0 {
                return Some(at);
            }
        }
    }
    None
}

/// Parses `A (B C LOWER) UPPER = X Y CODE` (already upper-cased; slot letters compare as upper).
fn parse_transformation(text: &str, vocabulary: &mut Vocabulary) -> Result<Transformation, String> {
    let (left, right) = text.split_once('=').ok_or("transformation has no `=`")?;
    let open = left.find('(').ok_or("transformation has no `(`")?;
    let close = left.find(')').ok_or("transformation `(` is never closed")?;
    if close < open {
        return Err("transformation has `)` before `(`".into());
    }
    let slot = |t: &str| -> Result<Slot, String> {
        match t {
            "." => Ok(Slot::Unspecified),
            "_" => Ok(Slot::Absent),
            t if t.len() == 1 && t.chars().all(|c| c.is_ascii_alphabetic()) => Ok(Slot::Actor(
                t.chars().next().unwrap_or('A').to_ascii_lowercase(),
            )),
            t => Err(format!("{t:?} is not an actor slot (a letter, `.` or `_`)")),
        }
    };
    let mut verb = |t: &str| -> VerbRef {
        if t == "Q" {
            VerbRef::Any
        } else {
            VerbRef::Verb(phrase_words(t).map(|w| vocabulary.intern(w)).collect())
        }
    };
    let upper_source = slot(left.get(..open).unwrap_or("").trim())?;
    let inner: Vec<&str> = left
        .get(open + 1..close)
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let [lower_source, lower_target, lower_verb] = inner.as_slice() else {
        return Err(format!(
            "the parenthesis holds {} items, not source, target and verb",
            inner.len()
        ));
    };
    let upper_verb = left.get(close + 1..).unwrap_or("").trim();
    if upper_verb.is_empty() || upper_verb.contains(char::is_whitespace) {
        return Err("the upper verb after `)` must be one word".into());
    }
    let result: Vec<&str> = right.split_whitespace().collect();
    let [result_source, result_target, result_code] = result.as_slice() else {
        return Err(format!(
            "the result holds {} items, not source, target and code",
            result.len()
        ));
    };
    let result_code = match *result_code {
        "Q" => TransformedCode::Lower,
        code => TransformedCode::Code(code.parse().map_err(|e| format!("{e}"))?),
    };
    Ok(Transformation {
        upper_source,
        lower_source: slot(lower_source)?,
        lower_target: slot(lower_target)?,
        lower_verb: verb(lower_verb),
        upper_verb: verb(upper_verb),
        result_source: slot(result_source)?,
        result_target: slot(result_target)?,
        result_code,
        source: Source {
            file: Arc::from(""),
            line: 0,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> (Verbs, Vocabulary, Vec<Diagnostic>) {
        let mut vocabulary = Vocabulary::new();
        let (verbs, diagnostics) = read("v.txt", text.as_bytes(), &mut vocabulary);
        (verbs, vocabulary, diagnostics)
    }

    fn code(text: &str) -> VerbCode {
        VerbCode::parse(text).unwrap()
    }

    fn cameo(text: &str) -> CameoCode {
        text.parse().unwrap()
    }

    #[test]
    fn verb_codes_cover_markers_and_pairs() {
        assert_eq!(code("040"), VerbCode::Event(cameo("040")));
        assert_eq!(code("---"), VerbCode::Null);
        assert_eq!(code("###"), VerbCode::Discard);
        assert_eq!(code("+++"), VerbCode::Complex);
        assert_eq!(
            code("042:043"),
            VerbCode::Paired {
                forward: Some(cameo("042")),
                reverse: Some(cameo("043"))
            }
        );
        assert_eq!(
            code(":173"),
            VerbCode::Paired {
                forward: None,
                reverse: Some(cameo("173"))
            }
        );
        assert!(VerbCode::parse("def").is_err());
        assert!(VerbCode::parse("04:xx").is_err());
    }

    #[test]
    fn synsets_plurals_labels_and_embedding() {
        let text = "&VESSEL\n+SHIP\n+FERRY\n+FLEET_\n&AUX_\n+WAS\n&BOTH\n+&VESSEL\n+BOAT\n&BAD\n+&NOWHERE\n";
        let (verbs, vocabulary, diagnostics) = load(text);
        let kinds: Vec<_> = diagnostics.iter().map(|d| (d.line, d.kind)).collect();
        assert_eq!(kinds, vec![(11, DiagnosticKind::UnknownSynset)]);
        let vessel = verbs.synset_named("&vessel").unwrap();
        let has = |s: &Synset, w: &str| vocabulary.get(w).is_some_and(|w| s.contains_word(w));
        assert!(has(vessel, "SHIPS") && has(vessel, "FERRIES") && has(vessel, "FLEET"));
        assert!(!has(vessel, "FLEETS"));
        let aux = verbs.synset_named("AUX_").unwrap();
        assert!(has(aux, "WAS") && !has(aux, "WASES"));
        let both = verbs.synset_named("BOTH").unwrap();
        assert!(has(both, "FERRIES") && has(both, "BOATS"));
    }

    #[test]
    fn verb_blocks_forms_and_multiword_verbs() {
        let text = "--- DISPATCH [070] ---\nDISPATCH\nSEND {SENDS SENT SENDING}\n+SHIP_OUT\nWIRE_+TAP {WIRE_+TAPPED} [1711]\n--- IDLE ---\nIDLE\n";
        let (verbs, vocabulary, diagnostics) = load(text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let word = |w: &str| vocabulary.get(w).unwrap();
        let sent = verbs.forms(word("sent"));
        assert_eq!(sent.len(), 1);
        let send = verbs.verb(sent[0].verb).unwrap();
        assert_eq!(send.code, VerbCode::Event(cameo("070")));
        assert_eq!(verbs.block(send.block).unwrap().name.as_ref(), "DISPATCH");
        assert!(!verbs.forms(word("dispatches")).is_empty());
        let ships = &verbs.forms(word("ships"))[0];
        assert_eq!(ships.after.as_ref(), [word("OUT")]);
        let tapped = &verbs.forms(word("tapped"))[0];
        assert_eq!(tapped.before.as_ref(), [word("WIRE")]);
        assert_eq!(
            verbs.verb(tapped.verb).unwrap().code,
            VerbCode::Event(cameo("1711"))
        );
        assert!(vocabulary.get("taps").is_none());
        let idle = verbs.verb(verbs.forms(word("idle"))[0].verb).unwrap();
        assert_eq!(idle.code, VerbCode::Null);
    }

    #[test]
    fn petrarch2_patterns_are_structured() {
        let text = "&AID\n+AID\n+HELP\n--- ASK [090] ---\nASK\n- * (FOR {FINANCIAL &AID}) [073]\n- &AID * $ (TO +) [042:043]\n- * (IN ^) (WITH) [057]\n- * DOWN (FROM)  [080!]\n";
        let (verbs, vocabulary, diagnostics) = load(text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(verbs.grammar(), Grammar::Petrarch2);
        let ask = verbs.forms(vocabulary.get("ASK").unwrap())[0].verb;
        let patterns = verbs.patterns(ask);
        assert_eq!(patterns.len(), 4);
        let aid = verbs.synset_named("AID").unwrap().id;
        let word = |w: &str| Term::Word(vocabulary.get(w).unwrap());
        assert!(patterns[0].before.is_empty());
        assert_eq!(
            patterns[0].after[0].element,
            PatternElement::Prep {
                preposition: word("FOR"),
                object: Some(Box::new(PatternElement::NounPhrase(
                    vec![word("FINANCIAL"), Term::Synset(aid)].into()
                ))),
            }
        );
        assert_eq!(
            patterns[1].before[0].element,
            PatternElement::Term(Term::Synset(aid))
        );
        assert_eq!(patterns[1].after[0].element, PatternElement::Source);
        assert_eq!(
            patterns[1].after[1].element,
            PatternElement::Prep {
                preposition: word("TO"),
                object: Some(Box::new(PatternElement::Target)),
            }
        );
        assert_eq!(patterns[1].source.line, 7);
        assert_eq!(
            patterns[2].after[1].element,
            PatternElement::Prep {
                preposition: word("WITH"),
                object: None
            }
        );
        assert_eq!(patterns[3].code, VerbCode::Event(cameo("080!")));
    }

    #[test]
    fn tabari_patterns_keep_adjacency() {
        let text = "--- ACKNOWLEDGE [023] ---\nACKNOWLEDGE\n- SO IN_AND_*_OUT_AGAIN NOW [074]\n- % HAVE * [032]\n- + KNOWN_ * IN_ $ [076]\n- *SCEPTICAL [012]\n";
        let (verbs, vocabulary, diagnostics) = load(text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(verbs.grammar(), Grammar::Tabari);
        let verb = verbs.forms(vocabulary.get("ACKNOWLEDGED").unwrap())[0].verb;
        let patterns = verbs.patterns(verb);
        let shape = |items: &[PatternItem]| -> Vec<(String, bool)> {
            items
                .iter()
                .map(|item| {
                    let name = match &item.element {
                        PatternElement::Term(Term::Word(w)) => vocabulary.text(*w).to_string(),
                        other => format!("{other:?}"),
                    };
                    (name, item.adjacent)
                })
                .collect()
        };
        let owned = |v: &[(&str, bool)]| -> Vec<(String, bool)> {
            v.iter().map(|(s, b)| (s.to_string(), *b)).collect()
        };
        assert_eq!(
            shape(&patterns[0].before),
            owned(&[("SO", false), ("IN", true), ("AND", true)])
        );
        assert_eq!(
            shape(&patterns[0].after),
            owned(&[("OUT", true), ("AGAIN", true), ("NOW", false)])
        );
        assert_eq!(
            shape(&patterns[1].before),
            owned(&[("Compound", false), ("HAVE", false)])
        );
        assert_eq!(
            shape(&patterns[2].before),
            owned(&[("Target", false), ("KNOWN", false)])
        );
        assert_eq!(
            shape(&patterns[2].after),
            owned(&[("IN", false), ("Source", false)])
        );
        assert_eq!(shape(&patterns[3].after), owned(&[("SCEPTICAL", true)]));
    }

    #[test]
    fn patterns_render_in_canonical_syntax() {
        let text = "&AID\n+AID\n--- ASK [090] ---\nASK\n- * (FOR {FINANCIAL &AID})   [073]\n- SO IN_AND_*_OUT_AGAIN NOW [074]\n- $ * (TO +) [042:043]\n- + KNOWN_ * IN_ $ [:076]\n- % * ^ [---]\n";
        let (verbs, vocabulary, diagnostics) = load(text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let rendered: Vec<String> = verbs.blocks()[0]
            .patterns
            .iter()
            .map(|p| verbs.pattern_text(p, &vocabulary))
            .collect();
        assert_eq!(
            rendered,
            [
                "- * (FOR {FINANCIAL &AID}) [073]",
                "- SO IN_AND_*_OUT_AGAIN NOW [074]",
                "- $ * (TO +) [042:043]",
                "- + KNOWN * IN $ [:076]",
                "- % * ^ [---]",
            ]
        );
    }

    #[test]
    fn transformations_parse() {
        let text = "--- SAY [010] ---\nSAY\n~ a (a b WILL_ATTACK) SAY = a b 138\n~ a (_ . Q) SAY = a b Q\n~ a (a b) SAY = a b 1\n";
        let (verbs, vocabulary, diagnostics) = load(text);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].line, 5);
        assert_eq!(verbs.grammar(), Grammar::Petrarch2);
        let first = &verbs.transformations()[0];
        assert_eq!(first.upper_source, Slot::Actor('a'));
        assert_eq!(first.lower_target, Slot::Actor('b'));
        let will_attack: Box<[Word]> = ["WILL", "ATTACK"]
            .iter()
            .map(|w| vocabulary.get(w).unwrap())
            .collect();
        assert_eq!(first.lower_verb, VerbRef::Verb(will_attack));
        assert_eq!(first.result_code, TransformedCode::Code(cameo("138")));
        assert_eq!(first.source.line, 3);
        let second = &verbs.transformations()[1];
        assert_eq!(
            (second.lower_source, second.lower_target, &second.lower_verb),
            (Slot::Absent, Slot::Unspecified, &VerbRef::Any)
        );
        assert_eq!(second.result_code, TransformedCode::Lower);
    }

    #[test]
    fn malformed_verb_lines_are_diagnosed() {
        let text = "ORPHAN\n- * X [010]\n--- BLOCK [x0] ---\nGO\n- * NO CODE\n- NO STAR [010]\n- * * [010]\n- * &MISSING [010]\n- * (OPEN [010]\n- * X [bad]\n+A_+B\n";
        let (verbs, _, diagnostics) = load(text);
        let kinds: Vec<_> = diagnostics.iter().map(|d| (d.line, d.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                (1, DiagnosticKind::Orphan),
                (2, DiagnosticKind::Orphan),
                (3, DiagnosticKind::BadCode),
                (5, DiagnosticKind::MissingCode),
                (6, DiagnosticKind::Syntax),
                (7, DiagnosticKind::Syntax),
                (8, DiagnosticKind::UnknownSynset),
                (9, DiagnosticKind::Unbalanced),
                (10, DiagnosticKind::BadCode),
                (11, DiagnosticKind::Syntax),
            ]
        );
        assert_eq!(verbs.blocks()[0].code, VerbCode::Null);
        assert_eq!(verbs.pattern_count(), 0);
    }
}
