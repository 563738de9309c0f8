//! Trains the parser on UD EWT and reports accuracy and speed: a tool for tuning, not for users.
//!
//! `cargo run --release -p petrel-nlp --example parser_experiment -- [EPOCHS] [OUT.bin] [TAGS_DIR]`
//! trains on train (gold tags, or the predicted CoNLL-U files `TAGS_DIR/{train,dev,test}.conllu`
//! when given), scores dev and test, times parsing and loading, and writes the model to `OUT.bin`.
//! `LOAD=parser.bin` scores that model instead of training; `DUMP=DIR` writes the parses to
//! `DIR/{dev,test}.parsed.conllu`.
//!
//! `SEEDS=1,2,3` trains one parser per seed instead (the first is written to `OUT.bin`), scores
//! each, and then scores their vote: each word takes the head most of them gave it (ties go to
//! the first parser) and the relation most often paired with that head. The vote need not be a
//! tree; it measures what an ensemble could gain, at the cost of one parse per member.
//! `MERGE=a.bin,b.bin,c.bin` also scores the mean of those models ([`Parser::mean`]: the ensemble
//! summing scores, at the cost of one parse), pruned at `MEAN_MIN_WEIGHT` and written to
//! `MEAN_OUT` when given.

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
    let seeds: Vec<u64> = std::env::var("SEEDS")
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .unwrap_or_default();
    let mut train_one = |config: &ParserConfig| {
        let start = Instant::now();
        let parser = Parser::train_observed(
            &train,
            config,
            if per_epoch { Some(&mut observe) } else { None },
        );
        eprintln!("trained in {:.1} s", start.elapsed().as_secs_f64());
        let mut bytes = Vec::new();
        parser.write(&mut bytes).expect("writing to memory");
        bytes
    };
    let models: Vec<Vec<u8>> = if !seeds.is_empty() {
        seeds
            .iter()
            .map(|&seed| {
                train_one(&ParserConfig {
                    seed,
                    ..config.clone()
                })
            })
            .collect()
    } else if let Ok(path) = std::env::var("LOAD") {
        // LOAD=parser.bin scores a trained model instead of training one.
        vec![std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))]
    } else {
        vec![train_one(&config)]
    };
    let mut parsers: Vec<Parser> = models
        .iter()
        .map(|bytes| {
            eprintln!("model {:.2} MB", bytes.len() as f64 / 1e6);
            let start = Instant::now();
            let parser = Parser::read(bytes).expect("the model just written reads back");
            eprintln!("load {:.3} s", start.elapsed().as_secs_f64());
            parser
        })
        .collect();
    // MERGE=a.bin,b.bin scores the mean of those models (pruned at MEAN_MIN_WEIGHT) as well.
    if let Ok(paths) = std::env::var("MERGE") {
        let merged: Vec<Parser> = paths
            .split(',')
            .map(|p| Parser::read(&std::fs::read(p).unwrap_or_else(|e| panic!("{p}: {e}"))))
            .collect::<Result<_, _>>()
            .expect("readable models");
        let mut mean = Parser::mean(&merged).expect("models over the same relations");
        if let Some(w) = env("MEAN_MIN_WEIGHT") {
            mean = mean.pruned(w as f32);
        }
        let mut bytes = Vec::new();
        mean.write(&mut bytes).expect("writing to memory");
        eprintln!(
            "mean of {}: {:.2} MB",
            merged.len(),
            bytes.len() as f64 / 1e6
        );
        if let Ok(out) = std::env::var("MEAN_OUT") {
            std::fs::write(&out, &bytes).unwrap_or_else(|e| panic!("{out}: {e}"));
        }
        parsers.push(mean);
    }
    for name in ["dev", "test"] {
        let gold = read(&format!("{data}/en_ewt-ud-{name}.conllu"));
        let mut all_parses = Vec::new();
        for (k, parser) in parsers.iter().enumerate() {
            let mut parsed = unparsed(&input(name));
            let start = Instant::now();
            parser.parse_all(&mut parsed);
            let secs = start.elapsed().as_secs_f64();
            let words: usize = parsed.iter().map(|s| s.tokens.len()).sum();
            let s = eval::score(&gold, &parsed).expect("same tokens");
            let which = match seeds.get(k) {
                Some(seed) if parsers.len() > 1 => format!(" (seed {seed})"),
                _ if k > 0 => " (mean)".to_string(),
                _ => String::new(),
            };
            println!(
                "{name}{which}: UAS {:.2} LAS {:.2} ({} words, {:.0} words/s parse only)",
                s.uas,
                s.las,
                s.words,
                words as f64 / secs
            );
            all_parses.push(parsed);
        }
        let parsed = if seeds.len() > 1 {
            let voted = vote(all_parses.get(..seeds.len()).unwrap_or_default());
            let s = eval::score(&gold, &voted).expect("same tokens");
            println!(
                "{name} (vote of {}): UAS {:.2} LAS {:.2}",
                seeds.len(),
                s.uas,
                s.las
            );
            voted
        } else {
            all_parses.swap_remove(0)
        };
        if let Ok(dir) = std::env::var("DUMP") {
            let path = format!("{dir}/{name}.parsed.conllu");
            let mut file = std::fs::File::create(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            conllu::write_all(&mut file, &parsed).unwrap_or_else(|e| panic!("{path}: {e}"));
        }
    }
    if let Some(out) = args.get(2).filter(|out| !out.is_empty()) {
        std::fs::write(out, &models[0]).unwrap_or_else(|e| panic!("{out}: {e}"));
    }
}

/// Each word's head is the one most parses gave it, ties going to the first parse; its relation
/// is the one most often paired with that head, ties again to the first.
fn vote(parses: &[Vec<Sentence>]) -> Vec<Sentence> {
    let mut out = parses[0].clone();
    for (i, sentence) in out.iter_mut().enumerate() {
        for (j, token) in sentence.tokens.iter_mut().enumerate() {
            let votes: Vec<(u32, Deprel)> = parses
                .iter()
                .map(|p| (p[i].tokens[j].head, p[i].tokens[j].deprel.clone()))
                .collect();
            let count =
                |pred: &dyn Fn(&(u32, Deprel)) -> bool| votes.iter().filter(|v| pred(v)).count();
            // max_by_key keeps the last maximum; reversing makes ties go to the first parse.
            let head = votes
                .iter()
                .rev()
                .max_by_key(|(h, _)| count(&|v| v.0 == *h))
                .map_or(0, |v| v.0);
            token.head = head;
            if let Some((_, label)) = votes
                .iter()
                .rev()
                .filter(|v| v.0 == head)
                .max_by_key(|(_, l)| count(&|v| v.0 == head && v.1 == *l))
            {
                token.deprel = label.clone();
            }
        }
    }
    out
}
