//! The averaged perceptron shared by the tagger and the parser.
//!
//! Features are 64-bit hashes built with [`mix`]; the model keeps, for each feature seen in
//! training, a short sparse list of `(class, weight)` pairs. Most features co-occur with only a few
//! classes, so sparse rows are both smaller and faster to score than dense ones. The few long rows
//! (tags and other frequent features, which the model reads at every step) also get a dense copy
//! when loaded, which scores faster; the stored format stays sparse.
//!
//! Training uses the usual lazy averaging (Collins 2002; Daumé's trick): each weight keeps a running
//! total and the step it was last changed, so an update costs O(features), not O(model).
//! [`Trainer::finish`] freezes the averaged weights into a [`Perceptron`], dropping those whose
//! magnitude is below a threshold to keep the shipped model compact.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{self, Write};

/// Mixes a value into a running feature hash (a 64-bit multiply-xorshift, as in wyhash/splitmix).
#[inline]
pub fn mix(hash: u64, value: u64) -> u64 {
    let x = (hash ^ value.wrapping_add(0x9E37_79B9_7F4A_7C15)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    let x = (x ^ (x >> 31)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 29)
}

/// Hashes a string (FNV-1a), for mixing words into features.
#[inline]
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Feature keys are already well mixed, so the map uses them as their own hash.
#[derive(Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = mix(self.0, b as u64);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

/// What went wrong decoding a stored model.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error(
        "model data is truncated at byte {0}; the model file is damaged, retrain or reinstall it"
    )]
    Truncated(usize),
    #[error("not a petrel model section (expected {expected:?}); the model file is damaged or from another program")]
    BadMagic { expected: String },
    #[error("model format version {found} is not supported (expected {expected}); retrain the model with this petrel")]
    Version { found: u32, expected: u32 },
    #[error("model data is inconsistent: {0}; retrain the model")]
    Inconsistent(String),
}

/// A frozen, averaged perceptron: what the tagger and parser use at run time.
///
/// Rows live in an open-addressing table of their own (rather than a `HashMap`) so that scoring
/// can touch every feature's slot before reading any: the cache misses of one prediction then
/// overlap instead of following one another, which is most of the time a prediction takes.
#[derive(Clone, Debug, Default)]
pub struct Perceptron {
    n_classes: usize,
    n_rows: usize,
    /// A power-of-two number of slots, at most three quarters full; empty when there are no rows.
    slots: Vec<Slot>,
    entries: Vec<Weight>,
    /// Long rows again, dense (`n_classes` scores each): the rows of frequent features such as
    /// tags are long, and adding them whole vectorises where a sparse row is one add at a time.
    dense: Vec<f32>,
}

/// A slot of the row table: a feature and where its weights are; `len == 0` marks an empty slot.
#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    key: u64,
    start: u32,
    len: u16,
    /// One more than the row's index in `dense`; 0 when it has no dense copy.
    dense: u16,
}

impl Slot {
    /// Where the row's sparse weights are in `entries`.
    #[inline]
    fn weights(&self) -> std::ops::Range<usize> {
        self.start as usize..self.start as usize + self.len as usize
    }

    /// Where the row's dense copy is in `dense`, if it has one.
    #[inline]
    fn dense(&self, n_classes: usize) -> Option<std::ops::Range<usize>> {
        let from = (self.dense as usize).checked_sub(1)? * n_classes;
        Some(from..from + n_classes)
    }
}

/// One class weight of a row.
#[derive(Clone, Copy, Debug, Default)]
struct Weight {
    class: u16,
    value: f32,
}

/// A row gets a dense copy when it holds at least 1/`DENSE_SHARE` of the classes.
const DENSE_SHARE: usize = 5;

/// Features scored together: the batch of slots and rows touched before reading them.
const BATCH: usize = 32;

