//! `petrel bench`: stage throughput on a treebank file, as JSON.

use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// A CoNLL-U file: its `# text` lines feed the tokenizer, its tokens the tagger and parser.
    #[arg(
        long_help = "A CoNLL-U file, e.g. ../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu: its \
                       `# text` lines feed the tokenizer and the whole pipeline, its gold tokens the \
                       tagger, lemmatizer and parser. Prints one JSON object with tokens per second \
                       of each stage on one thread, the model load time and the peak RSS."
    )]
    conllu: PathBuf,
    /// Passes over the input; more passes give steadier figures.
    #[arg(long, default_value_t = 3)]
    rounds: usize,
    /// A model directory to measure instead of the built-in model.
    #[arg(long, value_name = "DIR")]
    model: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let gold = crate::read_conllu(&args.conllu)?;
    let b = petrel::bench::nlp(&gold, args.rounds, || match &args.model {
        Some(dir) => petrel::nlp::model::Model::from_dir(dir),
        None => petrel::nlp::model::Model::builtin(),
    })?;
    let json = serde_json::json!({
        "input": args.conllu.display().to_string(),
        "sentences": b.sentences,
        "words": b.words,
        "rounds": b.rounds,
        "threads": 1,
        "model_load_ms": (b.model_load_ms * 10.0).round() / 10.0,
        "tokenize_tokens_per_sec": b.tokenize_tokens_per_sec.round(),
        "tag_tokens_per_sec": b.tag_tokens_per_sec.round(),
        "lemma_tokens_per_sec": b.lemma_tokens_per_sec.round(),
        "parse_tokens_per_sec": b.parse_tokens_per_sec.round(),
        "tag_parse_tokens_per_sec": b.tag_parse_tokens_per_sec.round(),
        "pipeline_tokens_per_sec": b.pipeline_tokens_per_sec.round(),
        "peak_rss_kb": petrel::bench::peak_rss_kb(),
    });
    println!("{json}");
    Ok(ExitCode::SUCCESS)
}
