//! English NLP for news text: raw text → sentences → tokens → part-of-speech tags, lemmas and
//! Universal Dependencies trees.
//!
//! Everything downstream in petrel reads dependency trees, so this stage owns the whole path from
//! text to [`petrel_core::Sentence`]. It is petrel's own code, trained by petrel's own code on the UD
//! English EWT and GUM treebanks, with no Java, Python or network at run time.
//!
//! - `tokenize`: sentence splitting and UD-style tokenization with byte offsets.
//! - [`conllu`]: the CoNLL-U reader and writer (UD v2).
//! - `perceptron`: the averaged perceptron shared by the tagger and the parser.
//! - `tagger`, `lemma`, `parser`: the trained models.
//!
//! What this crate does not do: read documents (that is `ingest`) or know about events.

/// Finding the team's shared data from unit tests (the workspace's `tests/support`).
#[cfg(test)]
#[path = "../../../tests/support/mod.rs"]
pub(crate) mod support;

pub mod conllu;
pub mod eval;
pub mod lemma;
pub mod model;
pub mod parser;
pub mod perceptron;
pub mod tagger;
pub mod tokenize;
