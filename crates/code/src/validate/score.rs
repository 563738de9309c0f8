//! Scoring coded records against their expected events: per record, per category, overall.

use super::xml::{ExpectedEvent, Record, ValidationFile};
use petrel_core::Event;
use std::collections::{BTreeMap, BTreeSet};

/// How one record fared.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordResult {
    pub id: String,
    pub category: String,
    /// True when the set of produced (source, target, code) equals the expected set.
    pub passed: bool,
    pub expected: Vec<ExpectedEvent>,
    pub produced: Vec<ExpectedEvent>,
    /// Why the record could not be coded at all (a broken parse), when that happened.
    pub error: Option<String>,
}

/// Counts for one category (the record's `category`/`source` attribute, e.g. `DEMO`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CategoryScore {
    pub records: usize,
    pub passed: usize,
    /// Expected events that were produced.
    pub right: usize,
    /// Expected events that were not produced.
    pub missing: usize,
    /// Produced events that were not expected.
    pub extra: usize,
}

/// The outcome of a validation run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValidationReport {
    pub records: usize,
    pub passed: usize,
    pub failed: usize,
    pub per_category: BTreeMap<String, CategoryScore>,
    pub results: Vec<RecordResult>,
    /// What the caller should know about how the run was set up (a verbs file of the wrong
    /// grammar, for example), for the CLI to print.
    pub warnings: Vec<String>,
}

impl ValidationReport {
    /// The share of records that passed, 0.0 when there were none.
    pub fn pass_rate(&self) -> f64 {
        if self.records == 0 {
            0.0
        } else {
            self.passed as f64 / self.records as f64
        }
    }

    /// Adds one record's outcome to the totals.
    pub fn add(&mut self, result: RecordResult) {
        let expected: BTreeSet<&ExpectedEvent> = result.expected.iter().collect();
        let produced: BTreeSet<&ExpectedEvent> = result.produced.iter().collect();
        let score = self
            .per_category
            .entry(result.category.clone())
            .or_default();
        score.records += 1;
        score.right += expected.intersection(&produced).count();
        score.missing += expected.difference(&produced).count();
        score.extra += produced.difference(&expected).count();
        self.records += 1;
        if result.passed {
            score.passed += 1;
            self.passed += 1;
        } else {
            self.failed += 1;
        }
        self.results.push(result);
    }
}

/// The (source, target, code) triple of an event as the validation files write it: the null
/// target is `---`.
pub fn triple(event: &Event) -> ExpectedEvent {
    ExpectedEvent {
        source: event.source.petrarch_code(),
        target: event
            .target
            .as_ref()
            .map_or_else(|| "---".to_string(), |t| t.petrarch_code()),
        code: event.cameo.to_string(),
    }
}

/// Scores one record given the triples the coder produced (or why it could not code it).
pub fn score_record(record: &Record, produced: Result<Vec<ExpectedEvent>, String>) -> RecordResult {
    let (produced, error) = match produced {
        Ok(p) => (p, None),
        Err(e) => (Vec::new(), Some(e)),
    };
    let expected_set: BTreeSet<&ExpectedEvent> = record.expected.iter().collect();
    let produced_set: BTreeSet<&ExpectedEvent> = produced.iter().collect();
    RecordResult {
        id: record.id.clone(),
        category: record.category.clone(),
        passed: error.is_none() && expected_set == produced_set,
        expected: record.expected.clone(),
        produced: produced_set.into_iter().cloned().collect(),
        error,
    }
}

/// Codes every record of `file` with `code` and scores the results.
pub fn score_file(
    file: &ValidationFile,
    mut code: impl FnMut(&Record) -> Result<Vec<ExpectedEvent>, String>,
) -> ValidationReport {
    let mut report = ValidationReport::default();
    for record in &file.records {
        report.add(score_record(record, code(record)));
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(s: &str, t: &str, c: &str) -> ExpectedEvent {
        ExpectedEvent {
            source: s.into(),
            target: t.into(),
            code: c.into(),
        }
    }

    fn record(id: &str, expected: Vec<ExpectedEvent>) -> Record {
        Record {
            id: id.into(),
            category: id.split('_').next().unwrap_or("").into(),
            expected,
            ..Record::default()
        }
    }

    #[test]
    fn passes_on_equal_sets_regardless_of_order_and_duplicates() {
        let r = record("DEMO_1", vec![ev("A", "B", "040"), ev("B", "A", "040")]);
        let result = score_record(
            &r,
            Ok(vec![
                ev("B", "A", "040"),
                ev("A", "B", "040"),
                ev("A", "B", "040"),
            ]),
        );
        assert!(result.passed);
        assert_eq!(result.produced.len(), 2);
    }

    #[test]
    fn counts_right_missing_extra_per_category() {
        let file = ValidationFile {
            records: vec![
                record("DEMO_1", vec![ev("A", "B", "040")]),
                record("DEMO_2", vec![ev("A", "B", "040"), ev("C", "B", "040")]),
                record("VERB_1", vec![]),
            ],
            ..ValidationFile::default()
        };
        let report = score_file(&file, |r| match r.id.as_str() {
            "DEMO_1" => Ok(vec![ev("A", "B", "040")]),
            "DEMO_2" => Ok(vec![ev("A", "B", "040"), ev("A", "B", "190")]),
            _ => Err("broken parse".into()),
        });
        assert_eq!((report.records, report.passed, report.failed), (3, 1, 2));
        let demo = report.per_category.get("DEMO").cloned().unwrap_or_default();
        assert_eq!(
            (
                demo.records,
                demo.passed,
                demo.right,
                demo.missing,
                demo.extra
            ),
            (2, 1, 2, 1, 1)
        );
        // A record that expects nothing still fails when it could not be coded.
        let verb = report.per_category.get("VERB").cloned().unwrap_or_default();
        assert_eq!(verb.passed, 0);
        assert!((report.pass_rate() - 1.0 / 3.0).abs() < 1e-9);
    }
}
