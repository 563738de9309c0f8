//! The PyO3 glue: the `petrel._petrel` module, its classes, functions and exceptions.

mod args;
mod coder;
mod convert;
mod errors;

use petrel::nlp::model::Model;
use pyo3::prelude::*;
use pyo3::types::PyList;
use std::sync::OnceLock;

/// The built-in model `parse` uses, loaded on first use.
static MODEL: OnceLock<Result<Model, String>> = OnceLock::new();

/// `petrel.parse(text)`: sentences with tokens (character offsets, UPOS, XPOS, lemma, head,
/// deprel), as `petrel parse` reads the same text.
#[pyfunction]
fn parse<'py>(py: Python<'py>, text: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
    let text = args::text(text, "text")?;
    if text.len() > petrel::ingest::MAX_STORY_BYTES {
        return Err(pyo3::exceptions::PyValueError::new_err(format!(
            "text is over {} bytes; parse it in parts",
            petrel::ingest::MAX_STORY_BYTES
        )));
    }
    let parsed = py.allow_threads(|| {
        let model = MODEL
            .get_or_init(|| {
                Model::builtin().map_err(|e| format!("loading the built-in model: {e}"))
            })
            .as_ref()
            .map_err(Clone::clone)?;
        petrel::parse::parse_text(model, &text).map_err(|e| e.to_string())
    });
    let (sentences, skipped) = parsed.map_err(errors::PetrelError::new_err)?;
    for skip in &skipped {
        errors::warn(py, &format!("text:{}: {}", skip.line, skip.reason))?;
    }
    convert::sentences(py, &text, &sentences)
}

#[pymodule]
fn _petrel(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<coder::Coder>()?;
    m.add_class::<coder::EventStream>()?;
    m.add_function(wrap_pyfunction!(parse, m)?)?;
    m.add("PetrelError", py.get_type::<errors::PetrelError>())?;
    m.add("SkipError", py.get_type::<errors::SkipError>())?;
    m.add("DictionaryError", py.get_type::<errors::DictionaryError>())?;
    m.add("COLUMNS", convert::columns(py)?)?;
    m.add("FORMAT_VERSION", petrel::output::FORMAT_VERSION)?;
    Ok(())
}
