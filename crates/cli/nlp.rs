//! `petrel nlp train` and `petrel nlp eval`.

use anyhow::Context;
use petrel::nlp::model::{Model, ModelConfig, Treebank};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Train the tagger, lemmatizer and parser on one or more CoNLL-U treebanks.
    #[command(
        long_about = "Train the tagger, lemmatizer and parser on one or more CoNLL-U treebanks \
                            (--train A.conllu --train B.conllu) and write tagger.bin, lemma.bin, \
                            parser.bin and training.txt (the treebanks, their sentence counts, the \
                            seed and the settings) into --out. The command in README's \"Reproducing \
                            the shipped model\" reproduces models/en/ byte for byte (training is \
                            deterministic given --seed, whatever --threads)."
    )]
    Train(TrainArgs),
    /// Parse a gold CoNLL-U file from its gold tokens and score the result.
    #[command(
        long_about = "Parse the sentences of a gold CoNLL-U file from their gold tokens and \
                            print UPOS, XPOS, lemma accuracy, UAS and LAS (percent, 0-100, every \
                            word including punctuation) and tag+lemma+parse speed on one thread; \
                            then re-tokenize each sentence's `# text` and print tokenization and \
                            sentence-segmentation F1. When the documents are named \
                            `# newdoc id = GUM_<genre>_...` (UD English GUM), the scores of each \
                            genre follow."
    )]
    Eval(EvalArgs),
}

#[derive(clap::Args)]
pub struct TrainArgs {
    /// Training treebanks (CoNLL-U), in order; the same as giving each with --train.
    treebanks: Vec<PathBuf>,
    /// A training treebank (CoNLL-U); repeat for several.
    #[arg(
        long = "train",
        value_name = "FILE",
        long_help = "A training treebank (CoNLL-U); repeat the flag for several (--train A.conllu \
                     --train B.conllu). Treebanks given as plain arguments come first, then these, \
                     in order; the model's training.txt names each with its sentence count."
    )]
    train: Vec<PathBuf>,
    /// Leave out of training every document this held-out file has too; repeat for several.
    #[arg(
        long = "exclude-docs-of",
        value_name = "FILE",
        long_help = "A held-out CoNLL-U file (a dev or test set): every training sentence whose \
                     `# newdoc id` is also a document of this file is left out, so that no score \
                     on it is measured on text the model trained on (UD English GUM's train file \
                     repeats four test and four dev documents). Repeat for several. The count of \
                     documents and sentences left out is logged and written into training.txt. \
                     Default: none, every training sentence is used."
    )]
    exclude_docs_of: Vec<PathBuf>,
    /// Where to write the model files.
    #[arg(
        long,
        default_value = "models/en",
        long_help = "The directory for tagger.bin, lemma.bin, parser.bin and training.txt; created if missing. Default: models/en, the shipped model."
    )]
    out: PathBuf,
    /// Seed for shuffling; the same seed gives the same model.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Use only the first N sentences of each treebank (for quick experiments).
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Override the number of training epochs of the tagger and the parser.
    #[arg(long, value_name = "N")]
    epochs: Option<usize>,
    /// Folds for jackknifed parser training tags (0 trains the parser on gold tags).
    #[arg(long, value_name = "N")]
    folds: Option<usize>,
    /// Train N parsers (seeds SEED..SEED+N-1) and ship their mean.
    #[arg(
        long,
        value_name = "N",
        long_help = "Train N parsers with seeds SEED, SEED+1, ... and ship their mean (one model \
                     that decides as the ensemble summing scores would, at the cost of one parse), \
                     pruned again at the parser's minimum weight. Default: 1, a single parser."
    )]
    parser_seeds: Option<usize>,
    /// Drop parser weights smaller than this (default 0.05).
    #[arg(
        long,
        value_name = "W",
        long_help = "Averaged parser weights with a smaller magnitude are dropped: higher gives a \
                     smaller, faster parser. Default: 0.05."
    )]
    parser_min_weight: Option<f32>,
    /// Give no weights to parser features seen fewer than N times (default 5).
    #[arg(long, value_name = "N")]
    parser_min_count: Option<u32>,
    /// Drop tagger weights smaller than this (default 0.5).
    #[arg(long, value_name = "W")]
    tagger_min_weight: Option<f32>,
    /// Prune the shipped tagger at this weight (default 0.5, no pruning beyond training's).
    #[arg(
        long,
        value_name = "W",
        long_help = "The shipped tagger keeps only weights of at least this magnitude; the \
                     jackknife taggers that tag the parser's training input are not pruned again. \
                     Higher gives a smaller, faster tagger. Default: 0.5 (what training keeps)."
    )]
    tagger_prune: Option<f32>,
    /// Prune the shipped parser (the mean, with --parser-seeds) at this weight (default 0.05).
    #[arg(
        long,
        value_name = "W",
        long_help = "The shipped parser, after the mean of --parser-seeds parsers, keeps only \
                     weights of at least this magnitude: higher gives a smaller, faster parser. \
                     Default: 0.05 (what training keeps)."
    )]
    parser_prune: Option<f32>,
    /// Optional tagger templates, comma-separated (ambiguity); default none.
    #[arg(
        long,
        value_name = "LIST",
        long_help = "Optional tagger templates to train with, comma-separated: `ambiguity` (the \
                     set of tags each word seen at least three times took in training, alone and \
                     with the tags and ambiguity classes around it). The model file records them. \
                     Default: none, the first tagger's templates."
    )]
    tagger_features: Option<String>,
    /// Optional parser templates, comma-separated (lemmas); default none.
    #[arg(
        long,
        value_name = "LIST",
        long_help = "Optional parser templates to train with, comma-separated: `lemmas` (the \
                     lemmas of the stack's top and the buffer's first two words, alone and in \
                     pairs, so that word pairs seen in another inflection share weights). The \
                     model file records them. Default: none, the first parser's templates."
    )]
    parser_features: Option<String>,
    /// Train N taggers (seeds SEED..SEED+N-1) and ship their mean (default 1).
    #[arg(
        long,
        value_name = "N",
        long_help = "Train N taggers with seeds SEED, SEED+1, ... and ship their mean (one tagger \
                     that decides as the ensemble summing scores would, at the cost of one), \
                     pruned at --tagger-prune. The jackknife taggers stay single. Default: 1."
    )]
    tagger_seeds: Option<usize>,
    /// Threads for training folds and seeded parsers side by side; the model is the same.
    #[arg(long, value_name = "N", default_value_t = 1)]
    threads: usize,
}

