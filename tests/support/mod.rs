//! Finding the team's shared data (`../shared` beside the repository) from any test.
//!
//! Tests that read the treebank or the PETRARCH files call [`shared`]. When the data is missing
//! the test cannot check anything: on a developer's machine it says so and returns `None` (the
//! caller returns early), but where `CI` or `PETREL_REQUIRE_SHARED` is set (`.ci/run` sets the
//! latter) a missing file fails the test, so a broken CI setup cannot pass silently.
//!
//! Crates outside the root package include this file with
//! `#[path = "…/tests/support/mod.rs"] mod support;`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// `../shared/<path>` relative to the workspace root, if it exists; see the module doc for what
/// happens when it does not.
pub fn shared(path: &str) -> Option<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The workspace root is the nearest folder with the lock file; crates sit below it.
    let root = manifest
        .ancestors()
        .find(|dir| dir.join("Cargo.lock").is_file() && dir.join("crates").is_dir())
        .unwrap_or(manifest);
    let full = root.join("../shared").join(path);
    if full.exists() {
        return Some(full);
    }
    let required = ["CI", "PETREL_REQUIRE_SHARED"].iter().any(|var| {
        std::env::var_os(var).is_some_and(|v| !v.is_empty() && v != "0" && v != "false")
    });
    assert!(
        !required,
        "{} is missing, and CI or PETREL_REQUIRE_SHARED is set: put the team's shared data beside \
         the repository (../shared) or unset the variable to skip this test",
        full.display()
    );
    eprintln!(
        "SKIPPED: {} is missing, so this test checks nothing here (CI sets PETREL_REQUIRE_SHARED=1 \
         to make that a failure)",
        full.display()
    );
    None
}
