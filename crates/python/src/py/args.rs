//! Python arguments to checked Rust values, with errors that say what was wrong and what to do.

use crate::window::Story;
use petrel::core::Date;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};

/// A text argument: a `str`, or `bytes` holding UTF-8. Anything else is a `TypeError`; bytes that
/// are not UTF-8 and strings that cannot be encoded (lone surrogates) are a `ValueError`.
pub fn text(value: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    if value.is_none() {
        return Err(PyTypeError::new_err(format!(
            "{what} is None; give the story's text as a str"
        )));
    }
    if let Ok(s) = value.downcast::<PyString>() {
        return s.to_str().map(str::to_string).map_err(|_| {
            PyValueError::new_err(format!(
                "{what} holds characters that are not valid Unicode (lone surrogates); clean the \
                 text, e.g. text.encode(\"utf-8\", \"replace\").decode(\"utf-8\")"
            ))
        });
    }
    if let Ok(b) = value.downcast::<PyBytes>() {
        return match std::str::from_utf8(b.as_bytes()) {
            Ok(s) => Ok(s.to_string()),
            Err(e) => Err(PyValueError::new_err(format!(
                "{what} is bytes that are not UTF-8 (invalid at byte {}); decode them to a str \
                 first, e.g. data.decode(\"cp1252\")",
                e.valid_up_to()
            ))),
        };
    }
    Err(PyTypeError::new_err(format!(
        "{what} must be a str, not {}",
        type_name(value)
    )))
}

/// An optional text argument (`None` is absent).
pub fn optional_text(value: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<Option<String>> {
    match value {
        None => Ok(None),
        Some(v) if v.is_none() => Ok(None),
        Some(v) => text(v, what).map(Some),
    }
}

/// An id: a str, or an int written as text (as a JSONL record's numeric id is read).
pub fn id(value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<String>> {
    match value {
        None => Ok(None),
        Some(v) if v.is_none() => Ok(None),
        Some(v) if v.is_instance_of::<pyo3::types::PyInt>() => Ok(Some(v.str()?.to_string())),
        Some(v) => text(v, "id").map(Some),
    }
}

/// A date argument: `None`, a string (`YYYY-MM-DD`, or any form a JSONL record's `date` may take),
/// or a `datetime.date` (or `datetime`). Returned as written, checked.
pub fn date(value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<String>> {
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Ok(None);
    };
    if let Ok(s) = value.downcast::<PyString>() {
        let s = s.to_str()?;
        return match petrel::story::check_date(s) {
            Ok(_) => Ok(Some(s.to_string())),
            Err(e) => Err(PyValueError::new_err(format!("date {e}"))),
        };
    }
    if value.hasattr("year")? && value.hasattr("month")? && value.hasattr("day")? {
        let part = |name: &str| -> PyResult<u32> { value.getattr(name)?.extract::<u32>() };
        let (y, m, d) = (part("year")?, part("month")?, part("day")?);
        return Date::from_ymd(y, m, d)
            .map(|d| Some(d.to_string()))
            .map_err(|e| PyValueError::new_err(format!("date {y:04}-{m:02}-{d:02}: {e}")));
    }
    Err(PyTypeError::new_err(format!(
        "date must be a str such as 2017-03-20 or a datetime.date, not {}",
        type_name(value)
    )))
}

/// One story of `code_many`: a dict with `text` (and `id`, `date`, `title`), a tuple
/// `(id, text[, date[, title]])`, or a str (text alone).
pub fn story(item: &Bound<'_, PyAny>) -> PyResult<Story> {
    if item.is_instance_of::<PyString>() || item.is_instance_of::<PyBytes>() {
        return Ok(Story {
            text: text(item, "text")?,
            ..Story::default()
        });
    }
    if let Ok(d) = item.downcast::<PyDict>() {
        let Some(t) = d.get_item("text")? else {
            return Err(PyValueError::new_err(
                "the story dict has no \"text\"; each story needs {\"id\": ..., \"text\": \"...\"}",
            ));
        };
        let id_value = match d.get_item("id")? {
            Some(v) => Some(v),
            None => d.get_item("doc_id")?,
        };
        let field = |name: &str| -> PyResult<Option<String>> {
            optional_text(d.get_item(name)?.as_ref(), name)
        };
        return Ok(Story {
            id: id(id_value.as_ref())?,
            text: text(&t, "text")?,
            date: date(d.get_item("date")?.as_ref())?,
            title: field("title")?,
            source: field("source")?,
            url: field("url")?,
            language: field("language")?,
        });
    }
    let parts: Option<Vec<Bound<'_, PyAny>>> = if let Ok(t) = item.downcast::<PyTuple>() {
        Some(t.iter().collect())
    } else if let Ok(l) = item.downcast::<PyList>() {
        Some(l.iter().collect())
    } else {
        None
    };
    match parts.as_deref() {
        Some([i, t, rest @ ..]) if rest.len() <= 2 => Ok(Story {
            id: id(Some(i))?,
            text: text(t, "text")?,
            date: date(rest.first())?,
            title: optional_text(rest.get(1), "title")?,
            ..Story::default()
        }),
        _ => Err(PyTypeError::new_err(format!(
            "a story is a dict with \"text\" (and \"id\", \"date\", \"title\"), a tuple (id, text, \
             date) or a str, not {}",
            type_name(item)
        ))),
    }
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "an unknown type".to_string())
}
