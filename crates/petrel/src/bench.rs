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
    /// Tag, lemmatize and parse together, from gold tokens (what `petrel nlp eval` times).
    pub tag_lemma_parse_tokens_per_sec: f64,
    /// The same per second of CPU time this thread got (Linux), which a busy machine does not
    /// distort as it does the wall-clock figure; `None` where the platform does not tell.
    pub tag_lemma_parse_tokens_per_cpu_sec: Option<f64>,
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
    let cpu_started = thread_cpu_seconds();
    let tag_s = timed(rounds, || work.iter_mut().for_each(|s| model.tagger.tag(s)));
    let lemma_s = timed(rounds, || {
        work.iter_mut().for_each(|s| model.lemmatizer.lemmatize(s))
    });
    let parse_s = timed(rounds, || {
        work.iter_mut().for_each(|s| model.parser.parse(s))
    });
    let cpu_s = thread_cpu_seconds()
        .zip(cpu_started)
        .map(|(end, start)| end - start);

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
        tag_lemma_parse_tokens_per_sec: rate(words, tag_s + lemma_s + parse_s),
        tag_lemma_parse_tokens_per_cpu_sec: cpu_s.map(|s| rate(words, s)),
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

/// The CPU time this thread has had, in seconds, where the platform tells it (Linux's
/// `/proc/thread-self/schedstat`, whose first field is nanoseconds on the CPU).
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns as f64 / 1e9)
}

/// The peak resident memory of this process in kilobytes, where the platform tells it (Linux).
pub fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Throughput of `petrel code` on stories already read, and where one thread spends its time.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CodeBench {
    pub documents: usize,
    pub sentences: usize,
    pub events: usize,
    pub threads: usize,
    pub seconds: f64,
    pub sentences_per_sec: f64,
}

/// Codes `documents` `rounds` times through [`crate::corpus::code_stream`] on `threads` threads,
/// writing every event as JSON (into memory), as `petrel code` does.
pub fn code(
    pipeline: &crate::pipeline::Pipeline,
    documents: &[petrel_core::Document],
    rounds: usize,
    threads: usize,
) -> CodeBench {
    let options = crate::corpus::CorpusOptions {
        threads,
        fallback_date: petrel_core::Date::from_ymd(2017, 3, 20).ok(),
        shard: None,
        ..Default::default()
    };
    let stream = (0..rounds.max(1)).flat_map(|round| {
        documents.iter().map(move |d| {
            let mut d = d.clone();
            d.id = format!("{}#{round}", d.id);
            Ok(d)
        })
    });
    let mut bytes = 0usize;
    // The gazetteer is decoded when the first story names a place; decoded here, so that the
    // figure is coding throughput, not a one-off load (`petrel bench --code` reports that apart).
    petrel_geo::Gazetteer::builtin();
    let started = Instant::now();
    let summary = crate::corpus::code_stream(pipeline, stream, &options, |o, _| {
        if let crate::corpus::Outcome::Coded { coded, .. } = o {
            bytes += coded
                .records
                .iter()
                .map(|r| r.to_json().len())
                .sum::<usize>();
        }
        Ok::<(), std::io::Error>(())
    });
    let seconds = started.elapsed().as_secs_f64();
    let summary = summary.unwrap_or_default();
    CodeBench {
        documents: summary.documents,
        sentences: summary.sentences,
        events: summary.events,
        threads,
        seconds,
        sentences_per_sec: if seconds > 0.0 {
            summary.sentences as f64 / seconds
        } else {
            0.0
        },
    }
}

/// Seconds one thread spends in each stage over `documents` (`rounds` passes): sentence
/// splitting, tokenizing, tagging and parsing; coding; place mentions; JSON output; and the whole
/// of [`crate::pipeline::Pipeline::code_document`] (all but output), whose excess over the parts
/// is dates and records (and noise, on a shared machine).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StageTimes {
    pub nlp: f64,
    pub code: f64,
    pub geo: f64,
    pub output: f64,
    pub code_document: f64,
}

pub fn stage_times(
    pipeline: &crate::pipeline::Pipeline,
    documents: &[petrel_core::Document],
    rounds: usize,
) -> StageTimes {
    let date = petrel_core::Date::from_ymd(2017, 3, 20).unwrap_or(petrel_core::Date::MIN);
    let rounds = rounds.max(1);
    let mut parsed = Vec::new();
    let nlp = timed(rounds, || {
        parsed = documents
            .iter()
            .map(|d| {
                let mut sentences = crate::doc::sentences(d);
                for s in &mut sentences {
                    pipeline.annotate(s);
                }
                sentences
            })
            .collect::<Vec<_>>();
    });
    let code = timed(rounds, || {
        for sentences in &parsed {
            pipeline.coder.code_story(sentences, date);
        }
    });
    // Geocoding as `petrel code` does it: the story's places in context (dateline, actors'
    // countries), then each event's location among them.
    let coded: Vec<Vec<petrel_core::Event>> = parsed
        .iter()
        .map(|sentences| pipeline.coder.code_story(sentences, date))
        .collect();
    let geo = timed(rounds, || {
        for ((sentences, events), doc) in parsed.iter().zip(&coded).zip(documents) {
            let places = crate::places::story_places(pipeline.gazetteer(), doc, sentences, events);
            for event in events {
                let Some(sentence) = sentences.get(event.sentence_index) else {
                    continue;
                };
                let mentions = places.sentence_mentions(event.sentence_index);
                let verb = sentence
                    .tokens
                    .iter()
                    .position(|t| t.span.is_some_and(|s| s.start == event.trigger.span.start))
                    .map_or(1, |i| i as u32 + 1);
                std::hint::black_box(petrel_geo::event_location(
                    sentence,
                    verb,
                    &mentions,
                    &places.context,
                ));
            }
        }
    });
    let mut records = Vec::new();
    let whole = timed(rounds, || {
        records = documents
            .iter()
            .map(|d| pipeline.code_document(d, Some(date)).records)
            .collect();
    });
    let output = timed(rounds, || {
        for r in records.iter().flatten() {
            std::hint::black_box(r.to_json());
        }
    });
    StageTimes {
        nlp,
        code,
        geo,
        output,
        code_document: whole,
    }
}
