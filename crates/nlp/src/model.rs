//! The English model: tagger, lemmatizer and parser, trained together and loaded together.
//!
//! The shipped model lives in `models/en/` at the repository root and is compiled into the binary
//! with `include_bytes!`, so petrel works with no files beside it. [`Model::train`] reproduces it
//! from the treebank: it is deterministic given the seed, and it trains the parser on tags predicted
//! by taggers that did not see the sentence (jackknifing), because at run time the parser sees
//! predicted tags, never gold ones.

use crate::eval::{score, strip_annotation, AnnotationScores, MisalignedError};
use crate::lemma::{LemmaConfig, Lemmatizer};
use crate::parser::{Parser, ParserConfig};
use crate::perceptron::ModelError;
use crate::tagger::{Tagger, TaggerConfig};
use crate::tokenize;
use petrel_core::Sentence;
use std::io::{self, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The file names of a model directory.
pub const TAGGER_FILE: &str = "tagger.bin";
pub const LEMMA_FILE: &str = "lemma.bin";
pub const PARSER_FILE: &str = "parser.bin";
/// The record of what the model was trained on, in a model directory.
pub const TRAINING_FILE: &str = "training.txt";

static BUILTIN_TAGGER: &[u8] = include_bytes!("../../../models/en/tagger.bin");
static BUILTIN_LEMMA: &[u8] = include_bytes!("../../../models/en/lemma.bin");
static BUILTIN_PARSER: &[u8] = include_bytes!("../../../models/en/parser.bin");
static BUILTIN_TRAINING: &str = include_str!("../../../models/en/training.txt");

/// A model could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("{path}: {source}")]
    Model { path: PathBuf, source: ModelError },
}

/// How to train a whole model.
#[derive(Clone, Debug)]
pub struct ModelConfig {
    pub tagger: TaggerConfig,
    pub lemma: LemmaConfig,
    pub parser: ParserConfig,
    /// Folds for jackknifed parser training tags; 0 or 1 trains the parser on gold tags.
    pub jackknife_folds: usize,
    /// Parsers trained with seeds `parser.seed`, `parser.seed + 1`, ... whose mean
    /// ([`Parser::mean`]) is the model's parser, pruned again at `parser.min_weight`; 1 trains one.
    pub parser_seeds: usize,
    /// Taggers trained with seeds `tagger.seed`, `tagger.seed + 1`, ... whose mean
    /// ([`Tagger::mean`]) is the model's tagger; 1 trains one. The jackknife taggers that tag the
    /// parser's training input are single ones either way.
    pub tagger_seeds: usize,
    /// The shipped tagger keeps only weights of at least this magnitude (after training at
    /// `tagger.min_weight`; the jackknife taggers are not pruned again).
    pub tagger_prune: f32,
    /// The shipped parser keeps only weights of at least this magnitude (after the mean).
    pub parser_prune: f32,
    /// Threads for training the jackknife folds and the seeded parsers side by side; the model is
    /// the same whatever the count.
    pub threads: usize,
}

impl Default for ModelConfig {
    fn default() -> ModelConfig {
        ModelConfig {
            tagger: TaggerConfig::default(),
            lemma: LemmaConfig::default(),
            parser: ParserConfig::default(),
            jackknife_folds: 4,
            parser_seeds: 1,
            tagger_seeds: 1,
            tagger_prune: 0.5,
            parser_prune: 0.05,
            threads: 1,
        }
    }
}

/// A named training treebank.
#[derive(Clone, Debug, Default)]
pub struct Treebank {
    /// The file name it was read from (without folders), as the training record names it.
    pub name: String,
    pub sentences: Vec<Sentence>,
    /// The documents left out of `sentences` because a held-out file has them too.
    pub excluded: Option<Exclusion>,
}

/// What [`Treebank::excluding`] left out of a training treebank.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Exclusion {
    /// The held-out files whose documents were looked for (file names, as the record writes them).
    pub held_out: Vec<String>,
    /// The `# newdoc id` of each document left out, in treebank order.
    pub documents: Vec<String>,
    pub sentences: usize,
    pub words: usize,
}

