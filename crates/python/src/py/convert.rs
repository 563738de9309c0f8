//! Rust results to Python objects: event records through their JSON, table cells by kind, parses.

use petrel::core::Sentence;
use petrel::output::tabular::{self, Cell, Kind};
use petrel::output::EventRecord;
use pyo3::prelude::*;
use pyo3::sync::GILOnceCell;
use pyo3::types::{PyDict, PyList, PyString};

static JSON_LOADS: GILOnceCell<Py<PyAny>> = GILOnceCell::new();

/// An event as a dict: the record's JSONL line, read by Python's `json.loads`, so the dict holds
/// exactly what a line of `petrel code --format jsonl` holds (keys in the same order, the same
/// numbers).
pub fn event<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyAny>> {
    let loads = JSON_LOADS.import(py, "json", "loads")?;
    loads.call1((json,))
}

/// The JSONL lines of records, made where the GIL is not needed.
pub fn json_lines(records: &[EventRecord]) -> Vec<String> {
    records.iter().map(EventRecord::to_json).collect()
}

/// A table cell as a Python value: str, int, float or None. A float is the shortest decimal that
/// reads back as the record's `f32` (3.4, not 3.4000000953674316), as in JSON and CSV.
pub fn cell(py: Python<'_>, cell: Cell) -> PyResult<PyObject> {
    Ok(match cell {
        Cell::Text(s) => PyString::new(py, &s).into_any().unbind(),
        Cell::Int(n) => n.into_pyobject(py)?.into_any().unbind(),
        Cell::Float(x) => {
            let wide: f64 = x.to_string().parse().unwrap_or(f64::from(x));
            wide.into_pyobject(py)?.into_any().unbind()
        }
        Cell::Null => py.None(),
    })
}

/// `petrel.COLUMNS`: `(name, kind)` for each column of the CSV layout, kind one of `str`, `int`,
/// `float`.
pub fn columns(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let pairs: Vec<(&str, &str)> = tabular::COLUMNS
        .iter()
        .zip(tabular::KINDS)
        .map(|(name, kind)| {
            let kind = match kind {
                Kind::Text => "str",
                Kind::Int => "int",
                Kind::Float => "float",
            };
            (*name, kind)
        })
        .collect();
    PyList::new(py, pairs)
}

/// Sentences as dicts: `text`, `start`, `end` and `tokens`, each token with `id`, `form`,
/// `lemma`, `upos`, `xpos`, `feats`, `head`, `deprel`, `start`, `end` and `space_after`. Offsets
/// are character offsets into `text`, as Python indexes it.
pub fn sentences<'py>(
    py: Python<'py>,
    text: &str,
    sentences: &[Sentence],
) -> PyResult<Bound<'py, PyList>> {
    let mut chars = CharOffsets::new(text);
    let out = PyList::empty(py);
    for s in sentences {
        let sentence = PyDict::new(py);
        let span = s.span.unwrap_or_default();
        sentence.set_item("text", &s.text)?;
        sentence.set_item("start", chars.at(span.start))?;
        sentence.set_item("end", chars.at(span.end))?;
        let tokens = PyList::empty(py);
        for (i, t) in s.tokens.iter().enumerate() {
            let token = PyDict::new(py);
            let span = t.span.unwrap_or_default();
            token.set_item("id", i + 1)?;
            token.set_item("form", &t.form)?;
            token.set_item("lemma", &t.lemma)?;
            token.set_item("upos", t.upos.as_str())?;
            token.set_item("xpos", &t.xpos)?;
            token.set_item("feats", &t.feats)?;
            token.set_item("head", t.head)?;
            token.set_item("deprel", t.deprel.as_str())?;
            token.set_item("start", chars.at(span.start))?;
            token.set_item("end", chars.at(span.end))?;
            token.set_item("space_after", t.space_after)?;
            tokens.append(token)?;
        }
        sentence.set_item("tokens", tokens)?;
        out.append(sentence)?;
    }
    Ok(out)
}

/// Byte to character offsets over a text, fast for increasing positions.
struct CharOffsets<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharOffsets<'a> {
    fn new(text: &'a str) -> CharOffsets<'a> {
        CharOffsets {
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
        let counted = self
            .text
            .as_bytes()
            .get(self.byte..byte)
            .map_or(0, |b| b.iter().filter(|&&b| (b & 0xC0) != 0x80).count());
        self.chars += counted;
        self.byte = byte;
        self.chars
    }
}