impl Perceptron {
    /// Builds the row table over `entries`; each row is `(key, start, len)` with `len > 0`.
    fn from_rows(n_classes: usize, rows: &[(u64, u32, u32)], entries: Vec<Weight>) -> Perceptron {
        let capacity = if rows.is_empty() {
            0
        } else {
            (rows.len() * 4 / 3 + 1).next_power_of_two()
        };
        let mut model = Perceptron {
            n_classes,
            n_rows: 0,
            slots: vec![Slot::default(); capacity],
            entries,
            dense: Vec::new(),
        };
        let mask = capacity.wrapping_sub(1);
        for &(key, start, len) in rows.iter().filter(|r| r.2 > 0) {
            let mut i = key as usize & mask;
            // The table is at most 3/4 full, so probing ends at an empty slot or the same key.
            loop {
                let slot = &mut model.slots[i];
                if slot.len == 0 {
                    model.n_rows += 1;
                }
                if slot.len == 0 || slot.key == key {
                    *slot = Slot {
                        key,
                        start,
                        len: len.min(u16::MAX as u32) as u16,
                        dense: 0,
                    };
                    break;
                }
                i = (i + 1) & mask;
            }
        }
        model.densify();
        model
    }

    /// Gives the rows holding at least 1/`DENSE_SHARE` of the classes a dense copy (at most
    /// 65,535 of them). The dense sums equal the sparse ones exactly: each class still receives
    /// its weights in feature order, and the other classes receive zeros.
    fn densify(&mut self) {
        let n = self.n_classes;
        for slot in &mut self.slots {
            let index = self.dense.len() / n.max(1);
            if n == 0 || (slot.len as usize) * DENSE_SHARE < n || index >= u16::MAX as usize {
                continue;
            }
            let from = self.dense.len();
            self.dense.resize(from + n, 0.0);
            let row = self.dense.get_mut(from..).unwrap_or_default();
            for w in self.entries.get(slot.weights()).unwrap_or_default() {
                if let Some(v) = row.get_mut(w.class as usize) {
                    *v += w.value;
                }
            }
            slot.dense = index as u16 + 1;
        }
    }

