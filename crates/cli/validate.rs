//! `petrel validate`: code a PETRARCH validation file and score it.

use petrel::validate::{ParseMode, ValidateConfig};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The validation file (PETRARCH XML: <Environment>, <Sentence> records with <EventCoding>).
    xml: PathBuf,
    /// Where the dictionaries named in <Environment> are (default: beside the file), or `builtin`.
    #[arg(
        long,
        value_name = "DIR|builtin",
        long_help = "The folder holding the dictionaries the file's <Environment> names. Default: \
                     beside the file, else ../dictionaries. `builtin` codes with petrel's own \
                     dictionaries instead, to measure how far they alone code the records."
    )]
    dicts: Option<PathBuf>,
    /// A verbs file to use instead of the one <Environment> names.
    #[arg(
        long,
        value_name = "FILE",
        long_help = "A verbs file to use instead of <Verbfile>. The UD \
                                                  unit-test records were parsed for UniversalPetrarch, \
                                                  which reads the CAMEO 2.0 grammar: use \
                                                  PETR.Validate.verbs.2.0.txt with them."
    )]
    verbs: Option<PathBuf>,
    /// Where each record's parse comes from: `given` (its <Parse>) or `own` (petrel's parser on <Text>).
    #[arg(
        long,
        value_name = "MODE",
        long_help = "given: the record's <Parse> (CoNLL-U, UD v1 or v2). \
                                                  own: petrel's tokenizer, tagger and parser on <Text>. \
                                                  Default: given when the first record has a CoNLL-U \
                                                  <Parse>, else own."
    )]
    parse: Option<String>,
    /// Print one JSON object (records, passed, failed, per_category, results) instead of text.
    #[arg(long)]
    json: bool,
    /// Who decides the event types: `rules` (the default here: the dictionaries' verb patterns,
    /// as PETRARCH), `learned` (petrel's event recogniser, the default of `petrel code`) or a
    /// recogniser model file.
    #[arg(long, value_name = "rules|learned|FILE", default_value = "rules")]
    coder: String,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let parse = match args.parse.as_deref() {
        Some("given") => ParseMode::Given,
        Some("own") => ParseMode::Own,
        Some(other) => anyhow::bail!("--parse {other}: expected `given` or `own`"),
        None => {
            // Unreadable: left to `validate::run`, whose error names the file.
            let text = std::fs::read_to_string(&args.xml).unwrap_or_default();
            // Only CoNLL-U parses can be given; Penn Treebank brackets are parsed afresh.
            let first_parse = text
                .split_once("<Parse>")
                .map(|(_, rest)| rest.trim_start());
            if first_parse.is_some_and(|p| p.starts_with(|c: char| c.is_ascii_digit())) {
                ParseMode::Given
            } else {
                ParseMode::Own
            }
        }
    };
    let config = ValidateConfig {
        xml: args.xml.clone(),
        dicts: args.dicts,
        verbs: args.verbs,
        parse,
        recogniser: crate::code::recogniser(&args.coder)?,
    };
    // Every error of `run` names the file it is about.
    let report = petrel::validate::run(&config)?;
    for w in &report.warnings {
        eprintln!("petrel: warning: {w}");
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let triples = |events: &[petrel::code::validate::ExpectedEvent]| -> Vec<[String; 3]> {
        events
            .iter()
            .map(|e| [e.source.clone(), e.target.clone(), e.code.clone()])
            .collect()
    };
    if args.json {
        let per_category: serde_json::Map<String, serde_json::Value> = report
            .per_category
            .iter()
            .map(|(name, c)| {
                (name.clone(), serde_json::json!({"records": c.records, "passed": c.passed, "right": c.right, "missing": c.missing, "extra": c.extra}))
            })
            .collect();
        let results: Vec<serde_json::Value> = report
            .results
            .iter()
            .map(|r| {
                serde_json::json!({
                    "id": r.id,
                    "category": r.category,
                    "passed": r.passed,
                    "expected": triples(&r.expected),
                    "produced": triples(&r.produced),
                    "error": r.error,
                })
            })
            .collect();
        let json = serde_json::json!({
            "records": report.records,
            "passed": report.passed,
            "failed": report.failed,
            "pass_rate": (report.pass_rate() * 10000.0).round() / 100.0,
            "per_category": per_category,
            "results": results,
        });
        writeln!(out, "{json}")?;
    } else {
        for r in report.results.iter().filter(|r| !r.passed) {
            let show =
                |t: Vec<[String; 3]>| t.iter().map(|e| e.join(" ")).collect::<Vec<_>>().join(", ");
            writeln!(
                out,
                "FAIL {} [{}]: expected [{}] produced [{}]{}",
                r.id,
                r.category,
                show(triples(&r.expected)),
                show(triples(&r.produced)),
                r.error
                    .as_deref()
                    .map(|e| format!(" ({e})"))
                    .unwrap_or_default()
            )?;
        }
        writeln!(out)?;
        writeln!(
            out,
            "{:<12} {:>7} {:>6} {:>6} {:>7} {:>6}",
            "category", "records", "passed", "right", "missing", "extra"
        )?;
        for (name, c) in &report.per_category {
            writeln!(
                out,
                "{name:<12} {:>7} {:>6} {:>6} {:>7} {:>6}",
                c.records, c.passed, c.right, c.missing, c.extra
            )?;
        }
        writeln!(out, "{} passed, {} failed", report.passed, report.failed)?;
    }
    Ok(ExitCode::SUCCESS)
}
