//! Golden tests for the tokenizer: each `testdata/tokenize/ok/NAME.txt` is split into sentences
//! and compared with `NAME.tokens` (one sentence per line, tokens separated by single spaces;
//! tokens never contain whitespace). `PETREL_BLESS=1 cargo test -p petrel-nlp --test tokenize`
//! rewrites the expectations from the current output; review the diff before committing it.

use petrel_nlp::tokenize::sentences;
use std::fs;
use std::path::{Path, PathBuf};

const CASES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/tokenize/ok");

/// Renders the sentences of `text` in the `.tokens` format, checking offsets on the way.
fn render(text: &str) -> String {
    let mut out = String::new();
    for sentence in sentences(text) {
        let forms: Vec<&str> = sentence
            .tokens
            .iter()
            .map(|t| {
                let span = t.span.expect("the tokenizer sets every span");
                assert_eq!(
                    span.slice(text),
                    Some(t.form.as_str()),
                    "span of {:?}",
                    t.form
                );
                t.form.as_str()
            })
            .collect();
        out.push_str(&forms.join(" "));
        out.push('\n');
    }
    out
}

/// Compares (or, with `PETREL_BLESS=1`, rewrites) the expectation of one case; returns a
/// description of the mismatch, if any.
fn check(input: &Path) -> Option<String> {
    let expected_path = input.with_extension("tokens");
    let text = fs::read_to_string(input).expect("test inputs are UTF-8 text");
    let actual = render(&text);
    if std::env::var_os("PETREL_BLESS").is_some() {
        fs::write(&expected_path, &actual).expect("the testdata directory is writable");
        return None;
    }
    let expected = fs::read_to_string(&expected_path).unwrap_or_default();
    (expected != actual).then(|| {
        format!(
            "{}:\n--- expected\n{expected}--- actual\n{actual}",
            input.display()
        )
    })
}

#[test]
fn golden_cases() {
    let mut inputs: Vec<PathBuf> = fs::read_dir(CASES)
        .expect("testdata/tokenize/ok exists")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 8, "expected the golden cases in {CASES}");
    let failures: Vec<String> = inputs.iter().filter_map(|input| check(input)).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
