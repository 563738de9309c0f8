//! Loads the real PETRARCH dictionaries from `../shared` (absent, the tests say they checked nothing, and fail where CI or PETREL_REQUIRE_SHARED is set) and pins
//! their entry counts, their known diagnostics, and a few lookups.

use petrel_core::Date;
use petrel_dict::{load_petrarch, DiagnosticKind, Dictionaries, Grammar, PetrarchPaths, VerbCode};
use std::collections::BTreeMap;
use std::path::PathBuf;

#[path = "../../../tests/support/mod.rs"]
mod support;

fn dictionary_dir() -> Option<PathBuf> {
    support::shared("data/petrarch/dictionaries/CAMEO.2.0.txt")
        .and_then(|verbs| verbs.parent().map(PathBuf::from))
}

/// Diagnostics counted per (file name, kind).
fn counts(diagnostics: &[petrel_dict::Diagnostic]) -> BTreeMap<(String, DiagnosticKind), usize> {
    let mut counts = BTreeMap::new();
    for d in diagnostics {
        let file = d.file.rsplit('/').next().unwrap_or("").to_string();
        *counts.entry((file, d.kind)).or_default() += 1;
    }
    counts
}

fn known(entries: &[(&str, DiagnosticKind, usize)]) -> BTreeMap<(String, DiagnosticKind), usize> {
    entries
        .iter()
        .map(|(f, k, n)| ((f.to_string(), *k), *n))
        .collect()
}

fn words(dictionaries: &Dictionaries, text: &str) -> Vec<Option<petrel_dict::Word>> {
    text.split(' ')
        .map(|w| dictionaries.vocabulary.get(w))
        .collect()
}

#[test]
fn phoenix_set_loads_with_known_diagnostics() {
    let Some(dir) = dictionary_dir() else {
        return;
    };
    let (dictionaries, diagnostics) = load_petrarch(&PetrarchPaths::phoenix(&dir)).unwrap();
    let verbs = &dictionaries.verbs;
    assert_eq!(verbs.grammar(), Grammar::Petrarch2);
    assert_eq!(
        (
            verbs.synsets().len(),
            verbs.blocks().len(),
            verbs.verbs().len(),
            verbs.pattern_count(),
            verbs.transformations().len()
        ),
        (40, 397, 1817, 4666, 8)
    );
    assert_eq!(
        (
            dictionaries.actors.len(),
            dictionaries.actors.phrase_count()
        ),
        (27252, 34366)
    );
    assert_eq!(
        (
            dictionaries.agents.len(),
            dictionaries.agents.phrase_count()
        ),
        (2244, 5184)
    );
    assert_eq!(dictionaries.discards.len(), 505);
    assert_eq!(
        (dictionaries.issues.len(), dictionaries.issues.form_count()),
        (3157, 4433)
    );
    // Every one of these is a real defect of the file (undefined synsets, impossible dates,
    // phrases defined twice with different codes, issue lines without a code); see the report.
    use DiagnosticKind::*;
    let expected = known(&[
        ("CAMEO.2.0.txt", UnknownSynset, 2),
        ("Phoenix.Countries.actors.txt", BadDate, 6),
        ("Phoenix.Countries.actors.txt", OddDate, 2),
        ("Phoenix.Countries.actors.txt", Duplicate, 31),
        ("Phoenix.International.actors.txt", BadDate, 1),
        ("Phoenix.International.actors.txt", Duplicate, 13),
        ("Phoenix.MilNonState.actors.txt", Duplicate, 19),
        ("Phoenix.agents.txt", Duplicate, 4),
        ("Phoenix.agents.txt", MissingCode, 1),
        ("Phoenix.discards.txt", Duplicate, 1),
        ("Phoenix.IssueCoding.txt", Duplicate, 25),
        ("Phoenix.IssueCoding.txt", MissingCode, 13),
        ("Phoenix.IssueCoding.txt", Syntax, 4),
    ]);
    assert_eq!(counts(&diagnostics), expected);

    let (length, usa) = dictionaries
        .actors
        .longest_match(words(&dictionaries, "United States officials"))
        .unwrap();
    assert_eq!(length, 2);
    let on = |d: &str| Date::from_dictionary(d).unwrap();
    assert_eq!(usa.code_on(on("20100101")).unwrap().as_str(), "USA");
    let (_, abe) = dictionaries
        .actors
        .longest_match(words(&dictionaries, "Shinzo Abe"))
        .unwrap();
    assert_eq!(abe.code_on(on("20070101")).unwrap().as_str(), "JPNGOV");
    assert_eq!(abe.code_on(on("19800101")).unwrap().as_str(), "JPNELI");
    let (_, minister) = dictionaries
        .agents
        .longest_match(words(&dictionaries, "foreign ministers"))
        .unwrap();
    assert_eq!(
        minister.apply("JPN".parse().unwrap()).unwrap().as_str(),
        "JPNGOV"
    );
    let agree = dictionaries.vocabulary.get("agreed").unwrap();
    let form = &verbs.forms(agree)[0];
    let verb = verbs.verb(form.verb).unwrap();
    assert_eq!(verb.code, VerbCode::Event("050".parse().unwrap()));
    assert!(verbs.patterns(form.verb).len() > 5);
    assert!(dictionaries
        .discards
        .find("at the Academy Awards")
        .is_some());
    let issues = dictionaries
        .issues
        .code_text("a new nuclear reactor opened");
    assert_eq!(
        issues.first().map(|(c, n)| (&**c, *n)),
        Some(("NUCLEAR_ENERGY", 1))
    );
}

#[test]
fn validation_sets_load_in_both_grammars() {
    let Some(dir) = dictionary_dir() else {
        return;
    };
    use DiagnosticKind::*;
    let (tabari, diagnostics) =
        load_petrarch(&PetrarchPaths::validate(&dir, "PETR.Validate.verbs.txt")).unwrap();
    assert_eq!(tabari.verbs.grammar(), Grammar::Tabari);
    assert_eq!(
        (tabari.verbs.blocks().len(), tabari.verbs.pattern_count()),
        (261, 471)
    );
    assert_eq!((tabari.actors.len(), tabari.agents.len()), (129, 88));
    // [def], [abc] and [+++]-style test junk the suite plants on purpose, and one actor repeated.
    assert_eq!(
        counts(&diagnostics),
        known(&[
            ("PETR.Validate.verbs.txt", BadCode, 3),
            ("PETR.Validate.actors.txt", Duplicate, 1),
        ])
    );
    let (_, shire) = tabari
        .actors
        .longest_match(words(&tabari, "THE SHIRE"))
        .unwrap();
    assert_eq!(
        shire.default.unwrap().code().unwrap().as_str(),
        "FRO/BIL/SAM"
    );

    let (petrarch2, diagnostics) = load_petrarch(&PetrarchPaths::validate(
        &dir,
        "PETR.Validate.verbs.2.0.txt",
    ))
    .unwrap();
    assert_eq!(petrarch2.verbs.grammar(), Grammar::Petrarch2);
    assert_eq!(
        (
            petrarch2.verbs.blocks().len(),
            petrarch2.verbs.pattern_count()
        ),
        (69, 450)
    );
    assert_eq!(
        counts(&diagnostics),
        known(&[
            ("PETR.Validate.verbs.2.0.txt", BadCode, 1),
            ("PETR.Validate.verbs.2.0.txt", Duplicate, 1),
            ("PETR.Validate.verbs.2.0.txt", UnknownSynset, 1),
            ("PETR.Validate.actors.txt", Duplicate, 1),
        ])
    );
}