    #[inline]
    fn find(&self, key: u64, mask: usize) -> Option<Slot> {
        let mut i = key as usize & mask;
        loop {
            let slot = *self.slots.get(i)?;
            if slot.len == 0 {
                return None;
            }
            if slot.key == key {
                return Some(slot);
            }
            i = (i + 1) & mask;
        }
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// The number of features with at least one weight.
    pub fn n_features(&self) -> usize {
        self.n_rows
    }

    /// The number of stored weights.
    pub fn n_weights(&self) -> usize {
        self.entries.len()
    }

    /// Adds the weights of `features` to `scores` (which must have `n_classes` entries).
    #[inline]
    pub fn score_into(&self, features: &[u64], scores: &mut [f32]) {
        if self.n_rows == 0 {
            return;
        }
        let mask = self.slots.len() - 1;
        let n_classes = self.n_classes;
        let mut rows = [Slot::default(); BATCH];
        for batch in features.chunks(BATCH) {
            // Independent loads first, so the memory system fetches the slots in parallel.
            let mut touched = 0u64;
            for &f in batch {
                touched ^= self.slots.get(f as usize & mask).map_or(0, |s| s.key);
            }
            std::hint::black_box(touched);
            let mut n = 0;
            for &f in batch {
                if let (Some(slot), Some(row)) = (self.find(f, mask), rows.get_mut(n)) {
                    *row = slot;
                    n += 1;
                }
            }
            let found = rows.get(..n).unwrap_or_default();
            // The same for every cache line of each row (eight sparse weights or sixteen dense
            // scores to a line).
            let mut touched = 0u16;
            let mut touched_dense = 0.0f32;
            for slot in found {
                if let Some(dense) = slot.dense(n_classes) {
                    for i in dense.step_by(16) {
                        touched_dense += self.dense.get(i).copied().unwrap_or_default();
                    }
                } else {
                    for i in slot.weights().step_by(8) {
                        touched ^= self.entries.get(i).map_or(0, |w| w.class);
                    }
                }
            }
            std::hint::black_box((touched, touched_dense));
            for slot in found {
                if let Some(dense) = slot.dense(n_classes) {
                    let row = self.dense.get(dense).unwrap_or_default();
                    for (s, w) in scores.iter_mut().zip(row) {
                        *s += w;
                    }
                } else {
                    for w in self.entries.get(slot.weights()).unwrap_or_default() {
                        if let Some(s) = scores.get_mut(w.class as usize) {
                            *s += w.value;
                        }
                    }
                }
            }
        }
    }

    /// A copy without the weights whose magnitude is below `min_weight` (and without the rows
    /// left empty), to shrink a trained model.
    pub fn pruned(&self, min_weight: f32) -> Perceptron {
        let mut slots: Vec<&Slot> = self.slots.iter().filter(|s| s.len > 0).collect();
        slots.sort_unstable_by_key(|s| s.key);
        let mut rows = Vec::with_capacity(slots.len());
        let mut entries = Vec::new();
        for slot in slots {
            let start = entries.len() as u32;
            entries.extend(
                self.entries
                    .get(slot.weights())
                    .unwrap_or_default()
                    .iter()
                    .filter(|w| w.value.abs() >= min_weight),
            );
            let len = entries.len() as u32 - start;
            if len > 0 {
                rows.push((slot.key, start, len));
            }
        }
        Perceptron::from_rows(self.n_classes, &rows, entries)
    }

    /// The mean of `models` (which must share their classes): a single model whose scores are
    /// the mean of theirs, so a greedy decoder with it decides as the ensemble would, at the cost
    /// of one model. `None` when the models disagree on the classes or there are none.
    pub fn mean(models: &[&Perceptron]) -> Option<Perceptron> {
        let n_classes = models.first()?.n_classes;
        if models.iter().any(|m| m.n_classes != n_classes) {
            return None;
        }
        let mut all: Vec<(u64, u16, f32)> = Vec::new();
        for m in models {
            for slot in m.slots.iter().filter(|s| s.len > 0) {
                let row = m.entries.get(slot.weights()).unwrap_or_default();
                all.extend(row.iter().map(|w| (slot.key, w.class, w.value)));
            }
        }
        // Sorting by key and class puts each weight's terms together, in model order.
        all.sort_by_key(|&(key, class, _)| (key, class));
        let k = models.len() as f32;
        let mut rows: Vec<(u64, u32, u32)> = Vec::new();
        let mut entries: Vec<Weight> = Vec::new();
        for group in all.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
            let Some(&(key, class, _)) = group.first() else {
                continue;
            };
            let value = group.iter().map(|g| g.2).sum::<f32>() / k;
            if value == 0.0 {
                continue;
            }
            // A row holds at most 255 weights, as in training (the stored length is a byte).
            match rows.last_mut() {
                Some(row) if row.0 == key && row.2 >= u8::MAX as u32 => continue,
                Some(row) if row.0 == key => row.2 += 1,
                _ => rows.push((key, entries.len() as u32, 1)),
            }
            entries.push(Weight { class, value });
        }
        Some(Perceptron::from_rows(n_classes, &rows, entries))
    }

    /// Scores of every class for `features`.
    pub fn scores(&self, features: &[u64]) -> Vec<f32> {
        let mut scores = vec![0.0; self.n_classes];
        self.score_into(features, &mut scores);
        scores
    }

    const MAGIC: &'static [u8; 8] = b"PTRLPCP1";
    const VERSION: u32 = 1;

    /// Writes the model in petrel's compact little-endian format. Rows are written in key order so
    /// that the same model always produces the same bytes.
    pub fn write<W: Write>(&self, out: &mut W) -> io::Result<()> {
        out.write_all(Self::MAGIC)?;
        out.write_all(&Self::VERSION.to_le_bytes())?;
        out.write_all(&(self.n_classes as u32).to_le_bytes())?;
        out.write_all(&(self.n_rows as u32).to_le_bytes())?;
        let mut rows: Vec<&Slot> = self.slots.iter().filter(|s| s.len > 0).collect();
        rows.sort_unstable_by_key(|s| s.key);
        for slot in rows {
            out.write_all(&slot.key.to_le_bytes())?;
            let row = self.entries.get(slot.weights()).unwrap_or_default();
            out.write_all(&[row.len() as u8])?;
            for w in row {
                out.write_all(&w.class.to_le_bytes())?;
                out.write_all(&w.value.to_le_bytes())?;
            }
        }
        Ok(())
    }

