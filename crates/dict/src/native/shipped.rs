//! Tests of the dictionaries we ship: they load without a diagnostic, `check` is clean, and the
//! counts reach their floors. The actor cases run through the coder in the facade
//! (`crates/petrel/tests/actor_cases.rs`).

use super::{builtin, builtin_set, check, stats};

#[test]
fn shipped_dictionaries_load_without_diagnostics() {
    let (_, diagnostics) = builtin();
    let shown: Vec<String> = diagnostics
        .iter()
        .take(400)
        .map(|d| d.to_string())
        .collect();
    assert!(
        diagnostics.is_empty(),
        "{} diagnostics: {shown:#?}",
        diagnostics.len()
    );
}

#[test]
fn shipped_dictionaries_pass_check() {
    let (set, _) = builtin_set();
    let found = check(&set);
    let shown: Vec<String> = found.iter().take(400).map(|d| d.to_string()).collect();
    assert!(found.is_empty(), "{} findings: {shown:#?}", found.len());
}

#[test]
fn shipped_counts_reach_their_floors() {
    let (set, _) = builtin_set();
    let stats = stats(&set);
    let organizations = |kind: &str| stats.organizations.get(kind).copied().unwrap_or(0);
    assert!(stats.countries >= 250, "{stats}");
    assert!(stats.places >= 1500, "{stats}");
    assert!(
        organizations("igo") + organizations("ngo") >= 300,
        "{stats}"
    );
    assert!(organizations("armed-group") >= 200, "{stats}");
    assert!(organizations("party") >= 300, "{stats}");
    assert!(stats.people >= 4000, "{stats}");
    assert!(stats.agents >= 800, "{stats}");
    assert!(stats.patterns >= 3000, "{stats}");
    assert!(stats.cameo_codes >= 250, "{stats}");
    assert_eq!(stats.roots, 20, "{stats}");
}
