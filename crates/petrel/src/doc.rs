//! Story understanding for `petrel doc`: a document's metadata and its sentences.

use petrel_core::{Document, Sentence};
use petrel_nlp::tokenize;

/// The sentences of a document's clean text, tokenized (not yet tagged or parsed). Spans index
/// `doc.text`; `doc.offsets.original_span` maps them back to the input.
pub fn sentences(doc: &Document) -> Vec<Sentence> {
    tokenize::sentences(&doc.text)
}

/// What `petrel doc --json` prints for one document: ingest's metadata plus the sentences, each
/// with its character offsets into the clean `text`.
pub fn doc_json(doc: &Document) -> serde_json::Value {
    let mut value = petrel_ingest::doc_json(doc);
    let mut chars = CharCounter::new(&doc.text);
    let sentences: Vec<serde_json::Value> = sentences(doc)
        .iter()
        .enumerate()
        .map(|(index, s)| {
            let span = s.span.unwrap_or_default();
            serde_json::json!({
                "index": index,
                "text": s.text,
                "start": chars.at(span.start),
                "end": chars.at(span.end),
            })
        })
        .collect();
    if let Some(map) = value.as_object_mut() {
        map.insert("sentences".into(), serde_json::Value::Array(sentences));
    }
    value
}

/// Byte → character offsets over increasing positions, in one pass over the text.
struct CharCounter<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharCounter<'a> {
    fn new(text: &'a str) -> CharCounter<'a> {
        CharCounter {
            text,
            byte: 0,
            chars: 0,
        }
    }

    fn at(&mut self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text.as_bytes()[self.byte..byte]
            .iter()
            .filter(|&&b| (b & 0xC0) != 0x80)
            .count();
        self.byte = byte;
        self.chars
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_carry_character_offsets() {
        let doc = Document {
            id: "d".into(),
            text: "Шойгу arrived. He met Kishida.".into(),
            ..Document::default()
        };
        let v = doc_json(&doc);
        let s = v["sentences"].as_array().unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0]["start"], 0);
        assert_eq!(s[0]["end"], 14);
        assert_eq!(s[1]["text"], "He met Kishida.");
        assert_eq!(s[1]["start"], 15);
    }
}
