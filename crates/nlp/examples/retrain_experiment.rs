//! Trains the parts of a model on several treebanks once and scores ways of putting them
//! together on the dev sets: a tool for choosing the shipped settings, not for users.
//!
//! `cargo run --release -p petrel-nlp --example retrain_experiment -- OUT_DIR TRAIN.conllu...`
//! trains the tagger, lemmatizer and `SEEDS` parsers (default 3; `THREADS` at a time, default 2)
//! with the default [`ModelConfig`] and writes the parts to `OUT_DIR/parts/`
//! (`tagger.bin`, `lemma.bin`, `parser-<seed>.bin`). `LOAD=1` reads the parts back instead of
//! training. Then, for each number of parsers k (1 = the first seed alone, k > 1 their mean; `KS`
//! picks some, e.g. `KS=1,3`) and
//! each prune threshold in `PARSER_PRUNE` (default `0.05`) and `TAGGER_PRUNE` (default `0.5`), it
//! scores the model on each `DEV` file (comma-separated CoNLL-U paths) and prints UPOS, lemma,
//! UAS, LAS, words/s of tag+lemma+parse and the size of the model. `WRITE=k,parser,tagger` also
//! writes that model, with its training record, to `OUT_DIR/model/`.

use petrel_nlp::conllu;
use petrel_nlp::lemma::Lemmatizer;
use petrel_nlp::model::{evaluate, train_parts, Model, ModelConfig, TrainedParts, Treebank};
use petrel_nlp::parser::Parser;
use petrel_nlp::tagger::Tagger;
use std::path::Path;

fn read(path: &str) -> Vec<petrel_core::Sentence> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    conllu::read_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// This thread's CPU time in seconds (Linux `/proc/thread-self/schedstat`).
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(stat.split_whitespace().next()?.parse::<f64>().ok()? / 1e9)
}

fn env_list(name: &str, default: &str) -> Vec<f32> {
    std::env::var(name)
        .unwrap_or_else(|_| default.to_string())
        .split(',')
        .filter_map(|v| v.trim().parse().ok())
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let out = args
        .get(1)
        .expect("usage: retrain_experiment OUT_DIR TRAIN.conllu...");
    let parts_dir = Path::new(out).join("parts");
    std::fs::create_dir_all(&parts_dir).expect("creating OUT_DIR/parts");
    let treebanks: Vec<Treebank> = args
        .get(2..)
        .unwrap_or_default()
        .iter()
        .map(|path| Treebank {
            name: Path::new(path)
                .file_name()
                .map_or_else(|| path.clone(), |n| n.to_string_lossy().into_owned()),
            sentences: read(path),
            excluded: None,
        })
        .collect();
    let seeds: usize = std::env::var("SEEDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let mut config = ModelConfig {
        parser_seeds: seeds,
        threads: std::env::var("THREADS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(2),
        ..ModelConfig::default()
    };
    let started = std::time::Instant::now();
    let parts = if std::env::var_os("LOAD").is_some() {
        let bytes = |name: &str| {
            std::fs::read(parts_dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
        };
        TrainedParts {
            tagger: Tagger::read(&bytes("tagger.bin")).expect("tagger"),
            lemmatizer: Lemmatizer::read(&bytes("lemma.bin")).expect("lemma"),
            parsers: (0..seeds)
                .map(|k| {
                    let seed = config.parser.seed + k as u64;
                    Parser::read(&bytes(&format!("parser-{seed}.bin"))).expect("parser")
                })
                .collect(),
        }
    } else {
        let parts = train_parts(&treebanks, &config, &mut |line| {
            eprintln!("{line} ({:.0} s)", started.elapsed().as_secs_f64())
        });
        let write = |name: &str, f: &dyn Fn(&mut Vec<u8>) -> std::io::Result<()>| {
            let mut bytes = Vec::new();
            f(&mut bytes).expect("writing to memory");
            std::fs::write(parts_dir.join(name), bytes).expect("writing a part");
        };
        write("tagger.bin", &|b| parts.tagger.write(b));
        write("lemma.bin", &|b| parts.lemmatizer.write(b));
        for (k, p) in parts.parsers.iter().enumerate() {
            let seed = config.parser.seed + k as u64;
            write(&format!("parser-{seed}.bin"), &|b| p.write(b));
        }
        eprintln!("trained in {:.0} s", started.elapsed().as_secs_f64());
        parts
    };
    let devs: Vec<(String, Vec<petrel_core::Sentence>)> = std::env::var("DEV")
        .unwrap_or_default()
        .split(',')
        .filter(|p| !p.is_empty())
        .map(|p| (p.to_string(), read(p)))
        .collect();
    let write_spec: Option<Vec<f32>> = std::env::var("WRITE")
        .ok()
        .map(|v| v.split(',').filter_map(|x| x.parse().ok()).collect());
    let ks: Vec<usize> = std::env::var("KS")
        .map(|v| v.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|_| (1..=seeds).collect());
    for k in ks.into_iter().filter(|&k| (1..=seeds).contains(&k)) {
        for &pp in &env_list("PARSER_PRUNE", "0.05") {
            for &tp in &env_list("TAGGER_PRUNE", "0.5") {
                config.parser_seeds = k;
                config.parser_prune = pp;
                config.tagger_prune = tp;
                let model = Model::assemble(
                    TrainedParts {
                        tagger: parts.tagger.clone(),
                        lemmatizer: parts.lemmatizer.clone(),
                        parsers: parts.parsers.get(..k).unwrap_or_default().to_vec(),
                    },
                    &treebanks,
                    &config,
                );
                let mut size = 0usize;
                for f in [
                    &|b: &mut Vec<u8>| model.tagger.write(b) as std::io::Result<()>,
                    &|b: &mut Vec<u8>| model.lemmatizer.write(b),
                    &|b: &mut Vec<u8>| model.parser.write(b),
                ] as [&dyn Fn(&mut Vec<u8>) -> std::io::Result<()>; 3]
                {
                    let mut bytes = Vec::new();
                    f(&mut bytes).expect("writing to memory");
                    size += bytes.len();
                }
                for (path, gold) in &devs {
                    let r = evaluate(&model, gold).expect("gold tokens");
                    // Speed by the CPU time this thread gets: a busy machine distorts wall time.
                    let mut bare = petrel_nlp::eval::strip_annotation(gold);
                    let cpu = thread_cpu_seconds();
                    for s in &mut bare {
                        model.annotate(s);
                    }
                    let cpu_rate = thread_cpu_seconds()
                        .zip(cpu)
                        .map_or(0.0, |(b, a)| r.scores.words as f64 / (b - a).max(1e-9));
                    let name = Path::new(path)
                        .file_name()
                        .unwrap_or_default()
                        .to_string_lossy();
                    println!(
                        "k={k} parser_prune={pp} tagger_prune={tp} size={:.1}MB {name}: UPOS {:.2} lemma {:.2} UAS {:.2} LAS {:.2} {:.0} words/s {:.0} words/cpu-s",
                        size as f64 / 1e6,
                        r.scores.upos,
                        r.scores.lemma,
                        r.scores.uas,
                        r.scores.las,
                        r.tokens_per_sec,
                        cpu_rate
                    );
                }
                if write_spec.as_deref() == Some(&[k as f32, pp, tp][..]) {
                    let dir = Path::new(out).join("model");
                    model.write_dir(&dir).expect("writing the model");
                    eprintln!("wrote {}", dir.display());
                }
            }
        }
    }
}
