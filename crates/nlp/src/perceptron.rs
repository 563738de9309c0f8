//! The averaged perceptron shared by the tagger and the parser.
//!
//! Features are 64-bit hashes built with [`mix`]; the model keeps, for each feature seen in
//! training, a short sparse list of `(class, weight)` pairs. Most features co-occur with only a few
//! classes, so sparse rows are both smaller and faster to score than dense ones. The few long rows
//! (tags and other frequent features, which the model reads at every step) also get a dense copy
//! when loaded, which scores faster; the stored format stays sparse.
//!
//! A frozen model scores from its stored bytes in place ([`Perceptron::read_static`] for the
//! model compiled into the binary), so the process holds the weights once, not once encoded and
//! once decoded.
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
/// The weights stay in the stored format ([`Perceptron::write`]): rows of `key, length, (class,
/// weight)...`, read in place. The built-in model is compiled into the binary, so its bytes are
/// already in memory; reading the weights where they are, rather than decoding a second copy,
/// keeps one copy of the model resident instead of two. A model read from a file or trained in
/// this process owns its bytes.
///
/// Rows are found through an open-addressing table of their own (rather than a `HashMap`) so that
/// scoring can touch every feature's slot before reading any: the cache misses of one prediction
/// then overlap instead of following one another, which is most of the time a prediction takes.
/// A slot is eight bytes: the upper half of the feature's key and where its row is. The full key
/// is checked against the row itself, which scoring reads anyway.
#[derive(Clone, Debug, Default)]
pub struct Perceptron {
    n_classes: usize,
    n_rows: usize,
    n_weights: usize,
    /// The stored model: header, then the rows.
    image: Image,
    /// A power-of-two number of slots, at most three quarters full; empty when there are no rows.
    /// 0 is an empty slot; else the upper 32 bits are the upper half of the key and the lower 32
    /// a [`Location`].
    slots: Vec<u64>,
    /// Long rows again, dense (`n_classes` scores each): the rows of frequent features such as
    /// tags are long, and adding them whole vectorises where a sparse row is one add at a time.
    dense: Vec<f32>,
    /// The key of each dense row, to check a slot that points at one.
    dense_keys: Vec<u64>,
}

/// A reader of a model at the front of some bytes: [`Perceptron::read`] or
/// [`Perceptron::read_static`], as the tagger and parser are read from owned or static bytes.
pub type ReadFn<'a> = fn(&'a [u8]) -> Result<(Perceptron, usize), ModelError>;

/// Where a model's bytes live: compiled into the binary, or owned.
#[derive(Clone, Debug)]
enum Image {
    Static(&'static [u8]),
    Owned(std::sync::Arc<[u8]>),
}

impl Default for Image {
    fn default() -> Image {
        Image::Static(&[])
    }
}

impl Image {
    #[inline]
    fn bytes(&self) -> &[u8] {
        match self {
            Image::Static(b) => b,
            Image::Owned(b) => b,
        }
    }
}

/// The low half of a slot: with [`DENSE_FLAG`], the index of a dense row; without, the byte
/// offset of a sparse row (its key) in the image.
const DENSE_FLAG: u32 = 1 << 31;

/// Bytes of a row before its weights: the key and the length.
const ROW_HEAD: usize = 9;
/// Bytes of one stored weight: the class (u16) and the weight (f32).
const WEIGHT_BYTES: usize = 6;
/// Bytes of the model header: magic, version, classes, rows.
const HEADER_BYTES: usize = 20;

/// What [`Perceptron::scan`] finds at the front of some bytes.
struct Scanned {
    n_classes: usize,
    /// Each non-empty row's key and byte offset, in stored order.
    rows: Vec<(u64, usize)>,
    /// The bytes the model takes.
    used: usize,
    n_weights: usize,
}

/// A found row: a sparse one in the image, or a dense copy.
#[derive(Clone, Copy, Debug)]
enum Row {
    Sparse { at: usize },
    Dense { index: usize },
}

impl Default for Row {
    fn default() -> Row {
        Row::Sparse { at: 0 }
    }
}

/// One class weight of a row, as training and pruning build them.
#[derive(Clone, Copy, Debug, Default)]
struct Weight {
    class: u16,
    value: f32,
}

/// A row gets a dense copy when it holds at least 1/`DENSE_SHARE` of the classes.
const DENSE_SHARE: usize = 5;

/// Features scored together: the batch of slots and rows touched before reading them.
const BATCH: usize = 32;

#[inline]
fn le_u64(bytes: &[u8], at: usize) -> Option<u64> {
    let b: [u8; 8] = bytes.get(at..at + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(b))
}

/// The (class, weight) pairs of a stored row's weight bytes.
#[inline]
fn weights(row: &[u8]) -> impl Iterator<Item = (u16, f32)> + '_ {
    row.chunks_exact(WEIGHT_BYTES).map(|w| {
        let [c0, c1, v0, v1, v2, v3] = [w[0], w[1], w[2], w[3], w[4], w[5]];
        (
            u16::from_le_bytes([c0, c1]),
            f32::from_le_bytes([v0, v1, v2, v3]),
        )
    })
}

