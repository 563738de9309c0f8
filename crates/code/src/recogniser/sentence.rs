//! The sentence classifier: which CAMEO roots a whole sentence reports, from its words alone.
//!
//! The candidate model ([`super::Recogniser::decide`]) judges one verb at a time from its
//! dependents and the rules' view; this model reads the sentence as a bag of words and word
//! pairs (TF-IDF, one linear SVM per class, one-vs-rest). Its errors differ from the candidate
//! model's — it is not misled by a parse — so the coder adds its scores, weighted, to every
//! candidate's ([`SentencePrior`]), and lets it name the event of a sentence in which no single
//! candidate is sure enough (the `sentence-type` rule of [`crate::learned`]).
//!
//! Training is LIBLINEAR's dual coordinate descent for the L2-regularised squared-hinge SVM:
//! deterministic for a seed, so that `petrel train events` reproduces the shipped model.

use super::CLASSES;
use std::collections::HashMap;

/// The words of a sentence the classifier reads: lower-cased tokens with a letter or digit and at
/// least two characters, then each with its successor (`held talks` → `held`, `talks`,
/// `held talks`).
pub fn terms<'a>(words: impl Iterator<Item = &'a str>) -> Vec<String> {
    let unigrams: Vec<String> = words
        .filter(|w| w.chars().count() >= 2 && w.chars().any(char::is_alphanumeric))
        .map(str::to_lowercase)
        .collect();
    let mut out = unigrams.clone();
    out.extend(unigrams.windows(2).map(|p| format!("{} {}", p[0], p[1])));
    out
}

/// The terms of a parsed sentence: its tokens' forms ([`terms`]), and the lemmas of its verbs and
/// nouns (`=condemn`), which let one form teach the others.
pub fn terms_of(sentence: &petrel_core::Sentence) -> Vec<String> {
    let mut out = terms(sentence.tokens.iter().map(|t| t.form.as_str()));
    out.extend(
        sentence
            .tokens
            .iter()
            .filter(|t| matches!(t.upos, petrel_core::Upos::Verb | petrel_core::Upos::Noun))
            .map(|t| format!("={}", t.lemma.to_lowercase())),
    );
    out
}

/// A sentence of the training corpus: its terms and the roots of its events (empty: no event).
#[derive(Clone, Debug)]
pub struct SentenceExample {
    pub terms: Vec<String>,
    pub roots: Vec<u8>,
}

/// Settings of the classifier's training.
#[derive(Clone, Debug)]
pub struct SentenceOptions {
    /// The SVM's cost of a margin violation (LIBLINEAR's C).
    pub cost: f32,
    /// Terms in fewer training sentences than this are dropped.
    pub min_df: usize,
    /// Passes of coordinate descent.
    pub passes: usize,
    pub seed: u64,
}

impl Default for SentenceOptions {
    fn default() -> Self {
        SentenceOptions {
            cost: 1.0,
            min_df: 2,
            passes: 30,
            seed: 7,
        }
    }
}

/// How a sentence's scores enter the candidates' decisions; stored with the model.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SentencePrior {
    /// Added to every candidate's score of a class: this times the sentence's score of it.
    pub weight: f32,
    /// When no candidate wins, the sentence's best root still does — carried by the candidate
    /// that favours it most — if its score exceeds no event's by more than this.
    pub fill_margin: f32,
}

impl Default for SentencePrior {
    fn default() -> Self {
        SentencePrior {
            weight: 0.0,
            fill_margin: f32::INFINITY,
        }
    }
}

/// The trained classifier.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SentenceClassifier {
    /// Term → index into `idf` and `weights` (the terms live only here).
    index: HashMap<String, u32>,
    idf: Vec<f32>,
    /// Per term, its non-zero weights by class.
    weights: super::Rows,
    /// The weights of the constant feature.
    bias: [f32; CLASSES],
    pub prior: SentencePrior,
}

impl SentenceClassifier {
    /// The score of each class for a sentence of these terms (class 0: no event).
    pub fn scores(&self, terms: &[String]) -> [f32; CLASSES] {
        let mut out = self.bias;
        for (i, x) in self.vector(terms) {
            for (c, w) in self.weights.row(i as usize) {
                if let Some(s) = out.get_mut(c as usize) {
                    *s += w * x;
                }
            }
        }
        out
    }

