//! Speed measurements of each stage, for `petrel bench`.
//!
//! Speed targets are checked here, by a command on real input, never by timed unit tests.

use petrel_core::Sentence;
use petrel_nlp::eval::strip_annotation;
use petrel_nlp::model::{LoadError, Model};
use petrel_nlp::tokenize;
use std::time::Instant;

/// Throughput of each NLP stage on one thread.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NlpBench {
    pub sentences: usize,
    pub words: usize,
    pub rounds: usize,
    pub model_load_ms: f64,
    pub tokenize_tokens_per_sec: f64,
    pub tag_tokens_per_sec: f64,
    pub lemma_tokens_per_sec: f64,
    pub parse_tokens_per_sec: f64,
    /// Tag and parse together: the figure the speed floor speaks of.
    pub tag_parse_tokens_per_sec: f64,
    /// Tokenize, tag, lemmatize and parse: raw text to trees.
    pub pipeline_tokens_per_sec: f64,
}

/// Times each stage over `gold` (`rounds` passes), loading the model with `load`.
pub fn nlp(
    gold: &[Sentence],
    rounds: usize,
    load: impl Fn() -> Result<Model, LoadError>,
) -> Result<NlpBench, LoadError> {
    let rounds = rounds.max(1);
    let started = Instant::now();
    let model = load()?;
    let model_load_ms = started.elapsed().as_secs_f64() * 1000.0;
    let words: usize = gold.iter().map(|s| s.tokens.len()).sum();
    let texts: String = gold
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");

    let mut tokenized = 0usize;
    let tokenize_s = timed(rounds, || {
        tokenized = tokenize::sentences(&texts)
            .iter()
            .map(|s| s.tokens.len())
            .sum()
    });

    let mut work = strip_annotation(gold);
    let tag_s = timed(rounds, || work.iter_mut().for_each(|s| model.tagger.tag(s)));
    let lemma_s = timed(rounds, || {
        work.iter_mut().for_each(|s| model.lemmatizer.lemmatize(s))
    });
    let parse_s = timed(rounds, || {
        work.iter_mut().for_each(|s| model.parser.parse(s))
    });

    let mut pipeline_tokens = 0usize;
    let pipeline_s = timed(rounds, || {
        pipeline_tokens = model
            .parse_text(&texts)
            .iter()
            .map(|s| s.tokens.len())
            .sum()
    });

    let rate = |n: usize, s: f64| {
        if s > 0.0 {
            (n * rounds) as f64 / s
        } else {
            0.0
        }
    };
    Ok(NlpBench {
        sentences: gold.len(),
        words,
        rounds,
        model_load_ms,
        tokenize_tokens_per_sec: rate(tokenized, tokenize_s),
        tag_tokens_per_sec: rate(words, tag_s),
        lemma_tokens_per_sec: rate(words, lemma_s),
        parse_tokens_per_sec: rate(words, parse_s),
        tag_parse_tokens_per_sec: rate(words, tag_s + parse_s),
        pipeline_tokens_per_sec: rate(pipeline_tokens, pipeline_s),
    })
}

fn timed(rounds: usize, mut f: impl FnMut()) -> f64 {
    let started = Instant::now();
    for _ in 0..rounds {
        f();
    }
    started.elapsed().as_secs_f64()
}

/// The peak resident memory of this process in kilobytes, where the platform tells it (Linux).
pub fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}
