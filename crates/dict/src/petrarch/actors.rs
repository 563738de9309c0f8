//! The PETRARCH actors format: a primary phrase with an optional `[code]`, `+synonym` lines, and
//! tab-indented date restrictions `[CODE]`, `[CODE <date]`, `[CODE >date]`, `[CODE d1-d2]` (the
//! tabs are shown as spaces below).
//!
//! ```text
//! REPUBLIC_OF_AVALON_  [AVL]
//! +AVALONIAN_
//! ARTHUR_PENDRAGON_
//! +KING_ARTHUR
//!     [AVLELI 19500101-600630]
//!     [AVLGOV >600630]
//! ```

use crate::diagnostic::{Diagnostic, DiagnosticKind, Source};
use crate::lines::LineReader;
use crate::petrarch::{phrase_words, split_code, MAX_PHRASE_WORDS};
use crate::trie::PhraseTrie;
use crate::vocabulary::{Vocabulary, Word};
use petrel_core::{ActorCode, Date};
use std::sync::Arc;

/// What an actor entry codes as: a code, or one of TABARI's markers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ActorCoding {
    Code(ActorCode),
    /// `---`: the phrase is known but is not an actor; it yields no event.
    Null,
    /// `+++`: TABARI's complex marker; the sentence needs a human coder.
    Complex,
    /// `###`: TABARI's discard marker inside a dictionary (PETRARCH uses the discard file instead).
    Discard,
}

impl ActorCoding {
    /// Parses a code or marker, upper-casing it (PETRARCH upper-cases everything).
    pub fn parse(text: &str) -> Result<ActorCoding, petrel_core::ActorCodeError> {
        match text {
            "---" => Ok(ActorCoding::Null),
            "+++" => Ok(ActorCoding::Complex),
            "###" => Ok(ActorCoding::Discard),
            _ => text
                .to_ascii_uppercase()
                .parse::<ActorCode>()
                .map(ActorCoding::Code),
        }
    }

    /// The actor code, when this is one.
    pub fn code(&self) -> Option<ActorCode> {
        match self {
            ActorCoding::Code(code) => Some(*code),
            _ => None,
        }
    }
}

/// When a dated code applies. Limits are inclusive ("interpreted as or equal to", says the .rst);
/// where ranges of one actor touch, the first in file order wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateRange {
    Always,
    /// `<date`: on or before the date.
    Before(Date),
    /// `>date`: on or after the date.
    After(Date),
    /// `d1-d2`: from d1 to d2, both included.
    Between(Date, Date),
}

impl DateRange {
    pub fn contains(&self, date: Date) -> bool {
        match *self {
            DateRange::Always => true,
            DateRange::Before(end) => date <= end,
            DateRange::After(start) => date >= start,
            DateRange::Between(start, end) => start <= date && date <= end,
        }
    }
}

/// One `[CODE restriction]` of an actor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatedCode {
    pub coding: ActorCoding,
    pub when: DateRange,
    pub source: Source,
}

/// Index of an [`Actor`] in [`Actors`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActorId(pub u32);

/// One actor record: its phrases (primary first), default code and dated codes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub id: ActorId,
    /// The primary phrase as words joined by blanks, upper-case (`UNITED STATES`).
    pub name: Box<str>,
    /// The code used when no dated code applies: the primary line's `[code]`, else the first
    /// undated indented `[code]`.
    pub default: Option<ActorCoding>,
    /// Dated codes in file order; the first that contains the date wins.
    pub dated: Vec<DatedCode>,
    /// Where the primary phrase is.
    pub source: Source,
}

impl Actor {
    /// The coding that applies on `date`: the first dated code containing it, else the default.
    /// `None` when neither applies, which PETRARCH treats as the null code.
    pub fn coding_on(&self, date: Date) -> Option<&ActorCoding> {
        self.dated
            .iter()
            .find(|d| d.when.contains(date))
            .map(|d| &d.coding)
            .or(self.default.as_ref())
    }

    /// The actor code that applies on `date`, when it is a code rather than a marker.
    pub fn code_on(&self, date: Date) -> Option<ActorCode> {
        self.coding_on(date).and_then(ActorCoding::code)
    }
}

/// The compiled actor dictionaries: every phrase of every file in one word trie.
#[derive(Clone, Debug, Default)]
pub struct Actors {
    trie: PhraseTrie<ActorId>,
    actors: Vec<Actor>,
    phrases: Vec<(Box<[Word]>, ActorId)>,
}

impl Actors {
    pub fn new() -> Actors {
        Actors::default()
    }

