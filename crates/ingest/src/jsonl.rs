//! One JSONL record: a story as `{"id": ..., "text": ..., "title", "date", "url", "source", "language"}`.

use serde_json::Value;

/// The fields petrel reads from a JSONL record; other fields are ignored.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Record {
    /// A string, or a number written as text.
    pub id: Option<String>,
    pub text: String,
    pub title: Option<String>,
    /// The date as the record wrote it; read with the same grammar as dates in text.
    pub date: Option<String>,
    pub url: Option<String>,
    /// The publisher.
    pub source: Option<String>,
    pub language: Option<String>,
}

/// Why a line is not a story record.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RecordError {
    #[error("invalid JSON ({0}); fix the line or remove it")]
    Json(String),
    #[error(
        "the record has no \"text\" string; each line needs {{\"id\": ..., \"text\": \"...\"}}"
    )]
    NoText,
}

/// Parses one line of a JSONL file.
pub fn parse(line: &str) -> Result<Record, RecordError> {
    let value: Value = serde_json::from_str(line).map_err(|e| RecordError::Json(e.to_string()))?;
    let Value::Object(mut fields) = value else {
        return Err(RecordError::Json("the line is not a JSON object".into()));
    };
    let mut string = |key: &str| match fields.remove(key) {
        Some(Value::String(s)) => Some(s),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let text = string("text").ok_or(RecordError::NoText)?;
    Ok(Record {
        id: string("id"),
        title: string("title"),
        date: string("date"),
        url: string("url"),
        source: string("source"),
        language: string("language"),
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_documented_fields() {
        let r = parse(r#"{"id": 7, "text": "Japan protested.", "title": "T", "date": "2017-03-20", "source": "AP", "extra": [1]}"#).unwrap();
        assert_eq!(r.id.as_deref(), Some("7"));
        assert_eq!(r.text, "Japan protested.");
        assert_eq!(r.source.as_deref(), Some("AP"));
        assert_eq!(r.url, None);
    }

    #[test]
    fn bad_lines_say_why() {
        assert!(matches!(
            parse(r#"{"id": 1, "text": "unterminated"#),
            Err(RecordError::Json(_))
        ));
        assert!(matches!(parse("[1, 2]"), Err(RecordError::Json(_))));
        assert_eq!(parse(r#"{"id": 1, "body": "x"}"#), Err(RecordError::NoText));
    }
}
