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

static BUILTIN_TAGGER: &[u8] = include_bytes!("../../../models/en/tagger.bin");
static BUILTIN_LEMMA: &[u8] = include_bytes!("../../../models/en/lemma.bin");
static BUILTIN_PARSER: &[u8] = include_bytes!("../../../models/en/parser.bin");

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
}

impl Default for ModelConfig {
    fn default() -> ModelConfig {
        ModelConfig {
            tagger: TaggerConfig::default(),
            lemma: LemmaConfig::default(),
            parser: ParserConfig::default(),
            jackknife_folds: 4,
        }
    }
}

/// Tagger, lemmatizer and parser.
pub struct Model {
    pub tagger: Tagger,
    pub lemmatizer: Lemmatizer,
    pub parser: Parser,
}

impl Model {
    /// The model compiled into petrel.
    pub fn builtin() -> Result<Model, LoadError> {
        let named = |name: &str| PathBuf::from(format!("<builtin>/models/en/{name}"));
        Ok(Model {
            tagger: Tagger::read(BUILTIN_TAGGER).map_err(|source| LoadError::Model {
                path: named(TAGGER_FILE),
                source,
            })?,
            lemmatizer: Lemmatizer::read(BUILTIN_LEMMA).map_err(|source| LoadError::Model {
                path: named(LEMMA_FILE),
                source,
            })?,
            parser: Parser::read(BUILTIN_PARSER).map_err(|source| LoadError::Model {
                path: named(PARSER_FILE),
                source,
            })?,
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
        Ok(Model {
            tagger,
            lemmatizer,
            parser,
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
        write(PARSER_FILE, &|out| self.parser.write(out))
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

    /// Trains a model on gold sentences. `log` hears progress lines.
    pub fn train(gold: &[Sentence], config: &ModelConfig, log: &mut dyn FnMut(&str)) -> Model {
        log(&format!("training the tagger on {} sentences", gold.len()));
        let tagger = Tagger::train(gold, &config.tagger);
        log("training the lemmatizer");
        let lemmatizer = Lemmatizer::train(gold, &config.lemma);
        let parser_input = if config.jackknife_folds > 1 {
            jackknifed(gold, config, log)
        } else {
            gold.to_vec()
        };
        log("training the parser");
        let parser = Parser::train(&parser_input, &config.parser);
        Model {
            tagger,
            lemmatizer,
            parser,
        }
    }
}

/// Copies of `gold` whose tags and lemmas come from models trained on the other folds.
pub fn jackknifed(
    gold: &[Sentence],
    config: &ModelConfig,
    log: &mut dyn FnMut(&str),
) -> Vec<Sentence> {
    let folds = config.jackknife_folds;
    let mut out = gold.to_vec();
    for fold in 0..folds {
        log(&format!(
            "jackknife fold {}/{folds}: training a tagger without it",
            fold + 1
        ));
        let rest: Vec<Sentence> = gold
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != fold)
            .map(|(_, s)| s.clone())
            .collect();
        let tagger = Tagger::train(&rest, &config.tagger);
        let lemmatizer = Lemmatizer::train(&rest, &config.lemma);
        for (i, s) in out.iter_mut().enumerate() {
            if i % folds == fold {
                tagger.tag(s);
                lemmatizer.lemmatize(s);
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
}

/// Annotates the gold sentences from their gold tokens with `model`, scores the result, and scores
/// the tokenizer on the sentences' `# text`.
pub fn evaluate(model: &Model, gold: &[Sentence]) -> Result<EvalReport, MisalignedError> {
    let mut predicted = strip_annotation(gold);
    let started = Instant::now();
    for s in &mut predicted {
        model.annotate(s);
    }
    let seconds = started.elapsed().as_secs_f64();
    let scores = score(gold, &predicted)?;
    let tokenization = tokenize::evaluate(gold);
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
    })
}