    /// The actor with the longest phrase that starts `words` (one item per token, `None` for a
    /// token no dictionary knows), with the phrase's length in tokens.
    pub fn longest_match<I>(&self, words: I) -> Option<(usize, &Actor)>
    where
        I: IntoIterator<Item = Option<Word>>,
    {
        let (len, id) = self.trie.longest_match(words)?;
        Some((len, self.get(*id)?))
    }

    /// The actor whose phrase is exactly `words`.
    pub fn get_phrase(&self, words: &[Word]) -> Option<&Actor> {
        self.get(*self.trie.get(words)?)
    }

    pub fn get(&self, id: ActorId) -> Option<&Actor> {
        self.actors.get(id.0 as usize)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Actor> {
        self.actors.iter()
    }

    /// The number of actor records.
    pub fn len(&self) -> usize {
        self.actors.len()
    }

    pub fn is_empty(&self) -> bool {
        self.actors.is_empty()
    }

    /// The number of distinct phrases (primary and synonyms) that can match.
    pub fn phrase_count(&self) -> usize {
        self.phrases.len()
    }

    /// Every phrase that can match, in file order, with its actor.
    pub fn phrases(&self) -> impl Iterator<Item = (&[Word], &Actor)> {
        self.phrases
            .iter()
            .filter_map(|(words, id)| Some((&**words, self.get(*id)?)))
    }

    /// Reads one actors file into this dictionary. Files read later add to earlier ones; a phrase
    /// already defined keeps its first definition (a [`DiagnosticKind::Duplicate`] is reported).
    pub fn read_into(
        &mut self,
        file: &str,
        text: &[u8],
        vocabulary: &mut Vocabulary,
    ) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        let file: Arc<str> = Arc::from(file);
        let lines: Vec<_> = LineReader::new(file.clone(), text, &mut diagnostics).collect();
        let mut current: Option<ActorId> = None;
        let mut words = Vec::new();
        let mut repeated: Vec<(Source, String, ActorId, ActorId)> = Vec::new();
        for line in lines {
            let source = Source {
                file: file.clone(),
                line: line.number,
            };
            // TABARI allowed `;` comments in actor files; the .rst example still shows them.
            let text = line.text.split(';').next().unwrap_or("").trim();
            if text.is_empty() {
                continue;
            }
            if line.indented && text.starts_with('[') {
                let Some(actor) = current.and_then(|id| self.actors.get_mut(id.0 as usize)) else {
                    diagnostics.push(Diagnostic::new(
                        &source,
                        DiagnosticKind::Orphan,
                        "date restriction has no actor above it; put it under a phrase line",
                    ));
                    continue;
                };
                let rest = match split_code(text) {
                    Ok(("", Some(code))) => code,
                    _ => {
                        diagnostics.push(Diagnostic::new(
                            &source,
                            DiagnosticKind::Unbalanced,
                            format!(
                                "date restriction {text:?} is not `[CODE ...]`; close the bracket"
                            ),
                        ));
                        continue;
                    }
                };
                if let Some(dated) = parse_restriction(rest, &source, &mut diagnostics) {
                    add_coding(actor, dated);
                }
                continue;
            }
            let (phrase, synonym) = match text.strip_prefix('+') {
                Some(rest) => (rest, true),
                None => (text, false),
            };
            let (phrase, code) = match split_code(phrase) {
                Ok(split) => split,
                Err(()) => {
                    diagnostics.push(Diagnostic::new(
                        &source,
                        DiagnosticKind::Unbalanced,
                        "`[` is never closed; end the code with `]`",
                    ));
                    continue;
                }
            };
            let dated = code.and_then(|c| parse_restriction(c, &source, &mut diagnostics));
            words.clear();
            words.extend(phrase_words(phrase).map(|w| vocabulary.intern(w)));
            if words.is_empty() {
                diagnostics.push(Diagnostic::new(
                    &source,
                    DiagnosticKind::Syntax,
                    format!("line {text:?} has no phrase; write words joined by `_`"),
                ));
                continue;
            }
            if words.len() > MAX_PHRASE_WORDS {
                diagnostics.push(Diagnostic::new(
                    &source,
                    DiagnosticKind::TooLarge,
                    format!(
                        "phrase has {} words, over {MAX_PHRASE_WORDS}; entry skipped",
                        words.len()
                    ),
                ));
                continue;
            }
            let id = match (synonym, current) {
                (true, Some(id)) => id,
                (true, None) => {
                    diagnostics.push(Diagnostic::new(
                        &source,
                        DiagnosticKind::Orphan,
                        "synonym has no primary phrase above it; remove the `+` or add a primary line",
                    ));
                    continue;
                }
                (false, _) => {
                    let id = ActorId(self.actors.len() as u32);
                    let name = words
                        .iter()
                        .map(|&w| vocabulary.text(w))
                        .collect::<Vec<_>>()
                        .join(" ");
                    self.actors.push(Actor {
                        id,
                        name: name.into(),
                        default: None,
                        dated: Vec::new(),
                        source: source.clone(),
                    });
                    current = Some(id);
                    id
                }
            };
            if let Some(dated) = dated {
                if let Some(actor) = self.actors.get_mut(id.0 as usize) {
                    add_coding(actor, dated);
                }
            }
            match self.trie.insert(&words, id) {
                Ok(()) => self.phrases.push((words.as_slice().into(), id)),
                Err(_) => {
                    if let Some(&first) = self.trie.get(&words) {
                        repeated.push((source, phrase.to_string(), first, id));
                    }
                }
            }
        }
        // A phrase defined again is only a problem when the two records code differently: the
        // Phoenix files repeat whole sections verbatim, and a repeat changes nothing. The records'
        // dated lines come after the phrase, so the comparison waits until the file is read.
        for (source, phrase, first, again) in repeated {
            let (Some(first), Some(again)) = (self.get(first), self.get(again)) else {
                continue;
            };
            if first.id == again.id || same_coding(first, again) {
                continue;
            }
            diagnostics.push(Diagnostic::new(
                &source,
                DiagnosticKind::Duplicate,
                format!(
                    "phrase {phrase:?} is already an actor with other codes (first at {}); the first entry wins, remove or merge this one",
                    first.source
                ),
            ));
        }
        diagnostics.sort_by_key(|d| d.line);
        diagnostics
    }
}

