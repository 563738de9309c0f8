//! Diagnostics for malformed dictionary lines, the fatal error type, and entry provenance.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

/// Where a dictionary entry came from: the file name as given to the reader and the 1-based line.
///
/// Every compiled entry keeps one, so the coder can say which dictionary line produced an event.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Source {
    pub file: Arc<str>,
    pub line: u32,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// What kind of problem a [`Diagnostic`] reports; matchable so callers can count or filter kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DiagnosticKind {
    /// The line is not valid UTF-8; it was skipped.
    InvalidUtf8,
    /// The line exceeds [`crate::lines::MAX_LINE_BYTES`]; it was skipped.
    LineTooLong,
    /// A `<!--` comment was never closed; the rest of the file was skipped.
    UnclosedComment,
    /// An entry that needs a `[code]` has none.
    MissingCode,
    /// A `[code]` that is not a valid event, actor or agent code.
    BadCode,
    /// A date restriction that cannot be read.
    BadDate,
    /// A date restriction written in a form the format does not define (read as best possible).
    OddDate,
    /// A `[` without its `]`, a `{` without `}`, a `(` without `)`.
    Unbalanced,
    /// A line that does not fit the grammar of the file.
    Syntax,
    /// A pattern or synset that uses a synset not defined before it.
    UnknownSynset,
    /// A pattern, synonym or date line with no entry or block above it to belong to.
    Orphan,
    /// A phrase already defined earlier; the first definition wins.
    Duplicate,
    /// A `!MACRO!` that was not defined with `!MACRO! = ...` before its use.
    UnknownMacro,
    /// A phrase or list larger than the reader's bound; it was cut or skipped.
    TooLarge,
}

/// A problem on one line of a dictionary; the rest of the file still loads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: Arc<str>,
    pub line: u32,
    pub kind: DiagnosticKind,
    pub message: String,
}

impl Diagnostic {
    pub fn new(source: &Source, kind: DiagnosticKind, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: source.file.clone(),
            line: source.line,
            kind,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    /// `file:line: what is wrong; what to do`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// A failure that stops loading: only IO. Malformed content is a [`Diagnostic`], never an error.
#[derive(Debug, thiserror::Error)]
pub enum DictError {
    /// The IO error is in the message (without its "(os error N)"), not a `source`, so that a
    /// chain of causes prints it once.
    #[error("{}: cannot read dictionary: {}; check the path and its permissions", path.display(), io_words(error))]
    Read {
        path: PathBuf,
        error: std::io::Error,
    },
    /// A set that cannot code: no verb patterns, or no actors.
    #[error("{set}: the dictionaries have no {missing}; {hint}")]
    Incomplete {
        set: String,
        missing: &'static str,
        hint: &'static str,
    },
    #[error("{}: dictionary is {size} bytes, over the {limit}-byte limit; split the file", path.display())]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
}

/// An IO error's words without the "(os error N)" suffix.
fn io_words(error: &std::io::Error) -> String {
    let text = error.to_string();
    match text.rfind(" (os error ") {
        Some(at) if text.ends_with(')') => text[..at].to_string(),
        _ => text,
    }
}

/// Reads a whole dictionary file, refusing files larger than [`MAX_FILE_BYTES`].
pub(crate) fn read_file(path: &std::path::Path) -> Result<Vec<u8>, DictError> {
    let meta = std::fs::metadata(path).map_err(|error| DictError::Read {
        path: path.to_path_buf(),
        error,
    })?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(DictError::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    std::fs::read(path).map_err(|error| DictError::Read {
        path: path.to_path_buf(),
        error,
    })
}

/// The largest dictionary file we read: 64 MiB, forty times the largest Phoenix file.
pub const MAX_FILE_BYTES: u64 = 64 << 20;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagnostic_displays_file_and_line() {
        let source = Source {
            file: Arc::from("verbs.txt"),
            line: 812,
        };
        let diagnostic = Diagnostic::new(
            &source,
            DiagnosticKind::MissingCode,
            "pattern has no [code]; add one",
        );
        assert_eq!(
            diagnostic.to_string(),
            "verbs.txt:812: pattern has no [code]; add one"
        );
    }

    #[test]
    fn missing_file_is_a_read_error() {
        let error = read_file(std::path::Path::new("/nonexistent/petrel/verbs.txt")).unwrap_err();
        assert!(matches!(error, DictError::Read { .. }));
        assert!(error
            .to_string()
            .starts_with("/nonexistent/petrel/verbs.txt: cannot read"));
    }
}