    /// The sentence's TF-IDF vector (sub-linear term frequency, unit length), sorted by term.
    fn vector(&self, terms: &[String]) -> Vec<(u32, f32)> {
        vectorise(terms, &self.index, &self.idf)
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    pub(super) fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.prior.weight.to_le_bytes());
        out.extend_from_slice(&self.prior.fill_margin.to_le_bytes());
        for b in self.bias {
            out.extend_from_slice(&b.to_le_bytes());
        }
        out.extend_from_slice(&(self.index.len() as u32).to_le_bytes());
        for (i, (name, idf)) in super::names_in_order(&self.index)
            .into_iter()
            .zip(&self.idf)
            .enumerate()
        {
            out.extend_from_slice(&(name.len() as u32).to_le_bytes());
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(&idf.to_le_bytes());
            let row: Vec<(u8, f32)> = self.weights.row(i).collect();
            out.push(row.len() as u8);
            for (c, w) in row {
                out.push(c);
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
    }

    pub(super) fn read(r: &mut super::Reader<'_>) -> Result<SentenceClassifier, super::ModelError> {
        let weight = f32::from_le_bytes(r.array()?);
        let fill_margin = f32::from_le_bytes(r.array()?);
        let mut model = SentenceClassifier {
            prior: SentencePrior {
                weight,
                fill_margin,
            },
            ..SentenceClassifier::default()
        };
        for b in &mut model.bias {
            *b = f32::from_le_bytes(r.array()?);
        }
        let n = r.u32()? as usize;
        for i in 0..n {
            let name = r.string()?;
            let idf = f32::from_le_bytes(r.array()?);
            let k = r.u8()? as usize;
            let mut weights = Vec::with_capacity(k);
            for _ in 0..k {
                let c = r.u8()?;
                if c as usize >= CLASSES {
                    return Err(super::ModelError(format!(
                        "sentence class {c} out of range"
                    )));
                }
                weights.push((c, f32::from_le_bytes(r.array()?)));
            }
            model.index.insert(name, i as u32);
            model.idf.push(idf);
            model.weights.push(&weights);
        }
        Ok(model)
    }
}

fn vectorise(terms: &[String], index: &HashMap<String, u32>, idf: &[f32]) -> Vec<(u32, f32)> {
    let mut counts: HashMap<u32, u32> = HashMap::new();
    for t in terms {
        if let Some(&i) = index.get(t) {
            *counts.entry(i).or_default() += 1;
        }
    }
    let mut v: Vec<(u32, f32)> = counts
        .into_iter()
        .map(|(i, n)| {
            let tf = 1.0 + (n as f32).ln();
            (i, tf * idf.get(i as usize).copied().unwrap_or(0.0))
        })
        .collect();
    v.sort_unstable_by_key(|&(i, _)| i);
    let norm = v.iter().map(|(_, x)| x * x).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, x) in &mut v {
            *x /= norm;
        }
    }
    v
}

/// Trains the classifier on `examples`; `prior` is stored with it.
pub fn train(
    examples: &[SentenceExample],
    options: &SentenceOptions,
    prior: SentencePrior,
) -> SentenceClassifier {
    // The vocabulary: terms in at least `min_df` sentences, in order of first appearance.
    let mut df: HashMap<&str, usize> = HashMap::new();
    for e in examples {
        let mut seen: Vec<&str> = e.terms.iter().map(String::as_str).collect();
        seen.sort_unstable();
        seen.dedup();
        for t in seen {
            *df.entry(t).or_default() += 1;
        }
    }
    let mut index: HashMap<String, u32> = HashMap::new();
    let mut names: Vec<String> = Vec::new();
    let mut idf: Vec<f32> = Vec::new();
    let n = examples.len() as f32;
    for e in examples {
        for t in &e.terms {
            let d = df.get(t.as_str()).copied().unwrap_or(0);
            if d >= options.min_df && !index.contains_key(t) {
                index.insert(t.clone(), names.len() as u32);
                names.push(t.clone());
                // Smoothed, as scikit-learn's TfidfVectorizer.
                idf.push(((1.0 + n) / (1.0 + d as f32)).ln() + 1.0);
            }
        }
    }
    // Each sentence with a constant feature (the bias) as the last column.
    let bias_column = names.len() as u32;
    let rows: Vec<Vec<(u32, f32)>> = examples
        .iter()
        .map(|e| {
            let mut v = vectorise(&e.terms, &index, &idf);
            v.push((bias_column, 1.0));
            v
        })
        .collect();
    let mut weights = vec![[0f32; CLASSES]; names.len() + 1];
    for class in 0..CLASSES {
        let labels: Vec<f32> = examples
            .iter()
            .map(|e| {
                let positive = if class == 0 {
                    e.roots.is_empty()
                } else {
                    e.roots.contains(&(class as u8))
                };
                if positive {
                    1.0
                } else {
                    -1.0
                }
            })
            .collect();
        if !labels.iter().any(|&y| y > 0.0) {
            continue;
        }
        let w = dual_cd(&rows, &labels, names.len() + 1, options);
        for (row, x) in weights.iter_mut().zip(w) {
            row[class] = x;
        }
    }
    let mut model = SentenceClassifier {
        prior,
        ..SentenceClassifier::default()
    };
    if let Some(b) = weights.last() {
        model.bias = *b;
    }
    for ((name, idf), w) in names.into_iter().zip(idf).zip(&weights) {
        let kept: Vec<(u8, f32)> = w
            .iter()
            .enumerate()
            .filter(|(_, x)| x.abs() > 1e-4)
            .map(|(c, &x)| (c as u8, x))
            .collect();
        if kept.is_empty() {
            continue;
        }
        model.index.insert(name, model.index.len() as u32);
        model.idf.push(idf);
        model.weights.push(&kept);
    }
    model
}

