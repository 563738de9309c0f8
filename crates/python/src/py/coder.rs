//! `petrel._petrel.Coder` (a loaded pipeline) and `EventStream` (what `code_many` returns).

use super::{args, convert, errors};
use crate::window::{self, Story};
use petrel::corpus::{self, Outcome, Summary};
use petrel::output::tabular;
use petrel::pipeline::Pipeline;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyIterator, PyList};
use std::collections::VecDeque;
use std::sync::Arc;

/// What to do with a story petrel cannot code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum OnSkip {
    /// Log it on the `petrel` logger, count it in the summary, and go on (as `petrel code`).
    Warn,
    /// Raise `SkipError` when the stream reaches it (as `petrel code --strict`, but at once).
    Raise,
}

fn on_skip(errors: &str) -> PyResult<OnSkip> {
    match errors {
        "warn" => Ok(OnSkip::Warn),
        "raise" => Ok(OnSkip::Raise),
        other => Err(PyValueError::new_err(format!(
            "errors={other:?}: expected \"warn\" or \"raise\""
        ))),
    }
}

/// The worker pool for `threads` (None: all cores).
fn pool(threads: Option<usize>) -> PyResult<(usize, Option<Arc<rayon::ThreadPool>>)> {
    let threads = corpus::resolve_threads(threads.unwrap_or(0));
    let pool = corpus::thread_pool(threads).map_err(|e| {
        PyRuntimeError::new_err(format!(
            "cannot start {threads} worker threads: {e}; pass a smaller threads="
        ))
    })?;
    Ok((threads, pool.map(Arc::new)))
}

/// A loaded model, dictionaries and gazetteer.
#[pyclass(module = "petrel._petrel", subclass, frozen)]
pub struct Coder {
    pipeline: Arc<Pipeline>,
    warnings: Vec<String>,
}

#[pymethods]
impl Coder {
    #[new]
    #[pyo3(signature = (dicts = "builtin", coder = None))]
    fn new(py: Python<'_>, dicts: &str, coder: Option<&str>) -> PyResult<Coder> {
        let (dicts, coder) = (dicts.to_string(), coder.map(str::to_string));
        let loaded = py
            .allow_threads(|| window::load(&dicts, coder.as_deref()))
            .map_err(|e| match e {
                window::LoadError::Coder(_) => PyValueError::new_err(e.to_string()),
                _ => errors::DictionaryError::new_err(e.to_string()),
            })?;
        for w in &loaded.warnings {
            errors::warn(py, w)?;
        }
        Ok(Coder {
            pipeline: Arc::new(loaded.pipeline),
            warnings: loaded.warnings,
        })
    }

