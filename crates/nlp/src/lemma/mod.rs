//! The lemmatizer: a lookup of the words seen in training, and suffix rules for the rest.
//!
//! A lemma depends on the word and its tag (`saw`/VBD → `see`, `saw`/NN → `saw`), so everything is
//! keyed by the tag: the XPOS when the token has one, else the UPOS. Words seen in training get
//! their most frequent lemma for that tag, which also covers irregular verbs, pronouns (`me` → `I`)
//! and EWT's conventions for clitics (`n't` → `not`, `'s` → `be` or `'s`, `wo` → `will`). A word
//! seen only with other tags (the tagger erred, or the word is rare) gets its usual lemma, cased by
//! the policy of its tag here; irregular past forms come from a table ([`irregular`]). Other words
//! get an edit rule ("strip k characters, append s") chosen by the longest suffix of the
//! lowercased word seen with that tag in training, e.g. `-ies`/NNS → `-y`, unless a shorter
//! suffix's rule gives a lemma seen in training and the longest does not. Whether the lemma keeps
//! the word's capitals (`Americans`/NNPS → `American`, `Investors`/NNS → `investor`, `SCALIA`/NNP →
//! `Scalia`) is learned per tag, capitalization shape and whether the word opens the sentence.

mod edit;
mod irregular;

use crate::perceptron::{hash_str, mix, write_string, ByteReader, ModelError};
use edit::{lowercase_into, Casing, Edit, Shape};
use petrel_core::{Sentence, Token};
use std::collections::{HashMap, HashSet};
use std::io::{self, Write};

/// How the lemmatizer is trained. `Default` gives the settings of the shipped model.
#[derive(Clone, Debug, PartialEq)]
pub struct LemmaConfig {
    /// The longest suffix, in characters, that rules are keyed on.
    pub max_suffix: usize,
    /// A suffix rule is kept only when this many distinct training words support it.
    pub min_rule_words: u32,
}

impl Default for LemmaConfig {
    fn default() -> LemmaConfig {
        LemmaConfig {
            max_suffix: 6,
            min_rule_words: 2,
        }
    }
}

/// A trained lemmatizer.
#[derive(Clone, Debug, Default)]
pub struct Lemmatizer {
    max_suffix: usize,
    /// Distinct lemmas of the words seen in training.
    lemmas: Vec<String>,
    /// Hash of (tag, form) → index into `lemmas`.
    known: HashMap<u64, u32>,
    /// Hash of ([`ANY_TAG`], lowercase form) → index into `lemmas`: each word's most frequent
    /// lemma whatever its tag, for words seen in training but not with the tag the tagger chose.
    fallback: HashMap<u64, u32>,
    edits: Vec<Edit>,
    /// Hash of (tag, lowercased suffix) → index into `edits`.
    rules: HashMap<u64, u32>,
    /// Hash of (tag, shape) → how the lemma is capitalized.
    casing: HashMap<u64, Casing>,
    /// Hashes of the lowercased `lemmas`: a rule whose result is a known lemma is preferred over
    /// one that makes up a word (`bombed` → `bomb`, not `bom` by the rule of `robbed`). Derived
    /// from `lemmas`, so not stored.
    known_lemmas: HashSet<u64>,
}

/// A lemma from the lookup table, or one made for an unseen word.
enum Lemma<'a> {
    Known(&'a str),
    Built(String),
}

/// The tag a lemma is keyed on: the XPOS when present, which is finer, else the UPOS.
fn tag_hash(token: &Token) -> u64 {
    if token.xpos.is_empty() {
        mix(1, hash_str(token.upos.as_str()))
    } else {
        mix(2, hash_str(&token.xpos))
    }
}

/// The key under which `fallback` also holds each lowercased word's most frequent lemma whatever
/// its tag: when the tagger errs (`driven` as NN, `wedding` as VBG), the word's usual lemma beats
/// a suffix rule for the wrong tag.
const ANY_TAG: u64 = 0x0A11_7A65;

fn known_key(tag: u64, form: &str) -> u64 {
    mix(mix(tag, 0x4B), hash_str(form))
}

