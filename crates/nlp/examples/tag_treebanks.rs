//! Writes the parser's training and dev input once, for parser experiments on several treebanks:
//! the training treebanks with jackknifed tags and lemmas (as `petrel nlp train` makes them), and
//! each dev file tagged and lemmatized by a tagger trained on all of them (pruned as shipped).
//!
//! `cargo run --release -p petrel-nlp --example tag_treebanks -- OUT_DIR TRAIN.conllu... -- DEV.conllu...`
//! writes `OUT_DIR/train.conllu` and `OUT_DIR/<dev file name>`, the input of `parser_dev`, and
//! prints each dev file's UPOS and lemma accuracy. `TAGGER_FEATURES=ambiguity,...` turns on
//! optional tagger templates ([`TaggerFeatures`]); `THREADS` trains folds side by side (default 1).

use petrel_nlp::conllu;
use petrel_nlp::lemma::Lemmatizer;
use petrel_nlp::model::{jackknifed, ModelConfig};
use petrel_nlp::tagger::{Tagger, TaggerFeatures};
use std::path::Path;

type Error = Box<dyn std::error::Error>;

fn read(path: &str) -> Result<Vec<petrel_core::Sentence>, Error> {
    Ok(conllu::read_str(&std::fs::read_to_string(path)?)?)
}

fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: tag_treebanks OUT_DIR TRAIN.conllu... -- DEV.conllu...";
    let (out, rest) = args.split_first().ok_or(usage)?;
    let split = rest.iter().position(|a| a == "--").ok_or(usage)?;
    let (train_paths, dev_paths) = rest.split_at(split);
    std::fs::create_dir_all(out)?;
    let mut config = ModelConfig::default();
    config.tagger.features =
        TaggerFeatures::parse(&std::env::var("TAGGER_FEATURES").unwrap_or_default())
            .map_err(|name| format!("unknown tagger feature {name:?}"))?;
    config.threads = std::env::var("THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    eprintln!("tagger features: {}", config.tagger.features.describe());
    let mut train = Vec::new();
    for path in train_paths {
        train.extend(read(path)?);
    }
    let started = std::time::Instant::now();
    let tagger = Tagger::train(&train, &config.tagger).pruned(config.tagger_prune);
    let lemmatizer = Lemmatizer::train(&train, &config.lemma);
    eprintln!("tagger trained in {:.0} s", started.elapsed().as_secs_f64());
    for path in dev_paths.iter().skip(1) {
        let gold = read(path)?;
        let mut tagged = petrel_nlp::eval::strip_annotation(&gold);
        for s in &mut tagged {
            tagger.tag(s);
            lemmatizer.lemmatize(s);
            // The gold tree stays, so that the file is also a gold file for the parser's scores.
        }
        let (mut words, mut upos, mut lemma) = (0usize, 0usize, 0usize);
        for (g, p) in gold.iter().zip(tagged.iter_mut()) {
            for (a, b) in g.tokens.iter().zip(p.tokens.iter_mut()) {
                words += 1;
                upos += usize::from(a.upos == b.upos);
                lemma += usize::from(a.lemma == b.lemma);
                b.head = a.head;
                b.deprel = a.deprel.clone();
            }
        }
        println!(
            "{path}: words {words} UPOS {:.2} lemma {:.2}",
            100.0 * upos as f64 / words.max(1) as f64,
            100.0 * lemma as f64 / words.max(1) as f64
        );
        let name = Path::new(path).file_name().ok_or("a dev file name")?;
        let mut file = std::io::BufWriter::new(std::fs::File::create(Path::new(out).join(name))?);
        conllu::write_all(&mut file, &tagged)?;
    }
    let jackknifed = jackknifed(&train, &config, &mut |line| {
        eprintln!("{line} ({:.0} s)", started.elapsed().as_secs_f64())
    });
    let mut file =
        std::io::BufWriter::new(std::fs::File::create(Path::new(out).join("train.conllu"))?);
    conllu::write_all(&mut file, &jackknifed)?;
    eprintln!("done in {:.0} s", started.elapsed().as_secs_f64());
    Ok(())
}
