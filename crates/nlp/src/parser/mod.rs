//! The dependency parser: a greedy arc-eager transition parser with an averaged perceptron,
//! trained with a dynamic oracle and exploration (Goldberg & Nivre 2012).
//!
//! Greedy parsing keeps the parser linear in sentence length and fast enough for news streams; the
//! dynamic oracle lets training see the parser's own mistakes, which recovers most of what beam
//! search would add. Transitions carry the relation, so one classifier predicts head and label.
//! Every parse is a single tree rooted in one word labelled `root`, whatever the input.

mod features;
mod repair;
mod transition;

pub use repair::{join_names, tag_names, Repair, RepairSet, REPAIRS};

use crate::perceptron::{
    argmax, write_string, ByteReader, KeyHasher, ModelError, Perceptron, ReadFn, Trainer,
};
pub use features::ParserFeatures;

use features::Words;
use petrel_core::{Deprel, Sentence};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::io::{self, Write};
use transition::{n_classes, Allowed, Move, State, NONE};

/// The relation of the word attached to the root.
const ROOT_LABEL: &str = "root";
/// The relation given to words the parser left without a head (UD's unspecified dependency).
const FALLBACK_LABEL: &str = "dep";
/// Training skips longer sentences: projectivizing them is cubic and they teach little.
const MAX_TRAIN_WORDS: usize = 400;

/// How to train a parser. `Default` gives the settings of the shipped model.
#[derive(Clone, Debug, PartialEq)]
pub struct ParserConfig {
    /// Passes over the training sentences.
    pub epochs: usize,
    /// Seeds the shuffling of sentences and the choice to explore.
    pub seed: u64,
    /// Epochs trained on the oracle's own moves before the parser follows its predictions.
    pub static_epochs: usize,
    /// Once exploring, the probability of following the predicted move rather than the oracle's.
    pub explore: f64,
    /// Averaged weights with a smaller magnitude are dropped from the model, to keep it compact.
    pub min_weight: f32,
    /// Features seen fewer times than this on the oracle's paths through the training trees get no
    /// weights: rare features (mostly word pairs) generalise poorly and would double the model.
    pub min_count: u32,
    /// The templates beyond the first parser's ([`ParserFeatures`]); none by default.
    pub features: ParserFeatures,
}

impl Default for ParserConfig {
    fn default() -> ParserConfig {
        ParserConfig {
            epochs: 12,
            seed: 1,
            static_epochs: 1,
            explore: 0.9,
            min_weight: 0.05,
            min_count: 5,
            features: ParserFeatures::default(),
        }
    }
}

/// Called after each training epoch with its number (from 1) and the averaged parser so far.
pub type EpochObserver<'a> = &'a mut dyn FnMut(usize, &Parser);

/// A trained dependency parser.
#[derive(Clone, Debug)]
pub struct Parser {
    labels: Vec<Deprel>,
    root: u16,
    fallback: u16,
    model: Perceptron,
    /// The optional templates this parser was trained with.
    features: ParserFeatures,
    /// The repairs that run after parsing ([`REPAIRS`]); all by default.
    repairs: RepairSet,
}

/// Reusable buffers for parsing or training one sentence.
#[derive(Default)]
struct Scratch {
    state: State,
    words: Words,
    features: Vec<u64>,
    scores: Vec<f32>,
}

/// A small deterministic generator (splitmix64) for shuffling and exploration.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform float in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// How often each feature occurs; feature hashes are their own hash.
type FeatureCounts = HashMap<u64, u32, BuildHasherDefault<KeyHasher>>;

/// One training sentence: gold heads (projectivized) and label ids, indexed by position.
struct GoldTree<'a> {
    sentence: &'a Sentence,
    heads: Vec<u32>,
    labels: Vec<u16>,
}

impl Parser {
    /// Trains on sentences whose tokens carry form and tags (gold or predicted) and gold
    /// head/deprel. Sentences with impossible heads or over 400 words are skipped. Deterministic
    /// given the seed.
    pub fn train(sentences: &[Sentence], config: &ParserConfig) -> Parser {
        Parser::train_observed(sentences, config, None)
    }