    /// Reads a model written by [`Perceptron::write`] from the front of `bytes`; returns it and the
    /// number of bytes consumed.
    pub fn read(bytes: &[u8]) -> Result<(Perceptron, usize), ModelError> {
        let mut r = ByteReader { bytes, pos: 0 };
        r.header(Self::MAGIC, Self::VERSION)?;
        let n_classes = r.u32()? as usize;
        let n_rows = r.u32()? as usize;
        // Every row takes at least 9 bytes, which bounds what a damaged header can make us allocate.
        if n_rows > bytes.len() / 9 {
            return Err(ModelError::Truncated(bytes.len()));
        }
        let mut rows = Vec::with_capacity(n_rows);
        let mut entries = Vec::with_capacity(n_rows * 2);
        for _ in 0..n_rows {
            let key = r.u64()?;
            let len = r.take(1)?[0] as usize;
            let start = entries.len() as u32;
            for _ in 0..len {
                let class = r.u16()?;
                if class as usize >= n_classes {
                    return Err(ModelError::Inconsistent(format!(
                        "class {class} of {n_classes}"
                    )));
                }
                entries.push(Weight {
                    class,
                    value: r.f32()?,
                });
            }
            rows.push((key, start, len as u32));
        }
        Ok((Perceptron::from_rows(n_classes, &rows, entries), r.pos))
    }
}

/// A bounds-checked little-endian reader over model bytes.
pub(crate) struct ByteReader<'a> {
    pub(crate) bytes: &'a [u8],
    pub(crate) pos: usize,
}

impl<'a> ByteReader<'a> {
    /// Checks a model section's magic bytes and format version.
    pub(crate) fn header(&mut self, magic: &[u8; 8], version: u32) -> Result<(), ModelError> {
        if self.take(8)? != magic {
            return Err(ModelError::BadMagic {
                expected: String::from_utf8_lossy(magic).into_owned(),
            });
        }
        let found = self.u32()?;
        if found != version {
            return Err(ModelError::Version {
                found,
                expected: version,
            });
        }
        Ok(())
    }

    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or(ModelError::Truncated(self.pos))?;
        let out = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(out)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    pub(crate) fn u16(&mut self) -> Result<u16, ModelError> {
        Ok(u16::from_le_bytes(self.array()?))
    }
    pub(crate) fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    pub(crate) fn u64(&mut self) -> Result<u64, ModelError> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    pub(crate) fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_le_bytes(self.array()?))
    }
    /// A length-prefixed UTF-8 string.
    pub(crate) fn string(&mut self) -> Result<&'a str, ModelError> {
        let len = self.u32()? as usize;
        std::str::from_utf8(self.take(len)?)
            .map_err(|_| ModelError::Inconsistent("a string is not UTF-8".into()))
    }
}

/// Writes a length-prefixed UTF-8 string, the counterpart of `ByteReader::string`.
pub(crate) fn write_string<W: Write>(out: &mut W, s: &str) -> io::Result<()> {
    out.write_all(&(s.len() as u32).to_le_bytes())?;
    out.write_all(s.as_bytes())
}

#[derive(Clone, Copy, Debug)]
struct TrainWeight {
    class: u16,
    weight: f32,
    /// Sum of the weight over all steps up to `stamp`.
    total: f64,
    stamp: u32,
}

/// An averaged perceptron being trained.
#[derive(Debug)]
pub struct Trainer {
    n_classes: usize,
    rows: KeyMap<Vec<TrainWeight>>,
    step: u32,
}