impl Perceptron {
    /// A model over `rows` (`(key, start, len)` into `entries`, in key order, `len` at most 255).
    fn from_rows(n_classes: usize, rows: &[(u64, u32, u32)], entries: Vec<Weight>) -> Perceptron {
        let mut image =
            Vec::with_capacity(HEADER_BYTES + rows.len() * ROW_HEAD + entries.len() * WEIGHT_BYTES);
        let rows: Vec<&(u64, u32, u32)> = rows.iter().filter(|r| r.2 > 0).collect();
        image.extend_from_slice(Self::MAGIC);
        image.extend_from_slice(&Self::VERSION.to_le_bytes());
        image.extend_from_slice(&(n_classes as u32).to_le_bytes());
        image.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        for &&(key, start, len) in &rows {
            let row = entries
                .get(start as usize..(start + len.min(u8::MAX as u32)) as usize)
                .unwrap_or_default();
            image.extend_from_slice(&key.to_le_bytes());
            image.push(row.len() as u8);
            for w in row {
                image.extend_from_slice(&w.class.to_le_bytes());
                image.extend_from_slice(&w.value.to_le_bytes());
            }
        }
        Perceptron::index(Image::Owned(image.into()))
            .map(|(model, _)| model)
            .expect("rows built from a model's own weights make a consistent image")
    }

    /// Reads and checks the header and rows at the front of `bytes`: the classes, each non-empty
    /// row's key and byte offset, the bytes the model takes, and the number of weights.
    fn scan(bytes: &[u8]) -> Result<Scanned, ModelError> {
        let mut r = ByteReader { bytes, pos: 0 };
        r.header(Self::MAGIC, Self::VERSION)?;
        let n_classes = r.u32()? as usize;
        let n_rows = r.u32()? as usize;
        // Every row takes at least 9 bytes, which bounds what a damaged header can make us allocate.
        if n_rows > bytes.len() / ROW_HEAD {
            return Err(ModelError::Truncated(bytes.len()));
        }
        let mut rows: Vec<(u64, usize)> = Vec::with_capacity(n_rows);
        let mut n_weights = 0;
        for _ in 0..n_rows {
            let at = r.pos;
            let key = r.u64()?;
            let len = r.take(1)?[0] as usize;
            for (class, _) in weights(r.take(len * WEIGHT_BYTES)?) {
                if class as usize >= n_classes {
                    return Err(ModelError::Inconsistent(format!(
                        "class {class} of {n_classes}"
                    )));
                }
            }
            n_weights += len;
            if len > 0 {
                rows.push((key, at));
            }
        }
        let used = r.pos;
        if used >= DENSE_FLAG as usize {
            return Err(ModelError::Inconsistent(format!(
                "{used} bytes; a model holds at most 2 GiB"
            )));
        }
        Ok(Scanned {
            n_classes,
            rows,
            used,
            n_weights,
        })
    }

