//! Story understanding for `petrel doc`: a document's metadata and its sentences.

use petrel_core::{Document, Sentence};
use petrel_nlp::tokenize;

/// The sentences of a document's clean text, tokenized (not yet tagged or parsed). Spans index
/// `doc.text`; `doc.offsets.original_span` maps them back to the input.
pub fn sentences(doc: &Document) -> Vec<Sentence> {
    tokenize::sentences(&doc.text)
}

/// What `petrel doc --json` prints for one document: ingest's metadata plus the sentences, each
/// with its character offsets into the clean `text` (the record is `petrel_output`'s).
pub fn doc_json(doc: &Document) -> serde_json::Value {
    petrel_output::DocumentRecord::new(doc)
        .with_sentences(&sentences(doc))
        .to_value()
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
