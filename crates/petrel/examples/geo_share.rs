//! Measures what geocoding adds to `petrel code`: the time of the whole pipeline per story, and
//! the time of its geocoding step (the story's place mentions in context, each event's location)
//! measured on the same parsed sentences.
//!
//! `cargo run --release -p petrel --example geo_share -- [--rounds N] [FILES...]`
//! (default: the stories in `examples/`). Prints one JSON object.

use petrel::code::{Coder, CoderOptions};
use petrel::core::{Date, Event, Sentence};
use petrel::geo::{event_location, Gazetteer};
use petrel::nlp::model::Model;
use petrel::pipeline::Pipeline;
use petrel::places::story_places;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut rounds = 5usize;
    let mut files: Vec<PathBuf> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--rounds" => rounds = args.next().ok_or("--rounds N")?.parse()?,
            _ => files.push(a.into()),
        }
    }
    if files.is_empty() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            let name = path.to_string_lossy();
            if !name.ends_with(".json") {
                files.push(path);
            }
        }
        files.sort();
    }
    let docs: Vec<_> = petrel::ingest::Inputs::open(&files)
        .filter_map(Result::ok)
        .collect();
    let fallback = Date::from_ymd(2024, 1, 1)?;
    let (dictionaries, _) = petrel::dict::native::builtin();
    // The coder `petrel code` uses by default: the learned event recogniser over the rules.
    let coder = Coder::new(dictionaries, CoderOptions::default())
        .with_recogniser(petrel::events_model::builtin()?);
    let pipeline = Pipeline::new(Model::builtin()?, coder);
    let gazetteer = Gazetteer::builtin();

    // The best of several rounds: other work on the machine only ever slows a round down.
    let (mut whole, mut geo) = (Duration::MAX, Duration::MAX);
    let (mut sentences, mut events) = (0usize, 0usize);
    for _ in 0..rounds {
        let started = Instant::now();
        for doc in &docs {
            std::hint::black_box(pipeline.code_document(doc, Some(fallback)));
        }
        whole = whole.min(started.elapsed());

        // The same stories parsed and coded outside the clock, then geocoded on it.
        let prepared: Vec<(Vec<Sentence>, Vec<Event>)> = docs
            .iter()
            .map(|doc| {
                let mut s = petrel::doc::sentences(doc);
                for sentence in &mut s {
                    pipeline.annotate(sentence);
                }
                let date = doc.date.unwrap_or(fallback);
                let e = pipeline.coder.code_story(&s, date);
                (s, e)
            })
            .collect();
        sentences = prepared.iter().map(|p| p.0.len()).sum();
        events = prepared.iter().map(|p| p.1.len()).sum();
        let started = Instant::now();
        for ((story, coded), doc) in prepared.iter().zip(&docs) {
            // Exactly `petrel code`'s geocoding: the story's places in context, then each
            // event's location among them.
            let places = story_places(gazetteer, doc, story, coded);
            for event in coded {
                let Some(sentence) = story.get(event.sentence_index) else {
                    continue;
                };
                let here = places.sentence_mentions(event.sentence_index);
                let verb = sentence
                    .tokens
                    .iter()
                    .position(|t| t.span.is_some_and(|s| s.start == event.trigger.span.start))
                    .map_or(1, |i| i as u32 + 1);
                std::hint::black_box(event_location(sentence, verb, &here, &places.context));
            }
        }
        geo = geo.min(started.elapsed());
    }
    let whole_s = whole.as_secs_f64();
    let geo_s = geo.as_secs_f64();
    println!(
        "{{\"documents\": {}, \"sentences\": {sentences}, \"events\": {events}, \"rounds\": {rounds}, \
         \"pipeline_seconds\": {whole_s:.4}, \"geocoding_seconds\": {geo_s:.4}, \
         \"geocoding_share_percent\": {:.2}}}",
        docs.len(),
        100.0 * geo_s / whole_s.max(f64::MIN_POSITIVE)
    );
    Ok(())
}
