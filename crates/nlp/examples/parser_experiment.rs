//! Trains the parser on UD EWT and reports accuracy and speed: a tool for tuning, not for users.
//!
//! `cargo run --release -p petrel-nlp --example parser_experiment -- [EPOCHS] [OUT.bin] [TAGS_DIR]`
//! trains on train (gold tags, or the predicted CoNLL-U files `TAGS_DIR/{train,dev,test}.conllu`
//! when given), scores dev and test, times parsing and loading, and writes the model to `OUT.bin`.
//! `LOAD=parser.bin` scores that model instead of training; `DUMP=DIR` writes the parses to
//! `DIR/{dev,test}.parsed.conllu`.

use petrel_core::{Deprel, Sentence};
use petrel_nlp::parser::{Parser, ParserConfig};
use petrel_nlp::{conllu, eval};
use std::time::Instant;

fn read(path: &str) -> Vec<Sentence> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    conllu::read_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn unparsed(gold: &[Sentence]) -> Vec<Sentence> {
    let mut out = gold.to_vec();
    for s in &mut out {
        for t in &mut s.tokens {
            t.head = 0;
            t.deprel = Deprel::default();
        }
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let data = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/ud-english-ewt"
    );
    let epochs = args
        .get(1)
        .and_then(|e| e.parse().ok())
        .unwrap_or(ParserConfig::default().epochs);
    let tags_dir = args.get(3);
    let input = |name: &str| match tags_dir {
        Some(dir) => read(&format!("{dir}/{name}.conllu")),
        None => read(&format!("{data}/en_ewt-ud-{name}.conllu")),
    };
    let train = input("train");
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<f64>().ok());
    let mut config = ParserConfig {
        epochs,
        ..ParserConfig::default()
    };
    if let Some(v) = env("MIN_WEIGHT") {
        config.min_weight = v as f32;
    }
    if let Some(v) = env("EXPLORE") {
        config.explore = v;
    }
    if let Some(v) = env("STATIC_EPOCHS") {
        config.static_epochs = v as usize;
    }
    if let Some(v) = env("MIN_COUNT") {
        config.min_count = v as u32;
    }
    if let Some(v) = env("SEED") {
        config.seed = v as u64;
    }
    eprintln!("config {config:?}");
    let dev_gold = read(&format!("{data}/en_ewt-ud-dev.conllu"));
    let dev_input = unparsed(&input("dev"));
    let mut observe = |epoch: usize, parser: &Parser| {
        let mut parsed = dev_input.clone();
        parser.parse_all(&mut parsed);
        let s = eval::score(&dev_gold, &parsed).expect("same tokens");
        eprintln!("epoch {epoch}: dev UAS {:.2} LAS {:.2}", s.uas, s.las);
    };
    let per_epoch = std::env::var_os("PER_EPOCH").is_some();
    let start = Instant::now();
    // LOAD=parser.bin scores a trained model instead of training one.
    let bytes = match std::env::var("LOAD") {
        Ok(path) => std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}")),
        Err(_) => {
            let parser = Parser::train_observed(
                &train,
                &config,
                if per_epoch { Some(&mut observe) } else { None },
            );
            eprintln!("trained in {:.1} s", start.elapsed().as_secs_f64());
            let mut bytes = Vec::new();
            parser.write(&mut bytes).expect("writing to memory");
            bytes
        }
    };
    eprintln!("model {:.2} MB", bytes.len() as f64 / 1e6);
    let start = Instant::now();
    let parser = Parser::read(&bytes).expect("the model just written reads back");
    eprintln!("load {:.3} s", start.elapsed().as_secs_f64());
    for name in ["dev", "test"] {
        let gold = read(&format!("{data}/en_ewt-ud-{name}.conllu"));
        let mut parsed = unparsed(&input(name));
        let start = Instant::now();
        parser.parse_all(&mut parsed);
        let secs = start.elapsed().as_secs_f64();
        let words: usize = parsed.iter().map(|s| s.tokens.len()).sum();
        let s = eval::score(&gold, &parsed).expect("same tokens");
        if let Ok(dir) = std::env::var("DUMP") {
            let path = format!("{dir}/{name}.parsed.conllu");
            let mut file = std::fs::File::create(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            conllu::write_all(&mut file, &parsed).unwrap_or_else(|e| panic!("{path}: {e}"));
        }
        println!(
            "{name}: UAS {:.2} LAS {:.2} ({} words, {:.0} words/s parse only)",
            s.uas,
            s.las,
            s.words,
            words as f64 / secs
        );
    }
    if let Some(out) = args.get(2) {
        std::fs::write(out, &bytes).unwrap_or_else(|e| panic!("{out}: {e}"));
    }
}
