//! The learned event recogniser: which CAMEO root a candidate word reports, or none.
//!
//! Hand-written verb patterns decide badly *which* event a sentence reports on news nobody tuned
//! them for; a classifier trained on many coded sentences decides better. So the decision is
//! learned, and the rules keep what they do well: actors, dates, places, modality and evidence.
//! For each candidate ([`features::candidates`]: the verbs, and a headline's root) an averaged
//! multi-class perceptron over named features ([`features::of_candidate`]) scores the twenty
//! CAMEO roots and *no event*. A root wins when it beats *no event* by the model's margin.
//!
//! The code within the root comes from the dictionary pattern when its root agrees, else from
//! what the training corpus coded that word with in that root ([`Recogniser::code_for`]).
//!
//! Beside it, a sentence classifier ([`sentence`]) scores the roots from the sentence's words
//! alone; its scores, weighted, are added to every candidate's ([`Recogniser::decide_with`]).
//!
//! The model is trained by petrel's own code from petrel's own corpus (`petrel train events`)
//! and stored in a small binary format ([`Recogniser::to_bytes`], [`Recogniser::from_bytes`]).

pub mod features;
pub mod sentence;
mod train;

pub use train::{train, train_with_sentences, Example, TrainOptions};

use petrel_core::CameoCode;
use std::collections::HashMap;

/// Classes: 0 is no event, 1–20 the CAMEO roots.
pub const CLASSES: usize = 21;

const MAGIC: &[u8; 8] = b"PTRLEVR2";
/// The first format, without a sentence classifier; still read.
const MAGIC_1: &[u8; 8] = b"PTRLEVR1";

/// A trained recogniser.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Recogniser {
    /// Feature name → index into `weights` (the names live only here).
    index: HashMap<String, u32>,
    /// Per feature, its non-zero class weights.
    weights: Rows,
    /// How far a root's score must exceed *no event*'s for the root to win.
    pub margin: f32,
    /// (lemma, root) → the CAMEO code the corpus most often gave that word in that root.
    codes: HashMap<(String, u8), CameoCode>,
    /// root → the code the corpus most often gave in that root.
    root_codes: HashMap<u8, CameoCode>,
    /// What the model was trained on, for `petrel train events` and provenance.
    pub about: String,
    /// The sentence classifier whose scores are added to the candidates', if trained.
    pub sentence: Option<sentence::SentenceClassifier>,
    /// The target chooser: a two-class model (1: the phrase is the event's target) over the
    /// features of the phrases below a candidate, if trained.
    pub target: Option<Box<Recogniser>>,
}

/// The recogniser's decision on one candidate.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    /// The CAMEO root, or `None` for no event.
    pub root: Option<u8>,
    /// The winning root's score minus *no event*'s (negative when no event wins).
    pub margin: f32,
    /// The features that pushed the winner most, strongest first, with their weights.
    pub strongest: Vec<(String, f32)>,
    /// Every class's score (class 0: no event), the sentence's share included.
    pub scores: [f32; CLASSES],
}

/// The name under which the sentence classifier's share appears among a decision's strongest
/// features.
pub const SENTENCE_FEATURE: &str = "sentence";

/// A model file that cannot be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("event recogniser model: {0}; retrain it with `petrel train events`")]
pub struct ModelError(String);

impl Recogniser {
    /// Scores a candidate's features.
    pub fn decide(&self, features: &[String]) -> Decision {
        self.decide_with(features, None)
    }

    /// The sentence classifier's scores of a sentence of these terms ([`sentence::terms`]), to
    /// pass to [`Recogniser::decide_with`] for each of its candidates; `None` without one.
    pub fn sentence_scores(&self, terms: &[String]) -> Option<[f32; CLASSES]> {
        self.sentence.as_ref().map(|s| s.scores(terms))
    }

    /// The prior with which sentence scores join the candidates' (none without a classifier).
    pub fn prior(&self) -> sentence::SentencePrior {
        self.sentence.as_ref().map(|s| s.prior).unwrap_or_default()
    }

    /// Scores a candidate's features, with its sentence's scores weighted by the prior.
    pub fn decide_with(&self, features: &[String], sentence: Option<&[f32; CLASSES]>) -> Decision {
        let mut scores = [0f32; CLASSES];
        if let Some(s) = sentence {
            let weight = self.prior().weight;
            for (score, x) in scores.iter_mut().zip(s) {
                *score += weight * x;
            }
        }
        let mut seen: Vec<(u32, &String)> = Vec::with_capacity(features.len());
        for f in features {
            let Some(&i) = self.index.get(f) else {
                continue;
            };
            if seen.iter().any(|(j, _)| *j == i) {
                continue;
            }
            seen.push((i, f));
            for (c, w) in self.weights.row(i as usize) {
                if let Some(s) = scores.get_mut(c as usize) {
                    *s += w;
                }
            }
        }
        let (best, best_score) = scores.iter().enumerate().skip(1).fold(
            (0usize, f32::NEG_INFINITY),
            |(bi, bs), (i, &s)| {
                if s > bs {
                    (i, s)
                } else {
                    (bi, bs)
                }
            },
        );
        let margin = best_score - scores[0];
        let winner = if margin > self.margin { best } else { 0 };
        let mut strongest: Vec<(String, f32)> = seen
            .iter()
            .filter_map(|&(i, name)| {
                let w = self
                    .weights
                    .row(i as usize)
                    .find(|(c, _)| *c as usize == winner)?
                    .1;
                Some((name.clone(), w))
            })
            .filter(|(_, w)| *w > 0.0)
            .collect();
        // The sentence's own say, as one more feature ("sentence").
        if let (Some(s), true) = (sentence, winner > 0) {
            let push = self.prior().weight * s.get(winner).copied().unwrap_or(0.0);
            if push > 0.0 {
                strongest.push((SENTENCE_FEATURE.to_string(), push));
            }
        }
        strongest.sort_by(|a, b| b.1.total_cmp(&a.1));
        strongest.truncate(5);
        Decision {
            root: (winner > 0).then_some(winner as u8),
            margin,
            strongest,
            scores,
        }
    }

