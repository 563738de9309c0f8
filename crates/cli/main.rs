//! The `petrel` command: a thin shell over the `petrel` library.
//!
//! `main` parses the arguments, runs one subcommand (one file each), and maps an error to an exit
//! code. Data goes to stdout; diagnostics go to stderr prefixed `petrel:`; a closed pipe ends the
//! run quietly.

mod actor;
mod bench;
mod code;
mod dict;
mod doc;
mod eval;
mod export;
mod geo;
mod ingest;
mod nlp;
mod parse;
mod progress;
mod serve;
mod train;
mod validate;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "petrel",
    version,
    about = "Political event data from raw news text",
    long_about = "petrel turns raw news text into political event data: who did what to whom, when \
                  and where, with CAMEO and PLOVER codes and the evidence for each event. It ships \
                  its own English tagger and dependency parser; nothing else needs installing."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Code news stories into events (JSONL, CSV, TSV or a table).
    Code(code::Args),
    /// Resolve a phrase to an actor code as the coder would; show the entries that fired.
    Actor(actor::Args),
    /// Count, check or export petrel's own dictionaries.
    #[command(subcommand)]
    Dict(dict::Command),
    /// Split, tokenize, tag and parse raw text; print CoNLL-U.
    Parse(parse::Args),
    /// Show how petrel reads a story: title, date, dateline, publisher, clean text, sentences.
    Doc(doc::Args),
    /// Look a place up in the embedded gazetteer, list a story's places, or rebuild the gazetteer.
    Geo(geo::Args),
    /// Train or evaluate the English tagger, lemmatizer and parser.
    #[command(subcommand)]
    Nlp(nlp::Command),
    /// Code a PETRARCH validation file and report passed and failed records.
    Validate(validate::Args),
    /// Score against gold sets: events in a PLV TSV (`plover`) or petrel's corpus (`corpus`); places in a GeoVirus file (`geo`).
    #[command(subcommand)]
    Eval(eval::Command),
    /// Train the event recogniser.
    #[command(subcommand)]
    Train(train::Command),
    /// Check petrel's event corpus.
    #[command(subcommand)]
    Corpus(eval::CorpusCommand),
    /// Measure the speed of each NLP stage on a treebank file, or with --code of `petrel code`; print JSON.
    Bench(bench::Args),
    /// Code stories into an event store (SQLite), skipping those already stored; or re-code them.
    Ingest(ingest::Args),
    /// Serve the HTTP API and dashboard over an event store.
    Serve(serve::Args),
    /// Export a store's events as Parquet (Hive layout, year= and month=).
    Export(export::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Code(args) => code::run(args),
        Command::Actor(args) => actor::run(args),
        Command::Dict(command) => dict::run(command),
        Command::Parse(args) => parse::run(args),
        Command::Doc(args) => doc::run(args),
        Command::Geo(args) => geo::run(args),
        Command::Nlp(command) => nlp::run(command),
        Command::Bench(args) => bench::run(args),
        Command::Validate(args) => validate::run(args),
        Command::Eval(command) => eval::run(command),
        Command::Corpus(command) => eval::run_corpus(command),
        Command::Train(command) => train::run(command),
        Command::Ingest(args) => ingest::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Export(args) => export::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("petrel: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// True when the error chain holds a broken pipe: the reader of our output went away.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<petrel::parse::ParseError>()
                .is_some_and(|e| e.is_broken_pipe())
            // `petrel code`'s sink error is transparent, so its IO error is not a cause of its own.
            || cause
                .downcast_ref::<petrel::corpus::CorpusError<std::io::Error>>()
                .is_some_and(|e| {
                    matches!(e, petrel::corpus::CorpusError::Sink(io) if io.kind() == std::io::ErrorKind::BrokenPipe)
                })
    })
}

/// Loads the built-in model, or the one in `dir`.
fn load_model(dir: Option<&std::path::Path>) -> anyhow::Result<petrel::nlp::model::Model> {
    use anyhow::Context;
    match dir {
        Some(dir) => petrel::nlp::model::Model::from_dir(dir)
            .with_context(|| format!("loading the model in {}", dir.display())),
        None => petrel::nlp::model::Model::builtin().context("loading the built-in model"),
    }
}

/// Reads a CoNLL-U file whole, naming it in any error.
fn read_conllu(path: &std::path::Path) -> anyhow::Result<Vec<petrel::core::Sentence>> {
    use anyhow::Context;
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    petrel::nlp::conllu::Reader::new(std::io::BufReader::new(file))
        .collect::<Result<Vec<_>, _>>()
        .with_context(|| path.display().to_string())
}
