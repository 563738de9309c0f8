//! The PETRARCH validation records, coded with their given parses, as accuracy floors.
//!
//! Floors are what petrel reaches today, rounded down a little, so a regression turns CI red;
//! raise them as the coder improves. Misses are printed per category for whoever breaks them.

use petrel::validate::{run, ParseMode, ValidateConfig};
use std::path::PathBuf;

#[path = "../../../tests/support/mod.rs"]
mod support;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/petrarch");

fn check(xml: &str, verbs: Option<&str>, parse: ParseMode, floor: f64) {
    let dicts = PathBuf::from(format!("{DATA}/dictionaries"));
    check_with(xml, verbs.map(|v| dicts.join(v)), dicts, parse, floor);
}

fn check_with(xml: &str, verbs: Option<PathBuf>, dicts: PathBuf, parse: ParseMode, floor: f64) {
    let Some(xml_path) = support::shared(&format!("data/petrarch/validation/{xml}")) else {
        return;
    };
    let config = ValidateConfig {
        xml: xml_path,
        verbs,
        dicts: Some(dicts),
        parse,
        recogniser: None,
    };
    let report = match run(&config) {
        Ok(report) => report,
        Err(e) => panic!("{xml}: {e}"),
    };
    for result in report.results.iter().filter(|r| !r.passed) {
        let show = |events: &[petrel::code::validate::ExpectedEvent]| {
            events
                .iter()
                .map(|e| format!("{} {} {}", e.source, e.target, e.code))
                .collect::<Vec<_>>()
                .join(", ")
        };
        println!(
            "miss {} [{}]: expected [{}] produced [{}] {}",
            result.id,
            result.category,
            show(&result.expected),
            show(&result.produced),
            result.error.as_deref().unwrap_or("")
        );
    }
    for (category, score) in &report.per_category {
        println!(
            "{category}: {}/{} passed, right {} missing {} extra {}",
            score.passed, score.records, score.right, score.missing, score.extra
        );
    }
    println!("{xml}: {} passed, {} failed", report.passed, report.failed);
    let rate = report.pass_rate();
    assert!(
        rate >= floor,
        "{xml}: pass rate {:.1}% fell below the floor {:.1}%",
        100.0 * rate,
        100.0 * floor
    );
}

/// The unit-test records use the CAMEO 2.0 version of the validation verbs: their UD parses were
/// made for UniversalPetrarch, which reads that grammar (the `<Verbfile>` they name is TABARI's).
#[test]
fn unit_test_records_with_given_parses() {
    check(
        "PETR.UnitTest.records.ud.xml",
        Some("PETR.Validate.verbs.2.0.txt"),
        ParseMode::Given,
        0.85,
    );
}

#[test]
fn gsr_records_with_given_parses_and_phoenix_dictionaries() {
    check("PETR2_GSR_validation.ud.xml", None, ParseMode::Given, 0.80);
}

/// The same records coded from their `<Text>` with petrel's own tokenizer, tagger and parser.
#[test]
fn unit_test_records_with_own_parses() {
    check(
        "PETR.UnitTest.records.ud.xml",
        Some("PETR.Validate.verbs.2.0.txt"),
        ParseMode::Own,
        0.78,
    );
}

#[test]
fn gsr_records_with_own_parses() {
    check("PETR2_GSR_validation.ud.xml", None, ParseMode::Own, 0.71);
}

/// The Penn Treebank version of the unit tests: petrel does not read PTB trees, so it codes the
/// text with its own parser and the TABARI-grammar verbs file the records name.
#[test]
fn ptb_unit_test_records_coded_from_text() {
    check("PETR.UnitTest.records.ptb.xml", None, ParseMode::Own, 0.71);
}

/// The GSR records coded with petrel's own built-in dictionaries instead of Phoenix's (issue 4's
/// acceptance figure: 60 %, 47 of 78). 48 passed with the parser trained on EWT alone; with the
/// EWT + GUM parser of issue 15, 44 (56.4 %): rules were fit to the old parser's mistakes on these
/// sentences, and issue 15 lowers the floor to what the new model measures rather than re-tune them.
#[test]
fn gsr_records_with_own_parses_and_builtin_dictionaries() {
    let builtin = PathBuf::from(petrel::validate::BUILTIN);
    check_with(
        "PETR2_GSR_validation.ud.xml",
        None,
        builtin,
        ParseMode::Own,
        0.55,
    );
}