    /// Reads the header and rows of `image` (which starts with a model and may go on past it),
    /// checks them, and builds the row table and the dense copies. Returns the model, whose image
    /// is cut to the bytes it uses, and that length.
    fn index(image: Image) -> Result<(Perceptron, usize), ModelError> {
        let Scanned {
            n_classes,
            rows,
            used,
            n_weights,
        } = Perceptron::scan(image.bytes())?;
        let image = match image {
            Image::Static(b) => Image::Static(b.get(..used).unwrap_or_default()),
            Image::Owned(b) if b.len() == used => Image::Owned(b),
            Image::Owned(b) => Image::Owned(b.get(..used).unwrap_or_default().into()),
        };
        let capacity = if rows.is_empty() {
            0
        } else {
            (rows.len() * 4 / 3 + 1).next_power_of_two()
        };
        let mut model = Perceptron {
            n_classes,
            n_rows: 0,
            n_weights,
            image,
            slots: vec![0; capacity],
            dense: Vec::new(),
            dense_keys: Vec::new(),
        };
        let mask = capacity.wrapping_sub(1);
        for (key, at) in rows {
            let location = model.locate(key, at);
            let mut i = key as usize & mask;
            // The table is at most 3/4 full, so probing ends at an empty slot or the same key. A
            // key stored twice keeps its last row, as the stored order says.
            while let Some(slot) = model.slots.get(i).copied() {
                if slot == 0 || (slot >> 32 == key >> 32 && model.slot_key(slot) == Some(key)) {
                    model.n_rows += usize::from(slot == 0);
                    if let Some(s) = model.slots.get_mut(i) {
                        *s = (key >> 32) << 32 | u64::from(location);
                    }
                    break;
                }
                i = (i + 1) & mask;
            }
        }
        Ok((model, used))
    }

    /// Where the row at byte `at` goes in a slot: a dense copy, made here, when it holds at least
    /// 1/`DENSE_SHARE` of the classes (at most 2^31 of them), else its offset. The dense sums
    /// equal the sparse ones exactly: each class still receives its weights in feature order, and
    /// the other classes receive zeros.
    fn locate(&mut self, key: u64, at: usize) -> u32 {
        let n = self.n_classes;
        let bytes = self.image.bytes();
        let len = bytes.get(at + 8).copied().unwrap_or(0) as usize;
        let index = self.dense_keys.len();
        if n == 0 || len * DENSE_SHARE < n || index >= DENSE_FLAG as usize - 1 {
            return at as u32;
        }
        let from = self.dense.len();
        self.dense.resize(from + n, 0.0);
        let row = bytes
            .get(at + ROW_HEAD..at + ROW_HEAD + len * WEIGHT_BYTES)
            .unwrap_or_default();
        let dense = self.dense.get_mut(from..).unwrap_or_default();
        for (class, value) in weights(row) {
            if let Some(v) = dense.get_mut(class as usize) {
                *v += value;
            }
        }
        self.dense_keys.push(key);
        DENSE_FLAG | index as u32
    }

    /// The row a slot points at.
    #[inline]
    fn row(slot: u64) -> Row {
        let location = slot as u32;
        if location & DENSE_FLAG != 0 {
            Row::Dense {
                index: (location & !DENSE_FLAG) as usize,
            }
        } else {
            Row::Sparse {
                at: location as usize,
            }
        }
    }

    /// The full key of the row a slot points at.
    #[inline]
    fn row_key(&self, row: Row) -> Option<u64> {
        match row {
            Row::Dense { index } => self.dense_keys.get(index).copied(),
            Row::Sparse { at } => le_u64(self.image.bytes(), at),
        }
    }

    #[inline]
    fn slot_key(&self, slot: u64) -> Option<u64> {
        self.row_key(Self::row(slot))
    }

    /// The first slot on `key`'s probe path whose upper key half matches, unchecked beyond that.
    #[inline]
    fn find_candidate(&self, key: u64, mask: usize) -> Option<u64> {
        let mut i = key as usize & mask;
        loop {
            let slot = *self.slots.get(i)?;
            if slot == 0 {
                return None;
            }
            if slot >> 32 == key >> 32 {
                return Some(slot);
            }
            i = (i + 1) & mask;
        }
    }

