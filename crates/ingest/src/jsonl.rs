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
    /// Fields of the wrong type, each ignored: `"title" is a number; it should be a string`.
    pub warnings: Vec<String>,
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
    #[error("\"{field}\" is {found}; it must be {expected}")]
    WrongType {
        field: &'static str,
        found: &'static str,
        expected: &'static str,
    },
}

/// The kind of a JSON value, in words.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Parses one line of a JSONL file.
pub fn parse(line: &str) -> Result<Record, RecordError> {
    let value: Value = serde_json::from_str(line).map_err(|e| RecordError::Json(e.to_string()))?;
    let Value::Object(mut fields) = value else {
        return Err(RecordError::Json("the line is not a JSON object".into()));
    };
    let text = match fields.remove("text") {
        Some(Value::String(s)) => s,
        None | Some(Value::Null) => return Err(RecordError::NoText),
        Some(other) => {
            return Err(RecordError::WrongType {
                field: "text",
                found: kind(&other),
                expected: "a string",
            })
        }
    };
    let id = match fields.remove("id") {
        Some(Value::String(s)) => Some(s),
        Some(Value::Number(n)) => Some(n.to_string()),
        None | Some(Value::Null) => None,
        Some(other) => {
            return Err(RecordError::WrongType {
                field: "id",
                found: kind(&other),
                expected: "a string or a number",
            })
        }
    };
    let mut warnings = Vec::new();
    let mut string = |key: &'static str| match fields.remove(key) {
        Some(Value::String(s)) => Some(s),
        None | Some(Value::Null) => None,
        Some(other) => {
            let hint = if key == "date" {
                " such as \"2017-03-20\""
            } else {
                ""
            };
            warnings.push(format!(
                "\"{key}\" is {}; it should be a string{hint} (the field was ignored)",
                kind(&other)
            ));
            None
        }
    };
    Ok(Record {
        id,
        title: string("title"),
        date: string("date"),
        url: string("url"),
        source: string("source"),
        language: string("language"),
        text,
        warnings,
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

    #[test]
    fn values_of_the_wrong_type_are_named() {
        let e = parse(r#"{"id": 1, "text": 12345}"#).unwrap_err();
        assert_eq!(e.to_string(), "\"text\" is a number; it must be a string");
        let e = parse(r#"{"id": [1], "text": "x"}"#).unwrap_err();
        assert!(matches!(e, RecordError::WrongType { field: "id", .. }));
        let r = parse(r#"{"id": 1, "text": "x", "date": 20170306, "title": null}"#).unwrap();
        assert_eq!(r.date, None);
        assert_eq!(r.title, None);
        assert_eq!(r.warnings.len(), 1);
        assert!(
            r.warnings[0].starts_with("\"date\" is a number"),
            "{:?}",
            r.warnings
        );
    }
}