    /// The CAMEO code for an event of `root` triggered by `lemma` (lower case): the corpus's most
    /// frequent code for that word in that root, else for the root.
    pub fn code_for(&self, lemma: &str, root: u8) -> Option<CameoCode> {
        self.codes
            .get(&(lemma.to_string(), root))
            .or_else(|| self.root_codes.get(&root))
            .copied()
    }

    /// How many features the model weighs.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// The model in petrel's binary format.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.margin.to_le_bytes());
        put_str(&mut out, &self.about);
        put_u32(&mut out, self.index.len() as u32);
        for (i, name) in names_in_order(&self.index).into_iter().enumerate() {
            put_str(&mut out, name);
            let row: Vec<(u8, f32)> = self.weights.row(i).collect();
            out.push(row.len() as u8);
            for (c, w) in row {
                out.push(c);
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        let mut codes: Vec<(&(String, u8), &CameoCode)> = self.codes.iter().collect();
        codes.sort();
        put_u32(&mut out, codes.len() as u32);
        for ((lemma, root), code) in codes {
            put_str(&mut out, lemma);
            out.push(*root);
            put_str(&mut out, code.as_str());
        }
        let mut roots: Vec<(&u8, &CameoCode)> = self.root_codes.iter().collect();
        roots.sort();
        put_u32(&mut out, roots.len() as u32);
        for (root, code) in roots {
            out.push(*root);
            put_str(&mut out, code.as_str());
        }
        match &self.sentence {
            Some(s) => {
                out.push(1);
                s.write(&mut out);
            }
            None => out.push(0),
        }
        match &self.target {
            Some(t) => {
                out.push(1);
                let bytes = t.to_bytes();
                put_u32(&mut out, bytes.len() as u32);
                out.extend_from_slice(&bytes);
            }
            None => out.push(0),
        }
        out
    }

    /// Reads a model written by [`Recogniser::to_bytes`]; every count and length is checked.
    pub fn from_bytes(bytes: &[u8]) -> Result<Recogniser, ModelError> {
        Recogniser::read(bytes, false)
    }

    /// Reads a model; `nested` for a target chooser, which holds no chooser of its own (so a
    /// hostile file cannot nest models without end).
    fn read(bytes: &[u8], nested: bool) -> Result<Recogniser, ModelError> {
        let mut r = Reader { bytes, at: 0 };
        let version = match r.take(MAGIC.len())? {
            m if m == MAGIC => 2,
            m if m == MAGIC_1 => 1,
            _ => return Err(ModelError("not a petrel event recogniser file".to_string())),
        };
        let margin = f32::from_le_bytes(r.array()?);
        let about = r.string()?;
        let n = r.u32()? as usize;
        let mut model = Recogniser {
            margin,
            about,
            ..Recogniser::default()
        };
        for i in 0..n {
            let name = r.string()?;
            let k = r.u8()? as usize;
            let mut weights = Vec::with_capacity(k);
            for _ in 0..k {
                let c = r.u8()?;
                if c as usize >= CLASSES {
                    return Err(ModelError(format!("class {c} out of range")));
                }
                weights.push((c, f32::from_le_bytes(r.array()?)));
            }
            model.index.insert(name, i as u32);
            model.weights.push(&weights);
        }
        for _ in 0..r.u32()? {
            let lemma = r.string()?;
            let root = r.u8()?;
            let code = r.code()?;
            model.codes.insert((lemma, root), code);
        }
        for _ in 0..r.u32()? {
            let root = r.u8()?;
            let code = r.code()?;
            model.root_codes.insert(root, code);
        }
        if version >= 2 && r.u8()? == 1 {
            model.sentence = Some(sentence::SentenceClassifier::read(&mut r)?);
        }
        if version >= 2 && r.u8()? == 1 {
            let n = r.u32()? as usize;
            if nested {
                return Err(ModelError(
                    "a target chooser inside a target chooser".to_string(),
                ));
            }
            model.target = Some(Box::new(Recogniser::read(r.take(n)?, true)?));
        }
        if r.at != bytes.len() {
            return Err(ModelError("trailing bytes after the model".to_string()));
        }
        Ok(model)
    }
}

/// Sparse rows of class weights stored flat, without a heap block a row: row `i` holds the
/// entries `offsets[i]..offsets[i + 1]` of `classes` and `values`.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Rows {
    offsets: Vec<u32>,
    classes: Vec<u8>,
    values: Vec<f32>,
}