/// Reads one actors file into a new [`Actors`].
pub fn read(file: &str, text: &[u8], vocabulary: &mut Vocabulary) -> (Actors, Vec<Diagnostic>) {
    let mut actors = Actors::new();
    let diagnostics = actors.read_into(file, text, vocabulary);
    (actors, diagnostics)
}

/// Whether two records code identically on every date (their provenance aside).
fn same_coding(a: &Actor, b: &Actor) -> bool {
    a.default == b.default
        && a.dated.len() == b.dated.len()
        && a.dated
            .iter()
            .zip(&b.dated)
            .all(|(x, y)| x.coding == y.coding && x.when == y.when)
}

/// Undated codes become the default (the first one wins); dated ones are kept in order.
fn add_coding(actor: &mut Actor, dated: DatedCode) {
    if dated.when == DateRange::Always {
        if actor.default.is_none() {
            actor.default = Some(dated.coding);
        }
    } else {
        actor.dated.push(dated);
    }
}

/// Parses the inside of `[CODE restriction]`.
fn parse_restriction(
    inside: &str,
    source: &Source,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<DatedCode> {
    let inside = inside.trim();
    let (code, restriction) = match inside.split_once(char::is_whitespace) {
        Some((code, rest)) => (code, rest.trim()),
        None => (inside, ""),
    };
    let coding = match ActorCoding::parse(code) {
        Ok(coding) => coding,
        Err(error) => {
            diagnostics.push(Diagnostic::new(
                source,
                DiagnosticKind::BadCode,
                format!("{error}"),
            ));
            return None;
        }
    };
    let date =
        |text: &str, diagnostics: &mut Vec<Diagnostic>| match Date::from_dictionary(text.trim()) {
            Ok(date) => Some(date),
            Err(error) => {
                diagnostics.push(Diagnostic::new(
                    source,
                    DiagnosticKind::BadDate,
                    format!("{error}; restriction ignored"),
                ));
                None
            }
        };
    let when = if restriction.is_empty() {
        DateRange::Always
    } else if let Some(rest) = restriction.strip_prefix('<') {
        DateRange::Before(date(rest, diagnostics)?)
    } else if let Some(rest) = restriction.strip_prefix('>') {
        DateRange::After(date(rest, diagnostics)?)
    } else if let Some((start, end)) = restriction.split_once('-') {
        let (start, end) = (date(start, diagnostics)?, date(end, diagnostics)?);
        if end < start {
            diagnostics.push(Diagnostic::new(
                source,
                DiagnosticKind::BadDate,
                format!("date range {restriction} ends before it starts; swap the dates"),
            ));
            return None;
        }
        DateRange::Between(start, end)
    } else {
        // A bare date is not in the .rst; the entries that use it mark when a role began.
        let start = date(restriction, diagnostics)?;
        diagnostics.push(Diagnostic::new(
            source,
            DiagnosticKind::OddDate,
            format!("date restriction {restriction:?} has no `<`, `>` or range; read as `>{restriction}`, write it so"),
        ));
        DateRange::After(start)
    };
    Some(DatedCode {
        coding,
        when,
        source: source.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> (Actors, Vocabulary, Vec<Diagnostic>) {
        let mut vocabulary = Vocabulary::new();
        let (actors, diagnostics) = read("a.txt", text.as_bytes(), &mut vocabulary);
        (actors, vocabulary, diagnostics)
    }

    fn find<'a>(
        actors: &'a Actors,
        vocabulary: &Vocabulary,
        text: &str,
    ) -> Option<(usize, &'a Actor)> {
        actors.longest_match(text.split(' ').map(|w| vocabulary.get(w)))
    }

    fn date(text: &str) -> Date {
        Date::from_dictionary(text).unwrap()
    }

    #[test]
    fn primary_synonyms_and_longest_match() {
        let (actors, vocabulary, diagnostics) =
            load("AVALON_ [AVL]\n+AVALONIAN_\nAVALON_ARMY [AVLMIL]\n");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let (len, actor) = find(&actors, &vocabulary, "Avalon army said").unwrap();
        assert_eq!((len, &*actor.name), (2, "AVALON ARMY"));
        let (len, actor) = find(&actors, &vocabulary, "avalonian troops").unwrap();
        assert_eq!((len, &*actor.name), (1, "AVALON"));
        assert_eq!(actor.source.line, 1);
        assert_eq!(actors.phrase_count(), 3);
    }

    #[test]
    fn dated_codes_first_match_in_file_order_inclusive_limits() {
        let text = "ARTHUR_\n\t[AVLELI 19500101-600630]\n\t[AVLGOV 600630-700101]\n\t[AVLREB >700101]\n\t[AVLOLD <19400101]\n\t[AVL]\n";
        let (actors, _, diagnostics) = load(text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let actor = actors.iter().next().unwrap();
        let code = |d: &str| actor.code_on(date(d)).map(|c| c.to_string());
        assert_eq!(code("19550101").as_deref(), Some("AVLELI"));
        assert_eq!(code("19600630").as_deref(), Some("AVLELI"));
        assert_eq!(code("19600701").as_deref(), Some("AVLGOV"));
        assert_eq!(code("19800101").as_deref(), Some("AVLREB"));
        assert_eq!(code("19300101").as_deref(), Some("AVLOLD"));
        assert_eq!(code("19450101").as_deref(), Some("AVL"));
    }

    #[test]
    fn markers_and_lowercase_codes() {
        let (actors, _, _) = load("BOROMIR [---]\nISILDUR [+++]\nPALESTINIAN [pse]\n");
        let codings: Vec<_> = actors.iter().map(|a| a.default).collect();
        assert_eq!(codings[0], Some(ActorCoding::Null));
        assert_eq!(codings[1], Some(ActorCoding::Complex));
        assert_eq!(codings[2].and_then(|c| c.code()).unwrap().as_str(), "PSE");
    }

    #[test]
    fn malformed_lines_are_diagnosed_and_the_rest_loads() {
        let text = "\t[XXX]\n+ORPHAN\nGOOD [GOD]\n\t[GOD 1999013-2000]\n\t[G.D]\nBAD [AB\nGOOD [DUP]\n\t[NEW 20121204]\nSAME [SAM]\nSAME [SAM]\n";
        let (actors, vocabulary, diagnostics) = load(text);
        let kinds: Vec<_> = diagnostics.iter().map(|d| (d.line, d.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                (1, DiagnosticKind::Orphan),
                (2, DiagnosticKind::Orphan),
                (4, DiagnosticKind::BadDate),
                (5, DiagnosticKind::BadCode),
                (6, DiagnosticKind::Unbalanced),
                (7, DiagnosticKind::Duplicate),
                (8, DiagnosticKind::OddDate),
            ]
        );
        let (_, good) = find(&actors, &vocabulary, "GOOD").unwrap();
        assert_eq!(good.code_on(date("20000101")).unwrap().as_str(), "GOD");
    }

    #[test]
    fn files_merge_in_order() {
        let mut vocabulary = Vocabulary::new();
        let mut actors = Actors::new();
        assert!(actors
            .read_into("one.txt", b"GONDOR [GON]\n", &mut vocabulary)
            .is_empty());
        let later = actors.read_into("two.txt", b"GONDOR [XXX]\nROHAN [ROH]\n", &mut vocabulary);
        assert_eq!(later.len(), 1);
        assert_eq!(&*later[0].file, "two.txt");
        let (_, gondor) = find(&actors, &vocabulary, "GONDOR").unwrap();
        assert_eq!(&*gondor.source.file, "one.txt");
        assert_eq!(actors.len(), 3);
    }
}
