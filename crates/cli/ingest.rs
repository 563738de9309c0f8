//! `petrel ingest`: code stories into an event store (or re-code the stories it holds).

use anyhow::Context;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// Stories: text, HTML or JSONL files, `.gz`, folders.
    #[arg(
        long_help = "Stories to code and store, as `petrel code` reads them: plain text, HTML, \
                       JSONL (one story a line), .gz of these, or folders. A story already in the \
                       store (same id, or the same text under another id) is skipped and counted, \
                       so running the same command again after a crash finishes the job."
    )]
    inputs: Vec<PathBuf>,
    /// The store: a SQLite file, created if missing.
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    /// Re-code every stored story with --dicts and swap their events in one transaction.
    #[arg(
        long,
        long_help = "Code every story already in the store again (with the dictionaries of \
                       --dicts and the built-in model) and replace all their events in one \
                       transaction: readers see the old events until the new ones are complete. \
                       Takes no INPUT."
    )]
    recode: bool,
    #[command(flatten)]
    coding: crate::code::CodingArgs,
    /// The date of stories that carry none (YYYY-MM-DD); without it they are skipped.
    #[arg(long, value_name = "DATE")]
    date: Option<String>,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// No progress line on stderr.
    #[arg(long)]
    quiet: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let fallback_date = args
        .date
        .as_deref()
        .map(crate::code::parse_date)
        .transpose()?;
    let pipeline = crate::code::pipeline(&args.coding)?;
    let mut versions = petrel_store::ingest::builtin_versions();
    if args.coding.dicts != "builtin" {
        versions.dictionaries = format!("dir:{}", args.coding.dicts);
    }
    if args.coding.coder != "learned" {
        versions.dictionaries = format!("{} coder:{}", versions.dictionaries, args.coding.coder);
    }
    let options = petrel::corpus::CorpusOptions {
        threads: args.threads.unwrap_or(0),
        fallback_date,
        shard: None,
        ..Default::default()
    };
    if args.recode {
        anyhow::ensure!(
            args.inputs.is_empty(),
            "--recode codes the stories already stored; give no INPUT"
        );
        let s = petrel_store::ingest::recode(&args.db, &pipeline, &options, &versions)
            .with_context(|| format!("re-coding {}", args.db.display()))?;
        eprintln!(
            "petrel: re-coded {} stories: {} events replaced by {}, {:.2} s",
            s.stories,
            s.events_before,
            s.events_after,
            started.elapsed().as_secs_f64()
        );
        return Ok(ExitCode::SUCCESS);
    }
    anyhow::ensure!(
        !args.inputs.is_empty(),
        "give the stories to ingest (files or folders)"
    );
    let s = ingest(
        &args.db,
        &pipeline,
        args.inputs,
        &options,
        &versions,
        args.quiet,
    )?;
    let reasons: Vec<String> = s
        .coding
        .skips
        .iter()
        .map(|(reason, n)| format!("{n} {reason}"))
        .collect();
    eprintln!(
        "petrel: {} stories stored with {} events, {} already stored, {} skipped{}, {:.2} s",
        s.stored,
        s.events,
        s.duplicates,
        s.coding.skipped(),
        if reasons.is_empty() {
            String::new()
        } else {
            format!(" ({})", reasons.join(", "))
        },
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

/// Codes `inputs` into the store at `db`, printing skips and, on a terminal, progress.
pub fn ingest(
    db: &std::path::Path,
    pipeline: &petrel::pipeline::Pipeline,
    inputs: Vec<PathBuf>,
    options: &petrel::corpus::CorpusOptions,
    versions: &petrel_store::ingest::Versions,
    quiet: bool,
) -> anyhow::Result<petrel_store::ingest::IngestSummary> {
    let mut progress =
        (!quiet && std::io::stderr().is_terminal()).then(|| crate::progress::Progress::new(None));
    let summary = petrel_store::ingest::ingest_stream(
        db,
        pipeline,
        petrel::ingest::Inputs::open(inputs),
        options,
        versions,
        |s| {
            if let Some(p) = progress.as_mut() {
                p.update(s.stored, 0, s.events, s.duplicates);
            }
        },
        |message| eprintln!("petrel: {message}"),
    )
    .with_context(|| format!("ingesting into {}", db.display()))?;
    Ok(summary)
}
