//! `petrel code`: news in, events out.

use anyhow::Context;
use petrel::core::Date;
use petrel::corpus::{Outcome, Summary};
use petrel::output::tabular;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// Stories: text, HTML or JSONL files, `.gz`, folders; `-` or nothing reads stdin.
    #[arg(
        long_help = "Stories to code: plain text (one story a file), HTML pages, JSONL (one story a \
                       line: id, text, optional title, date, url, source, language), .gz of any of \
                       these, or folders (recursive, sorted). `-` or nothing reads standard input."
    )]
    inputs: Vec<PathBuf>,
    /// Output layout: jsonl, csv, tsv or table.
    #[arg(
        long,
        value_name = "FORMAT",
        long_help = "jsonl: one event a line, the fields of \
                                                    docs/event-format.md. csv, tsv: flat columns with a \
                                                    header. table: a readable summary. Default: table on \
                                                    a terminal, jsonl when piped."
    )]
    format: Option<String>,
    /// With csv or tsv: `petrel` (default) or `phoenix`, the Phoenix/PETRARCH column order.
    #[arg(long, value_name = "LAYOUT", default_value = "petrel")]
    layout: String,
    /// The date of stories that carry none (YYYY-MM-DD).
    #[arg(
        long,
        value_name = "DATE",
        long_help = "The date to code stories that carry no date of their \
                                                  own (YYYY-MM-DD). Without it such stories are skipped \
                                                  with a message, because who holds which office depends \
                                                  on the date."
    )]
    date: Option<String>,
    #[command(flatten)]
    coding: CodingArgs,
    /// Code only shard I of N (documents i, i+N, ...), to split a corpus across machines.
    #[arg(long, value_name = "I/N")]
    shard: Option<String>,
    /// Exit with an error if any input was skipped.
    #[arg(long)]
    strict: bool,
    /// Worker threads (default: all cores; 1 codes without a pool).
    #[arg(
        long,
        value_name = "N",
        long_help = "How many documents to code at once, one per thread. Default: all cores. \
                       1 codes on the main thread without a pool. The output is the same, in input \
                       order, whatever N is."
    )]
    threads: Option<usize>,
    /// No progress line on stderr (it is shown only on a terminal anyway).
    #[arg(
        long,
        long_help = "Do not draw the progress line. It is drawn only when stderr is a terminal; \
                       warnings, skips and the closing summary are printed either way."
    )]
    quiet: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Jsonl,
    Csv,
    Tsv,
    Table,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let format = match args.format.as_deref() {
        Some("jsonl") => Format::Jsonl,
        Some("csv") => Format::Csv,
        Some("tsv") => Format::Tsv,
        Some("table") => Format::Table,
        Some(other) => anyhow::bail!("--format {other}: expected jsonl, csv, tsv or table"),
        None if std::io::stdout().is_terminal() => Format::Table,
        None => Format::Jsonl,
    };
    let phoenix = match args.layout.as_str() {
        "petrel" => false,
        "phoenix" => true,
        other => anyhow::bail!("--layout {other}: expected petrel or phoenix"),
    };
    if phoenix && matches!(format, Format::Jsonl | Format::Table) {
        anyhow::bail!(
            "--layout phoenix is a csv or tsv column order; pass --format csv or tsv with it"
        );
    }
    let fallback_date = args.date.as_deref().map(parse_date).transpose()?;
    let shard = args.shard.as_deref().map(parse_shard).transpose()?;
    // A path that is not there is a mistake in the command, not a story to skip.
    if let Err(skip) = petrel::ingest::check_named(&args.inputs) {
        return Err(anyhow::Error::new(skip));
    }
    let (pipeline, problems) = pipeline_counting(&args.coding)?;
    if args.strict && problems > 0 {
        anyhow::bail!(
            "--dicts {}: {problems} dictionary problem{} (above); --strict codes only with a clean set",
            args.coding.dicts,
            if problems == 1 { "" } else { "s" }
        );
    }

    let inputs = if args.inputs.is_empty() || args.inputs.iter().any(|p| p.as_os_str() == "-") {
        if args.inputs.len() > 1 {
            anyhow::bail!("`-` (standard input) cannot be mixed with files");
        }
        petrel::ingest::Inputs::stdin()
    } else {
        petrel::ingest::Inputs::open(args.inputs.clone())
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let (columns, row): (Vec<&str>, RowFn) = if phoenix {
        (PHOENIX_COLUMNS.to_vec(), tabular::phoenix_row)
    } else {
        (tabular::COLUMNS.to_vec(), tabular::row)
    };
    let columns: Vec<String> = columns.iter().map(|c| c.to_string()).collect();
    match format {
        Format::Csv => writeln!(out, "{}", tabular::csv_line(&columns))?,
        Format::Tsv => writeln!(out, "{}", tabular::tsv_line(&columns))?,
        Format::Table => writeln!(
            out,
            "{}",
            table_line(["date", "source", "code", "target", "modality", "location", "sentence"])
        )?,
        Format::Jsonl => {}
    }
    let options = petrel::corpus::CorpusOptions {
        threads: args.threads.unwrap_or(0),
        fallback_date,
        shard,
        duplicate_ids: if args.strict {
            petrel::corpus::DuplicateIds::Skip
        } else {
            petrel::corpus::DuplicateIds::Rename
        },
    };
    let size = petrel::ingest::total_bytes(&args.inputs).map(|total| (total, inputs.bytes_read()));
    let mut progress = (!args.quiet && std::io::stderr().is_terminal())
        .then(|| crate::progress::Progress::new(size));
    let sink = |outcome: &Outcome, summary: &Summary| -> std::io::Result<()> {
        let coded = match outcome {
            Outcome::Skipped(skip) => {
                if let Some(p) = progress.as_mut() {
                    p.finish();
                }
                eprintln!("petrel: {}", skip.message);
                return Ok(());
            }
            Outcome::Coded { coded, .. } => coded,
        };
        if !coded.warnings.is_empty() {
            if let Some(p) = progress.as_mut() {
                p.finish();
            }
            for w in &coded.warnings {
                eprintln!("petrel: {w}");
            }
        }
        for r in &coded.records {
            match format {
                Format::Jsonl => writeln!(out, "{}", r.to_json())?,
                Format::Csv => writeln!(out, "{}", tabular::csv_line(&row(r)))?,
                Format::Tsv => writeln!(out, "{}", tabular::tsv_line(&row(r)))?,
                Format::Table => writeln!(
                    out,
                    "{}",
                    table_line([
                        r.date.as_str(),
                        r.source.code.as_str(),
                        r.cameo.as_str(),
                        r.target.as_ref().map(|t| t.code.as_str()).unwrap_or("-"),
                        r.modality,
                        r.location.as_ref().map(|l| l.name.as_str()).unwrap_or("-"),
                        &r.sentence_text.chars().take(80).collect::<String>(),
                    ])
                )?,
            }
        }
        if let Some(p) = progress.as_mut() {
            p.update(
                summary.documents,
                summary.sentences,
                summary.events,
                summary.skipped(),
            );
        }
        Ok(())
    };
    let result = petrel::corpus::code_stream(&pipeline, inputs, &options, sink);
    if let Some(p) = progress.as_mut() {
        p.finish();
    }
    let summary = result.context("coding")?;
    out.flush().context("writing events")?;
    let reasons: Vec<String> = summary
        .skips
        .iter()
        .map(|(reason, n)| format!("{n} {reason}"))
        .collect();
    let reasons = if reasons.is_empty() {
        String::new()
    } else {
        format!(" ({})", reasons.join(", "))
    };
    eprintln!(
        "petrel: {}, {}, {}, {} without events, {} skipped{reasons}, {:.2} s",
        plural(summary.documents, "document"),
        plural(summary.sentences, "sentence"),
        plural(summary.events, "event"),
        summary.without_events,
        summary.skipped(),
        started.elapsed().as_secs_f64()
    );
    if summary.skipped() > 0 && args.strict {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// `1 document`, `2 documents`.
fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// One row of the terminal table, the header included.
fn table_line(cells: [&str; 7]) -> String {
    let [date, source, code, target, modality, location, sentence] = cells;
    format!(
        "{date:<10} {source:<14} {code:>4} {target:<14} {modality:<10} {location:<12} {sentence}"
    )
}

/// Flattens an event record into the columns of a layout.
type RowFn = fn(&petrel::output::EventRecord) -> Vec<String>;

const PHOENIX_COLUMNS: [&str; 21] = [
    "id",
    "date",
    "year",
    "month",
    "day",
    "source",
    "src_actor",
    "src_agent",
    "target",
    "tgt_actor",
    "tgt_agent",
    "code",
    "root_code",
    "quad_class",
    "goldstein",
    "doc_id",
    "location",
    "country",
    "lat",
    "lon",
    "sentence",
];

pub fn parse_date(s: &str) -> anyhow::Result<Date> {
    petrel::story::parse_date(s).map_err(|e| anyhow::anyhow!("--date {e}"))
}

fn parse_shard(s: &str) -> anyhow::Result<(usize, usize)> {
    let (i, n) = s
        .split_once('/')
        .with_context(|| format!("--shard {s}: expected I/N, e.g. 0/4"))?;
    let (i, n): (usize, usize) = (
        i.parse().with_context(|| format!("--shard {s}"))?,
        n.parse().with_context(|| format!("--shard {s}"))?,
    );
    anyhow::ensure!(n > 0 && i < n, "--shard {s}: I must be below N");
    Ok((i, n))
}

/// The flags that choose how stories are coded, shared by every command that codes.
#[derive(clap::Args)]
pub struct CodingArgs {
    /// Dictionaries: `builtin` (default), a folder of petrel TOML files, or a folder of PETRARCH files.
    #[arg(
        long,
        value_name = "DIR|builtin",
        default_value = "builtin",
        long_help = "builtin: petrel's \
                                                  own dictionaries, compiled into the binary. A folder \
                                                  holding *.toml files: dictionaries in petrel's format. \
                                                  Any other folder: the Phoenix PETRARCH set \
                                                  (CAMEO.2.0.txt, Phoenix.*.actors.txt, Phoenix.agents.txt, \
                                                  Phoenix.discards.txt, Phoenix.IssueCoding.txt)."
    )]
    pub dicts: String,
    /// Who decides the event types: `learned` (default) or `rules`.
    #[arg(
        long,
        value_name = "learned|rules|FILE",
        default_value = "learned",
        long_help = "learned: petrel's event recogniser, trained on the team's corpus, decides \
                     which event each verb reports; the rules find actors, modality, dates and \
                     places. rules: the dictionary verb patterns alone decide, as PETRARCH does \
                     (for PETRARCH compatibility). A path: a recogniser model written by \
                     `petrel train events`."
    )]
    pub coder: String,
}