    /// [`Parser::train`], handing the averaged parser of each epoch to `observe` (for choosing the
    /// number of epochs on held-out data; averaging costs time, so only when asked).
    pub fn train_observed(
        sentences: &[Sentence],
        config: &ParserConfig,
        mut observe: Option<EpochObserver>,
    ) -> Parser {
        let labels = label_set(sentences);
        let index: HashMap<&str, u16> = labels
            .iter()
            .enumerate()
            .map(|(i, l)| (l.as_str(), i as u16))
            .collect();
        let golds: Vec<GoldTree> = sentences
            .iter()
            .filter_map(|s| gold_tree(s, &index))
            .collect();
        let mut parser = Parser::with_labels(labels, config.features);
        let mut trainer = Trainer::new(n_classes(parser.labels.len()));
        let mut rng = SplitMix(config.seed);
        let mut order: Vec<usize> = (0..golds.len()).collect();
        let mut scratch = Scratch::default();
        let counts = if config.min_count > 1 {
            Some(parser.count_features(&golds, &mut scratch))
        } else {
            None
        };
        let kept = counts
            .as_ref()
            .map(|counts| move |f: &u64| counts.get(f).is_some_and(|&c| c >= config.min_count));
        let keep: &dyn Fn(&u64) -> bool = match &kept {
            Some(k) => k,
            None => &|_| true,
        };
        for epoch in 0..config.epochs {
            for i in (1..order.len()).rev() {
                order.swap(i, rng.below(i + 1));
            }
            let explore = if epoch >= config.static_epochs {
                config.explore
            } else {
                0.0
            };
            for &i in &order {
                if let Some(gold) = golds.get(i) {
                    parser.train_one(gold, &mut trainer, &mut scratch, &mut rng, explore, keep);
                }
            }
            if let Some(observe) = observe.as_mut() {
                parser.model = trainer.finish(config.min_weight);
                observe(epoch + 1, &parser);
            }
        }
        parser.model = trainer.finish(config.min_weight);
        parser
    }

    fn with_labels(labels: Vec<Deprel>, features: ParserFeatures) -> Parser {
        let find = |name: &str| labels.iter().position(|l| l.as_str() == name).unwrap_or(0) as u16;
        let (root, fallback) = (find(ROOT_LABEL), find(FALLBACK_LABEL));
        Parser {
            labels,
            root,
            fallback,
            model: Perceptron::default(),
            features,
            repairs: RepairSet::all(),
        }
    }

    /// Counts the features of the states on the oracle's path through every training tree.
    fn count_features(&self, golds: &[GoldTree], scratch: &mut Scratch) -> FeatureCounts {
        let mut counts = FeatureCounts::default();
        let Scratch {
            state,
            words,
            features,
            ..
        } = scratch;
        let n_classes = n_classes(self.labels.len());
        for gold in golds {
            words.fill(&gold.sentence.tokens, self.features);
            state.reset(gold.sentence.tokens.len());
            while !state.is_terminal() {
                features::extract(state, words, self.features, features);
                for &f in features.iter() {
                    *counts.entry(f).or_default() += 1;
                }
                let allowed = state.allowed();
                let costs = state.costs(&gold.heads, &gold.labels);
                let best = (0..n_classes)
                    .map(Move::from_class)
                    .filter(|&m| allowed.permits(m, self.root))
                    .min_by_key(|&m| costs.of(m));
                let Some(best) = best else { break };
                state.apply(best);
            }
        }
        counts
    }

    fn train_one(
        &self,
        gold: &GoldTree,
        trainer: &mut Trainer,
        scratch: &mut Scratch,
        rng: &mut SplitMix,
        explore: f64,
        keep: &dyn Fn(&u64) -> bool,
    ) {
        let Scratch {
            state,
            words,
            features,
            scores,
        } = scratch;
        let mut kept = Vec::new();
        words.fill(&gold.sentence.tokens, self.features);
        state.reset(gold.sentence.tokens.len());
        let n_classes = trainer.n_classes();
        while !state.is_terminal() {
            features::extract(state, words, self.features, features);
            scores.clear();
            scores.resize(n_classes, 0.0);
            trainer.score_into(features, scores);
            let allowed = state.allowed();
            let costs = state.costs(&gold.heads, &gold.labels);
            let root = self.root;
            let permitted = |c: usize| allowed.permits(Move::from_class(c), root);
            let best_cost = (0..n_classes)
                .filter(|&c| permitted(c))
                .map(|c| costs.of(Move::from_class(c)))
                .min();
            let Some(best_cost) = best_cost else { break };
            let truth = argmax(scores, |c| {
                permitted(c) && costs.of(Move::from_class(c)) == best_cost
            });
            let guess = argmax(scores, permitted);
            let (Some(truth), Some(guess)) = (truth, guess) else {
                break;
            };
            if costs.of(Move::from_class(guess)) > best_cost {
                kept.clear();
                kept.extend(features.iter().copied().filter(|f| keep(f)));
                trainer.update(&kept, truth, guess);
            }
            trainer.tick();
            let follow = if explore > 0.0 && rng.unit() < explore {
                guess
            } else {
                truth
            };
            state.apply(Move::from_class(follow));
        }
    }

