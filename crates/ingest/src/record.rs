//! The document summary `petrel doc --json` prints: every field of a [`Document`] but its sentences, which the CLI adds.

use petrel_core::Document;
use serde_json::{json, Value};

/// `{id, origin, title, date, date_precision, dateline, publisher, byline, url, language, text,
/// warnings}`; absent values are `null`, the date is `YYYY-MM-DD`. The caller adds `sentences`.
pub fn doc_json(doc: &Document) -> Value {
    json!({
        "id": doc.id,
        "origin": doc.origin,
        "title": doc.title,
        "date": doc.date.map(|d| d.to_string()),
        "date_precision": doc.date.map(|_| doc.date_precision.as_str()),
        "dateline": doc.dateline,
        "publisher": doc.publisher,
        "byline": doc.byline,
        "url": doc.url,
        "language": doc.language,
        "text": doc.text,
        "warnings": doc.warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use petrel_core::Date;

    #[test]
    fn absent_fields_are_null_and_dates_iso() {
        let doc = Document {
            id: "a".into(),
            date: Date::from_ymd(2017, 3, 20).ok(),
            text: "x".into(),
            ..Document::default()
        };
        let v = doc_json(&doc);
        assert_eq!(v["date"], "2017-03-20");
        assert_eq!(v["date_precision"], "day");
        assert_eq!(v["title"], Value::Null);
        assert_eq!(v["warnings"], json!([]));
    }
}
