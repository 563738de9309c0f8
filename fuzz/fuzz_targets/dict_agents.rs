//! Fuzzes the PETRARCH agents reader, its macro expansion, and agent/actor code combination.
#![no_main]

use libfuzzer_sys::fuzz_target;
use petrel_dict::{petrarch::agents, Vocabulary};

fuzz_target!(|data: &[u8]| {
    let mut vocabulary = Vocabulary::new();
    let (agents, diagnostics) = agents::read("fuzz.agents", data, &mut vocabulary);
    let lines = data.split(|&b| b == b'\n').count() as u32;
    for diagnostic in &diagnostics {
        assert!(diagnostic.line >= 1 && diagnostic.line <= lines);
    }
    let actor = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".parse().unwrap();
    for (phrase, agent) in agents.phrases() {
        let found = agents.longest_match(phrase.iter().map(|w| Some(*w)));
        assert!(found.is_some_and(|(length, _)| length == phrase.len()));
        let _ = agent.apply(actor);
    }
});
