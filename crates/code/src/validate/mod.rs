//! The PETRARCH validation harness: read validation records, code them, score the results.
//!
//! Reading a record's `<Parse>` into a [`petrel_core::Sentence`] is the caller's job (the facade
//! crate `petrel`, which knows CoNLL-U and has a parser), because the coder does not depend on the
//! NLP stage: [`run`] takes that step as a function.

pub mod score;
pub mod xml;

pub use score::{score_file, score_record, triple, CategoryScore, RecordResult, ValidationReport};
pub use xml::{read_str, Environment, ExpectedEvent, Record, ValidationFile, XmlError};

use crate::{Coder, CoderOptions};
use petrel_core::{Date, Sentence};

/// Codes every record of `file` with `coder`, getting each record's sentence from `parse` (which
/// sees the coder, to tag the names its dictionaries know), and scores the results. Each
/// record's `<Config>` options (`require_dyad`) apply to it alone.
pub fn run(
    file: &ValidationFile,
    coder: &mut Coder,
    mut parse: impl FnMut(&Coder, &Record) -> Result<Sentence, String>,
) -> ValidationReport {
    let defaults = coder.options.clone();
    let report = score_file(file, |record| {
        let sentence = parse(coder, record)?;
        let date: Date = record
            .date
            .parse()
            .map_err(|e| format!("record {}: {e}", record.id))?;
        coder.options = CoderOptions {
            require_dyad: record
                .option_flag("require_dyad")
                .unwrap_or(defaults.require_dyad),
        };
        let events = coder.code_sentence(&sentence, 0, date);
        Ok(events.iter().map(triple).collect())
    });
    coder.options = defaults;
    report
}
