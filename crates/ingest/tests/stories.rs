//! Golden tests of story understanding: `testdata/stories/` (every field) and the repository's `examples/` (metadata), each input beside its `NAME.expected.json`.
//!
//! Set `PETREL_BLESS=1` to rewrite the expected files from the current output, then review the diff.

use petrel_core::{Document, Span};
use petrel_ingest::Inputs;
use petrel_output::DocumentRecord;
use serde_json::{json, Map, Value};
use std::path::{Path, PathBuf};

const TESTDATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/stories");
const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");

/// The fields of a document the examples pin: all but the echoes of the input (origin, url, language).
const EXAMPLE_FIELDS: &[&str] = &[
    "text",
    "warnings",
    "id",
    "title",
    "date",
    "date_precision",
    "dateline",
    "publisher",
    "byline",
];

fn blessing() -> bool {
    std::env::var_os("PETREL_BLESS").is_some()
}

/// The story inputs of a folder (anything but `*.expected.json`), sorted.
fn inputs(dir: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && !p.to_string_lossy().ends_with(".expected.json"))
        .collect();
    found.sort();
    found
}

fn expected_path(input: &Path) -> PathBuf {
    let name = input.file_name().unwrap().to_string_lossy();
    let stem = name.split('.').next().unwrap();
    input.with_file_name(format!("{stem}.expected.json"))
}

/// Reads `input` and renders what came out: documents through `DocumentRecord` (only `fields` when
/// given) and skips as messages, with the folder removed from every path so the expectation does
/// not depend on where the repository lies.
fn render(input: &Path, fields: Option<&[&str]>) -> (Value, Vec<Document>) {
    let dir = format!("{}/", input.parent().unwrap().display());
    let mut docs = Vec::new();
    let mut rendered = Vec::new();
    let mut skips = Vec::new();
    for item in Inputs::open([input]) {
        match item {
            Ok(doc) => {
                let mut v = DocumentRecord::new(&doc).to_value();
                if let Some(fields) = fields {
                    let all = v.as_object().unwrap();
                    v = Value::Object(
                        fields
                            .iter()
                            .map(|f| (f.to_string(), all[*f].clone()))
                            .collect::<Map<_, _>>(),
                    );
                }
                rendered.push(v);
                docs.push(doc);
            }
            Err(skip) => skips.push(Value::String(skip.to_string())),
        }
    }
    let text = json!({"documents": rendered, "skips": skips})
        .to_string()
        .replace(&dir, "");
    (serde_json::from_str(&text).unwrap(), docs)
}

/// Compares `actual` with the expectation beside `input`, or writes it when blessing. Top-level
/// keys of the expected file other than `documents` and `skips` (expected events, added later)
/// are kept and ignored here; within a document only the keys the expectation has are compared.
fn check(input: &Path, actual: Value) {
    let path = expected_path(input);
    let existing: Option<Value> = std::fs::read_to_string(&path)
        .ok()
        .map(|s| serde_json::from_str(&s).unwrap());
    if blessing() {
        let mut out = existing
            .and_then(|v| v.as_object().cloned())
            .unwrap_or_default();
        for (k, v) in actual.as_object().unwrap() {
            out.insert(k.clone(), v.clone());
        }
        std::fs::write(
            &path,
            serde_json::to_string_pretty(&Value::Object(out)).unwrap() + "\n",
        )
        .unwrap();
        return;
    }
    let expected = existing
        .unwrap_or_else(|| panic!("{} is missing; run with PETREL_BLESS=1", path.display()));
    assert_eq!(expected["skips"], actual["skips"], "{}", input.display());
    let (want, got) = (
        expected["documents"].as_array().unwrap(),
        actual["documents"].as_array().unwrap(),
    );
    assert_eq!(
        want.len(),
        got.len(),
        "{}: number of documents",
        input.display()
    );
    for (w, g) in want.iter().zip(got) {
        for (key, value) in w.as_object().unwrap() {
            assert_eq!(
                value,
                &g[key],
                "{}: {key} of document {}",
                input.display(),
                g["id"]
            );
        }
    }
}

/// Every word of the clean text maps back to the same word in the input (line breaks and, for
/// HTML, character references aside), so spans petrel reports point into the user's file.
fn check_offsets(input: &Path, doc: &Document) {
    let bytes = std::fs::read(input).unwrap();
    let Ok(original) = std::str::from_utf8(&bytes) else {
        return;
    };
    if input.extension().is_some_and(|e| e == "jsonl") {
        return; // Offsets index each record's decoded `text` field, checked in the crate's unit tests.
    }
    let html = input.extension().is_some_and(|e| e == "html");
    let mut at = 0;
    for word in doc.text.split_whitespace() {
        let start = at + doc.text[at..].find(word).unwrap();
        at = start + word.len();
        let span = doc.offsets.original_span(Span::new(start, at));
        let slice = original
            .get(span.start..span.end)
            .unwrap_or_else(|| panic!("{}: {span:?} of {word:?}", input.display()));
        let mut slice: String = slice.chars().filter(|c| !c.is_whitespace()).collect();
        if html {
            slice = petrel_ingest::html::decode_entities_plain(&slice).replace('\u{a0}', "");
        }
        assert_eq!(slice, word, "{}: offsets of {word:?}", input.display());
    }
}

#[test]
fn testdata_stories_match_every_field() {
    let cases = inputs(TESTDATA);
    assert!(
        cases.len() >= 5,
        "testdata/stories holds only {} cases",
        cases.len()
    );
    for input in cases {
        let (actual, docs) = render(&input, None);
        check(&input, actual);
        for doc in &docs {
            check_offsets(&input, doc);
        }
    }
}

#[test]
fn examples_match_their_expected_metadata() {
    let stories = inputs(EXAMPLES);
    let with_expectation = stories
        .iter()
        .filter(|p| blessing() || expected_path(p).exists())
        .count();
    assert!(
        with_expectation >= 12,
        "examples/ holds only {with_expectation} stories with expectations"
    );
    for input in stories {
        if !blessing() && !expected_path(&input).exists() {
            continue;
        }
        let (actual, docs) = render(&input, Some(EXAMPLE_FIELDS));
        check(&input, actual);
        for doc in &docs {
            check_offsets(&input, doc);
        }
    }
}
