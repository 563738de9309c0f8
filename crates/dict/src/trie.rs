//! Prefix trees for matching: [`PhraseTrie`] over interned words (actors, agents) and [`TextTrie`]
//! over the bytes of raw text (discards and issues, which PETRARCH matches as strings).

use crate::vocabulary::{FastMap, Word};
use std::ops::ControlFlow;

/// A trie of word sequences, each ending in one value. Edges live in one hash map keyed by
/// `(node, word)`, so a step costs one hash of eight bytes and the trie has no per-node maps.
#[derive(Clone, Debug)]
pub struct PhraseTrie<V> {
    edges: FastMap<(u32, Word), u32>,
    values: Vec<Option<V>>,
}

impl<V> Default for PhraseTrie<V> {
    fn default() -> Self {
        PhraseTrie {
            edges: FastMap::default(),
            values: vec![None],
        }
    }
}

impl<V> PhraseTrie<V> {
    pub fn new() -> PhraseTrie<V> {
        PhraseTrie::default()
    }

    /// Adds `phrase` with `value`. When the phrase is already present the first value stays and
    /// the new one is handed back as `Err`. An empty phrase is refused the same way.
    pub fn insert(&mut self, phrase: &[Word], value: V) -> Result<(), V> {
        if phrase.is_empty() {
            return Err(value);
        }
        let mut node = 0u32;
        for &word in phrase {
            let next = self.values.len() as u32;
            node = *self.edges.entry((node, word)).or_insert_with(|| next);
            if node == next {
                self.values.push(None);
            }
        }
        match self.values.get_mut(node as usize) {
            Some(slot @ None) => {
                *slot = Some(value);
                Ok(())
            }
            _ => Err(value),
        }
    }

    /// The value of exactly `phrase`.
    pub fn get(&self, phrase: &[Word]) -> Option<&V> {
        let mut node = 0u32;
        for &word in phrase {
            node = *self.edges.get(&(node, word))?;
        }
        self.values.get(node as usize)?.as_ref()
    }

    /// The longest phrase that is a prefix of `words`, as its length in words and its value.
    /// `None` items (words no dictionary knows) end the walk.
    pub fn longest_match<I>(&self, words: I) -> Option<(usize, &V)>
    where
        I: IntoIterator<Item = Option<Word>>,
    {
        let mut node = 0u32;
        let mut best = None;
        for (at, word) in words.into_iter().enumerate() {
            let Some(word) = word else { break };
            let Some(&next) = self.edges.get(&(node, word)) else {
                break;
            };
            node = next;
            if let Some(Some(value)) = self.values.get(node as usize) {
                best = Some((at + 1, value));
            }
        }
        best
    }

    /// Every phrase that is a prefix of `words`, shortest first, as (length, value).
    pub fn prefix_matches<'s, I>(&'s self, words: I) -> impl Iterator<Item = (usize, &'s V)> + 's
    where
        I: IntoIterator<Item = Option<Word>>,
        I::IntoIter: 's,
    {
        let mut node = Some(0u32);
        words
            .into_iter()
            .enumerate()
            .map_while(move |(at, word)| {
                let next = *self.edges.get(&(node?, word?))?;
                node = Some(next);
                Some((at + 1, next))
            })
            .filter_map(|(len, node)| Some((len, self.values.get(node as usize)?.as_ref()?)))
    }

    /// The number of nodes, a measure of size.
    pub fn node_count(&self) -> usize {
        self.values.len()
    }
}

/// How the end of a [`TextTrie`] pattern must meet the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TextEnd {
    /// The match must end at a word boundary (a blank, punctuation or the end of the text).
    Word,
    /// The pattern is a stem: the text may continue with more letters (`BASEBALL` matches
    /// `BASEBALLS`).
    Stem,
}

/// A match of a [`TextTrie`] pattern: byte offsets into the scanned text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextMatch<'v, V> {
    pub start: usize,
    pub end: usize,
    pub value: &'v V,
}

/// A trie over upper-case bytes, matched against raw text at every word start. Any run of
/// whitespace in the text matches one blank of a pattern, and ASCII letters match regardless of
/// case. Non-ASCII text must have the pattern's case (patterns are stored upper-cased).
#[derive(Clone, Debug)]
pub struct TextTrie<V> {
    edges: FastMap<(u32, u8), u32>,
    word_end: Vec<Option<V>>,
    stem_end: Vec<Option<V>>,
}

impl<V> Default for TextTrie<V> {
    fn default() -> Self {
        TextTrie {
            edges: FastMap::default(),
            word_end: vec![None],
            stem_end: vec![None],
        }
    }
}

/// Bytes that belong to words: ASCII letters and digits, apostrophes inside words, and every byte of
/// a non-ASCII character (so a match never starts inside a multi-byte character).
fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte >= 0x80
}

impl<V> TextTrie<V> {
    pub fn new() -> TextTrie<V> {
        TextTrie::default()
    }

    /// Adds `pattern` (words separated by single blanks; it is upper-cased here). When the same
    /// pattern with the same end is present the first value stays and the new one is returned.
    pub fn insert(&mut self, pattern: &str, end: TextEnd, value: V) -> Result<(), V> {
        let pattern = crate::vocabulary::upper_case(pattern);
        if pattern.is_empty() {
            return Err(value);
        }
        let mut node = 0u32;
        for byte in pattern.bytes() {
            let next = self.word_end.len() as u32;
            node = *self.edges.entry((node, byte)).or_insert(next);
            if node == next {
                self.word_end.push(None);
                self.stem_end.push(None);
            }
        }
        let slots = match end {
            TextEnd::Word => &mut self.word_end,
            TextEnd::Stem => &mut self.stem_end,
        };
        match slots.get_mut(node as usize) {
            Some(slot @ None) => {
                *slot = Some(value);
                Ok(())
            }
            _ => Err(value),
        }
    }