    /// Sets head and deprel of every token from its form and tags. Always produces a single-rooted
    /// tree (root deprel `root`), whatever the input.
    pub fn parse(&self, sentence: &mut Sentence) {
        let mut scratch = Scratch::default();
        self.parse_with(sentence, &mut scratch);
    }

    fn parse_with(&self, sentence: &mut Sentence, scratch: &mut Scratch) {
        let n = sentence.tokens.len();
        if n == 0 {
            return;
        }
        let Scratch {
            state,
            words,
            features,
            scores,
        } = scratch;
        words.fill(&sentence.tokens, self.features);
        state.reset(n);
        let n_classes = n_classes(self.labels.len());
        while !state.is_terminal() {
            features::extract(state, words, self.features, features);
            scores.clear();
            scores.resize(n_classes, 0.0);
            self.model.score_into(features, scores);
            let allowed: Allowed = state.allowed();
            let root = self.root;
            // SHIFT is allowed whenever the buffer is not empty, so there is always a move.
            let mv = argmax(scores, |c| allowed.permits(Move::from_class(c), root))
                .map_or(Move::Shift, Move::from_class);
            state.apply(mv);
        }
        state.finish(self.root, self.fallback);
        for (i, token) in sentence.tokens.iter_mut().enumerate() {
            let head = state.head.get(i + 1).copied().unwrap_or(0);
            token.head = if head == NONE { 0 } else { head };
            let label = state.label.get(i + 1).copied().unwrap_or(self.fallback);
            token.deprel = self
                .labels
                .get(label as usize)
                .cloned()
                .unwrap_or_else(|| Deprel::new(FALLBACK_LABEL));
        }
        sentence.repairs.clear();
        repair::repair_sentence(sentence, &self.temporal_relation(), self.repairs);
    }

    /// Parses many sentences, reusing buffers between them.
    pub fn parse_all(&self, sentences: &mut [Sentence]) {
        let mut scratch = Scratch::default();
        for s in sentences {
            self.parse_with(s, &mut scratch);
        }
    }

    /// A copy without the weights whose magnitude is below `min_weight`: a smaller, faster model.
    pub fn pruned(&self, min_weight: f32) -> Parser {
        Parser {
            model: self.model.pruned(min_weight),
            ..self.clone()
        }
    }

    /// The mean of parsers trained on the same relations (say, with different seeds): it parses
    /// as their ensemble summing scores at each step would. `None` if their relations differ.
    pub fn mean(parsers: &[Parser]) -> Option<Parser> {
        let first = parsers.first()?;
        if parsers
            .iter()
            .any(|p| p.labels != first.labels || p.features != first.features)
        {
            return None;
        }
        let models: Vec<&Perceptron> = parsers.iter().map(|p| &p.model).collect();
        Some(Parser {
            model: Perceptron::mean(&models)?,
            ..first.clone()
        })
    }

    /// The relation this model gives a bare temporal noun on a verb ("met Tuesday"): the treebank
    /// it was trained on decides between `obl:unmarked` (UD 2.13 on) and `obl:tmod`.
    fn temporal_relation(&self) -> Deprel {
        ["obl:unmarked", "obl:tmod"]
            .into_iter()
            .find(|name| self.labels.iter().any(|l| l.as_str() == *name))
            .map_or_else(|| Deprel::new("obl"), Deprel::new)
    }

    /// Chooses the repairs that run after parsing (all, by default): for measuring what each is
    /// worth, or to see the parser's own trees.
    pub fn set_repairs(&mut self, repairs: RepairSet) {
        self.repairs = repairs;
    }

    /// The relations this parser predicts.
    pub fn labels(&self) -> &[Deprel] {
        &self.labels
    }

    /// The length of the perceptron's part of the model file (for tests of the format).
    #[cfg(test)]
    fn model_bytes_len(&self) -> usize {
        let mut bytes = Vec::new();
        self.model
            .write(&mut bytes)
            .expect("writing to memory cannot fail");
        bytes.len()
    }

    /// The optional templates this parser was trained with.
    pub fn features(&self) -> ParserFeatures {
        self.features
    }

    const MAGIC: &'static [u8; 8] = b"PTRLPRS1";
    /// Version 1 has the first parser's templates only; version 2 adds the optional templates'
    /// bits after the relation names. A parser without optional templates is still written as
    /// version 1, byte for byte as before they existed.
    const VERSION: u32 = 2;

