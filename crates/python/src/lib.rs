//! petrel from Python: the `petrel` package's extension module, `petrel._petrel`.
//!
//! The package is one wheel of the same Rust pipeline the `petrel` command runs: a `Coder` loads
//! the model, dictionaries and gazetteer once, and codes stories handed over as Python strings.
//! Nothing is coded twice or differently: a story goes through `petrel::story::document` (the
//! reading `petrel code` gives a file or a JSONL record) and `petrel::corpus::code_batch` (its
//! window of stories coded on a rayon pool, in input order); an event reaches Python as the JSONL
//! record `petrel_output::EventRecord` writes, read by Python's own `json.loads`, and a table row as
//! the typed cells of `petrel_output::tabular::cells`, the CSV layout. So the binding has no
//! mapping of its own to drift from the command's.
//!
//! The crate is split so that the workspace builds without Python: [`window`] (loading a pipeline,
//! stories to outcomes a window at a time) is plain Rust, unit-tested by `cargo test`; the PyO3
//! glue (`py`, argument conversion, exceptions, the module) is behind the `python` feature that
//! maturin turns on. Python-side code (`petrel/__init__.py`, the Arrow and Spark entry points)
//! and the type stubs live in `python/petrel/`.
//!
//! ```no_run
//! let loaded = _petrel::window::load("builtin", None).expect("the built-in pipeline loads");
//! let story = _petrel::window::Story {
//!     text: "20.03.2017\n\nJapan met China.".into(),
//!     ..Default::default()
//! };
//! let outcomes = _petrel::window::code(&loaded.pipeline, None, vec![("-".into(), story)]);
//! assert_eq!(outcomes.len(), 1);
//! ```

pub mod window;

#[cfg(feature = "python")]
mod py;
