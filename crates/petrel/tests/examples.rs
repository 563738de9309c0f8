//! The stories in `examples/` run through the whole pipeline (ingest, model, built-in dictionaries,
//! coder, dates, places), checked against the metadata and the events of `NAME.expected.json`.
//!
//! The expected events were written by reading each story as a CAMEO coder would, not taken from
//! petrel's output, so not all of them are found: the test prints every miss and every extra event
//! and holds the share found to [`FOUND_FLOOR`]. An expected event is found when an event of the
//! same document has its source and target codes and CAMEO root; its full code and, where the
//! expectation gives one, its location's country are reported when they differ.

use petrel::corpus::{code_stream, CorpusOptions, Outcome};
use petrel::pipeline::Pipeline;
use serde_json::Value;
use std::path::{Path, PathBuf};

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");

/// The share of expected events the pipeline must find: 29 of 44 (66 %) with the EWT + GUM model
/// of issue 15 (32 of 44, 73 %, with the parser trained on EWT alone, whose mistakes some coder
/// rules were fit to), short of the 80 % we aim at. Raise it as the coder and parser improve; the
/// misses it prints say where to work (mostly actors that only the story's context names, and
/// codes that depend on what a reported clause means).
const FOUND_FLOOR: f64 = 0.65;

/// The date given to stories that carry none (as `petrel code --date` would).
fn fallback() -> petrel::core::Date {
    petrel::core::Date::from_ymd(2017, 3, 20).expect("a valid date")
}

fn pipeline() -> Pipeline {
    let model = petrel::nlp::model::Model::builtin().expect("the built-in model loads");
    let (dictionaries, _) = petrel::dict::native::builtin();
    let coder = petrel::code::Coder::new(dictionaries, petrel::code::CoderOptions::default());
    Pipeline::new(model, coder)
}

fn stories() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(EXAMPLES)
        .expect("examples/ exists")
        .map(|e| e.expect("a readable entry").path())
        .filter(|p| p.is_file() && !p.to_string_lossy().ends_with(".json"))
        .collect();
    out.sort();
    out
}

fn expected(input: &Path) -> Value {
    let name = input.file_name().unwrap().to_string_lossy();
    let stem = name.split('.').next().unwrap();
    let path = input.with_file_name(format!("{stem}.expected.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One event as the expectation writes it.
#[derive(Debug)]
struct Want {
    source: String,
    cameo: String,
    target: String,
    country: Option<String>,
}

fn wants(v: &Value) -> Vec<Want> {
    let field = |e: &Value, k: &str| e.get(k).and_then(Value::as_str).map(str::to_string);
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|e| Want {
                    source: field(e, "source").expect("source"),
                    cameo: field(e, "cameo").expect("cameo"),
                    target: field(e, "target").unwrap_or_else(|| "-".to_string()),
                    country: field(e, "country"),
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn examples_give_their_expected_metadata_and_events() {
    let pipeline = pipeline();
    let options = CorpusOptions {
        threads: 1,
        fallback_date: Some(fallback()),
        shard: None,
        ..Default::default()
    };
    let (mut expected_total, mut found_total, mut extra_total) = (0usize, 0usize, 0usize);
    let mut report = Vec::new();
    let stories = stories();
    assert!(
        stories.len() >= 12,
        "examples/ holds {} stories",
        stories.len()
    );
    for input in stories {
        let expectation = expected(&input);
        let name = input.file_name().unwrap().to_string_lossy().into_owned();
        let mut coded = Vec::new();
        code_stream(
            &pipeline,
            petrel::ingest::Inputs::open([&input]),
            &options,
            |o, _| {
                if let Outcome::Coded { coded: c, .. } = o {
                    coded.push(c.records.clone());
                }
                Ok::<(), std::io::Error>(())
            },
        )
        .unwrap();
        let docs = expectation["documents"].as_array().unwrap();
        assert_eq!(coded.len(), docs.len(), "{name}: documents");
        // Metadata: the events are dated by the story's own date where it has one.
        for (doc, records) in docs.iter().zip(&coded) {
            if let Some(date) = doc["date"].as_str() {
                let story_dated = records.iter().filter(|r| r.date == date).count();
                assert!(
                    records.is_empty() || story_dated > 0,
                    "{name}: no event carries the story date {date}"
                );
            }
            for r in records {
                assert!(!r.doc_id.is_empty(), "{name}: an event without doc_id");
            }
        }
        let events = expectation["events"]
            .as_array()
            .unwrap_or_else(|| panic!("{name}: the expectation has no events"));
        assert_eq!(
            events.len(),
            docs.len(),
            "{name}: one event list per document"
        );
        for (d, (want, records)) in events.iter().zip(&coded).enumerate() {
            let want = wants(want);
            let mut used = vec![false; records.len()];
            for w in &want {
                expected_total += 1;
                let hit = records.iter().enumerate().find(|(i, r)| {
                    !used[*i]
                        && r.source.code == w.source
                        && r.target.as_ref().map_or("-", |t| t.code.as_str()) == w.target
                        && r.cameo.get(..2) == w.cameo.get(..2)
                });
                match hit {
                    Some((i, r)) => {
                        used[i] = true;
                        found_total += 1;
                        if r.cameo != w.cameo {
                            report.push(format!("{name}#{d}: {w:?} found as {}", r.cameo));
                        }
                        let country = r.location.as_ref().and_then(|l| l.country.clone());
                        if w.country.is_some() && w.country != country {
                            report.push(format!("{name}#{d}: {w:?} located in {country:?}"));
                        }
                    }
                    None => report.push(format!("{name}#{d}: missed {w:?}")),
                }
            }
            for (r, _) in records.iter().zip(&used).filter(|(_, u)| !**u) {
                extra_total += 1;
                report.push(format!(
                    "{name}#{d}: extra {} {} {} in \"{}\"",
                    r.source.code,
                    r.cameo,
                    r.target.as_ref().map_or("-", |t| t.code.as_str()),
                    r.sentence_text
                ));
            }
        }
    }
    let share = found_total as f64 / expected_total.max(1) as f64;
    println!("{}", report.join("\n"));
    println!(
        "examples: {found_total} of {expected_total} expected events found ({:.0} %), {extra_total} extra",
        share * 100.0
    );
    assert!(
        expected_total >= 30,
        "only {expected_total} expected events"
    );
    assert!(
        share >= FOUND_FLOOR,
        "{found_total} of {expected_total} expected events found, below the floor of {:.0} %",
        FOUND_FLOOR * 100.0
    );
}
