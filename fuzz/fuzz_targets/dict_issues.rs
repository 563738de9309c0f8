//! Fuzzes the PETRARCH issues reader, its `n:`/`v:`/`+` expansion, and text coding.
#![no_main]

use libfuzzer_sys::fuzz_target;
use petrel_dict::petrarch::issues;

fuzz_target!(|data: &[u8]| {
    let (issues, diagnostics) = issues::read("fuzz.issues", data);
    let lines = data.split(|&b| b == b'\n').count() as u32;
    for diagnostic in &diagnostics {
        assert!(diagnostic.line >= 1 && diagnostic.line <= lines);
    }
    let text = String::from_utf8_lossy(data);
    issues.scan(&text, |found| {
        assert!(found.start < found.end && found.end <= text.len());
        assert!(text.get(found.start..found.end).is_some());
    });
    let _ = issues.code_text(&text);
});