impl Treebank {
    /// The treebank without every sentence of a document whose `# newdoc id` is in `held_out`:
    /// a document that is both trained on and scored on makes the scores lie (UD English GUM's
    /// train file repeats four test and four dev documents). `documents` gives each sentence's
    /// `# newdoc id` (as [`crate::conllu::Reader::document`] reads it); a sentence with none is
    /// kept. `held_out_files` names the files the ids came from, for the training record.
    pub fn excluding(
        name: String,
        sentences: Vec<Sentence>,
        documents: &[Option<String>],
        held_out: &std::collections::HashSet<String>,
        held_out_files: Vec<String>,
    ) -> Treebank {
        let mut exclusion = Exclusion {
            held_out: held_out_files,
            ..Exclusion::default()
        };
        let mut kept = Vec::with_capacity(sentences.len());
        for (k, sentence) in sentences.into_iter().enumerate() {
            match documents.get(k).and_then(Option::as_ref) {
                Some(doc) if held_out.contains(doc) => {
                    if exclusion.documents.last() != Some(doc) {
                        exclusion.documents.push(doc.clone());
                    }
                    exclusion.sentences += 1;
                    exclusion.words += sentence.tokens.len();
                }
                _ => kept.push(sentence),
            }
        }
        Treebank {
            name,
            sentences: kept,
            excluded: Some(exclusion),
        }
    }
}

impl ModelConfig {
    /// The settings as `key=value` words, as the training record writes them. Settings added
    /// since the first record are written only when they differ from their default, so that the
    /// record of a model trained as before reads as before.
    pub fn describe(&self) -> String {
        let mut extra = String::new();
        if self.tagger.features != crate::tagger::TaggerFeatures::default() {
            extra.push_str(&format!(
                " tagger_features={}",
                self.tagger.features.describe()
            ));
        }
        if self.tagger_seeds != 1 {
            extra.push_str(&format!(" tagger_seeds={}", self.tagger_seeds));
        }
        if self.parser.features != crate::parser::ParserFeatures::default() {
            extra.push_str(&format!(
                " parser_features={}",
                self.parser.features.describe()
            ));
        }
        format!(
            "tagger_epochs={} tagger_min_weight={} tagger_dict_min_count={} tagger_dict_min_share={} \
             lemma_max_suffix={} lemma_min_rule_words={} \
             parser_epochs={} parser_static_epochs={} parser_explore={} parser_min_weight={} \
             parser_min_count={} parser_seeds={} jackknife_folds={} tagger_prune={} parser_prune={}{}",
            self.tagger.epochs,
            self.tagger.min_weight,
            self.tagger.dict_min_count,
            self.tagger.dict_min_share,
            self.lemma.max_suffix,
            self.lemma.min_rule_words,
            self.parser.epochs,
            self.parser.static_epochs,
            self.parser.explore,
            self.parser.min_weight,
            self.parser.min_count,
            self.parser_seeds,
            self.jackknife_folds,
            self.tagger_prune,
            self.parser_prune,
            extra,
        )
    }
}

/// Tagger, lemmatizer and parser, with the record of what they were trained on.
pub struct Model {
    pub tagger: Tagger,
    pub lemmatizer: Lemmatizer,
    pub parser: Parser,
    /// `training.txt`: the treebanks (file, sentences, words), the seed and the settings; empty
    /// for a model directory written before petrel kept the record.
    pub training: String,
}

impl Model {
    /// The model compiled into petrel.
    pub fn builtin() -> Result<Model, LoadError> {
        let named = |name: &str| PathBuf::from(format!("<builtin>/models/en/{name}"));
        Ok(Model {
            tagger: Tagger::read_static(BUILTIN_TAGGER).map_err(|source| LoadError::Model {
                path: named(TAGGER_FILE),
                source,
            })?,
            lemmatizer: Lemmatizer::read(BUILTIN_LEMMA).map_err(|source| LoadError::Model {
                path: named(LEMMA_FILE),
                source,
            })?,
            parser: Parser::read_static(BUILTIN_PARSER).map_err(|source| LoadError::Model {
                path: named(PARSER_FILE),
                source,
            })?,
            training: BUILTIN_TRAINING.to_string(),
        })
    }

