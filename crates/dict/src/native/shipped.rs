//! Tests of the dictionaries we ship: they load without a diagnostic, `check` is clean, the
//! counts reach their floors, and the actor cases resolve.

use super::{builtin, builtin_set, check, stats};
use crate::Dictionaries;
use petrel_core::{ActorCode, Date};

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

/// Resolves a phrase as the simplest coder would: the longest actor phrase at the start, then an
/// agent phrase after it (or an agent alone, whose code follows the actor's).
fn resolve(dictionaries: &Dictionaries, phrase: &str, date: Date) -> Option<ActorCode> {
    let words: Vec<Option<crate::Word>> = phrase
        .split_whitespace()
        .map(|w| dictionaries.vocabulary.get(w))
        .collect();
    let mut at = 0;
    let mut code: Option<ActorCode> = None;
    while at < words.len() {
        let rest = words.get(at..).unwrap_or(&[]);
        if let Some((len, actor)) = dictionaries.actors.longest_match(rest.iter().copied()) {
            if code.is_none() {
                code = actor.code_on(date);
            }
            at += len;
        } else if let Some((len, agent)) = dictionaries.agents.longest_match(rest.iter().copied()) {
            code = match code {
                Some(actor) => agent.apply(actor).or(Some(actor)),
                None => agent.apply(ActorCode::null()),
            };
            at += len;
        } else {
            at += 1;
        }
    }
    code
}

#[test]
fn actor_cases_resolve() {
    let (dictionaries, _) = builtin();
    let cases = include_str!("../../testdata/actor-cases.tsv");
    let mut total = 0;
    let mut misses = Vec::new();
    for line in cases
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let mut fields = line.split('\t');
        let (Some(phrase), Some(date), Some(expected)) =
            (fields.next(), fields.next(), fields.next())
        else {
            panic!("actor case {line:?} is not phrase<TAB>date<TAB>code");
        };
        let date = super::model::parse_date(date).unwrap_or(Date::MAX);
        total += 1;
        let got = resolve(&dictionaries, phrase, date).map(|c| c.to_string());
        if got.as_deref() != Some(expected) {
            misses.push(format!(
                "{phrase} @{date:?}: expected {expected}, got {got:?}"
            ));
        }
    }
    let passed = total - misses.len();
    println!("actor cases: {passed}/{total} pass");
    assert!(total >= 400, "only {total} actor cases");
    assert!(
        passed * 100 >= total * 95,
        "{passed}/{total} pass; misses: {misses:#?}"
    );
}
