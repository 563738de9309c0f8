//! Fuzzes the story readers: any bytes read as a JSONL record, a text file or an HTML page give a
//! document or a skip naming where, never a panic; a document's offset map stays inside its text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use petrel_ingest::{read_story, Format};

fuzz_target!(|data: &[u8]| {
    for (name, format) in [
        ("fuzz.jsonl", Format::Jsonl),
        ("fuzz.txt", Format::Text),
        ("fuzz.html", Format::Html),
    ] {
        match petrel_ingest::inputs::read_story_as(name, "fuzz", data, format) {
            Ok(doc) => {
                assert!(!doc.text.trim().is_empty(), "an empty story must be a skip");
                assert!(!doc.id.is_empty());
            }
            Err(skip) => assert!(skip.origin.starts_with(name), "{skip}"),
        }
    }
    if let Ok(line) = std::str::from_utf8(data) {
        if let Ok(record) = petrel_ingest::jsonl::parse(line) {
            assert!(record.warnings.len() <= 5, "one warning a field at most");
        }
    }
    let _ = read_story("fuzz", data);
});