fn rule_key(tag: u64, suffix: &str) -> u64 {
    mix(mix(tag, 0x52), hash_str(suffix))
}

/// The casing policy is keyed on the tag, the shape, and whether the word opens its sentence,
/// where a capital says nothing (`Italian` keeps its capital mid-sentence, `Good` does not).
fn case_key(tag: u64, shape: Shape, opening: bool) -> u64 {
    mix(mix(mix(tag, 0x43), shape as u64), opening as u64)
}

/// [`hash_str`] of `word` lowercased as [`lowercase_into`] does, without building the string.
fn lowercase_hash(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut buf = [0u8; 4];
    for c in word.chars().flat_map(char::to_lowercase) {
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The most frequent of the counted lemmas; ties go to the alphabetically first.
fn most_frequent<'a>(lemmas: &HashMap<&'a str, u32>) -> &'a str {
    lemmas
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(l, _)| *l)
        .unwrap_or("")
}

/// The byte offsets at which the last 0, 1, 2, ... `max` characters of `s` start, longest last.
fn suffix_starts(s: &str, max: usize) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(s.len())
        .chain(s.char_indices().rev().map(|(i, _)| i))
        .take(max + 1)
}

impl Lemmatizer {
    /// Learns lemmas from the forms, tags and lemmas of `sentences`; deterministic.
    pub fn train(sentences: &[Sentence], config: &LemmaConfig) -> Lemmatizer {
        // Count (tag, form) → lemma over tokens, to pick each word's most frequent lemma.
        let mut seen: HashMap<(u64, &str), HashMap<&str, u32>> = HashMap::new();
        let mut fallback: HashMap<(u64, &str), HashMap<&str, u32>> = HashMap::new();
        // Words seen somewhere other than the start of a sentence.
        let mut inside: HashSet<(u64, &str)> = HashSet::new();
        for (i, t) in sentences.iter().flat_map(|s| s.tokens.iter().enumerate()) {
            if t.lemma.is_empty() || t.lemma == "_" && t.form != "_" {
                continue;
            }
            if i > 0 {
                inside.insert((tag_hash(t), t.form.as_str()));
            }
            *seen
                .entry((tag_hash(t), t.form.as_str()))
                .or_default()
                .entry(t.lemma.as_str())
                .or_default() += 1;
            if t.form.chars().all(|c| !c.is_uppercase()) {
                *fallback
                    .entry((ANY_TAG, t.form.as_str()))
                    .or_default()
                    .entry(t.lemma.as_str())
                    .or_default() += 1;
            }
        }
        let mut fallback: Vec<((u64, &str), &str)> = fallback
            .iter()
            .map(|(k, lemmas)| (*k, most_frequent(lemmas)))
            .collect();
        fallback.sort_unstable();
        let mut entries: Vec<((u64, &str), &str)> = seen
            .iter()
            .map(|(k, lemmas)| (*k, most_frequent(lemmas)))
            .collect();
        entries.sort_unstable();

        let mut model = Lemmatizer {
            max_suffix: config.max_suffix,
            ..Lemmatizer::default()
        };
        let mut lemma_ids: HashMap<&str, u32> = HashMap::new();
        let mut edit_ids: HashMap<Edit, u32> = HashMap::new();
        let mut rule_counts: HashMap<u64, HashMap<u32, u32>> = HashMap::new();
        let mut case_counts: HashMap<u64, [u32; 4]> = HashMap::new();
        let (mut lower, mut lemma_lower) = (String::new(), String::new());
        for ((tag, form), lemma) in entries {
            let id = *lemma_ids.entry(lemma).or_insert_with(|| {
                model.lemmas.push(lemma.to_string());
                model.lemmas.len() as u32 - 1
            });
            model.known.insert(known_key(tag, form), id);

            // Rules and case policy are learned over word types, which resemble unseen words
            // better than token counts dominated by a few frequent words.
            lowercase_into(form, &mut lower);
            lowercase_into(lemma, &mut lemma_lower);
            let edit = Edit::between(&lower, &lemma_lower);
            let next_id = edit_ids.len() as u32;
            let edit_id = *edit_ids.entry(edit.clone()).or_insert_with(|| {
                model.edits.push(edit);
                next_id
            });
            // The whole word is left out: a rule keyed on it would only ever fire for this word
            // (which the lookup covers) and would misfire on longer words ending like it.
            for start in suffix_starts(&lower, config.max_suffix).filter(|&s| s > 0) {
                let suffix = lower.get(start..).unwrap_or("");
                *rule_counts
                    .entry(rule_key(tag, suffix))
                    .or_default()
                    .entry(edit_id)
                    .or_default() += 1;
            }
            let identity = Edit::between("", "");
            let shape = Shape::of(form);
            let edit = model.edits.get(edit_id as usize).unwrap_or(&identity);
            if let Some(k) = Casing::ALL
                .iter()
                .position(|&c| edit.apply(&lower, form, c).as_deref() == Some(lemma))
            {
                if let Some(n) = case_counts
                    .entry(case_key(tag, shape, !inside.contains(&(tag, form))))
                    .or_default()
                    .get_mut(k)
                {
                    *n += 1;
                }
            }
        }
        for ((key, form), lemma) in fallback {
            let id = *lemma_ids.entry(lemma).or_insert_with(|| {
                model.lemmas.push(lemma.to_string());
                model.lemmas.len() as u32 - 1
            });
            model.fallback.insert(known_key(key, form), id);
        }
        let mut rules: Vec<(u64, HashMap<u32, u32>)> = rule_counts.into_iter().collect();
        rules.sort_unstable_by_key(|(k, _)| *k);
        for (key, counts) in rules {
            let total: u32 = counts.values().sum();
            if total < config.min_rule_words {
                continue;
            }
            if let Some((&edit, _)) = counts
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            {
                model.rules.insert(key, edit);
            }
        }
        for (key, counts) in case_counts {
            let best = (0..Casing::ALL.len())
                .max_by_key(|&k| (counts[k], std::cmp::Reverse(k)))
                .unwrap_or(0);
            model.casing.insert(key, Casing::ALL[best]);
        }
        model.index_lemmas();
        model
    }

