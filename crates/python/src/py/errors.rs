//! Python exceptions for petrel's errors, with the messages `petrel` prints.

use petrel::corpus::SkippedInput;
use pyo3::prelude::*;
use pyo3::sync::GILOnceCell;

pyo3::create_exception!(
    petrel,
    PetrelError,
    pyo3::exceptions::PyException,
    "Something petrel could not do; the message says what and what to do."
);
pyo3::create_exception!(
    petrel,
    SkipError,
    PetrelError,
    "A story petrel cannot code (empty, binary, too large, undated); `reason` names why and \
     `origin` the story, as in `petrel code`'s summary."
);
pyo3::create_exception!(
    petrel,
    DictionaryError,
    PetrelError,
    "The dictionaries `dicts` names cannot be loaded."
);

/// The exception for a skipped story, with its `reason` and `origin`.
pub fn skip(py: Python<'_>, s: &SkippedInput) -> PyErr {
    let err = SkipError::new_err(s.message.clone());
    let value = err.value(py);
    // Setting attributes on a fresh exception instance cannot fail short of memory exhaustion;
    // the message alone still says everything.
    let _ = value.setattr("reason", s.reason);
    let _ = value.setattr("origin", s.origin.as_str());
    err
}

static LOGGER: GILOnceCell<Py<PyAny>> = GILOnceCell::new();

/// Logs `message` as a warning on the `petrel` logger, prefixed as the command prints it.
pub fn warn(py: Python<'_>, message: &str) -> PyResult<()> {
    let logger = LOGGER.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
        Ok(py
            .import("logging")?
            .call_method1("getLogger", ("petrel",))?
            .unbind())
    })?;
    logger
        .bind(py)
        .call_method1("warning", ("petrel: %s", message))?;
    Ok(())
}