#[derive(clap::Args)]
pub struct EvalArgs {
    /// The gold treebank (CoNLL-U), e.g. en_ewt-ud-test.conllu.
    gold: PathBuf,
    /// A model directory to evaluate instead of the built-in model.
    #[arg(long, value_name = "DIR")]
    model: Option<PathBuf>,
    /// Turn a parse repair off (its name, or `all`); repeat for several.
    #[arg(
        long,
        value_name = "NAME",
        long_help = "Score the parser without this repair (a name from the repair table, as \
                     `petrel parse` writes them in MISC `Repair=`), or without any with `all`: \
                     what a repair is worth is the difference. Repeat for several. Default: every \
                     repair runs."
    )]
    without_repair: Vec<String>,
    /// Print only one JSON object on stdout.
    #[arg(
        long,
        long_help = "Print the scores as one JSON object and nothing else on stdout, with the keys \
                     upos, xpos, lemma, uas, las, las_full, uas_words and las_words (the words with the right head, and head and relation), tokens_per_sec, tokens_f1, sentences_f1, \
                     words, sentences, and genres: for a file whose documents are named \
                     `# newdoc id = GUM_<genre>_...`, the same scores per genre (else empty)."
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
    let paths: Vec<&PathBuf> = args.treebanks.iter().chain(&args.train).collect();
    anyhow::ensure!(
        !paths.is_empty(),
        "no training treebank; give one or more with --train FILE.conllu"
    );
    let mut held_out = std::collections::HashSet::new();
    let mut held_out_files = Vec::new();
    for path in &args.exclude_docs_of {
        let (_, documents) = read_with_documents(path)?;
        held_out.extend(documents.into_iter().flatten());
        held_out_files.push(file_name(path));
    }
    let mut treebanks = Vec::with_capacity(paths.len());
    for path in paths {
        let (mut sentences, mut documents) = read_with_documents(path)?;
        if let Some(limit) = args.limit {
            sentences.truncate(limit);
            documents.truncate(limit);
        }
        let name = file_name(path);
        let treebank = if args.exclude_docs_of.is_empty() {
            Treebank {
                name,
                sentences,
                excluded: None,
            }
        } else {
            Treebank::excluding(
                name,
                sentences,
                &documents,
                &held_out,
                held_out_files.clone(),
            )
        };
        if let Some(x) = &treebank.excluded {
            eprintln!(
                "petrel: {}: left out {} documents ({} sentences, {} words) that {} also has{}{}",
                path.display(),
                x.documents.len(),
                x.sentences,
                x.words,
                x.held_out.join(" or "),
                if x.documents.is_empty() { "" } else { ": " },
                x.documents.join(" ")
            );
        }
        treebanks.push(treebank);
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
    if let Some(n) = args.parser_seeds {
        config.parser_seeds = n.max(1);
    }
    if let Some(n) = args.tagger_seeds {
        config.tagger_seeds = n.max(1);
    }
    if let Some(list) = &args.tagger_features {
        config.tagger.features =
            petrel::nlp::tagger::TaggerFeatures::parse(list).map_err(|name| {
                anyhow::anyhow!(
                    "--tagger-features: no tagger feature is named {name:?}; the features are: {}",
                    petrel::nlp::tagger::TaggerFeatures::NAMES.join(", ")
                )
            })?;
    }
    if let Some(list) = &args.parser_features {
        config.parser.features =
            petrel::nlp::parser::ParserFeatures::parse(list).map_err(|name| {
                anyhow::anyhow!(
                    "--parser-features: no parser feature is named {name:?}; the features are: {}",
                    petrel::nlp::parser::ParserFeatures::NAMES.join(", ")
                )
            })?;
    }
    if let Some(w) = args.parser_min_weight {
        config.parser.min_weight = w;
    }
    if let Some(n) = args.parser_min_count {
        config.parser.min_count = n;
    }
    if let Some(w) = args.tagger_min_weight {
        config.tagger.min_weight = w;
    }
    if let Some(w) = args.tagger_prune {
        config.tagger_prune = w;
    }
    if let Some(w) = args.parser_prune {
        config.parser_prune = w;
    }
    config.threads = args.threads.max(1);
    let started = std::time::Instant::now();
    let model = Model::train(&treebanks, &config, &mut |line| {
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
    let (gold, documents) = read_with_documents(&args.gold)?;
    let mut model = crate::load_model(args.model.as_deref())?;
    let mut repairs = petrel::nlp::parser::RepairSet::all();
    for name in &args.without_repair {
        repairs = if name == "all" {
            petrel::nlp::parser::RepairSet::none()
        } else {
            repairs.without(name).with_context(|| {
                let names: Vec<&str> = petrel::nlp::parser::REPAIRS
                    .iter()
                    .map(|r| r.name)
                    .collect();
                format!(
                    "no repair is named {name:?}; the repairs are: {}",
                    names.join(", ")
                )
            })?
        };
    }
    model.parser.set_repairs(repairs);
    let report = petrel::nlp::model::evaluate_documents(&model, &gold, &documents)
        .with_context(|| args.gold.display().to_string())?;
    let s = report.scores;
    if args.json {
        let genres: serde_json::Map<String, serde_json::Value> = report
            .genres
            .iter()
            .map(|g| (g.genre.clone(), scores_json(g.sentences, &g.scores)))
            .collect();
        let mut json = scores_json(report.sentences, &s);
        if let Some(object) = json.as_object_mut() {
            object.insert(
                "tokens_per_sec".into(),
                report.tokens_per_sec.round().into(),
            );
            object.insert("tokens_f1".into(), round2(report.tokens_f1).into());
            object.insert("sentences_f1".into(), round2(report.sentences_f1).into());
            object.insert("genres".into(), genres.into());
        }
        println!("{json}");
        return Ok(ExitCode::SUCCESS);
    }
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
    if !report.genres.is_empty() {
        println!();
        println!(
            "{:<14} {:>9} {:>7} {:>6} {:>6} {:>6} {:>6}",
            "genre", "sentences", "words", "UPOS", "lemma", "UAS", "LAS"
        );
        for g in &report.genres {
            println!(
                "{:<14} {:>9} {:>7} {:>6.2} {:>6.2} {:>6.2} {:>6.2}",
                g.genre,
                g.sentences,
                g.scores.words,
                g.scores.upos,
                g.scores.lemma,
                g.scores.uas,
                g.scores.las
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A path's file name, as the training record names a treebank.
fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The sentences of a CoNLL-U file with the `# newdoc id` each belongs to.
fn read_with_documents(
    path: &std::path::Path,
) -> anyhow::Result<(Vec<petrel::core::Sentence>, Vec<Option<String>>)> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut reader = petrel::nlp::conllu::Reader::new(std::io::BufReader::new(file));
    let (mut sentences, mut documents) = (Vec::new(), Vec::new());
    while let Some(sentence) = reader.next() {
        sentences.push(sentence.with_context(|| path.display().to_string())?);
        documents.push(reader.document().map(str::to_string));
    }
    Ok((sentences, documents))
}

fn scores_json(sentences: usize, s: &petrel::nlp::eval::AnnotationScores) -> serde_json::Value {
    serde_json::json!({
        "sentences": sentences,
        "words": s.words,
        "upos": round2(s.upos),
        "xpos": round2(s.xpos),
        "lemma": round2(s.lemma),
        "uas": round2(s.uas),
        "las": round2(s.las),
        "las_full": round2(s.las_full),
        // The counts behind UAS and LAS: a repair's worth is often a few words, below what two
        // decimals of a percentage show.
        "uas_words": (s.uas * s.words as f64 / 100.0).round(),
        "las_words": (s.las * s.words as f64 / 100.0).round(),
    })
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
