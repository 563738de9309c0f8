//! The actor cases (`testdata/actor-cases.tsv`), each phrase parsed by petrel's built-in model and
//! resolved by the coder with the built-in dictionaries, exactly as `petrel actor` does.

use petrel::actor::resolve_actor;
use petrel::code::{Coder, CoderOptions};
use petrel::core::Date;
use petrel::nlp::model::Model;

/// The share of cases that must pass, in percent.
const FLOOR_PERCENT: usize = 95;

#[test]
fn actor_cases_resolve_through_the_coder() {
    let (dictionaries, _) = petrel::dict::native::builtin();
    let coder = Coder::new(dictionaries, CoderOptions::default());
    let model = Model::builtin().expect("the built-in model is embedded in the binary");
    let cases = include_str!("../testdata/actor-cases.tsv");
    let mut total = 0;
    let mut misses = Vec::new();
    for (number, line) in cases.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [phrase, date, expected] = fields.as_slice() else {
            panic!(
                "actor-cases.tsv:{}: expected phrase<TAB>date<TAB>code",
                number + 1
            );
        };
        let date: Date = date
            .parse()
            .unwrap_or_else(|e| panic!("actor-cases.tsv:{}: {e}", number + 1));
        total += 1;
        let report = resolve_actor(&coder, &model, phrase, date)
            .unwrap_or_else(|e| panic!("actor-cases.tsv:{}: {e}", number + 1));
        if report.code.as_deref() != Some(*expected) {
            misses.push(format!(
                "actor-cases.tsv:{}: {phrase} @{date}: expected {expected}, got {}",
                number + 1,
                report.code.as_deref().unwrap_or("nothing")
            ));
        }
    }
    let passed = total - misses.len();
    println!(
        "actor cases: {passed}/{total} pass ({:.1} %)",
        passed as f64 * 100.0 / total.max(1) as f64
    );
    for miss in &misses {
        println!("MISS {miss}");
    }
    assert!(total >= 400, "only {total} actor cases");
    assert!(
        passed * 100 >= total * FLOOR_PERCENT,
        "{passed}/{total} pass, below {FLOOR_PERCENT} %"
    );
}