impl Trainer {
    pub fn new(n_classes: usize) -> Trainer {
        assert!(
            n_classes <= u16::MAX as usize,
            "at most 65535 classes: class ids are stored as u16"
        );
        Trainer {
            n_classes,
            rows: KeyMap::default(),
            step: 0,
        }
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Adds the current (not averaged) weights of `features` to `scores`.
    pub fn score_into(&self, features: &[u64], scores: &mut [f32]) {
        for f in features {
            if let Some(row) = self.rows.get(f) {
                for w in row {
                    if let Some(s) = scores.get_mut(w.class as usize) {
                        *s += w.weight;
                    }
                }
            }
        }
    }

    /// Counts one training step; call once per prediction, whether or not it was right.
    pub fn tick(&mut self) {
        self.step += 1;
    }

    /// Moves weight from `guess` to `truth` for every feature (a no-op when they are equal).
    pub fn update(&mut self, features: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for &f in features {
            let row = self.rows.entry(f).or_default();
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0f32)] {
                let step = self.step;
                let w = match row.iter_mut().find(|w| w.class as usize == class) {
                    Some(w) => w,
                    None => {
                        row.push(TrainWeight {
                            class: class as u16,
                            weight: 0.0,
                            total: 0.0,
                            stamp: step,
                        });
                        row.last_mut().expect("a weight was just pushed")
                    }
                };
                w.total += (step - w.stamp) as f64 * w.weight as f64;
                w.stamp = step;
                w.weight += delta;
            }
        }
    }

    /// Averages the weights over all steps and keeps those with `|w| >= min_weight`.
    pub fn finish(&self, min_weight: f32) -> Perceptron {
        let step = self.step.max(1);
        let mut keys: Vec<&u64> = self.rows.keys().collect();
        keys.sort_unstable();
        let mut rows = Vec::new();
        let mut entries = Vec::new();
        for key in keys {
            let start = entries.len() as u32;
            let mut row: Vec<(u16, f32)> = self.rows[key]
                .iter()
                .map(|w| {
                    let total = w.total + (step - w.stamp) as f64 * w.weight as f64;
                    (w.class, (total / step as f64) as f32)
                })
                .filter(|(_, w)| w.abs() >= min_weight && *w != 0.0)
                .collect();
            row.sort_unstable_by_key(|(c, _)| *c);
            row.truncate(u8::MAX as usize);
            if row.is_empty() {
                continue;
            }
            entries.extend(row.iter().map(|&(class, value)| Weight { class, value }));
            rows.push((*key, start, row.len() as u32));
        }
        Perceptron::from_rows(self.n_classes, &rows, entries)
    }
}