/// The model, coder and gazetteer the coding flags ask for.
pub fn pipeline(args: &CodingArgs) -> anyhow::Result<petrel::pipeline::Pipeline> {
    Ok(pipeline_counting(args)?.0)
}

/// As [`pipeline`], with the number of dictionary problems, which `--strict` makes fatal.
pub fn pipeline_counting(args: &CodingArgs) -> anyhow::Result<(petrel::pipeline::Pipeline, usize)> {
    let (dictionaries, problems) = load_dictionaries(&args.dicts)?;
    let model = crate::load_model(None)?;
    let coder = petrel::code::Coder::new(dictionaries, petrel::code::CoderOptions::default());
    let coder = match recogniser(&args.coder)? {
        Some(r) => coder.with_recogniser(r),
        None => coder,
    };
    Ok((petrel::pipeline::Pipeline::new(model, coder), problems))
}

/// The recogniser a `--coder` value names: none for `rules`, the shipped one for `learned`, else
/// the model file at that path.
pub fn recogniser(coder: &str) -> anyhow::Result<Option<petrel::code::recogniser::Recogniser>> {
    Ok(match coder {
        "rules" => None,
        "learned" => Some(petrel::events_model::builtin()?),
        path => {
            let bytes = std::fs::read(path).with_context(|| format!("--coder {path}"))?;
            let recogniser = petrel::code::recogniser::Recogniser::from_bytes(&bytes)
                .with_context(|| format!("--coder {path}"))?;
            Some(recogniser)
        }
    })
}

/// Loads the dictionaries `--dicts` names, printing their diagnostics; returns them with the
/// number of diagnostics, which `--strict` makes fatal.
pub fn load_dictionaries(spec: &str) -> anyhow::Result<(petrel::dict::Dictionaries, usize)> {
    let (dictionaries, diagnostics) = petrel::dict::set::load(spec)?;
    for d in diagnostics.iter().take(20) {
        eprintln!("petrel: {d}");
    }
    if diagnostics.len() > 20 {
        eprintln!(
            "petrel: … and {} more dictionary warnings",
            diagnostics.len() - 20
        );
    }
    Ok((dictionaries, diagnostics.len()))
}