    fn index_lemmas(&mut self) {
        self.known_lemmas = self.lemmas.iter().map(|l| lowercase_hash(l)).collect();
    }

    /// Sets the `lemma` of every token of `sentence` from its form, UPOS and XPOS.
    pub fn lemmatize(&self, sentence: &mut Sentence) {
        let mut lower = String::new();
        for (i, token) in sentence.tokens.iter_mut().enumerate() {
            match self.lemma_of(token, i == 0, &mut lower) {
                // Reusing the token's buffer saves an allocation for most words.
                Lemma::Known(lemma) => {
                    token.lemma.clear();
                    token.lemma.push_str(lemma);
                }
                Lemma::Built(lemma) => token.lemma = lemma,
            }
        }
        // `'s` is `is` or `has`; the word-level lookup says `be`, the verb after it can say
        // `have` ("it's been", "she's got").
        for i in 0..sentence.tokens.len() {
            let is_clitic = sentence.tokens.get(i).is_some_and(|t| {
                t.xpos == "VBZ" && matches!(t.form.as_str(), "'s" | "’s") && t.lemma == "be"
            });
            if !is_clitic {
                continue;
            }
            let next = sentence
                .tokens
                .iter()
                .skip(i + 1)
                .find(|t| !t.xpos.starts_with("RB"));
            let perfect = next.is_some_and(|t| {
                t.xpos == "VBN"
                    && matches!(
                        t.form.to_lowercase().as_str(),
                        "been" | "got" | "gotten" | "had"
                    )
            });
            if let (true, Some(t)) = (perfect, sentence.tokens.get_mut(i)) {
                t.lemma = "have".to_string();
            }
        }
    }

