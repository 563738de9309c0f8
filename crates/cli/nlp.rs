//! `petrel nlp train` and `petrel nlp eval`.

use anyhow::Context;
use petrel::nlp::model::{Model, ModelConfig};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Train the tagger, lemmatizer and parser on a CoNLL-U treebank.
    #[command(
        long_about = "Train the tagger, lemmatizer and parser on a CoNLL-U treebank and write \
                            tagger.bin, lemma.bin and parser.bin into --out. With the defaults and \
                            ../shared/data/ud-english-ewt/en_ewt-ud-train.conllu this reproduces the \
                            shipped model in models/en/ byte for byte (training is deterministic \
                            given --seed)."
    )]
    Train(TrainArgs),
    /// Parse a gold CoNLL-U file from its gold tokens and score the result.
    #[command(
        long_about = "Parse the sentences of a gold CoNLL-U file from their gold tokens and \
                            print UPOS, XPOS, lemma accuracy, UAS and LAS (percent, 0-100, every \
                            word including punctuation) and tag+lemma+parse speed on one thread; \
                            then re-tokenize each sentence's `# text` and print tokenization and \
                            sentence-segmentation F1."
    )]
    Eval(EvalArgs),
}

#[derive(clap::Args)]
pub struct TrainArgs {
    /// The training treebank (CoNLL-U).
    train: PathBuf,
    /// Where to write the model files.
    #[arg(
        long,
        default_value = "models/en",
        long_help = "The directory for tagger.bin, lemma.bin and parser.bin; created if missing. Default: models/en, the shipped model."
    )]
    out: PathBuf,
    /// Seed for shuffling; the same seed gives the same model.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Use only the first N sentences (for quick experiments).
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Override the number of training epochs of the tagger and the parser.
    #[arg(long, value_name = "N")]
    epochs: Option<usize>,
    /// Folds for jackknifed parser training tags (0 trains the parser on gold tags).
    #[arg(long, value_name = "N")]
    folds: Option<usize>,
}

#[derive(clap::Args)]
pub struct EvalArgs {
    /// The gold treebank (CoNLL-U), e.g. en_ewt-ud-test.conllu.
    gold: PathBuf,
    /// A model directory to evaluate instead of the built-in model.
    #[arg(long, value_name = "DIR")]
    model: Option<PathBuf>,
    /// Print one JSON object as the last line.
    #[arg(
        long,
        long_help = "Print the scores as one JSON object on the last line, with the keys upos, xpos, lemma, uas, las, las_full, tokens_per_sec, tokens_f1, sentences_f1, words, sentences."
    )]
    json: bool,
}

pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Train(args) => train(args),
        Command::Eval(args) => eval(args),
    }
}

fn train(args: TrainArgs) -> anyhow::Result<ExitCode> {
    let mut gold = crate::read_conllu(&args.train)?;
    if let Some(limit) = args.limit {
        gold.truncate(limit);
    }
    let mut config = ModelConfig::default();
    config.tagger.seed = args.seed;
    config.parser.seed = args.seed;
    if let Some(epochs) = args.epochs {
        config.tagger.epochs = epochs;
        config.parser.epochs = epochs;
    }
    if let Some(folds) = args.folds {
        config.jackknife_folds = folds;
    }
    let started = std::time::Instant::now();
    let model = Model::train(&gold, &config, &mut |line| {
        eprintln!("petrel: {line} ({:.0} s)", started.elapsed().as_secs_f64())
    });
    model
        .write_dir(&args.out)
        .with_context(|| format!("writing the model to {}", args.out.display()))?;
    eprintln!(
        "petrel: wrote {} in {:.0} s",
        args.out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

fn eval(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let gold = crate::read_conllu(&args.gold)?;
    let model = crate::load_model(args.model.as_deref())?;
    let report = petrel::nlp::model::evaluate(&model, &gold)
        .with_context(|| args.gold.display().to_string())?;
    let s = report.scores;
    println!("sentences      {}", report.sentences);
    println!("words          {}", s.words);
    println!("UPOS           {:.2}", s.upos);
    println!("XPOS           {:.2}", s.xpos);
    println!("lemma          {:.2}", s.lemma);
    println!("UAS            {:.2}", s.uas);
    println!("LAS            {:.2}", s.las);
    println!("LAS (subtypes) {:.2}", s.las_full);
    println!("tokens/s       {:.0}", report.tokens_per_sec);
    println!("tokens F1      {:.2}", report.tokens_f1);
    println!("sentences F1   {:.2}", report.sentences_f1);
    if args.json {
        let json = serde_json::json!({
            "sentences": report.sentences,
            "words": s.words,
            "upos": round2(s.upos),
            "xpos": round2(s.xpos),
            "lemma": round2(s.lemma),
            "uas": round2(s.uas),
            "las": round2(s.las),
            "las_full": round2(s.las_full),
            "tokens_per_sec": report.tokens_per_sec.round(),
            "tokens_f1": round2(report.tokens_f1),
            "sentences_f1": round2(report.sentences_f1),
        });
        println!("{json}");
    }
    Ok(ExitCode::SUCCESS)
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