impl Rows {
    pub(crate) fn push(&mut self, row: &[(u8, f32)]) {
        if self.offsets.is_empty() {
            self.offsets.push(0);
        }
        for &(c, w) in row {
            self.classes.push(c);
            self.values.push(w);
        }
        self.offsets.push(self.classes.len() as u32);
    }

    pub(crate) fn row(&self, i: usize) -> impl Iterator<Item = (u8, f32)> + '_ {
        let start = self.offsets.get(i).copied().unwrap_or(0) as usize;
        let end = self.offsets.get(i + 1).copied().unwrap_or(0) as usize;
        let classes = self.classes.get(start..end).unwrap_or_default();
        let values = self.values.get(start..end).unwrap_or_default();
        classes.iter().copied().zip(values.iter().copied())
    }
}

/// The names of an index in index order (for writing a model).
pub(crate) fn names_in_order(index: &HashMap<String, u32>) -> Vec<&str> {
    let mut names: Vec<(&str, u32)> = index.iter().map(|(n, &i)| (n.as_str(), i)).collect();
    names.sort_unstable_by_key(|&(_, i)| i);
    names.into_iter().map(|(n, _)| n).collect()
}

fn put_u32(out: &mut Vec<u8>, n: u32) {
    out.extend_from_slice(&n.to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| ModelError(format!("truncated at byte {}", self.at)))?;
        let slice = self.bytes.get(self.at..end).unwrap_or_default();
        self.at = end;
        Ok(slice)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.array::<1>()?[0])
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    fn string(&mut self) -> Result<String, ModelError> {
        let n = self.u32()? as usize;
        String::from_utf8(self.take(n)?.to_vec())
            .map_err(|_| ModelError(format!("invalid UTF-8 before byte {}", self.at)))
    }
    fn code(&mut self) -> Result<CameoCode, ModelError> {
        let s = self.string()?;
        s.parse()
            .map_err(|_| ModelError(format!("bad CAMEO code {s:?} before byte {}", self.at)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(words: &[&str], class: u8) -> Example {
        Example {
            features: words.iter().map(|w| w.to_string()).collect(),
            class,
            lemma: words.first().map(|w| w.to_string()).unwrap_or_default(),
            code: (class > 0).then(|| format!("{class:02}0").parse().unwrap()),
        }
    }

    fn toy() -> Recogniser {
        let mut examples = Vec::new();
        for _ in 0..5 {
            examples.push(example(&["l=meet", "bias"], 4));
            examples.push(example(&["l=shell", "bias"], 19));
            examples.push(example(&["l=score", "bias"], 0));
            examples.push(example(&["l=rain", "bias"], 0));
        }
        train(&examples, &TrainOptions::default())
    }

    #[test]
    fn learns_separable_classes_and_names_its_reasons() {
        let model = toy();
        let meet = model.decide(&["l=meet".to_string(), "bias".to_string()]);
        assert_eq!(meet.root, Some(4));
        assert_eq!(meet.strongest.first().map(|s| s.0.as_str()), Some("l=meet"));
        assert_eq!(
            model.decide(&["l=shell".into(), "bias".into()]).root,
            Some(19)
        );
        assert_eq!(model.decide(&["l=score".into(), "bias".into()]).root, None);
        assert_eq!(
            model.code_for("l=meet", 4).map(|c| c.to_string()),
            Some("040".into())
        );
        assert_eq!(
            model.code_for("unseen", 19).map(|c| c.to_string()),
            Some("190".into())
        );
    }

    #[test]
    fn the_binary_format_round_trips_and_refuses_damage() {
        let model = toy();
        let bytes = model.to_bytes();
        assert_eq!(Recogniser::from_bytes(&bytes).unwrap(), model);
        for cut in [0, 3, 9, bytes.len() / 2, bytes.len() - 1] {
            assert!(
                Recogniser::from_bytes(&bytes[..cut]).is_err(),
                "cut at {cut}"
            );
        }
        let mut extra = bytes.clone();
        extra.push(0);
        assert!(Recogniser::from_bytes(&extra).is_err());
    }

    #[test]
    fn a_target_chooser_round_trips_and_holds_no_chooser_of_its_own() {
        let mut model = toy();
        model.target = Some(Box::new(toy()));
        let bytes = model.to_bytes();
        assert_eq!(Recogniser::from_bytes(&bytes).as_ref(), Ok(&model));
        // A chooser inside the chooser is refused, not read without end.
        let mut inner = toy();
        inner.target = Some(Box::new(toy()));
        let mut nested = toy();
        nested.target = Some(Box::new(inner));
        assert!(Recogniser::from_bytes(&nested.to_bytes()).is_err());
    }
}
