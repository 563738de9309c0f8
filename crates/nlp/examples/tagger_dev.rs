//! Trains the tagger alone on several treebanks and prints its UPOS and XPOS accuracy on each dev
//! file, for quick experiments on tagger features before a whole model is retrained:
//! `cargo run --release --example tagger_dev -- TRAIN.conllu... -- DEV.conllu...`.
//! `TAGGER_FEATURES=ambiguity` turns on optional templates ([`TaggerFeatures`]).

use petrel_nlp::conllu;
use petrel_nlp::tagger::{Tagger, TaggerConfig, TaggerFeatures};

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
    let features = TaggerFeatures::parse(&std::env::var("TAGGER_FEATURES").unwrap_or_default())
        .map_err(|name| format!("unknown tagger feature {name:?}"))?;
    eprintln!("tagger features: {}", features.describe());
    let config = TaggerConfig {
        features,
        ..TaggerConfig::default()
    };
    // TAGGER_SEEDS=3: the mean of taggers trained with seeds 1, 2, 3, pruned at TAGGER_PRUNE.
    let seeds: u64 = std::env::var("TAGGER_SEEDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let prune: f32 = std::env::var("TAGGER_PRUNE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.5);
    let taggers: Vec<Tagger> = (1..=seeds)
        .map(|seed| {
            Tagger::train(
                &train,
                &TaggerConfig {
                    seed,
                    ..config.clone()
                },
            )
        })
        .collect();
    let tagger = Tagger::mean(&taggers)
        .ok_or("taggers that differ")?
        .pruned(prune);
    let mut bytes = Vec::new();
    tagger.write(&mut bytes)?;
    eprintln!(
        "{seeds} seeds, pruned at {prune}: {:.1} MB",
        bytes.len() as f64 / 1e6
    );
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