    /// A model saved with [`Model::write_dir`].
    pub fn from_dir(dir: &Path) -> Result<Model, LoadError> {
        fn read(dir: &Path, name: &str) -> Result<(Vec<u8>, PathBuf), LoadError> {
            let path = dir.join(name);
            let bytes = std::fs::read(&path).map_err(|source| LoadError::Io {
                path: path.clone(),
                source,
            })?;
            Ok((bytes, path))
        }
        let (bytes, path) = read(dir, TAGGER_FILE)?;
        let tagger = Tagger::read(&bytes).map_err(|source| LoadError::Model { path, source })?;
        let (bytes, path) = read(dir, LEMMA_FILE)?;
        let lemmatizer =
            Lemmatizer::read(&bytes).map_err(|source| LoadError::Model { path, source })?;
        let (bytes, path) = read(dir, PARSER_FILE)?;
        let parser = Parser::read(&bytes).map_err(|source| LoadError::Model { path, source })?;
        // The record is documentation, not weights: a directory without one still loads.
        let training = std::fs::read_to_string(dir.join(TRAINING_FILE)).unwrap_or_default();
        Ok(Model {
            tagger,
            lemmatizer,
            parser,
            training,
        })
    }

    /// Writes the three model files into `dir`, creating it.
    pub fn write_dir(&self, dir: &Path) -> io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let write = |name: &str,
                     f: &dyn Fn(&mut io::BufWriter<std::fs::File>) -> io::Result<()>|
         -> io::Result<()> {
            let mut out = io::BufWriter::new(std::fs::File::create(dir.join(name))?);
            f(&mut out)?;
            out.flush()
        };
        write(TAGGER_FILE, &|out| self.tagger.write(out))?;
        write(LEMMA_FILE, &|out| self.lemmatizer.write(out))?;
        write(PARSER_FILE, &|out| self.parser.write(out))?;
        write(TRAINING_FILE, &|out| {
            out.write_all(self.training.as_bytes())
        })
    }

    /// Tags, lemmatizes and parses a tokenized sentence in place.
    pub fn annotate(&self, sentence: &mut Sentence) {
        self.annotate_with_names(sentence, |_| Vec::new());
    }

    /// As [`Model::annotate`], with the token spans that `names` finds after tagging (the names
    /// a dictionary knows, "Human Rights Watch") read as names: their words tagged as proper
    /// nouns and, after parsing, joined into one phrase ([`crate::parser::join_names`]).
    pub fn annotate_with_names(
        &self,
        sentence: &mut Sentence,
        names: impl FnOnce(&Sentence) -> Vec<Range<usize>>,
    ) {
        self.tagger.tag(sentence);
        let spans = names(sentence);
        crate::parser::tag_names(&mut sentence.tokens, &spans);
        self.lemmatizer.lemmatize(sentence);
        self.parser.parse(sentence);
        crate::parser::join_names(&mut sentence.tokens, &spans);
    }

    /// Splits raw text into sentences and annotates each.
    pub fn parse_text(&self, text: &str) -> Vec<Sentence> {
        let mut sentences = tokenize::sentences(text);
        for s in &mut sentences {
            self.annotate(s);
        }
        sentences
    }

    /// Trains a model on the gold sentences of `treebanks`, in order. `log` hears progress
    /// lines. The same treebanks and config give the same model, whatever `config.threads`.
    pub fn train(treebanks: &[Treebank], config: &ModelConfig, log: &mut dyn FnMut(&str)) -> Model {
        Model::assemble(train_parts(treebanks, config, log), treebanks, config)
    }

    /// The model made of trained parts: the tagger pruned, the parsers' mean pruned.
    pub fn assemble(parts: TrainedParts, treebanks: &[Treebank], config: &ModelConfig) -> Model {
        Model {
            tagger: parts.tagger.pruned(config.tagger_prune),
            lemmatizer: parts.lemmatizer,
            parser: combine_parsers(&parts.parsers, config),
            training: training_record(treebanks, config),
        }
    }
}

/// What training makes before [`Model::assemble`] prunes and combines it.
pub struct TrainedParts {
    pub tagger: Tagger,
    pub lemmatizer: Lemmatizer,
    /// One parser per seed, in seed order.
    pub parsers: Vec<Parser>,
}

