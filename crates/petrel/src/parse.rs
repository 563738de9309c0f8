//! Raw text to CoNLL-U, streaming: what `petrel parse` does.

use petrel_core::Sentence;
use petrel_ingest::chunks::{Chunk, ChunkError, Chunks, Skip};
use petrel_nlp::{conllu, model::Model, tokenize};
use std::io::{self, Read, Write};

/// Counts from one streaming parse.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParseSummary {
    pub sentences: usize,
    pub tokens: usize,
    /// Input lines left out, with why; each was also handed to the caller's `on_skip` as it came.
    pub skipped: usize,
}

/// The input could not be parsed or the output not written.
#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    #[error(transparent)]
    Input(#[from] ChunkError),
    #[error("writing output: {0}")]
    Output(#[source] io::Error),
}

impl ParseError {
    /// True when the reader of our output went away (`petrel parse … | head`).
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, ParseError::Output(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

/// Reads text from `input` paragraph by paragraph, parses it with `model` and writes CoNLL-U to
/// `out`. Memory stays bounded by the largest chunk (see `petrel_ingest::chunks`), whatever the
/// input size. Token offsets (`TokenRange` in MISC) are byte offsets into the whole input.
pub fn parse_stream<R: Read, W: Write>(
    model: &Model,
    input: R,
    out: &mut W,
    on_skip: &mut dyn FnMut(&Skip),
) -> Result<ParseSummary, ParseError> {
    let mut summary = ParseSummary::default();
    for chunk in Chunks::new(input) {
        let chunk = chunk?;
        for skip in &chunk.skipped {
            summary.skipped += 1;
            on_skip(skip);
        }
        for mut sentence in annotate_chunk(model, &chunk) {
            summary.sentences += 1;
            summary.tokens += sentence.tokens.len();
            sentence.id = Some(summary.sentences.to_string());
            conllu::write(out, &sentence).map_err(ParseError::Output)?;
        }
    }
    out.flush().map_err(ParseError::Output)?;
    Ok(summary)
}

/// The sentences of one chunk, tokenized, tagged and parsed, with spans into the whole input.
fn annotate_chunk(model: &Model, chunk: &Chunk) -> Vec<Sentence> {
    let mut sentences = tokenize::sentences(&chunk.text);
    for sentence in &mut sentences {
        model.annotate(sentence);
        sentence.span = sentence.span.map(|s| s.shift(chunk.offset));
        for t in &mut sentence.tokens {
            t.span = t.span.map(|s| s.shift(chunk.offset));
        }
    }
    sentences
}

/// Parses a text held in memory exactly as [`parse_stream`] parses it from a reader (the same
/// chunks and bounds); spans are byte offsets into `text`. Returns the sentences and the lines left
/// out.
pub fn parse_text(model: &Model, text: &str) -> Result<(Vec<Sentence>, Vec<Skip>), ChunkError> {
    let mut sentences = Vec::new();
    let mut skipped = Vec::new();
    for chunk in Chunks::new(text.as_bytes()) {
        let chunk = chunk?;
        skipped.extend(chunk.skipped.iter().cloned());
        sentences.extend(annotate_chunk(model, &chunk));
    }
    Ok((sentences, skipped))
}
