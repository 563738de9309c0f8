//! `petrel bench`: stage throughput on a treebank file, or with `--code` of raw stories to JSONL, as JSON.

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
    /// Measure `petrel code` instead: the input is stories (a file or folder), not CoNLL-U.
    #[arg(
        long,
        long_help = "Measure raw text to JSONL events instead of the NLP stages: the input is \
                       stories (text, HTML, JSONL or a folder of them, e.g. examples/), read once \
                       and coded --rounds times with varied ids, with the built-in model and \
                       dictionaries, on 1 thread and on --threads threads. Prints sentences per \
                       second for each and the seconds one thread spends per stage."
    )]
    code: bool,
    /// With --code: the thread count to compare with one thread.
    #[arg(long, value_name = "N", default_value_t = 2)]
    threads: usize,
    /// With --code: who decides event types (`learned`, the default, or `rules`).
    #[arg(long, value_name = "learned|rules|FILE", default_value = "learned")]
    coder: String,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.code {
        return code(args);
    }
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
        "tag_lemma_parse_tokens_per_sec": b.tag_lemma_parse_tokens_per_sec.round(),
        "tag_lemma_parse_tokens_per_cpu_sec": b.tag_lemma_parse_tokens_per_cpu_sec.map(f64::round),
        "pipeline_tokens_per_sec": b.pipeline_tokens_per_sec.round(),
        "peak_rss_kb": petrel::bench::peak_rss_kb(),
    });
    println!("{json}");
    Ok(ExitCode::SUCCESS)
}

/// `petrel bench --code`: the throughput of `petrel code` on stories held in memory.
fn code(args: Args) -> anyhow::Result<ExitCode> {
    let started = std::time::Instant::now();
    let documents: Vec<_> = petrel::ingest::Inputs::open([&args.conllu])
        .filter_map(Result::ok)
        .collect();
    let ingest_s = started.elapsed().as_secs_f64();
    anyhow::ensure!(
        !documents.is_empty(),
        "{}: no stories to measure; give a story file or folder",
        args.conllu.display()
    );
    let mut pipeline = crate::code::pipeline(&crate::code::CodingArgs {
        dicts: "builtin".to_string(),
        coder: args.coder.clone(),
    })?;
    if args.model.is_some() {
        pipeline.model = crate::load_model(args.model.as_deref())?;
    }
    let gazetteer_started = std::time::Instant::now();
    petrel::geo::Gazetteer::builtin();
    let gazetteer_ms = gazetteer_started.elapsed().as_secs_f64() * 1000.0;
    let one = petrel::bench::code(&pipeline, &documents, args.rounds, 1);
    let many = petrel::bench::code(&pipeline, &documents, args.rounds, args.threads.max(1));
    let stages = petrel::bench::stage_times(&pipeline, &documents, args.rounds);
    let round = |x: f64| (x * 1000.0).round() / 1000.0;
    let json = serde_json::json!({
        "input": args.conllu.display().to_string(),
        "documents_per_round": documents.len(),
        "rounds": args.rounds,
        "sentences": one.sentences,
        "events": one.events,
        "sentences_per_sec_1_thread": one.sentences_per_sec.round(),
        "threads": many.threads,
        "sentences_per_sec_n_threads": many.sentences_per_sec.round(),
        "speedup": round(many.sentences_per_sec / one.sentences_per_sec.max(1e-9)),
        "stage_seconds_1_thread": {
            "ingest_once": round(ingest_s),
            "gazetteer_load_once": round(gazetteer_ms / 1000.0),
            "split_tokenize_tag_parse": round(stages.nlp),
            "code": round(stages.code),
            "place_mentions": round(stages.geo),
            "output_json": round(stages.output),
            "code_document_total": round(stages.code_document),
        },
        "peak_rss_kb": petrel::bench::peak_rss_kb(),
    });
    println!("{json}");
    Ok(ExitCode::SUCCESS)
}