/// The index of the highest score among those `allowed`; ties go to the lowest index.
pub fn argmax(scores: &[f32], allowed: impl Fn(usize) -> bool) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (i, &s) in scores.iter().enumerate() {
        if allowed(i) && best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word itself and its last letter: the suffix is shared across classes, so the model
    /// must learn to trust the word.
    fn feats(word: &str) -> Vec<u64> {
        vec![
            mix(1, hash_str(word)),
            mix(2, word.bytes().last().unwrap_or(0) as u64),
        ]
    }

    #[test]
    fn learns_a_separable_problem() {
        let data = [
            ("cat", 0),
            ("dog", 0),
            ("run", 1),
            ("eat", 1),
            ("red", 2),
            ("blue", 2),
        ];
        let mut t = Trainer::new(3);
        for _ in 0..20 {
            for (w, y) in data {
                let mut s = vec![0.0; 3];
                t.score_into(&feats(w), &mut s);
                let guess = argmax(&s, |_| true).unwrap();
                t.update(&feats(w), y, guess);
                t.tick();
            }
        }
        let m = t.finish(0.0);
        for (w, y) in data {
            assert_eq!(argmax(&m.scores(&feats(w)), |_| true), Some(y), "{w}");
        }
    }

    #[test]
    fn serialises_deterministically_and_round_trips() {
        let mut t = Trainer::new(2);
        t.update(&feats("a"), 0, 1);
        t.tick();
        t.update(&feats("bb"), 1, 0);
        t.tick();
        let m = t.finish(0.0);
        let (mut a, mut b) = (Vec::new(), Vec::new());
        m.write(&mut a).unwrap();
        m.write(&mut b).unwrap();
        assert_eq!(a, b);
        let (back, used) = Perceptron::read(&a).unwrap();
        assert_eq!(used, a.len());
        assert_eq!(back.scores(&feats("a")), m.scores(&feats("a")));
    }

    #[test]
    fn damaged_bytes_are_errors() {
        let mut t = Trainer::new(2);
        t.update(&feats("a"), 0, 1);
        let mut bytes = Vec::new();
        t.finish(0.0).write(&mut bytes).unwrap();
        for cut in 0..bytes.len() {
            assert!(Perceptron::read(&bytes[..cut]).is_err());
        }
        assert!(matches!(
            Perceptron::read(b"garbage!garbage!"),
            Err(ModelError::BadMagic { .. })
        ));
    }

    #[test]
    fn pruning_drops_small_weights_only() {
        let mut t = Trainer::new(2);
        for _ in 0..3 {
            t.update(&feats("cat"), 0, 1);
            t.tick();
        }
        t.update(&feats("dog"), 1, 0);
        t.tick();
        let m = t.finish(0.0);
        let small = m.scores(&feats("dog"))[1];
        let big = m.scores(&feats("cat"))[0];
        assert!(small.abs() < big.abs());
        let p = m.pruned((small.abs() + big.abs()) / 4.0);
        assert!(p.n_weights() < m.n_weights());
        assert_eq!(p.scores(&feats("cat")), m.scores(&feats("cat")));
        assert_eq!(p.scores(&feats("dog")), vec![0.0, 0.0]);
    }

    #[test]
    fn dense_rows_score_exactly_as_sparse_ones() {
        // Twenty classes: "the" is seen with all of them (a dense row), the rest with a few.
        let mut t = Trainer::new(20);
        let words = ["the", "cat", "dog", "ran", "far"];
        for step in 0..200usize {
            let (word, truth) = match step % 3 {
                0 => (words[step % 5], step % 5),
                _ => ("the", step % 20),
            };
            t.update(&feats(word), truth, (truth * 7 + 3) % 20);
            t.tick();
        }
        let m = t.finish(0.0);
        assert!(
            !m.dense.is_empty(),
            "a row over all classes has a dense copy"
        );
        assert!(m.slots.iter().any(|s| s.len > 0 && s.dense == 0));
        let mut sparse = m.clone();
        sparse.dense.clear();
        sparse.slots.iter_mut().for_each(|s| s.dense = 0);
        for sentence in [
            &["the", "cat"][..],
            &["dog", "the", "far"],
            &["unseen"],
            &[],
        ] {
            let features: Vec<u64> = sentence.iter().flat_map(|w| feats(w)).collect();
            let (a, b) = (m.scores(&features), sparse.scores(&features));
            let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            assert_eq!(bits(&a), bits(&b), "{sentence:?}");
        }
    }

    #[test]
    fn the_mean_model_scores_the_mean() {
        let train = |words: &[(&str, usize, usize)]| {
            let mut t = Trainer::new(3);
            for &(w, truth, guess) in words {
                t.update(&feats(w), truth, guess);
                t.tick();
            }
            t.finish(0.0)
        };
        let a = train(&[("cat", 0, 1), ("dog", 1, 2), ("cat", 0, 2)]);
        let b = train(&[("dog", 2, 1), ("cow", 1, 0)]);
        let mean = Perceptron::mean(&[&a, &b]).expect("same classes");
        for word in ["cat", "dog", "cow", "eel"] {
            let (sa, sb, sm) = (
                a.scores(&feats(word)),
                b.scores(&feats(word)),
                mean.scores(&feats(word)),
            );
            for c in 0..3 {
                assert!((sm[c] - (sa[c] + sb[c]) / 2.0).abs() < 1e-6, "{word} {c}");
            }
        }
        assert!(Perceptron::mean(&[&a, &Trainer::new(4).finish(0.0)]).is_none());
        assert!(Perceptron::mean(&[]).is_none());
    }

    #[test]
    fn argmax_respects_allowed() {
        assert_eq!(argmax(&[3.0, 1.0, 2.0], |i| i != 0), Some(2));
        assert_eq!(argmax(&[1.0], |_| false), None);
    }
}
