//! Trains the tagger alone on several treebanks and prints its UPOS and XPOS accuracy on each dev
//! file, for quick experiments on tagger features before a whole model is retrained:
//! `cargo run --release --example tagger_dev -- TRAIN.conllu... -- DEV.conllu...`.

use petrel_nlp::conllu;
use petrel_nlp::tagger::{Tagger, TaggerConfig};

fn read(path: &str) -> Result<Vec<petrel_core::Sentence>, Box<dyn std::error::Error>> {
    Ok(conllu::read_str(&std::fs::read_to_string(path)?)?)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let split = args
        .iter()
        .position(|a| a == "--")
        .ok_or("usage: tagger_dev TRAIN.conllu... -- DEV.conllu...")?;
    let (train_paths, dev_paths) = args.split_at(split);
    let mut train = Vec::new();
    for path in train_paths {
        train.extend(read(path)?);
    }
    let started = std::time::Instant::now();
    let tagger = Tagger::train(&train, &TaggerConfig::default()).pruned(0.5);
    eprintln!(
        "trained on {} sentences in {:.0} s, {} weights",
        train.len(),
        started.elapsed().as_secs_f64(),
        tagger.n_weights()
    );
    for path in dev_paths.iter().skip(1) {
        let gold = read(path)?;
        let mut predicted = petrel_nlp::eval::strip_annotation(&gold);
        for s in &mut predicted {
            tagger.tag(s);
        }
        let (mut words, mut upos, mut xpos) = (0usize, 0usize, 0usize);
        for (g, p) in gold.iter().zip(&predicted) {
            for (a, b) in g.tokens.iter().zip(&p.tokens) {
                words += 1;
                upos += usize::from(a.upos == b.upos);
                xpos += usize::from(a.xpos == b.xpos);
            }
        }
        println!(
            "{path}: words {words} UPOS {:.2} XPOS {:.2}",
            100.0 * upos as f64 / words.max(1) as f64,
            100.0 * xpos as f64 / words.max(1) as f64
        );
    }
    Ok(())
}
