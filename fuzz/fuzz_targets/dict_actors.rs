//! Fuzzes the PETRARCH actors reader and longest-phrase lookups over its own words.
#![no_main]

use libfuzzer_sys::fuzz_target;
use petrel_core::Date;
use petrel_dict::{petrarch::actors, Vocabulary};

fuzz_target!(|data: &[u8]| {
    let mut vocabulary = Vocabulary::new();
    let (actors, diagnostics) = actors::read("fuzz.actors", data, &mut vocabulary);
    let lines = data.split(|&b| b == b'\n').count() as u32;
    for diagnostic in &diagnostics {
        assert!(diagnostic.line >= 1 && diagnostic.line <= lines);
    }
    let text = String::from_utf8_lossy(data);
    let words: Vec<_> = text
        .split(|c: char| c.is_whitespace() || c == '_')
        .map(|w| vocabulary.get(w))
        .collect();
    for start in 0..words.len() {
        if let Some((length, actor)) = actors.longest_match(words[start..].iter().copied()) {
            assert!(length >= 1 && start + length <= words.len());
            let _ = actor.code_on(Date::MIN);
            let _ = actor.code_on(Date::MAX);
        }
    }
});
