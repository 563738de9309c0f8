//! Fuzzes the PETRARCH verbs reader (both grammars) and the pattern renderer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use petrel_dict::{petrarch::verbs, Vocabulary};

fuzz_target!(|data: &[u8]| {
    let mut vocabulary = Vocabulary::new();
    let (verbs, diagnostics) = verbs::read("fuzz.verbs", data, &mut vocabulary);
    let lines = data.split(|&b| b == b'\n').count() as u32;
    for diagnostic in &diagnostics {
        assert!(diagnostic.line >= 1 && diagnostic.line <= lines);
    }
    for block in verbs.blocks() {
        for pattern in &block.patterns {
            assert!(pattern.source.line <= lines);
            let _ = verbs.pattern_text(pattern, &vocabulary);
        }
    }
    for (word, forms) in verbs.all_forms() {
        assert_eq!(verbs.forms(word).len(), forms.len());
        for form in forms {
            assert!(verbs.verb(form.verb).is_some());
        }
    }
});