    /// The dictionary warnings loading printed (at most 20 and a count of the rest).
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.warnings.clone()
    }

    /// The events of one story, as dicts with the fields of a `petrel code` JSONL line.
    #[pyo3(signature = (text, date = None, doc_id = None, title = None))]
    fn code<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        date: Option<&Bound<'py, PyAny>>,
        doc_id: Option<&Bound<'py, PyAny>>,
        title: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let story = Story {
            text: args::text(text, "text")?,
            date: args::date(date)?,
            id: args::id(doc_id)?,
            title: args::optional_text(title, "title")?,
            ..Story::default()
        };
        let origin = story.id.clone().unwrap_or_else(|| "-".to_string());
        let pipeline = &*self.pipeline;
        let (outcome, lines) = py.allow_threads(|| {
            let outcome = window::code(pipeline, None, vec![(origin, story)]).pop();
            let lines = match &outcome {
                Some(Outcome::Coded { coded, .. }) => convert::json_lines(&coded.records),
                _ => Vec::new(),
            };
            (outcome, lines)
        });
        match outcome {
            Some(Outcome::Coded { coded, .. }) => {
                for w in &coded.warnings {
                    errors::warn(py, w)?;
                }
                let out = PyList::empty(py);
                for line in &lines {
                    out.append(convert::event(py, line)?)?;
                }
                Ok(out)
            }
            Some(Outcome::Skipped(s)) => Err(errors::skip(py, &s)),
            None => Err(PyRuntimeError::new_err(
                "petrel coded no outcome for the story",
            )),
        }
    }

    /// Codes an iterable of stories on `threads` workers (None: all cores), releasing the GIL;
    /// returns an iterator over their events in input order.
    #[pyo3(signature = (stories, threads = None, errors = "warn"))]
    fn code_many(
        &self,
        stories: &Bound<'_, PyAny>,
        threads: Option<usize>,
        errors: &str,
    ) -> PyResult<EventStream> {
        let on_skip = on_skip(errors)?;
        let (threads, pool) = pool(threads)?;
        let source = PyIterator::from_object(stories)?.unbind();
        Ok(EventStream {
            pipeline: Arc::clone(&self.pipeline),
            source: Some(source),
            pool,
            window: window::window_size(threads),
            ready: VecDeque::new(),
            on_skip,
            summary: Summary::default(),
            taken: 0,
        })
    }

    /// Codes columns of stories (what `code_arrow` and the Spark job call): `texts` and optional
    /// `ids`, `dates`, `titles` of the same length. Returns `{column: [values]}` in the CSV layout.
    #[pyo3(signature = (texts, ids = None, dates = None, titles = None, threads = None, errors = "warn"))]
    #[allow(clippy::too_many_arguments)]
    fn _code_columns<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        ids: Option<&Bound<'py, PyAny>>,
        dates: Option<&Bound<'py, PyAny>>,
        titles: Option<&Bound<'py, PyAny>>,
        threads: Option<usize>,
        errors: &str,
    ) -> PyResult<Bound<'py, PyDict>> {
        let on_skip = on_skip(errors)?;
        let (threads, pool) = pool(threads)?;
        let n = texts.len()?;
        for (what, column) in [("ids", ids), ("dates", dates), ("titles", titles)] {
            if let Some(c) = column.filter(|c| !c.is_none()) {
                if c.len()? != n {
                    return Err(PyValueError::new_err(format!(
                        "{what} has {} values for {n} texts; give one per story",
                        c.len()?
                    )));
                }
            }
        }
        let column =
            |c: Option<&Bound<'py, PyAny>>, i: usize| -> PyResult<Option<Bound<'py, PyAny>>> {
                match c.filter(|c| !c.is_none()) {
                    Some(c) => c.get_item(i).map(Some),
                    None => Ok(None),
                }
            };
        let mut values: Vec<Vec<PyObject>> = tabular::COLUMNS.iter().map(|_| Vec::new()).collect();
        let (size, max_bytes) = window::window_size(threads);
        let mut next = 0usize;
        while next < n {
            let mut stories = Vec::with_capacity(size);
            let mut bytes = 0usize;
            while next < n && stories.len() < size && bytes < max_bytes {
                let story = Story {
                    text: args::text(&texts.get_item(next)?, "text")?,
                    id: args::id(column(ids, next)?.as_ref())?,
                    date: args::date(column(dates, next)?.as_ref())?,
                    title: args::optional_text(column(titles, next)?.as_ref(), "title")?,
                    ..Story::default()
                };
                next += 1;
                bytes = bytes.saturating_add(story.text.len());
                stories.push((window::origin(&story, next), story));
            }
            let pipeline = &*self.pipeline;
            let pool = pool.as_deref();
            let outcomes = py.allow_threads(|| window::code(pipeline, pool, stories));
            for outcome in outcomes {
                match outcome {
                    Outcome::Coded { coded, .. } => {
                        for w in &coded.warnings {
                            errors::warn(py, w)?;
                        }
                        for record in &coded.records {
                            for (i, cell) in tabular::cells(record).into_iter().enumerate() {
                                if let Some(column) = values.get_mut(i) {
                                    column.push(convert::cell(py, cell)?);
                                }
                            }
                        }
                    }
                    Outcome::Skipped(s) => match on_skip {
                        OnSkip::Warn => errors::warn(py, &s.message)?,
                        OnSkip::Raise => return Err(errors::skip(py, &s)),
                    },
                }
            }
        }
        let out = PyDict::new(py);
        for (name, column) in tabular::COLUMNS.iter().zip(values) {
            out.set_item(*name, PyList::new(py, column)?)?;
        }
        Ok(out)
    }

    /// What `petrel actor --json` prints for `phrase` on `date`.
    fn actor<'py>(
        &self,
        py: Python<'py>,
        phrase: &Bound<'py, PyAny>,
        date: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let phrase = args::text(phrase, "phrase")?;
        if phrase.trim().is_empty() {
            return Err(PyValueError::new_err(
                "no phrase given; pass one, e.g. coder.actor(\"Japanese Foreign Minister\", \"2024-06-01\")",
            ));
        }
        let Some(date) = args::date(Some(date))? else {
            return Err(PyValueError::new_err(
                "date is None; give the date the phrase is read on",
            ));
        };
        let date = petrel::story::check_date(&date)
            .map(|(d, _)| d)
            .map_err(|e| PyValueError::new_err(format!("date {e}")))?;
        let pipeline = &*self.pipeline;
        let report = py.allow_threads(|| {
            petrel::actor::resolve_actor(&pipeline.coder, &pipeline.model, &phrase, date)
        });
        let report = report.map_err(|e| PyValueError::new_err(e.to_string()))?;
        convert::event(py, &report.to_json().to_string())
    }
}

