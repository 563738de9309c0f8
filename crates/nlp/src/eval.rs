//! Scoring annotations against a gold treebank: UPOS, XPOS, lemma, UAS and LAS.
//!
//! Scores follow the CoNLL 2018 shared task on gold tokens: every syntactic word counts,
//! punctuation included, and LAS compares the universal part of the relation (`obl` for
//! `obl:tmod`), as that evaluation does.

use petrel_core::Sentence;

/// Accuracies in percent (0–100) over all words of the gold sentences.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct AnnotationScores {
    pub words: usize,
    pub upos: f64,
    pub xpos: f64,
    pub lemma: f64,
    pub uas: f64,
    pub las: f64,
    /// LAS counting the full relation with its subtype.
    pub las_full: f64,
}

/// The annotation disagrees with the gold tokens it should have been made on.
#[derive(Debug, thiserror::Error)]
#[error("sentence {index}: predicted {predicted} words but the gold sentence has {gold}; score only parses made on the gold tokens")]
pub struct MisalignedError {
    pub index: usize,
    pub gold: usize,
    pub predicted: usize,
}

/// Compares `predicted` with `gold`, sentence by sentence and word by word.
pub fn score(
    gold: &[Sentence],
    predicted: &[Sentence],
) -> Result<AnnotationScores, MisalignedError> {
    let mut counts = [0usize; 6];
    let mut words = 0usize;
    for (index, (g, p)) in gold.iter().zip(predicted).enumerate() {
        if g.tokens.len() != p.tokens.len() {
            return Err(MisalignedError {
                index,
                gold: g.tokens.len(),
                predicted: p.tokens.len(),
            });
        }
        for (g, p) in g.tokens.iter().zip(&p.tokens) {
            words += 1;
            let head = g.head == p.head;
            let hits = [
                g.upos == p.upos,
                g.xpos == p.xpos,
                g.lemma == p.lemma,
                head,
                head && g.deprel.base() == p.deprel.base(),
                head && g.deprel == p.deprel,
            ];
            for (c, hit) in counts.iter_mut().zip(hits) {
                *c += hit as usize;
            }
        }
    }
    if gold.len() != predicted.len() {
        let index = gold.len().min(predicted.len());
        return Err(MisalignedError {
            index,
            gold: gold.len(),
            predicted: predicted.len(),
        });
    }
    let pct = |n: usize| {
        if words == 0 {
            0.0
        } else {
            100.0 * n as f64 / words as f64
        }
    };
    Ok(AnnotationScores {
        words,
        upos: pct(counts[0]),
        xpos: pct(counts[1]),
        lemma: pct(counts[2]),
        uas: pct(counts[3]),
        las: pct(counts[4]),
        las_full: pct(counts[5]),
    })
}

/// Copies of `gold` that keep only what a parser may see: forms, offsets and spacing.
pub fn strip_annotation(gold: &[Sentence]) -> Vec<Sentence> {
    gold.iter()
        .map(|s| {
            let mut s = s.clone();
            for t in &mut s.tokens {
                let keep = petrel_core::Token {
                    form: std::mem::take(&mut t.form),
                    span: t.span,
                    space_after: t.space_after,
                    ..Default::default()
                };
                *t = keep;
            }
            s
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use petrel_core::{Deprel, Token, Upos};

    fn sentence(parts: &[(&str, Upos, u32, &str)]) -> Sentence {
        let mut s = Sentence::new("x");
        for (form, upos, head, rel) in parts {
            let mut t = Token::new(form).with_upos(*upos);
            t.head = *head;
            t.deprel = Deprel::new(rel);
            t.lemma = form.to_lowercase();
            s.tokens.push(t);
        }
        s
    }

    #[test]
    fn counts_heads_and_labels() {
        let gold = sentence(&[
            ("Bush", Upos::Propn, 2, "nsubj"),
            ("spoke", Upos::Verb, 0, "root"),
            ("today", Upos::Noun, 2, "obl:tmod"),
        ]);
        let pred = sentence(&[
            ("Bush", Upos::Propn, 2, "obj"),
            ("spoke", Upos::Verb, 0, "root"),
            ("today", Upos::Adv, 2, "obl"),
        ]);
        let s = score(&[gold], &[pred]).unwrap();
        assert_eq!(s.words, 3);
        assert!((s.uas - 100.0).abs() < 1e-9);
        assert!((s.las - 200.0 / 3.0).abs() < 1e-9);
        assert!((s.las_full - 100.0 / 3.0).abs() < 1e-9);
        assert!((s.upos - 200.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn misaligned_is_an_error() {
        let gold = sentence(&[("a", Upos::X, 0, "root")]);
        let pred = sentence(&[]);
        assert!(score(&[gold], &[pred]).is_err());
    }

    #[test]
    fn strip_keeps_only_forms() {
        let gold = sentence(&[("Bush", Upos::Propn, 0, "root")]);
        let bare = strip_annotation(&[gold]);
        assert_eq!(bare[0].tokens[0].form, "Bush");
        assert_eq!(bare[0].tokens[0].upos, Upos::X);
        assert_eq!(bare[0].tokens[0].head, 0);
        assert!(bare[0].tokens[0].lemma.is_empty());
    }
}
