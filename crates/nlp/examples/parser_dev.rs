//! Trains parsers on one tagged treebank and scores them on tagged dev files: a tool for quick
//! experiments on parser features and settings, on the input `tag_treebanks` writes.
//!
//! `cargo run --release -p petrel-nlp --example parser_dev -- TRAIN.conllu -- DEV.conllu...`
//! trains `SEEDS` parsers (default 1; seeds 1, 2, ...) on TRAIN (predicted tags, gold trees) and
//! scores their mean, pruned at `PRUNE` (default 0.05 for one parser, 0.8 for a mean, as shipped),
//! on each DEV file (predicted tags, gold trees, as `tag_treebanks` writes them): UAS, LAS, parse
//! words per CPU second and the parser's size. Settings: `EPOCHS`, `EXPLORE`, `STATIC_EPOCHS`,
//! `MIN_COUNT`, `PARSER_FEATURES=lemmas` ([`ParserFeatures`]). `OUT=parser.bin` writes the
//! parser. `PER_EPOCH=1` also scores the first seed's averaged parser after every epoch.

use petrel_core::{Deprel, Sentence};
use petrel_nlp::parser::{EpochObserver, Parser, ParserConfig, ParserFeatures};
use petrel_nlp::{conllu, eval};

type Error = Box<dyn std::error::Error>;

fn read(path: &str) -> Result<Vec<Sentence>, Error> {
    Ok(conllu::read_str(&std::fs::read_to_string(path)?)?)
}

/// This thread's CPU time in seconds (Linux `/proc/thread-self/schedstat`).
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(stat.split_whitespace().next()?.parse::<f64>().ok()? / 1e9)
}

/// The sentences without heads and relations.
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

fn env<T: std::str::FromStr>(name: &str) -> Option<T> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: parser_dev TRAIN.conllu -- DEV.conllu...";
    let train_path = args.first().ok_or(usage)?;
    let dev_paths = args.get(2..).ok_or(usage)?;
    let mut config = ParserConfig::default();
    if let Some(v) = env("EPOCHS") {
        config.epochs = v;
    }
    if let Some(v) = env("EXPLORE") {
        config.explore = v;
    }
    if let Some(v) = env("STATIC_EPOCHS") {
        config.static_epochs = v;
    }
    if let Some(v) = env("MIN_COUNT") {
        config.min_count = v;
    }
    config.features = ParserFeatures::parse(&std::env::var("PARSER_FEATURES").unwrap_or_default())
        .map_err(|name| format!("unknown parser feature {name:?}"))?;
    let seeds: u64 = env("SEEDS").unwrap_or(1);
    let prune: f32 = env("PRUNE").unwrap_or(if seeds > 1 { 0.8 } else { 0.05 });
    eprintln!("{config:?} seeds {seeds} prune {prune}");
    let train = read(train_path)?;
    let devs: Vec<(&String, Vec<Sentence>)> = dev_paths
        .iter()
        .map(|p| read(p).map(|s| (p, s)))
        .collect::<Result<_, _>>()?;
    let per_epoch = std::env::var_os("PER_EPOCH").is_some();
    let mut observe = |epoch: usize, parser: &Parser| {
        let mut line = format!("epoch {epoch}:");
        for (path, gold) in &devs {
            let mut input = unparsed(gold);
            parser.parse_all(&mut input);
            if let Ok(s) = eval::score(gold, &input) {
                let name = std::path::Path::new(path.as_str())
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                line.push_str(&format!(" {name} UAS {:.2} LAS {:.2}", s.uas, s.las));
            }
        }
        println!("{line}");
    };
    let started = std::time::Instant::now();
    let parsers: Vec<Parser> = (1..=seeds)
        .map(|seed| {
            let observer: Option<EpochObserver> = if per_epoch && seed == 1 {
                Some(&mut observe)
            } else {
                None
            };
            let p = Parser::train_observed(
                &train,
                &ParserConfig {
                    seed,
                    ..config.clone()
                },
                observer,
            );
            eprintln!(
                "seed {seed} trained ({:.0} s)",
                started.elapsed().as_secs_f64()
            );
            p
        })
        .collect();
    let parser = match parsers.as_slice() {
        [one] => one.pruned(prune),
        _ => Parser::mean(&parsers)
            .ok_or("parsers with different relations")?
            .pruned(prune),
    };
    let mut bytes = Vec::new();
    parser.write(&mut bytes)?;
    println!(
        "features {} seeds {seeds} epochs {} explore {} prune {prune}: {:.1} MB, trained in {:.0} s",
        config.features.describe(),
        config.epochs,
        config.explore,
        bytes.len() as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    for (path, gold) in &devs {
        let gold = gold.as_slice();
        let mut input = unparsed(gold);
        let cpu = thread_cpu_seconds();
        parser.parse_all(&mut input);
        let cpu = thread_cpu_seconds().zip(cpu).map_or(0.0, |(b, a)| b - a);
        let s = eval::score(gold, &input)?;
        println!(
            "{path}: UAS {:.2} LAS {:.2} ({} words, {:.0} words/cpu-s parse only)",
            s.uas,
            s.las,
            s.words,
            s.words as f64 / cpu.max(1e-9)
        );
    }
    if let Ok(out) = std::env::var("OUT") {
        std::fs::write(&out, &bytes)?;
    }
    Ok(())
}