/// Trains the tagger, the lemmatizer and `config.parser_seeds` parsers on `treebanks`.
pub fn train_parts(
    treebanks: &[Treebank],
    config: &ModelConfig,
    log: &mut dyn FnMut(&str),
) -> TrainedParts {
    let gold: Vec<Sentence> = treebanks
        .iter()
        .flat_map(|t| t.sentences.iter().cloned())
        .collect();
    log(&format!(
        "training the tagger and lemmatizer on {} sentences",
        gold.len()
    ));
    // The model's own tagger trains beside the jackknife folds when there are threads to spare.
    let ((tagger, lemmatizer), parser_input) = std::thread::scope(|scope| {
        let train_tagger = || {
            (
                train_tagger(&gold, config),
                Lemmatizer::train(&gold, &config.lemma),
            )
        };
        let jackknife = |log: &mut dyn FnMut(&str)| {
            if config.jackknife_folds > 1 {
                jackknifed(&gold, config, log)
            } else {
                gold.clone()
            }
        };
        if config.threads > 1 {
            let handle = scope.spawn(train_tagger);
            let input = jackknife(log);
            let own = handle
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
            (own, input)
        } else {
            let own = train_tagger();
            (own, jackknife(log))
        }
    });
    let parsers = train_parsers(&parser_input, config, log);
    TrainedParts {
        tagger,
        lemmatizer,
        parsers,
    }
}

/// The model's tagger: one trained on `gold`, or the mean of `config.tagger_seeds` of them.
fn train_tagger(gold: &[Sentence], config: &ModelConfig) -> Tagger {
    if config.tagger_seeds <= 1 {
        return Tagger::train(gold, &config.tagger);
    }
    let taggers: Vec<Tagger> = (0..config.tagger_seeds as u64)
        .map(|k| {
            let tagger_config = TaggerConfig {
                seed: config.tagger.seed.wrapping_add(k),
                ..config.tagger.clone()
            };
            Tagger::train(gold, &tagger_config)
        })
        .collect();
    Tagger::mean(&taggers).expect("taggers trained on the same sentences share their classes")
}

/// The `training.txt` of a model trained on `treebanks` with `config`.
pub fn training_record(treebanks: &[Treebank], config: &ModelConfig) -> String {
    let mut out = String::from("# what petrel nlp train trained this model on\n");
    for t in treebanks {
        let words: usize = t.sentences.iter().map(|s| s.tokens.len()).sum();
        out.push_str(&format!(
            "treebank {} sentences {} words {}\n",
            t.name,
            t.sentences.len(),
            words
        ));
        if let Some(x) = &t.excluded {
            out.push_str(&format!(
                "excluded {} documents {} sentences {} words {} (also in {}){}{}\n",
                t.name,
                x.documents.len(),
                x.sentences,
                x.words,
                x.held_out.join(" "),
                if x.documents.is_empty() { "" } else { ": " },
                x.documents.join(" ")
            ));
        }
    }
    out.push_str(&format!("seed {}\n", config.parser.seed));
    out.push_str(&format!("settings {}\n", config.describe()));
    out
}

