//! Repository hygiene checks that a linter does not make: every Rust module opens with a `//!`
//! line, and every path that docs/ARCHITECTURE.md names exists.

use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            if name != "target" && name != "testdata" {
                rust_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_module_has_a_doc_line() {
    let mut files = Vec::new();
    rust_files(&root().join("crates"), &mut files);
    rust_files(&root().join("tests"), &mut files);
    assert!(files.len() > 10);
    let missing: Vec<String> = files
        .iter()
        .filter(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            let first = text
                .lines()
                .find(|l| !l.trim().is_empty() && !l.starts_with("#!"))
                .unwrap_or("");
            !first.starts_with("//!")
        })
        .map(|p| p.strip_prefix(root()).unwrap_or(p).display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "modules without a `//!` doc line: {missing:?}"
    );
}

#[test]
fn architecture_names_only_paths_that_exist() {
    let text = std::fs::read_to_string(root().join("docs/ARCHITECTURE.md")).unwrap();
    let mut checked = 0;
    let mut missing = Vec::new();
    for (i, piece) in text.split('`').enumerate() {
        // Odd pieces are inside backticks; paths are those with a slash and no spaces.
        let looks_like_path = i % 2 == 1
            && piece.contains('/')
            && !piece.contains(' ')
            && !piece.contains("::")
            && (piece.starts_with("crates/")
                || piece.starts_with("models/")
                || piece.starts_with("docs/")
                || piece.starts_with("examples/")
                || piece.starts_with("tests/")
                || piece.starts_with("dictionaries/")
                || piece.ends_with(".rs")
                || piece.ends_with('/'));
        if looks_like_path {
            checked += 1;
            let candidates = [
                root().join(piece),
                root().join("crates/nlp/src").join(piece),
                root().join("crates/dict/src").join(piece),
                root().join("crates/code/src").join(piece),
            ];
            if !candidates.iter().any(|p| p.exists()) {
                missing.push(piece.to_string());
            }
        }
    }
    assert!(
        checked > 5,
        "the check found too few paths to be meaningful"
    );
    assert!(
        missing.is_empty(),
        "docs/ARCHITECTURE.md names paths that do not exist: {missing:?}"
    );
}
