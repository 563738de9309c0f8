//! Interned upper-case words: every dictionary word becomes a [`Word`] id, so matching compares
//! integers and hashes four bytes instead of strings.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A word of the dictionaries' shared vocabulary, upper-cased, as a dense id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Word(u32);

impl Word {
    /// The dense index of this word, `0..vocabulary.len()`.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The hasher for our maps: a multiply-rotate hash (as rustc's FxHash). Keys are our own dense ids
/// or dictionary words; text being coded is only ever looked up, never inserted, so it cannot build
/// the colliding key sets a DoS-resistant hash guards against, and SipHash would dominate the cost
/// of every lookup.
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        for &byte in chunks.remainder() {
            self.add(u64::from(byte));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

impl FastHasher {
    #[inline]
    fn add(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// A `HashMap` with [`FastHasher`], for keys that are our own ids or dictionary words.
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// A `HashSet` with [`FastHasher`], for keys that are our own ids.
pub type FastSet<K> = std::collections::HashSet<K, BuildHasherDefault<FastHasher>>;

/// The longest word we look up without allocating; longer words are upper-cased on the heap.
const STACK_WORD: usize = 64;

/// The interned, upper-case vocabulary shared by all dictionaries of one [`crate::Dictionaries`].
///
/// Lookups are case-insensitive (PETRARCH upper-cases everything) and do not allocate for ASCII
/// words of up to 64 bytes.
#[derive(Clone, Debug, Default)]
pub struct Vocabulary {
    ids: FastMap<Box<str>, Word>,
    words: Vec<Box<str>>,
}

impl Vocabulary {
    pub fn new() -> Vocabulary {
        Vocabulary::default()
    }

    /// The id of `word` (any case), adding it when new.
    pub fn intern(&mut self, word: &str) -> Word {
        if let Some(id) = self.get(word) {
            return id;
        }
        let upper: Box<str> = upper_case(word).into();
        let id = Word(self.words.len() as u32);
        self.words.push(upper.clone());
        self.ids.insert(upper, id);
        id
    }

    /// The id of `word` (any case), or `None` when no dictionary uses it.
    pub fn get(&self, word: &str) -> Option<Word> {
        if word.is_ascii() && word.len() <= STACK_WORD {
            if !word.bytes().any(|b| b.is_ascii_lowercase()) {
                return self.ids.get(word).copied();
            }
            let mut buffer = [0u8; STACK_WORD];
            let upper = &mut buffer[..word.len()];
            upper.copy_from_slice(word.as_bytes());
            upper.make_ascii_uppercase();
            let upper = std::str::from_utf8(upper).ok()?;
            return self.ids.get(upper).copied();
        }
        self.ids.get(upper_case(word).as_str()).copied()
    }

    /// The upper-case text of `word`.
    pub fn text(&self, word: Word) -> &str {
        self.words.get(word.index()).map_or("", |w| w)
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Upper-cases as PETRARCH does (it calls Python's `upper()`, which is Unicode-aware).
pub(crate) fn upper_case(word: &str) -> String {
    if word.is_ascii() {
        word.to_ascii_uppercase()
    } else {
        word.to_uppercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interning_is_case_insensitive_and_stable() {
        let mut vocabulary = Vocabulary::new();
        let abe = vocabulary.intern("Abe");
        assert_eq!(vocabulary.intern("ABE"), abe);
        assert_eq!(vocabulary.get("abe"), Some(abe));
        assert_eq!(vocabulary.text(abe), "ABE");
        assert_eq!(vocabulary.get("Kishida"), None);
        assert_eq!(vocabulary.len(), 1);
    }

    #[test]
    fn non_ascii_and_long_words_are_found() {
        let mut vocabulary = Vocabulary::new();
        let erdogan = vocabulary.intern("Erdoğan");
        assert_eq!(vocabulary.get("ERDOĞAN"), Some(erdogan));
        let long = "x".repeat(100);
        let id = vocabulary.intern(&long);
        assert_eq!(vocabulary.get(&long.to_uppercase()), Some(id));
    }
}