/// Trains `config.parser_seeds` parsers on `input`, with seeds `config.parser.seed` upwards, up
/// to `config.threads` at a time; in seed order.
pub fn train_parsers(
    input: &[Sentence],
    config: &ModelConfig,
    log: &mut dyn FnMut(&str),
) -> Vec<Parser> {
    let seeds: Vec<u64> = (0..config.parser_seeds.max(1) as u64)
        .map(|k| config.parser.seed.wrapping_add(k))
        .collect();
    let mut parsers = Vec::with_capacity(seeds.len());
    for chunk in seeds.chunks(config.threads.max(1)) {
        log(&format!("training the parser with seeds {chunk:?}"));
        let trained: Vec<Parser> = std::thread::scope(|scope| {
            let handles: Vec<_> = chunk
                .iter()
                .map(|&seed| {
                    let parser_config = ParserConfig {
                        seed,
                        ..config.parser.clone()
                    };
                    scope.spawn(move || Parser::train(input, &parser_config))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        parsers.extend(trained);
    }
    parsers
}

/// One parser from several: the only one, or their mean; pruned at `config.parser_prune`.
pub fn combine_parsers(parsers: &[Parser], config: &ModelConfig) -> Parser {
    match parsers {
        [one] => one.pruned(config.parser_prune),
        _ => Parser::mean(parsers)
            .expect("parsers trained on the same sentences share their relations")
            .pruned(config.parser_prune),
    }
}

/// Copies of `gold` whose tags and lemmas come from models trained on the other folds.
pub fn jackknifed(
    gold: &[Sentence],
    config: &ModelConfig,
    log: &mut dyn FnMut(&str),
) -> Vec<Sentence> {
    let folds = config.jackknife_folds.max(1);
    let mut out = gold.to_vec();
    let all: Vec<usize> = (0..folds).collect();
    for chunk in all.chunks(config.threads.max(1)) {
        log(&format!(
            "jackknife folds {chunk:?} of {folds}: training taggers without them"
        ));
        let trained: Vec<(usize, Tagger, Lemmatizer)> = std::thread::scope(|scope| {
            let handles: Vec<_> = chunk
                .iter()
                .map(|&fold| {
                    scope.spawn(move || {
                        let rest: Vec<Sentence> = gold
                            .iter()
                            .enumerate()
                            .filter(|(i, _)| i % folds != fold)
                            .map(|(_, s)| s.clone())
                            .collect();
                        let tagger = Tagger::train(&rest, &config.tagger);
                        let lemmatizer = Lemmatizer::train(&rest, &config.lemma);
                        (fold, tagger, lemmatizer)
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        for (fold, tagger, lemmatizer) in trained {
            for (i, s) in out.iter_mut().enumerate() {
                if i % folds == fold {
                    tagger.tag(s);
                    lemmatizer.lemmatize(s);
                }
            }
        }
    }
    out
}

/// What `petrel nlp eval` reports: accuracy on gold tokens, speed, and tokenization from raw text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EvalReport {
    pub sentences: usize,
    pub scores: AnnotationScores,
    /// Tag + lemmatize + parse throughput on one thread, in words per second.
    pub tokens_per_sec: f64,
    pub tokens_f1: f64,
    pub sentences_f1: f64,
    /// The scores of each genre, in the order the genres first appear, when the documents are
    /// named `<corpus>_<genre>_<name>` (GUM's `# newdoc id = GUM_news_iodine`); else empty.
    pub genres: Vec<GenreScores>,
}

/// The scores of the sentences of one genre.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GenreScores {
    pub genre: String,
    pub sentences: usize,
    pub scores: AnnotationScores,
}

/// The genre in a document id of the form `<CORPUS>_<genre>_<name>` (`GUM_news_iodine` →
/// `news`): the corpus part in capitals, the genre in lowercase letters.
pub fn genre_of(document: &str) -> Option<&str> {
    let mut parts = document.splitn(3, '_');
    let corpus = parts.next()?;
    let genre = parts.next()?;
    parts.next()?;
    let corpus_ok = !corpus.is_empty() && corpus.chars().all(|c| c.is_ascii_uppercase());
    let genre_ok = !genre.is_empty() && genre.chars().all(|c| c.is_ascii_lowercase());
    (corpus_ok && genre_ok).then_some(genre)
}

/// Annotates the gold sentences from their gold tokens with `model`, scores the result, and scores
/// the tokenizer on the sentences' `# text`.
pub fn evaluate(model: &Model, gold: &[Sentence]) -> Result<EvalReport, MisalignedError> {
    evaluate_documents(model, gold, &[])
}

/// As [`evaluate`], with the document id of each sentence (`# newdoc id`, in the order of
/// `gold`; missing ones count as none): sentences whose document names a genre
/// ([`genre_of`]) are also scored per genre.
pub fn evaluate_documents(
    model: &Model,
    gold: &[Sentence],
    documents: &[Option<String>],
) -> Result<EvalReport, MisalignedError> {
    let mut predicted = strip_annotation(gold);
    let started = Instant::now();
    for s in &mut predicted {
        model.annotate(s);
    }
    let seconds = started.elapsed().as_secs_f64();
    let scores = score(gold, &predicted)?;
    let tokenization = tokenize::evaluate(gold);
    let mut order: Vec<String> = Vec::new();
    let mut groups: std::collections::HashMap<String, (Vec<Sentence>, Vec<Sentence>)> =
        std::collections::HashMap::new();
    for (i, (g, p)) in gold.iter().zip(&predicted).enumerate() {
        let Some(genre) = documents
            .get(i)
            .and_then(|d| d.as_deref())
            .and_then(genre_of)
        else {
            continue;
        };
        let group = groups.entry(genre.to_string()).or_insert_with(|| {
            order.push(genre.to_string());
            Default::default()
        });
        group.0.push(g.clone());
        group.1.push(p.clone());
    }
    let mut genres = Vec::with_capacity(order.len());
    for genre in order {
        if let Some((g, p)) = groups.get(&genre) {
            genres.push(GenreScores {
                sentences: g.len(),
                scores: score(g, p)?,
                genre,
            });
        }
    }
    Ok(EvalReport {
        sentences: gold.len(),
        scores,
        tokens_per_sec: if seconds > 0.0 {
            scores.words as f64 / seconds
        } else {
            0.0
        },
        tokens_f1: tokenization.tokens_f1,
        sentences_f1: tokenization.sentences_f1,
        genres,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn genres_come_from_gum_document_ids() {
        assert_eq!(genre_of("GUM_news_iodine"), Some("news"));
        assert_eq!(genre_of("GUM_bio_emperor_2"), Some("bio"));
        assert_eq!(genre_of("GUM_news"), None);
        assert_eq!(
            genre_of("weblog-juancole.com_juancole_20051126063000_ENG"),
            None
        );
    }

    #[test]
    fn the_training_record_names_each_treebank() {
        let mut s = Sentence::new("Hi there");
        s.tokens.push(petrel_core::Token::new("Hi"));
        s.tokens.push(petrel_core::Token::new("there"));
        let treebanks = [
            Treebank {
                name: "a.conllu".into(),
                sentences: vec![s.clone(), s.clone()],
                excluded: None,
            },
            Treebank {
                name: "b.conllu".into(),
                sentences: vec![s],
                excluded: None,
            },
        ];
        let record = training_record(&treebanks, &ModelConfig::default());
        assert!(record.contains("treebank a.conllu sentences 2 words 4\n"));
        assert!(record.contains("treebank b.conllu sentences 1 words 2\n"));
        assert!(record.contains("seed 1\n"));
        assert!(record.contains("parser_seeds=1"));
        assert!(!record.contains("excluded"));
        // Settings added later appear only when they are not their default.
        assert!(!record.contains("tagger_features"));
        assert!(!record.contains("parser_features"));
        assert!(!record.contains("tagger_seeds"));
        let mut config = ModelConfig::default();
        config.tagger.features.ambiguity = true;
        config.parser.features.lemmas = true;
        config.tagger_seeds = 2;
        let record = training_record(&treebanks, &config);
        assert!(record.contains(
            "parser_prune=0.05 tagger_features=ambiguity tagger_seeds=2 parser_features=lemmas\n"
        ));
    }

    #[test]
    fn a_treebank_drops_the_documents_a_held_out_file_has() {
        let sentence = |words: &[&str]| {
            let mut s = Sentence::new(&words.join(" "));
            for w in words {
                s.tokens.push(petrel_core::Token::new(w));
            }
            s
        };
        let sentences = vec![
            sentence(&["Kept", "."]),
            sentence(&["Gone", "too", "."]),
            sentence(&["Gone", "."]),
            sentence(&["No", "document"]),
            sentence(&["Kept", "again"]),
        ];
        let docs = [
            Some("GUM_news_a".to_string()),
            Some("GUM_court_loan".to_string()),
            Some("GUM_court_loan".to_string()),
            None,
            Some("GUM_news_b".to_string()),
        ];
        let held_out: std::collections::HashSet<String> =
            ["GUM_court_loan".to_string(), "GUM_elsewhere".to_string()].into();
        let t = Treebank::excluding(
            "train.conllu".into(),
            sentences,
            &docs,
            &held_out,
            vec!["dev.conllu".into()],
        );
        let firsts: Vec<&str> = t
            .sentences
            .iter()
            .map(|s| s.tokens[0].form.as_str())
            .collect();
        assert_eq!(firsts, ["Kept", "No", "Kept"]);
        let x = t.excluded.clone().unwrap_or_default();
        assert_eq!(x.documents, ["GUM_court_loan"]);
        assert_eq!((x.sentences, x.words), (2, 5));
        let record = training_record(&[t], &ModelConfig::default());
        assert!(record.contains("treebank train.conllu sentences 3 words 6\n"));
        assert!(record.contains(
            "excluded train.conllu documents 1 sentences 2 words 5 (also in dev.conllu): GUM_court_loan\n"
        ));
    }
}