    /// Writes the model: header, relation names, (version 2) the optional templates, then the
    /// perceptron.
    pub fn write<W: Write>(&self, out: &mut W) -> io::Result<()> {
        let version: u32 = if self.features == ParserFeatures::default() {
            1
        } else {
            Self::VERSION
        };
        out.write_all(Self::MAGIC)?;
        out.write_all(&version.to_le_bytes())?;
        out.write_all(&(self.labels.len() as u32).to_le_bytes())?;
        for l in &self.labels {
            write_string(out, l.as_str())?;
        }
        if version >= 2 {
            out.write_all(&self.features.bits().to_le_bytes())?;
        }
        self.model.write(out)
    }

    /// Reads a model written by [`Parser::write`].
    pub fn read(bytes: &[u8]) -> Result<Parser, ModelError> {
        Parser::read_with(bytes, Perceptron::read)
    }

    /// As [`Parser::read`], for bytes that live as long as the program (the model compiled into
    /// the binary): the weights are read where they are, not copied.
    pub fn read_static(bytes: &'static [u8]) -> Result<Parser, ModelError> {
        Parser::read_with(bytes, Perceptron::read_static)
    }

    fn read_with<'a>(bytes: &'a [u8], perceptron: ReadFn<'a>) -> Result<Parser, ModelError> {
        let mut r = ByteReader { bytes, pos: 0 };
        let version = r.header_up_to(Self::MAGIC, 1, Self::VERSION)?;
        let n_labels = r.u32()? as usize;
        // Class ids are u16 and each relation takes two; a larger count is damage.
        if n_labels > (u16::MAX as usize - 2) / 2 {
            return Err(ModelError::Inconsistent(format!("{n_labels} relations")));
        }
        let mut labels = Vec::with_capacity(n_labels.min(1024));
        for _ in 0..n_labels {
            labels.push(Deprel::new(r.string()?));
        }
        if !labels.iter().any(|l| l.as_str() == ROOT_LABEL) {
            return Err(ModelError::Inconsistent(
                "the parser has no root relation".into(),
            ));
        }
        let features = if version >= 2 {
            let bits = r.u32()?;
            ParserFeatures::from_bits(bits).ok_or_else(|| {
                ModelError::Inconsistent(format!("unknown parser feature bits {bits:#x}"))
            })?
        } else {
            ParserFeatures::default()
        };
        let rest = bytes.get(r.pos..).unwrap_or_default();
        let (model, used) = perceptron(rest)?;
        if model.n_classes() != n_classes(n_labels) {
            return Err(ModelError::Inconsistent(format!(
                "{} classes for {n_labels} relations",
                model.n_classes()
            )));
        }
        if r.pos + used != bytes.len() {
            return Err(ModelError::Inconsistent(format!(
                "{} bytes after the parser model",
                bytes.len() - r.pos - used
            )));
        }
        let mut parser = Parser::with_labels(labels, features);
        parser.model = model;
        Ok(parser)
    }
}

/// The relations of the training data, sorted, always with `root` and `dep`.
fn label_set(sentences: &[Sentence]) -> Vec<Deprel> {
    let mut names: Vec<&str> = sentences
        .iter()
        .flat_map(|s| s.tokens.iter().map(|t| t.deprel.as_str()))
        .filter(|l| !l.is_empty())
        .collect();
    names.extend([ROOT_LABEL, FALLBACK_LABEL]);
    names.sort_unstable();
    names.dedup();
    // Two classes per relation must fit the perceptron's u16 class ids.
    names.truncate((u16::MAX as usize - 2) / 2);
    names.into_iter().map(Deprel::new).collect()
}

/// The gold tree of a training sentence, projectivized; `None` when it is unusable.
fn gold_tree<'a>(sentence: &'a Sentence, index: &HashMap<&str, u16>) -> Option<GoldTree<'a>> {
    let n = sentence.tokens.len();
    if n == 0 || n > MAX_TRAIN_WORDS {
        return None;
    }
    let mut heads = vec![0u32];
    let mut labels = vec![0u16];
    for t in &sentence.tokens {
        if t.head as usize > n {
            return None;
        }
        heads.push(t.head);
        labels.push(*index.get(t.deprel.as_str())?);
    }
    if !is_tree(&heads) {
        return None;
    }
    transition::projectivize(&mut heads);
    Some(GoldTree {
        sentence,
        heads,
        labels,
    })
}

/// True when every word reaches the root without a cycle and exactly one word hangs from it.
fn is_tree(heads: &[u32]) -> bool {
    let n = heads.len();
    if heads.iter().skip(1).filter(|&&h| h == 0).count() != 1 {
        return false;
    }
    (1..n).all(|mut k| {
        for _ in 0..n {
            if k == 0 {
                return true;
            }
            k = heads.get(k).copied().unwrap_or(0) as usize;
        }
        false
    })
}

#[cfg(test)]
mod tests;