    /// The row of `key`, checked against the full key.
    fn find(&self, key: u64, mask: usize) -> Option<Row> {
        let mut i = key as usize & mask;
        loop {
            let slot = *self.slots.get(i)?;
            if slot == 0 {
                return None;
            }
            if slot >> 32 == key >> 32 && self.slot_key(slot) == Some(key) {
                return Some(Self::row(slot));
            }
            i = (i + 1) & mask;
        }
    }

    /// The weight bytes of the sparse row at byte `at`.
    #[inline]
    fn sparse_weights(&self, at: usize) -> &[u8] {
        let bytes = self.image.bytes();
        let len = bytes.get(at + 8).copied().unwrap_or(0) as usize;
        bytes
            .get(at + ROW_HEAD..at + ROW_HEAD + len * WEIGHT_BYTES)
            .unwrap_or_default()
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
        self.n_weights
    }

    /// Adds the weights of `features` to `scores` (which must have `n_classes` entries).
    #[inline]
    pub fn score_into(&self, features: &[u64], scores: &mut [f32]) {
        if self.n_rows == 0 {
            return;
        }
        let mask = self.slots.len() - 1;
        let n_classes = self.n_classes;
        let bytes = self.image.bytes();
        let mut rows = [(0u64, Row::default()); BATCH];
        for batch in features.chunks(BATCH) {
            // Independent loads first, so the memory system fetches the slots in parallel.
            let mut touched = 0u64;
            for &f in batch {
                touched ^= self.slots.get(f as usize & mask).copied().unwrap_or(0);
            }
            std::hint::black_box(touched);
            let mut n = 0;
            for &f in batch {
                if let (Some(slot), Some(row)) = (self.find_candidate(f, mask), rows.get_mut(n)) {
                    *row = (f, Self::row(slot));
                    n += 1;
                }
            }
            let found = rows.get_mut(..n).unwrap_or_default();
            // The same for every cache line of each row (ten sparse weights or sixteen dense
            // scores to a line); a sparse row's first line holds its key.
            let mut touched = 0u8;
            let mut touched_dense = 0.0f32;
            for &(_, row) in found.iter() {
                match row {
                    Row::Dense { index } => {
                        for i in (index * n_classes..(index + 1) * n_classes).step_by(16) {
                            touched_dense += self.dense.get(i).copied().unwrap_or_default();
                        }
                    }
                    Row::Sparse { at } => {
                        let len = bytes.get(at + 8).copied().unwrap_or(0) as usize;
                        for i in (at..at + ROW_HEAD + len * WEIGHT_BYTES).step_by(64) {
                            touched ^= bytes.get(i).copied().unwrap_or(0);
                        }
                    }
                }
            }
            std::hint::black_box((touched, touched_dense));
            for &mut (key, row) in found.iter_mut() {
                // Only the upper half of the key was compared so far; a row of another key whose
                // upper half is the same is passed over for the right one, if any.
                let row = if self.row_key(row) == Some(key) {
                    row
                } else {
                    match self.find(key, mask) {
                        Some(row) => row,
                        None => continue,
                    }
                };
                match row {
                    Row::Dense { index } => {
                        let dense = self
                            .dense
                            .get(index * n_classes..(index + 1) * n_classes)
                            .unwrap_or_default();
                        for (s, w) in scores.iter_mut().zip(dense) {
                            *s += w;
                        }
                    }
                    Row::Sparse { at } => {
                        for (class, value) in weights(self.sparse_weights(at)) {
                            if let Some(s) = scores.get_mut(class as usize) {
                                *s += value;
                            }
                        }
                    }
                }
            }
        }
    }