/// One binary L2-regularised squared-hinge SVM by dual coordinate descent (Hsieh et al. 2008).
fn dual_cd(rows: &[Vec<(u32, f32)>], y: &[f32], dim: usize, options: &SentenceOptions) -> Vec<f32> {
    let diag = 0.5 / options.cost.max(1e-6);
    let mut w = vec![0f32; dim];
    let mut alpha = vec![0f32; rows.len()];
    let q: Vec<f32> = rows
        .iter()
        .map(|r| r.iter().map(|(_, x)| x * x).sum::<f32>() + diag)
        .collect();
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let mut rng = options.seed.max(1);
    for _ in 0..options.passes {
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let mut largest = 0f32;
        for &i in &order {
            let (Some(row), Some(&yi), Some(&qi)) = (rows.get(i), y.get(i), q.get(i)) else {
                continue;
            };
            let a = alpha.get(i).copied().unwrap_or(0.0);
            let margin: f32 = row
                .iter()
                .map(|&(j, x)| w.get(j as usize).copied().unwrap_or(0.0) * x)
                .sum();
            let g = yi * margin - 1.0 + diag * a;
            let projected = if a == 0.0 { g.min(0.0) } else { g };
            largest = largest.max(projected.abs());
            if projected.abs() < 1e-12 {
                continue;
            }
            let new = (a - g / qi).max(0.0);
            let step = (new - a) * yi;
            if let Some(slot) = alpha.get_mut(i) {
                *slot = new;
            }
            for &(j, x) in row {
                if let Some(wj) = w.get_mut(j as usize) {
                    *wj += step * x;
                }
            }
        }
        if largest < 0.01 {
            break;
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(text: &str, roots: &[u8]) -> SentenceExample {
        SentenceExample {
            terms: terms(text.split_whitespace()),
            roots: roots.to_vec(),
        }
    }

    #[test]
    fn terms_are_words_and_word_pairs() {
        assert_eq!(
            terms(["Held", "talks", ",", "a"].into_iter()),
            vec!["held", "talks", "held talks"]
        );
    }

    #[test]
    fn learns_which_words_report_which_root() {
        let mut examples = Vec::new();
        for _ in 0..5 {
            examples.push(example("Arnor held talks with Gondor", &[4]));
            examples.push(example("Gondor held talks with Rohan", &[4]));
            examples.push(example("Arnor shelled Gondor positions", &[19]));
            examples.push(example("Rohan shelled Arnor towns", &[19]));
            examples.push(example("Shares rose in Arnor markets", &[]));
            examples.push(example("Rain fell in Rohan towns", &[]));
        }
        let model = train(
            &examples,
            &SentenceOptions::default(),
            SentencePrior::default(),
        );
        let best = |text: &str| {
            let s = model.scores(&terms(text.split_whitespace()));
            (0..CLASSES).max_by(|&a, &b| s[a].total_cmp(&s[b]))
        };
        assert_eq!(best("Rohan held talks with Arnor"), Some(4));
        assert_eq!(best("Gondor shelled Rohan"), Some(19));
        assert_eq!(best("Shares rose"), Some(0));
        // The model survives its own file format.
        let mut bytes = Vec::new();
        model.write(&mut bytes);
        let mut r = super::super::Reader {
            bytes: &bytes,
            at: 0,
        };
        assert_eq!(SentenceClassifier::read(&mut r).as_ref(), Ok(&model));
        assert_eq!(r.at, bytes.len());
    }
}
