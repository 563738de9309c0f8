//! The one line reader every PETRARCH dictionary reader shares: comments, blank lines, CRLF, BOM,
//! invalid UTF-8 and over-long lines are handled here, so each reader holds only its grammar.

use crate::diagnostic::{Diagnostic, DiagnosticKind, Source};
use std::borrow::Cow;
use std::sync::Arc;

/// The longest line we accept, in bytes. The longest real PETRARCH line is under 300 bytes; a line
/// thousands of bytes long is a corrupt or hostile file, and we bound the work spent on it.
pub const MAX_LINE_BYTES: usize = 4096;

/// One meaningful dictionary line: comments removed, trimmed, never empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line<'a> {
    /// 1-based line number in the file.
    pub number: u32,
    /// The text without comments and surrounding whitespace.
    pub text: Cow<'a, str>,
    /// Whether the raw line began with a tab or space: actor date restrictions are tab-indented.
    pub indented: bool,
}

/// Iterates over the meaningful lines of a dictionary file, pushing a [`Diagnostic`] for each line
/// it has to skip.
///
/// Comments: `#` to the end of the line, except inside `[...]` so that the TABARI discard code
/// `[###]` survives; and `<!-- ... -->` blocks, which may span lines.
pub struct LineReader<'a, 'd> {
    file: Arc<str>,
    rest: &'a [u8],
    number: u32,
    in_block_comment: Option<u32>,
    diagnostics: &'d mut Vec<Diagnostic>,
}

impl<'a, 'd> LineReader<'a, 'd> {
    pub fn new(
        file: Arc<str>,
        bytes: &'a [u8],
        diagnostics: &'d mut Vec<Diagnostic>,
    ) -> LineReader<'a, 'd> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        LineReader {
            file,
            rest: bytes,
            number: 0,
            in_block_comment: None,
            diagnostics,
        }
    }

    /// The provenance of line `number` of this file.
    pub fn source(&self, number: u32) -> Source {
        Source {
            file: self.file.clone(),
            line: number,
        }
    }

    fn warn(&mut self, number: u32, kind: DiagnosticKind, message: String) {
        let source = self.source(number);
        self.diagnostics
            .push(Diagnostic::new(&source, kind, message));
    }

    /// Removes `<!-- -->` blocks (tracking one that continues over lines) and `#` comments.
    fn strip_comments(&mut self, line: &'a str) -> Cow<'a, str> {
        if self.in_block_comment.is_none() && !line.contains("<!--") {
            return Cow::Borrowed(strip_hash_comment(line));
        }
        let mut kept = String::new();
        let mut rest = line;
        loop {
            if self.in_block_comment.is_some() {
                match rest.find("-->") {
                    Some(end) => {
                        self.in_block_comment = None;
                        rest = rest.get(end + 3..).unwrap_or("");
                    }
                    None => break,
                }
            } else {
                // A `#` comment before any `<!--` hides it: `# see <!--` opens nothing.
                let hash = strip_hash_comment(rest).len();
                match rest.find("<!--").filter(|&start| start < hash) {
                    Some(start) => {
                        kept.push_str(rest.get(..start).unwrap_or(""));
                        kept.push(' ');
                        self.in_block_comment = Some(self.number);
                        rest = rest.get(start + 4..).unwrap_or("");
                    }
                    None => {
                        kept.push_str(rest);
                        break;
                    }
                }
            }
        }
        Cow::Owned(strip_hash_comment(&kept).to_string())
    }
}

/// The part of `line` before a `#` comment; a `#` inside `[...]` is part of a code.
fn strip_hash_comment(line: &str) -> &str {
    let mut depth = 0usize;
    for (at, byte) in line.bytes().enumerate() {
        match byte {
            b'[' => depth += 1,
            b']' => depth = depth.saturating_sub(1),
            b'#' if depth == 0 => return line.get(..at).unwrap_or(""),
            _ => {}
        }
    }
    line
}