    /// The rows in the table, each a key and its (class, weight) pairs, in key order.
    fn sorted_rows(&self) -> Vec<(u64, Vec<Weight>)> {
        let bytes = self.image.bytes();
        // Where the dense rows' keys are stored, found in one pass over the image rather than one
        // pass per dense row (a parser has thousands of them: minutes for each write or prune).
        let dense_at = self.stored_rows_of(bytes, &self.dense_keys);
        let mut rows: Vec<(u64, Vec<Weight>)> = self
            .slots
            .iter()
            .filter(|&&s| s != 0)
            .filter_map(|&slot| {
                let row = Self::row(slot);
                let key = self.row_key(row)?;
                let at = match row {
                    Row::Sparse { at } => at,
                    // A dense row's stored bytes are where its key's sparse row is: find them.
                    Row::Dense { .. } => dense_at.get(&key).copied()?,
                };
                let weights = weights(self.sparse_weights(at))
                    .map(|(class, value)| Weight { class, value })
                    .collect();
                Some((key, weights))
            })
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        rows
    }

    /// The byte offset of the last stored row of each of `keys` (one scan of the image).
    fn stored_rows_of(&self, bytes: &[u8], keys: &[u64]) -> KeyMap<usize> {
        let mut found = KeyMap::default();
        if keys.is_empty() {
            return found;
        }
        let wanted: std::collections::HashSet<u64, BuildHasherDefault<KeyHasher>> =
            keys.iter().copied().collect();
        let mut at = HEADER_BYTES;
        while let (Some(k), Some(&len)) = (le_u64(bytes, at), bytes.get(at + 8)) {
            if wanted.contains(&k) {
                found.insert(k, at);
            }
            at += ROW_HEAD + len as usize * WEIGHT_BYTES;
        }
        found
    }

    /// The byte offset of the last stored row of `key` (a slow scan; for tests).
    #[cfg(test)]
    fn stored_row(&self, bytes: &[u8], key: u64) -> Option<usize> {
        let mut at = HEADER_BYTES;
        let mut found = None;
        while let (Some(k), Some(&len)) = (le_u64(bytes, at), bytes.get(at + 8)) {
            if k == key {
                found = Some(at);
            }
            at += ROW_HEAD + len as usize * WEIGHT_BYTES;
        }
        found
    }

