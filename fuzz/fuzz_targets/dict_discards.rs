//! Fuzzes the PETRARCH discard reader and text matching against the input itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use petrel_dict::petrarch::discards;

fuzz_target!(|data: &[u8]| {
    let (discards, diagnostics) = discards::read("fuzz.discards", data);
    let lines = data.split(|&b| b == b'\n').count() as u32;
    for diagnostic in &diagnostics {
        assert!(diagnostic.line >= 1 && diagnostic.line <= lines);
    }
    let text = String::from_utf8_lossy(data);
    if let Some(found) = discards.find(&text) {
        assert!(found.start < found.end && found.end <= text.len());
        assert!(text.get(found.start..found.end).is_some());
    }
    let _ = discards.find_story_level(&text);
});
