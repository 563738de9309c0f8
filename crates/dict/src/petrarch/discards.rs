//! The PETRARCH discard list: phrases that stop a sentence (or, with a leading `+`, a whole story)
//! from being coded. A phrase ending in `_` must end at a word boundary; otherwise it is a stem.
//!
//! ```text
//! CHESS OLYMPIAD        # sentence-level, also matches "chess olympiads"
//! +FOOTBALL_LEAGUE_     # story-level, whole word only
//! ```

use crate::diagnostic::{Diagnostic, DiagnosticKind, Source};
use crate::lines::LineReader;
use crate::petrarch::{phrase_words, MAX_PHRASE_WORDS};
use crate::trie::{TextEnd, TextTrie};
use std::sync::Arc;

/// How much a discard phrase stops.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DiscardScope {
    /// The sentence containing the phrase is not coded.
    Sentence,
    /// `+`: no sentence of the story is coded.
    Story,
}

/// One discard line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Discard {
    /// The phrase, upper-case, words joined by single blanks.
    pub phrase: Box<str>,
    pub scope: DiscardScope,
    /// Whether the match must end at a word boundary (`_`) or may continue (a stem).
    pub end: TextEnd,
    pub source: Source,
}

/// Where a discard phrase was found in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DiscardMatch<'d> {
    /// Byte offsets of the match in the scanned text.
    pub start: usize,
    pub end: usize,
    pub discard: &'d Discard,
}

/// The compiled discard list, matched against raw sentence text.
#[derive(Clone, Debug, Default)]
pub struct Discards {
    trie: TextTrie<u32>,
    discards: Vec<Discard>,
}

impl Discards {
    /// The first discard phrase in `text` (case-insensitive; a phrase must start at a word start).
    pub fn find(&self, text: &str) -> Option<DiscardMatch<'_>> {
        let found = self.trie.find(text)?;
        Some(DiscardMatch {
            start: found.start,
            end: found.end,
            discard: self.discards.get(*found.value as usize)?,
        })
    }

    /// The first story-level (`+`) discard phrase in `text`.
    pub fn find_story_level(&self, text: &str) -> Option<DiscardMatch<'_>> {
        let mut first = None;
        self.trie.scan(text, |found| {
            match self.discards.get(*found.value as usize) {
                Some(discard) if discard.scope == DiscardScope::Story => {
                    first = Some(DiscardMatch {
                        start: found.start,
                        end: found.end,
                        discard,
                    });
                    std::ops::ControlFlow::Break(())
                }
                _ => std::ops::ControlFlow::Continue(()),
            }
        });
        first
    }

    pub fn iter(&self) -> impl Iterator<Item = &Discard> {
        self.discards.iter()
    }

    pub fn len(&self) -> usize {
        self.discards.len()
    }

    pub fn is_empty(&self) -> bool {
        self.discards.is_empty()
    }
}

/// Reads a discard list.
pub fn read(file: &str, text: &[u8]) -> (Discards, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let file: Arc<str> = Arc::from(file);
    let lines: Vec<_> = LineReader::new(file.clone(), text, &mut diagnostics).collect();
    let mut discards = Discards::default();
    for line in lines {
        let source = Source {
            file: file.clone(),
            line: line.number,
        };
        let (text, scope) = match line.text.strip_prefix('+') {
            Some(rest) => (rest.trim(), DiscardScope::Story),
            None => (line.text.as_ref(), DiscardScope::Sentence),
        };
        let end = if text.ends_with('_') {
            TextEnd::Word
        } else {
            TextEnd::Stem
        };
        let words: Vec<&str> = phrase_words(text).collect();
        if words.is_empty() {
            diagnostics.push(Diagnostic::new(
                &source,
                DiagnosticKind::Syntax,
                "discard line has no phrase; write the words to discard on",
            ));
            continue;
        }
        if words.len() > MAX_PHRASE_WORDS {
            diagnostics.push(Diagnostic::new(
                &source,
                DiagnosticKind::TooLarge,
                format!(
                    "phrase has {} words, over {MAX_PHRASE_WORDS}; line skipped",
                    words.len()
                ),
            ));
            continue;
        }
        let phrase = crate::vocabulary::upper_case(&words.join(" "));
        let id = discards.discards.len() as u32;
        match discards.trie.insert(&phrase, end, id) {
            Ok(()) => discards.discards.push(Discard {
                phrase: phrase.into(),
                scope,
                end,
                source,
            }),
            Err(_) => {
                // Listed again: harmless with the same scope; with another, the story-level one
                // is kept, since it discards everything the sentence-level one would.
                let first = discards.trie.get(&phrase, end).copied();
                let Some(first) = first.and_then(|i| discards.discards.get_mut(i as usize)) else {
                    continue;
                };
                if first.scope != scope {
                    first.scope = DiscardScope::Story;
                    let at = first.source.clone();
                    diagnostics.push(Diagnostic::new(
                        &source,
                        DiagnosticKind::Duplicate,
                        format!("discard phrase {phrase:?} is also listed at {at} with the other scope; the story-level `+` is kept, remove one"),
                    ));
                }
            }
        }
    }
    (discards, diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_and_story_scope_stems_and_whole_words() {
        let text = "CHESS OLYMPIAD\n+FOOTBALL_LEAGUE_ # story\n";
        let (discards, diagnostics) = read("d.txt", text.as_bytes());
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let found = discards.find("Avalon won the chess olympiads.").unwrap();
        assert_eq!(found.discard.scope, DiscardScope::Sentence);
        assert_eq!((found.start, found.end), (15, 29));
        assert!(discards.find("the football leagues").is_none());
        let story = discards
            .find_story_level("The Football League, said")
            .unwrap();
        assert_eq!(story.discard.source.line, 2);
        assert!(discards.find_story_level("chess olympiad").is_none());
    }

    #[test]
    fn duplicates_and_empty_lines_are_diagnosed() {
        let (discards, diagnostics) = read("d.txt", b"BASEBALL\nbaseball\n+\n+BASEBALL\n");
        let kinds: Vec<_> = diagnostics.iter().map(|d| (d.line, d.kind)).collect();
        assert_eq!(
            kinds,
            vec![(3, DiagnosticKind::Syntax), (4, DiagnosticKind::Duplicate)]
        );
        assert_eq!(discards.len(), 1);
        let found = discards.find_story_level("Baseball season").unwrap();
        assert_eq!(found.discard.source.line, 1);
    }
}