/// One item ready to hand out: an event, the error of a skipped story in its place, or the error
/// of an item that is no story, after the events of the stories before it.
enum Ready {
    Event(String),
    Skip(petrel::corpus::SkippedInput),
    Fail(PyErr),
}

/// The events of `code_many`, in input order, coded a window of stories at a time.
#[pyclass(module = "petrel._petrel")]
pub struct EventStream {
    pipeline: Arc<Pipeline>,
    source: Option<Py<PyIterator>>,
    pool: Option<Arc<rayon::ThreadPool>>,
    window: (usize, usize),
    ready: VecDeque<Ready>,
    on_skip: OnSkip,
    summary: Summary,
    taken: usize,
}

#[pymethods]
impl EventStream {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&mut self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        loop {
            match self.ready.pop_front() {
                Some(Ready::Event(line)) => return convert::event(py, &line).map(Some),
                Some(Ready::Skip(s)) => return Err(errors::skip(py, &s)),
                Some(Ready::Fail(e)) => return Err(e),
                None => {}
            }
            if !self.fill(py)? {
                return Ok(None);
            }
        }
    }

    /// The totals so far: `documents`, `sentences`, `events`, `skipped` and `skips` by reason.
    #[getter]
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("documents", self.summary.documents)?;
        d.set_item("sentences", self.summary.sentences)?;
        d.set_item("events", self.summary.events)?;
        d.set_item("skipped", self.summary.skipped())?;
        let skips = PyDict::new(py);
        for (reason, n) in &self.summary.skips {
            skips.set_item(*reason, n)?;
        }
        d.set_item("skips", skips)?;
        Ok(d)
    }
}

impl EventStream {
    /// Reads the next window of stories and codes it; false when the input is exhausted.
    fn fill(&mut self, py: Python<'_>) -> PyResult<bool> {
        let Some(source) = &self.source else {
            return Ok(false);
        };
        let mut source = source.bind(py).clone();
        let (size, max_bytes) = self.window;
        let mut stories = Vec::with_capacity(size);
        let mut bytes = 0usize;
        let mut failed = None;
        while stories.len() < size && bytes < max_bytes {
            let Some(item) = source.next() else {
                self.source = None;
                break;
            };
            // A bad item ends the window; the stories before it are still coded and handed out
            // first, so nothing read is lost if the caller goes on after the exception.
            let story = match item.and_then(|item| args::story(&item)) {
                Ok(story) => story,
                Err(e) => {
                    failed = Some(e);
                    break;
                }
            };
            self.taken += 1;
            bytes = bytes.saturating_add(story.text.len());
            stories.push((window::origin(&story, self.taken), story));
        }
        if stories.is_empty() {
            return match failed {
                Some(e) => Err(e),
                None => Ok(false),
            };
        }
        let pipeline = &*self.pipeline;
        let pool = self.pool.as_deref();
        let outcomes = py.allow_threads(|| {
            window::code(pipeline, pool, stories)
                .into_iter()
                .map(|o| {
                    let lines = match &o {
                        Outcome::Coded { coded, .. } => convert::json_lines(&coded.records),
                        Outcome::Skipped(_) => Vec::new(),
                    };
                    (o, lines)
                })
                .collect::<Vec<_>>()
        });
        for (outcome, lines) in outcomes {
            self.summary.count(&outcome);
            match outcome {
                Outcome::Coded { coded, .. } => {
                    for w in &coded.warnings {
                        errors::warn(py, w)?;
                    }
                    self.ready.extend(lines.into_iter().map(Ready::Event));
                }
                Outcome::Skipped(s) => match self.on_skip {
                    OnSkip::Warn => errors::warn(py, &s.message)?,
                    OnSkip::Raise => self.ready.push_back(Ready::Skip(s)),
                },
            }
        }
        if let Some(e) = failed {
            self.ready.push_back(Ready::Fail(e));
        }
        Ok(true)
    }
}