impl<'a> Iterator for LineReader<'a, '_> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        loop {
            if self.rest.is_empty() {
                if let Some(start) = self.in_block_comment.take() {
                    self.warn(
                        start,
                        DiagnosticKind::UnclosedComment,
                        "`<!--` comment is never closed; add `-->` where it should end".into(),
                    );
                }
                return None;
            }
            let (raw, rest) = match self.rest.iter().position(|&b| b == b'\n') {
                Some(at) => (
                    self.rest.get(..at).unwrap_or_default(),
                    self.rest.get(at + 1..).unwrap_or_default(),
                ),
                None => (self.rest, &[][..]),
            };
            self.rest = rest;
            self.number = self.number.saturating_add(1);
            let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
            if raw.len() > MAX_LINE_BYTES {
                let number = self.number;
                self.warn(
                    number,
                    DiagnosticKind::LineTooLong,
                    format!(
                        "line is {} bytes, over the {MAX_LINE_BYTES}-byte limit; split it",
                        raw.len()
                    ),
                );
                continue;
            }
            let text = match std::str::from_utf8(raw) {
                Ok(text) => text,
                Err(error) => {
                    let number = self.number;
                    self.warn(
                        number,
                        DiagnosticKind::InvalidUtf8,
                        format!(
                            "line is not valid UTF-8 (byte {}); line skipped, re-save the file as UTF-8",
                            error.valid_up_to() + 1
                        ),
                    );
                    continue;
                }
            };
            let indented = text.starts_with(['\t', ' ']);
            let text = match self.strip_comments(text) {
                Cow::Borrowed(t) => Cow::Borrowed(t.trim()),
                Cow::Owned(t) => Cow::Owned(t.trim().to_string()),
            };
            if text.is_empty() {
                continue;
            }
            return Some(Line {
                number: self.number,
                text,
                indented,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> (Vec<(u32, String, bool)>, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let lines = LineReader::new(Arc::from("t.txt"), bytes, &mut diagnostics)
            .map(|l| (l.number, l.text.into_owned(), l.indented))
            .collect();
        (lines, diagnostics)
    }

    #[test]
    fn skips_comments_blank_lines_and_keeps_numbers() {
        let (lines, diagnostics) = read(b"# header\n\nALPHA  # note\n   \n\tBETA\n");
        assert_eq!(
            lines,
            vec![(3, "ALPHA".into(), false), (5, "BETA".into(), true)]
        );
        assert!(diagnostics.is_empty());
    }

    #[test]
    fn handles_crlf_and_bom() {
        let (lines, _) = read(b"\xEF\xBB\xBFONE\r\nTWO\r\n");
        assert_eq!(
            lines,
            vec![(1, "ONE".into(), false), (2, "TWO".into(), false)]
        );
    }

    #[test]
    fn hash_inside_brackets_is_a_code() {
        let (lines, _) = read(b"- * DIPLXMATIC  [###]  # old discard\n");
        assert_eq!(lines[0].1, "- * DIPLXMATIC  [###]");
    }

    #[test]
    fn block_comments_span_lines() {
        let (lines, diagnostics) = read(b"<!-- one\ntwo -->KEEP\nA <!-- x --> B\n");
        assert_eq!(
            lines,
            vec![(2, "KEEP".into(), false), (3, "A   B".into(), false)]
        );
        assert!(diagnostics.is_empty());
    }

    #[test]
    fn hash_comment_hides_a_later_block_comment_start() {
        let (lines, diagnostics) = read(b"A # see <!-- here\nB\n");
        assert_eq!(lines, vec![(1, "A".into(), false), (2, "B".into(), false)]);
        assert!(diagnostics.is_empty());
    }

    #[test]
    fn unclosed_block_comment_is_reported() {
        let (lines, diagnostics) = read(b"A\n<!-- never\nB\n");
        assert_eq!(lines.len(), 1);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].kind, DiagnosticKind::UnclosedComment);
        assert_eq!(diagnostics[0].line, 2);
    }

    #[test]
    fn invalid_utf8_and_long_lines_are_skipped_with_a_diagnostic() {
        let mut bytes = b"COTE_D\x92IVOIRE\n".to_vec();
        bytes.extend(std::iter::repeat_n(b'X', MAX_LINE_BYTES + 1));
        bytes.extend(b"\nOK");
        let (lines, diagnostics) = read(&bytes);
        assert_eq!(lines, vec![(3, "OK".into(), false)]);
        let kinds: Vec<_> = diagnostics.iter().map(|d| (d.line, d.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                (1, DiagnosticKind::InvalidUtf8),
                (2, DiagnosticKind::LineTooLong)
            ]
        );
    }
}
