//! The document record: what `petrel doc --json` prints for one story.

use crate::record::CharIndex;
use petrel_core::{Document, Sentence};
use serde::Serialize;

/// A story as ingest read it: `{id, origin, title, date, date_precision, dateline, publisher,
/// byline, url, language, text, warnings}` and, when given, its `sentences`. Absent values are
/// `null`; the date is `YYYY-MM-DD`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentRecord {
    pub id: String,
    pub origin: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub date_precision: Option<&'static str>,
    pub dateline: Option<String>,
    pub publisher: Option<String>,
    pub byline: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    pub text: String,
    pub warnings: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentences: Option<Vec<SentenceRecord>>,
}

/// One sentence of a document record, with character offsets into the record's `text`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SentenceRecord {
    pub index: usize,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

impl DocumentRecord {
    /// The record of a document's metadata and clean text, without sentences.
    pub fn new(doc: &Document) -> DocumentRecord {
        DocumentRecord {
            id: doc.id.clone(),
            origin: doc.origin.clone(),
            title: doc.title.clone(),
            date: doc.date.map(|d| d.to_string()),
            date_precision: doc.date.map(|_| doc.date_precision.as_str()),
            dateline: doc.dateline.clone(),
            publisher: doc.publisher.clone(),
            byline: doc.byline.clone(),
            url: doc.url.clone(),
            language: doc.language.clone(),
            text: doc.text.clone(),
            warnings: doc.warnings.clone(),
            sentences: None,
        }
    }

    /// Adds the sentences of the document (spans indexing its clean text).
    pub fn with_sentences(mut self, sentences: &[Sentence]) -> DocumentRecord {
        let chars = CharIndex::new(&self.text);
        let list = sentences
            .iter()
            .enumerate()
            .map(|(index, s)| {
                let span = s.span.unwrap_or_default();
                SentenceRecord {
                    index,
                    text: s.text.clone(),
                    start: chars.char_offset(span.start),
                    end: chars.char_offset(span.end),
                }
            })
            .collect();
        self.sentences = Some(list);
        self
    }

    /// The record as a JSON value, its keys in sorted order.
    pub fn to_value(&self) -> serde_json::Value {
        // Strings, numbers and options always serialize; `null` would show a bug, not crash.
        serde_json::to_value(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use petrel_core::Date;
    use serde_json::{json, Value};

    #[test]
    fn absent_fields_are_null_and_dates_iso() {
        let doc = Document {
            id: "a".into(),
            date: Date::from_ymd(2017, 3, 20).ok(),
            text: "x".into(),
            ..Document::default()
        };
        let v = DocumentRecord::new(&doc).to_value();
        assert_eq!(v["date"], "2017-03-20");
        assert_eq!(v["date_precision"], "day");
        assert_eq!(v["title"], Value::Null);
        assert_eq!(v["warnings"], json!([]));
        assert!(v.get("sentences").is_none());
    }

    #[test]
    fn sentences_carry_character_offsets() {
        let text = "Шойгу arrived. He met Kishida.";
        let doc = Document {
            id: "d".into(),
            text: text.into(),
            ..Document::default()
        };
        let sentence = |start: usize, end: usize| Sentence {
            text: text[start..end].to_string(),
            span: Some(petrel_core::Span::new(start, end)),
            ..Sentence::default()
        };
        let v = DocumentRecord::new(&doc)
            .with_sentences(&[sentence(0, 19), sentence(20, 35)])
            .to_value();
        assert_eq!(v["sentences"][0]["end"], 14);
        assert_eq!(v["sentences"][1]["start"], 15);
        assert_eq!(v["sentences"][1]["text"], "He met Kishida.");
    }
}