    /// The lemma of one token; `lower` is a scratch buffer.
    fn lemma_of<'a>(&'a self, token: &Token, opening: bool, lower: &mut String) -> Lemma<'a> {
        let tag = tag_hash(token);
        let form = token.form.as_str();
        let lookup = |table: &HashMap<u64, u32>, key: u64, form: &str| {
            table
                .get(&known_key(key, form))
                .and_then(|&i| self.lemmas.get(i as usize))
        };
        lowercase_into(form, lower);
        let shape = Shape::of(form);
        let default = if token.upos == petrel_core::Upos::Propn {
            Casing::Keep
        } else {
            Casing::Lower
        };
        let casing = self
            .casing
            .get(&case_key(tag, shape, opening))
            .copied()
            .unwrap_or(default);
        if let Some(lemma) = lookup(&self.known, tag, form) {
            return Lemma::Known(lemma);
        }
        // A capitalized word may be a known word at the start of a sentence or in a title, when
        // words of its tag and shape usually have lowercase lemmas (not `Holocaust`/NNP).
        if shape != Shape::Lower && casing == Casing::Lower {
            if let Some(lemma) = lookup(&self.known, tag, lower) {
                return Lemma::Known(lemma);
            }
        }
        // Numbers drop their thousands separators (`1,100` → `1100`), as the treebank does.
        if token.xpos == "CD"
            && form.contains(',')
            && form
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        {
            return Lemma::Built(form.replace(',', ""));
        }
        if token.xpos == "VBD" || token.xpos == "VBN" {
            if let Some(base) = irregular::base_of(lower) {
                return Lemma::Built(base.to_string());
            }
        }
        // The word's usual lemma, cased by the policy for the tag it has here.
        if let Some(lemma) = lookup(&self.fallback, ANY_TAG, lower) {
            let mut lemma_lower = String::new();
            lowercase_into(lemma, &mut lemma_lower);
            if let Some(built) = Edit::between(lower, &lemma_lower).apply(lower, form, casing) {
                return Lemma::Built(built);
            }
        }
        // The longest suffix with a rule that fits the word decides, unless a shorter one gives a
        // lemma seen in training where it does not; suffixes come shortest first.
        let starts: Vec<usize> = suffix_starts(lower, self.max_suffix)
            .filter(|&s| s > 0)
            .collect();
        let mut candidates = starts.iter().rev().filter_map(|&start| {
            let edit = self
                .rules
                .get(&rule_key(tag, lower.get(start..).unwrap_or("")))
                .and_then(|&i| self.edits.get(i as usize))?;
            edit.apply(lower, form, casing)
        });
        let longest = candidates.next();
        let ruled = match &longest {
            Some(lemma) if !self.is_known_lemma(lemma) => {
                candidates.find(|l| self.is_known_lemma(l)).or(longest)
            }
            _ => longest,
        };
        Lemma::Built(
            ruled
                .or_else(|| Edit::between("", "").apply(lower, form, casing))
                .unwrap_or_else(|| form.to_string()),
        )
    }

    fn is_known_lemma(&self, lemma: &str) -> bool {
        self.known_lemmas.contains(&lowercase_hash(lemma))
    }

    const MAGIC: &'static [u8; 8] = b"PTRLLEM1";
    const VERSION: u32 = 1;

    /// Writes the lemmatizer in petrel's binary model format (deterministic bytes).
    pub fn write<W: Write>(&self, out: &mut W) -> io::Result<()> {
        let u32le = |n: usize| (n as u32).to_le_bytes();
        out.write_all(Self::MAGIC)?;
        out.write_all(&Self::VERSION.to_le_bytes())?;
        out.write_all(&u32le(self.max_suffix))?;
        out.write_all(&u32le(self.lemmas.len()))?;
        for lemma in &self.lemmas {
            write_string(out, lemma)?;
        }
        out.write_all(&u32le(self.edits.len()))?;
        for edit in &self.edits {
            edit.write(out)?;
        }
        for table in [&self.known, &self.fallback, &self.rules] {
            let mut rows: Vec<(&u64, &u32)> = table.iter().collect();
            rows.sort_unstable();
            out.write_all(&u32le(rows.len()))?;
            for (key, value) in rows {
                out.write_all(&key.to_le_bytes())?;
                out.write_all(&value.to_le_bytes())?;
            }
        }
        let mut rows: Vec<(&u64, &Casing)> = self.casing.iter().collect();
        rows.sort_unstable_by_key(|(k, _)| **k);
        out.write_all(&u32le(rows.len()))?;
        for (key, casing) in rows {
            out.write_all(&key.to_le_bytes())?;
            out.write_all(&[Casing::ALL.iter().position(|c| c == casing).unwrap_or(0) as u8])?;
        }
        Ok(())
    }

    /// Reads a lemmatizer written by [`Lemmatizer::write`]; damaged or foreign bytes are an error.
    pub fn read(bytes: &[u8]) -> Result<Lemmatizer, ModelError> {
        let mut r = ByteReader { bytes, pos: 0 };
        r.header(Self::MAGIC, Self::VERSION)?;
        // Every count is checked against the bytes left, so a damaged header cannot make us
        // allocate more than the file could describe.
        let count = |r: &mut ByteReader, min_bytes: usize| -> Result<usize, ModelError> {
            let n = r.u32()? as usize;
            if n.saturating_mul(min_bytes) > r.bytes.len().saturating_sub(r.pos) {
                return Err(ModelError::Truncated(r.pos));
            }
            Ok(n)
        };
        let max_suffix = r.u32()? as usize;
        if max_suffix > 64 {
            return Err(ModelError::Inconsistent(format!(
                "suffix length {max_suffix}"
            )));
        }
        let mut model = Lemmatizer {
            max_suffix,
            ..Lemmatizer::default()
        };
        for _ in 0..count(&mut r, 4)? {
            model.lemmas.push(r.string()?.to_string());
        }
        for _ in 0..count(&mut r, 8)? {
            model.edits.push(Edit::read(&mut r)?);
        }
        let (n_lemmas, n_edits) = (model.lemmas.len(), model.edits.len());
        for (table, limit) in [
            (&mut model.known, n_lemmas),
            (&mut model.fallback, n_lemmas),
            (&mut model.rules, n_edits),
        ] {
            for _ in 0..count(&mut r, 12)? {
                let key = r.u64()?;
                let value = r.u32()?;
                if value as usize >= limit {
                    return Err(ModelError::Inconsistent(format!(
                        "index {value} of {limit}"
                    )));
                }
                table.insert(key, value);
            }
        }
        for _ in 0..count(&mut r, 9)? {
            let key = r.u64()?;
            let index = r.take(1)?.first().copied().unwrap_or(u8::MAX);
            let casing = Casing::ALL
                .get(index as usize)
                .copied()
                .ok_or_else(|| ModelError::Inconsistent(format!("casing {index}")))?;
            model.casing.insert(key, casing);
        }
        if r.pos != bytes.len() {
            return Err(ModelError::Inconsistent(format!(
                "{} bytes after the end of the lemmatizer",
                bytes.len() - r.pos
            )));
        }
        model.index_lemmas();
        Ok(model)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use petrel_core::Upos;

    fn token(form: &str, upos: Upos, xpos: &str, lemma: &str) -> Token {
        let mut t = Token::new(form).with_upos(upos);
        t.xpos = xpos.into();
        t.lemma = lemma.into();
        t
    }

    fn corpus() -> Vec<Sentence> {
        use Upos::*;
        let rows = [
            ("cities", Noun, "NNS", "city"),
            ("parties", Noun, "NNS", "party"),
            ("stories", Noun, "NNS", "story"),
            ("dogs", Noun, "NNS", "dog"),
            ("cats", Noun, "NNS", "cat"),
            ("went", Verb, "VBD", "go"),
            ("walked", Verb, "VBD", "walk"),
            ("talked", Verb, "VBD", "talk"),
            ("saw", Verb, "VBD", "see"),
            ("saw", Noun, "NN", "saw"),
            ("n't", Part, "RB", "not"),
            ("Americans", Propn, "NNPS", "American"),
            ("Russians", Propn, "NNPS", "Russian"),
            ("Paris", Propn, "NNP", "Paris"),
            ("London", Propn, "NNP", "London"),
            ("Investors", Noun, "NNS", "investor"),
            ("Markets", Noun, "NNS", "market"),
        ];
        let mut s = Sentence::new("");
        s.tokens = rows.iter().map(|(f, u, x, l)| token(f, *u, x, l)).collect();
        vec![s]
    }

    fn lemma(model: &Lemmatizer, form: &str, upos: Upos, xpos: &str) -> String {
        let mut s = Sentence::new("");
        s.tokens.push(token(form, upos, xpos, ""));
        model.lemmatize(&mut s);
        s.tokens[0].lemma.clone()
    }

    #[test]
    fn lowercase_hash_is_the_hash_of_the_lowercased_word() {
        for word in ["Bomb", "İnada", "ШОЙГУ", "", "abc"] {
            let mut lower = String::new();
            lowercase_into(word, &mut lower);
            assert_eq!(lowercase_hash(word), hash_str(&lower), "{word}");
        }
    }

    #[test]
    fn seen_words_use_their_lemma_for_the_tag() {
        let m = Lemmatizer::train(&corpus(), &LemmaConfig::default());
        assert_eq!(lemma(&m, "saw", Upos::Verb, "VBD"), "see");
        assert_eq!(lemma(&m, "saw", Upos::Noun, "NN"), "saw");
        assert_eq!(lemma(&m, "went", Upos::Verb, "VBD"), "go");
        assert_eq!(lemma(&m, "n't", Upos::Part, "RB"), "not");
    }

    #[test]
    fn a_word_tagged_otherwise_than_in_training_keeps_its_usual_lemma() {
        let m = Lemmatizer::train(&corpus(), &LemmaConfig::default());
        // `walked` was only seen as VBD; tagged VBN (or JJ) it is still `walk`.
        assert_eq!(lemma(&m, "walked", Upos::Verb, "VBN"), "walk");
        assert_eq!(lemma(&m, "cities", Upos::Verb, "VBZ"), "city");
    }

    #[test]
    fn irregular_pasts_numbers_and_the_perfect_clitic() {
        let m = Lemmatizer::train(&corpus(), &LemmaConfig::default());
        assert_eq!(lemma(&m, "fled", Upos::Verb, "VBD"), "flee");
        assert_eq!(lemma(&m, "overthrown", Upos::Verb, "VBN"), "overthrow");
        assert_eq!(lemma(&m, "1,100", Upos::Num, "CD"), "1100");
        let mut s = Sentence::new("");
        s.tokens = vec![
            token("it", Upos::Pron, "PRP", ""),
            token("'s", Upos::Aux, "VBZ", ""),
            token("been", Upos::Aux, "VBN", ""),
        ];
        let mut training = corpus();
        training[0].tokens.push(token("'s", Upos::Aux, "VBZ", "be"));
        let m = Lemmatizer::train(&training, &LemmaConfig::default());
        m.lemmatize(&mut s);
        assert_eq!(s.tokens[1].lemma, "have");
        s.tokens[2] = token("done", Upos::Verb, "VBN", "");
        m.lemmatize(&mut s);
        assert_eq!(s.tokens[1].lemma, "be");
    }

    #[test]
    fn a_shorter_rule_that_gives_a_known_lemma_wins() {
        // `-bbed` → `-b` (robbed → rob) would make `bombed` → `bom`; `-ed` → `` gives `bomb`,
        // a lemma seen in training.
        use Upos::*;
        let rows = [
            ("robbed", Verb, "VBD", "rob"),
            ("stabbed", Verb, "VBD", "stab"),
            ("jabbed", Verb, "VBD", "jab"),
            ("walked", Verb, "VBD", "walk"),
            ("talked", Verb, "VBD", "talk"),
            ("jumped", Verb, "VBD", "jump"),
            ("played", Verb, "VBD", "play"),
            ("bomb", Noun, "NN", "bomb"),
        ];
        let mut s = Sentence::new("");
        s.tokens = rows.iter().map(|(f, u, x, l)| token(f, *u, x, l)).collect();
        let m = Lemmatizer::train(&[s], &LemmaConfig::default());
        assert_eq!(lemma(&m, "grabbed", Verb, "VBD"), "grab");
        assert_eq!(lemma(&m, "bombed", Verb, "VBD"), "bomb");
    }

    #[test]
    fn unseen_words_follow_suffix_rules_and_case_policy() {
        let m = Lemmatizer::train(&corpus(), &LemmaConfig::default());
        assert_eq!(lemma(&m, "ladies", Upos::Noun, "NNS"), "lady");
        assert_eq!(lemma(&m, "jumped", Upos::Verb, "VBD"), "jump");
        assert_eq!(lemma(&m, "Germans", Upos::Propn, "NNPS"), "German");
        assert_eq!(lemma(&m, "Berlin", Upos::Propn, "NNP"), "Berlin");
        assert_eq!(lemma(&m, "Traders", Upos::Noun, "NNS"), "trader");
    }

    #[test]
    fn model_round_trips_and_damage_is_an_error() {
        let m = Lemmatizer::train(&corpus(), &LemmaConfig::default());
        let mut bytes = Vec::new();
        m.write(&mut bytes).unwrap();
        let back = Lemmatizer::read(&bytes).unwrap();
        let mut again = Vec::new();
        back.write(&mut again).unwrap();
        assert_eq!(bytes, again);
        assert_eq!(lemma(&back, "ladies", Upos::Noun, "NNS"), "lady");
        for cut in 0..bytes.len() {
            assert!(Lemmatizer::read(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        assert!(matches!(
            Lemmatizer::read(b"PTRLTAG1\x01\0\0\0"),
            Err(ModelError::BadMagic { .. })
        ));
    }

    /// Lemma accuracy of `model` on `gold`, from the gold forms and tags, in percent.
    fn lemma_accuracy(model: &Lemmatizer, gold: &[Sentence]) -> f64 {
        let (mut right, mut total) = (0usize, 0usize);
        for g in gold {
            let mut s = g.clone();
            for t in &mut s.tokens {
                t.lemma.clear();
            }
            model.lemmatize(&mut s);
            for (p, g) in s.tokens.iter().zip(&g.tokens) {
                right += (p.lemma == g.lemma) as usize;
                total += 1;
            }
        }
        100.0 * right as f64 / total.max(1) as f64
    }

    #[test]
    fn a_slice_of_ewt_trains_a_useful_lemmatizer() {
        let model = Lemmatizer::train(
            &crate::tagger::tests::ewt("train", 2000),
            &LemmaConfig::default(),
        );
        let accuracy = lemma_accuracy(&model, &crate::tagger::tests::ewt("dev", 400));
        // 98.2 when measured; a lemmatizer that only copied forms would get about 85.
        assert!(accuracy >= 96.5, "lemma {accuracy:.2} on 400 dev sentences");
    }

    #[test]
    fn the_shipped_model_lemmatizes_dev_well() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/en/lemma.bin");
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let model = Lemmatizer::read(&bytes).unwrap();
        let accuracy = lemma_accuracy(&model, &crate::tagger::tests::ewt("dev", 500));
        // 99.0 when measured.
        assert!(
            accuracy >= 98.3,
            "lemma {accuracy:.2} on 500 dev sentences with gold tags"
        );
    }

    #[test]
    fn odd_input_does_not_panic() {
        let m = Lemmatizer::train(&corpus(), &LemmaConfig::default());
        let mut s = Sentence::new("");
        for form in [
            "",
            "İnada",
            "ΣΊΣΥΦΟΣ",
            "🙂",
            "\u{0301}",
            "x".repeat(10_000).as_str(),
        ] {
            s.tokens.push(token(form, Upos::X, "", ""));
        }
        m.lemmatize(&mut s);
        assert_eq!(s.tokens[3].lemma, "🙂");
        let mut empty = Sentence::new("");
        m.lemmatize(&mut empty);
        let untrained = Lemmatizer::train(&[], &LemmaConfig::default());
        assert_eq!(lemma(&untrained, "Dogs", Upos::Noun, "NNS"), "dogs");
    }
}
