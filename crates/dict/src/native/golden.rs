//! Golden tests of the TOML reader: `testdata/native/err/<case>.toml` must give the diagnostics in
//! `<case>.expected` (load, then `check`), and `testdata/native/ok/<case>.toml` must load cleanly
//! and export the PETRARCH text in `<case>.expected`. `PETREL_BLESS=1` rewrites the expectations.

use super::{check, compile, export_petrarch, read_files};
use std::path::{Path, PathBuf};

fn cases(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/native")
        .join(kind);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no cases in {}", dir.display());
    paths
}

fn compare(actual: &str, expected: &Path) {
    if std::env::var_os("PETREL_BLESS").is_some() {
        std::fs::write(expected, actual).unwrap_or_else(|e| panic!("{}: {e}", expected.display()));
        return;
    }
    let want = std::fs::read_to_string(expected).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run with PETREL_BLESS=1 to create it",
            expected.display()
        )
    });
    assert_eq!(
        want,
        actual,
        "{}: output differs; run with PETREL_BLESS=1 to accept",
        expected.display()
    );
}

fn read(path: &Path) -> (String, String) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (name, text)
}

#[test]
fn err_cases_give_their_diagnostics() {
    for path in cases("err") {
        let (set, mut diagnostics) = read_files(&[read(&path)]);
        let (_, found) = compile(&set);
        diagnostics.extend(found);
        diagnostics.extend(check(&set));
        let actual: String = diagnostics.iter().map(|d| format!("{d}\n")).collect();
        compare(&actual, &path.with_extension("expected"));
    }
}

#[test]
fn ok_cases_load_cleanly_and_export() {
    for path in cases("ok") {
        let (set, mut diagnostics) = read_files(&[read(&path)]);
        let (_, found) = compile(&set);
        diagnostics.extend(found);
        diagnostics.extend(check(&set));
        assert!(
            diagnostics.is_empty(),
            "{}: {diagnostics:#?}",
            path.display()
        );
        let export = export_petrarch(&set);
        let actual = format!(
            "## actors\n{}## agents\n{}## verbs\n{}## discards\n{}## issues\n{}",
            export.actors, export.agents, export.verbs, export.discards, export.issues
        );
        compare(&actual, &path.with_extension("expected"));
    }
}

#[test]
fn load_reads_a_directory_with_provenance() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/native/ok");
    let (dictionaries, diagnostics) = super::load(&dir).unwrap();
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    let words = ["Avalonian"].map(|w| dictionaries.vocabulary.get(w));
    let (_, actor) = dictionaries.actors.longest_match(words).unwrap();
    assert!(
        actor.source.file.ends_with("avalon.toml"),
        "{}",
        actor.source
    );
    assert_eq!(actor.source.line, 3);
}

#[test]
fn missing_directory_is_a_read_error() {
    let error = super::load(Path::new("/nonexistent/petrel/dictionaries")).unwrap_err();
    assert!(matches!(error, crate::DictError::Read { .. }), "{error}");
}