    /// The value stored for exactly `pattern` (upper-cased here) with `end`.
    pub fn get(&self, pattern: &str, end: TextEnd) -> Option<&V> {
        let mut node = 0u32;
        for byte in crate::vocabulary::upper_case(pattern).bytes() {
            node = *self.edges.get(&(node, byte))?;
        }
        let slots = match end {
            TextEnd::Word => &self.word_end,
            TextEnd::Stem => &self.stem_end,
        };
        slots.get(node as usize)?.as_ref()
    }

    /// Calls `visit` for every match in `text`, in order of start then length, until it breaks.
    pub fn scan<'v, F>(&'v self, text: &str, mut visit: F)
    where
        F: FnMut(TextMatch<'v, V>) -> ControlFlow<()>,
    {
        let bytes = text.as_bytes();
        for (start, &here) in bytes.iter().enumerate() {
            let previous = start.checked_sub(1).and_then(|p| bytes.get(p));
            if here.is_ascii_whitespace() || previous.is_some_and(|&b| is_word_byte(b)) {
                continue;
            }
            let mut node = 0u32;
            let mut at = start;
            while let Some(&byte) = bytes.get(at) {
                let key = if byte.is_ascii_whitespace() {
                    if bytes
                        .get(at.wrapping_sub(1))
                        .is_some_and(|b| b.is_ascii_whitespace())
                        && at > start
                    {
                        at += 1;
                        continue;
                    }
                    b' '
                } else {
                    byte.to_ascii_uppercase()
                };
                let Some(&next) = self.edges.get(&(node, key)) else {
                    break;
                };
                node = next;
                at += 1;
                let at_boundary = bytes.get(at).is_none_or(|&b| !is_word_byte(b));
                if let Some(Some(value)) = self.stem_end.get(node as usize) {
                    let found = TextMatch {
                        start,
                        end: at,
                        value,
                    };
                    if visit(found).is_break() {
                        return;
                    }
                }
                if at_boundary {
                    if let Some(Some(value)) = self.word_end.get(node as usize) {
                        let found = TextMatch {
                            start,
                            end: at,
                            value,
                        };
                        if visit(found).is_break() {
                            return;
                        }
                    }
                }
            }
        }
    }

    /// The first match in `text`, by start position.
    pub fn find<'v>(&'v self, text: &str) -> Option<TextMatch<'v, V>> {
        let mut first = None;
        self.scan(text, |found| {
            first = Some(found);
            ControlFlow::Break(())
        });
        first
    }

    /// The number of nodes, a measure of size.
    pub fn node_count(&self) -> usize {
        self.word_end.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocabulary::Vocabulary;

    fn words(vocabulary: &mut Vocabulary, text: &str) -> Vec<Word> {
        text.split(' ').map(|w| vocabulary.intern(w)).collect()
    }

    #[test]
    fn phrase_trie_finds_the_longest_phrase() {
        let mut vocabulary = Vocabulary::new();
        let mut trie = PhraseTrie::new();
        let united = words(&mut vocabulary, "UNITED");
        let united_states = words(&mut vocabulary, "UNITED STATES");
        let usa_army = words(&mut vocabulary, "UNITED STATES ARMY");
        trie.insert(&united, 1).unwrap();
        trie.insert(&united_states, 2).unwrap();
        trie.insert(&usa_army, 3).unwrap();
        assert_eq!(trie.insert(&united_states, 9), Err(9));
        let sentence: Vec<Option<Word>> = "UNITED STATES NAVY"
            .split(' ')
            .map(|w| vocabulary.get(w))
            .collect();
        assert_eq!(trie.longest_match(sentence.iter().copied()), Some((2, &2)));
        let lengths: Vec<usize> = trie
            .prefix_matches(sentence.iter().copied())
            .map(|(n, _)| n)
            .collect();
        assert_eq!(lengths, vec![1, 2]);
        assert_eq!(trie.get(&usa_army), Some(&3));
        assert_eq!(trie.longest_match([None, Some(united[0])]), None);
        assert_eq!(trie.insert(&[], 0), Err(0));
    }

    #[test]
    fn text_trie_respects_word_starts_and_ends() {
        let mut trie = TextTrie::new();
        trie.insert("world cup", TextEnd::Word, "cup").unwrap();
        trie.insert("BASEBALL", TextEnd::Stem, "ball").unwrap();
        assert_eq!(
            trie.find("The World  Cup final").map(|m| *m.value),
            Some("cup")
        );
        assert_eq!(trie.find("the world cups").map(|m| *m.value), None);
        assert_eq!(trie.find("otherworld cup").map(|m| *m.value), None);
        let found = trie.find("two baseballs.").unwrap();
        assert_eq!((found.start, found.end, *found.value), (4, 12, "ball"));
        assert_eq!(trie.find("(World Cup)").map(|m| m.start), Some(1));
    }

    #[test]
    fn text_trie_scans_every_match() {
        let mut trie = TextTrie::new();
        trie.insert("CRIME", TextEnd::Word, 1).unwrap();
        trie.insert("WAR CRIME", TextEnd::Word, 2).unwrap();
        let mut found = Vec::new();
        trie.scan("war crime and crime", |m| {
            found.push((m.start, *m.value));
            ControlFlow::Continue(())
        });
        assert_eq!(found, vec![(0, 2), (4, 1), (14, 1)]);
    }
}
