//! Training the recogniser: an averaged multi-class perceptron over the corpus's candidates.
//!
//! Deterministic: examples are visited in an order shuffled by a fixed seed, and features are
//! indexed in order of first appearance, so the same corpus gives the same model bytes.

use super::{Recogniser, CLASSES};
use petrel_core::CameoCode;
use std::collections::HashMap;

/// One candidate of the training corpus.
#[derive(Clone, Debug)]
pub struct Example {
    pub features: Vec<String>,
    /// 0 for no event, else the CAMEO root of the gold event the candidate carries.
    pub class: u8,
    /// The candidate's lemma (lower case), for the code table.
    pub lemma: String,
    /// The gold CAMEO code, for events.
    pub code: Option<CameoCode>,
}

/// Settings of a training run.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    pub epochs: usize,
    pub seed: u64,
    /// Features seen fewer times than this are dropped before training.
    pub min_count: usize,
    /// The margin a root needs over *no event* to win.
    pub margin: f32,
    /// The margin the target chooser's best phrase needs over *no target* to be chosen.
    pub target_margin: f32,
    /// Written into the model: what it was trained on.
    pub about: String,
    /// With a prior, a sentence classifier is trained too ([`super::sentence`]) and joins the
    /// candidates' decisions with it.
    pub prior: Option<super::sentence::SentencePrior>,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 12,
            seed: 7,
            min_count: 1,
            margin: 0.0,
            target_margin: 0.0,
            about: String::new(),
            prior: None,
        }
    }
}

/// Trains a recogniser on `examples`, its sentence classifier on `sentences` when the options
/// give a prior, and its target chooser on `targets` when there are any.
pub fn train_with_sentences(
    examples: &[Example],
    sentences: &[super::sentence::SentenceExample],
    targets: &[Example],
    options: &TrainOptions,
) -> Recogniser {
    let mut model = train(examples, options);
    if !targets.is_empty() {
        let settings = TrainOptions {
            margin: options.target_margin,
            prior: None,
            about: String::new(),
            ..options.clone()
        };
        model.target = Some(Box::new(train(targets, &settings)));
    }
    if let Some(prior) = options.prior {
        let settings = super::sentence::SentenceOptions {
            seed: options.seed,
            ..super::sentence::SentenceOptions::default()
        };
        model.sentence = Some(super::sentence::train(sentences, &settings, prior));
    }
    model
}

/// Trains a recogniser on `examples`.
pub fn train(examples: &[Example], options: &TrainOptions) -> Recogniser {
    // Index the features frequent enough to keep, in order of first appearance.
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for e in examples {
        for f in &e.features {
            *counts.entry(f.as_str()).or_default() += 1;
        }
    }
    let mut index: HashMap<String, u32> = HashMap::new();
    let mut names: Vec<String> = Vec::new();
    for e in examples {
        for f in &e.features {
            if counts.get(f.as_str()).copied().unwrap_or(0) >= options.min_count
                && !index.contains_key(f)
            {
                index.insert(f.clone(), names.len() as u32);
                names.push(f.clone());
            }
        }
    }
    let encoded: Vec<(Vec<u32>, usize)> = examples
        .iter()
        .map(|e| {
            let mut ids: Vec<u32> = e
                .features
                .iter()
                .filter_map(|f| index.get(f).copied())
                .collect();
            ids.sort_unstable();
            ids.dedup();
            (ids, (e.class as usize).min(CLASSES - 1))
        })
        .collect();

    // Averaged perceptron with lazy averaging: `total` accumulates each weight times the steps
    // it held its value.
    let n = names.len();
    let mut weights = vec![[0f32; CLASSES]; n];
    let mut total = vec![[0f64; CLASSES]; n];
    let mut stamp = vec![[0u64; CLASSES]; n];
    let mut step: u64 = 0;
    let mut order: Vec<usize> = (0..encoded.len()).collect();
    let mut rng = options.seed.max(1);
    for _ in 0..options.epochs {
        // Fisher–Yates with xorshift: deterministic for a seed.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &k in &order {
            step += 1;
            let Some((ids, gold)) = encoded.get(k) else {
                continue;
            };
            let mut scores = [0f32; CLASSES];
            for &i in ids {
                if let Some(w) = weights.get(i as usize) {
                    for (s, x) in scores.iter_mut().zip(w) {
                        *s += x;
                    }
                }
            }
            let guess = scores
                .iter()
                .enumerate()
                .fold((0usize, f32::NEG_INFINITY), |(bi, bs), (i, &s)| {
                    if s > bs {
                        (i, s)
                    } else {
                        (bi, bs)
                    }
                })
                .0;
            if guess == *gold {
                continue;
            }
            for &i in ids {
                let i = i as usize;
                for (class, delta) in [(*gold, 1f32), (guess, -1f32)] {
                    if let (Some(w), Some(t), Some(s)) = (
                        weights.get_mut(i).and_then(|r| r.get_mut(class)),
                        total.get_mut(i).and_then(|r| r.get_mut(class)),
                        stamp.get_mut(i).and_then(|r| r.get_mut(class)),
                    ) {
                        *t += f64::from(*w) * (step - *s) as f64;
                        *s = step;
                        *w += delta;
                    }
                }
            }
        }
    }
    let steps = step.max(1) as f64;
    let averaged: Vec<Vec<(u8, f32)>> = (0..n)
        .map(|i| {
            (0..CLASSES)
                .filter_map(|c| {
                    let w = f64::from(weights[i][c]);
                    let t = total[i][c] + w * (step - stamp[i][c]) as f64;
                    let avg = (t / steps) as f32;
                    (avg.abs() > 1e-4).then_some((c as u8, avg))
                })
                .collect()
        })
        .collect();
    // Keep only features that weigh something.
    let mut model = Recogniser {
        margin: options.margin,
        about: options.about.clone(),
        ..Recogniser::default()
    };
    for (name, w) in names.into_iter().zip(averaged) {
        if w.is_empty() {
            continue;
        }
        model.index.insert(name, model.index.len() as u32);
        model.weights.push(&w);
    }
    // The code table: the most frequent code of each (lemma, root) and of each root, ties to the
    // lower code so that the table is deterministic.
    let mut by_lemma: HashMap<(String, u8), HashMap<String, usize>> = HashMap::new();
    let mut by_root: HashMap<u8, HashMap<String, usize>> = HashMap::new();
    for e in examples {
        let Some(code) = &e.code else { continue };
        if e.class == 0 {
            continue;
        }
        *by_lemma
            .entry((e.lemma.clone(), e.class))
            .or_default()
            .entry(code.to_string())
            .or_default() += 1;
        *by_root
            .entry(e.class)
            .or_default()
            .entry(code.to_string())
            .or_default() += 1;
    }
    let most = |m: &HashMap<String, usize>| -> Option<CameoCode> {
        m.iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .and_then(|(c, _)| c.parse().ok())
    };
    model.codes = by_lemma
        .iter()
        .filter_map(|(k, m)| Some((k.clone(), most(m)?)))
        .collect();
    model.root_codes = by_root
        .iter()
        .filter_map(|(k, m)| Some((*k, most(m)?)))
        .collect();
    model
}