    /// A copy without the weights whose magnitude is below `min_weight` (and without the rows
    /// left empty), to shrink a trained model.
    pub fn pruned(&self, min_weight: f32) -> Perceptron {
        let mut rows = Vec::new();
        let mut entries = Vec::new();
        for (key, row) in self.sorted_rows() {
            let start = entries.len() as u32;
            entries.extend(row.into_iter().filter(|w| w.value.abs() >= min_weight));
            let len = entries.len() as u32 - start;
            if len > 0 {
                rows.push((key, start, len));
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
            for (key, row) in m.sorted_rows() {
                all.extend(row.iter().map(|w| (key, w.class, w.value)));
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
        for (key, row) in self.sorted_rows() {
            out.write_all(&key.to_le_bytes())?;
            out.write_all(&[row.len() as u8])?;
            for w in row {
                out.write_all(&w.class.to_le_bytes())?;
                out.write_all(&w.value.to_le_bytes())?;
            }
        }
        Ok(())
    }

    /// Reads a model written by [`Perceptron::write`] from the front of `bytes`; returns it and the
    /// number of bytes consumed. The model keeps a copy of the bytes it uses.
    pub fn read(bytes: &[u8]) -> Result<(Perceptron, usize), ModelError> {
        // Checked before copying, so that a damaged model is refused without a copy of the rest.
        let used = Perceptron::scan(bytes)?.used;
        Perceptron::index(Image::Owned(bytes.get(..used).unwrap_or_default().into()))
    }

    /// As [`Perceptron::read`], for bytes that live as long as the program (a model compiled into
    /// the binary): the model reads its weights where they are instead of copying them.
    pub fn read_static(bytes: &'static [u8]) -> Result<(Perceptron, usize), ModelError> {
        Perceptron::index(Image::Static(bytes))
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
        self.header_up_to(magic, version, version).map(|_| ())
    }

    /// As [`ByteReader::header`] for a section that older versions of petrel wrote differently:
    /// any version from `oldest` to `newest` is accepted, and the one found is returned.
    pub(crate) fn header_up_to(
        &mut self,
        magic: &[u8; 8],
        oldest: u32,
        newest: u32,
    ) -> Result<u32, ModelError> {
        if self.take(8)? != magic {
            return Err(ModelError::BadMagic {
                expected: String::from_utf8_lossy(magic).into_owned(),
            });
        }
        let found = self.u32()?;
        if !(oldest..=newest).contains(&found) {
            return Err(ModelError::Version {
                found,
                expected: newest,
            });
        }
        Ok(found)
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

/// The optional templates of a tagger or parser named in a comma-separated list (`--tagger-features`,
/// `--parser-features`): for each of `names`, whether the list names it. `none` or an empty list
/// turns them all off; `Err` names the first unknown word.
pub(crate) fn templates_named<const N: usize>(
    list: &str,
    names: [&str; N],
) -> Result<[bool; N], String> {
    let mut on = [false; N];
    for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        match names.iter().position(|&known| known == name) {
            Some(i) => on[i] = true,
            None if name == "none" => {}
            None => return Err(name.to_string()),
        }
    }
    Ok(on)
}

/// The comma-separated names of the templates turned on, or `none`.
pub(crate) fn describe_templates<const N: usize>(on: [bool; N], names: [&str; N]) -> String {
    let named: Vec<&str> = on
        .iter()
        .zip(names)
        .filter_map(|(&on, name)| on.then_some(name))
        .collect();
    if named.is_empty() {
        "none".to_string()
    } else {
        named.join(",")
    }
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
    fn a_static_model_scores_as_its_owned_copy() {
        let mut t = Trainer::new(3);
        for (w, truth, guess) in [("cat", 0, 1), ("dog", 1, 2), ("cow", 2, 0)] {
            t.update(&feats(w), truth, guess);
            t.tick();
        }
        let mut bytes = Vec::new();
        t.finish(0.0).write(&mut bytes).unwrap();
        bytes.extend_from_slice(b"after");
        let leaked: &'static [u8] = Box::leak(bytes.clone().into_boxed_slice());
        let (owned, used) = Perceptron::read(&bytes).unwrap();
        let (borrowed, used_static) = Perceptron::read_static(leaked).unwrap();
        assert_eq!((used, used_static), (bytes.len() - 5, bytes.len() - 5));
        for w in ["cat", "dog", "cow", "eel"] {
            assert_eq!(owned.scores(&feats(w)), borrowed.scores(&feats(w)), "{w}");
        }
        let mut again = Vec::new();
        borrowed.write(&mut again).unwrap();
        assert_eq!(again, bytes[..used]);
    }

    #[test]
    fn keys_sharing_their_upper_half_keep_their_own_rows() {
        // Keys equal in their upper 32 bits (and so in a slot's stored half) on one probe path.
        let (a, b, c) = (
            0xABCD_0000_0000_0001u64,
            0xABCD_0000_0000_0011,
            0xABCD_0000_0001_0001,
        );
        let mut t = Trainer::new(2);
        t.update(&[a], 0, 1);
        t.tick();
        t.update(&[b], 1, 0);
        t.tick();
        t.update(&[b], 1, 0);
        t.tick();
        let m = t.finish(0.0);
        let (sa, sb) = (m.scores(&[a]), m.scores(&[b]));
        assert!(sa[0] > sa[1] && sb[1] > sb[0], "{sa:?} {sb:?}");
        assert_ne!(sa, sb);
        assert_eq!(
            m.scores(&[c]),
            vec![0.0, 0.0],
            "an unseen key with the same upper half"
        );
        let both = m.scores(&[a, b, c]);
        assert_eq!(both, vec![sa[0] + sb[0], sa[1] + sb[1]]);
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
        assert!(m
            .slots
            .iter()
            .any(|&s| s != 0 && matches!(Perceptron::row(s), Row::Sparse { .. })));
        // The same model with every row sparse: each slot pointed at its stored row.
        let mut sparse = m.clone();
        let bytes = m.image.bytes();
        for slot in sparse.slots.iter_mut().filter(|s| **s != 0) {
            if let Row::Dense { index } = Perceptron::row(*slot) {
                let at = m.stored_row(bytes, m.dense_keys[index]).unwrap();
                *slot = (*slot >> 32) << 32 | at as u64;
            }
        }
        sparse.dense.clear();
        sparse.dense_keys.clear();
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
