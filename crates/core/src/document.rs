//! One news story after ingest: clean text, what the story says about itself, and the way back to the input.

use crate::{Date, Span};
use std::fmt;

/// How much of a [`Date`] the text actually said: "on March 20, 2017" is a day, "in November 2013"
/// a month (the date then holds its first day), "last year" a year.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DatePrecision {
    #[default]
    Day,
    /// A calendar week; the date holds its Monday.
    Week,
    Month,
    Year,
}

impl DatePrecision {
    /// The lowercase name used in petrel's wire formats: `day`, `week`, `month`, `year`.
    pub fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Week => "week",
            DatePrecision::Month => "month",
            DatePrecision::Year => "year",
        }
    }
}

impl fmt::Display for DatePrecision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One stretch of clean text and the stretch of original input it came from.
///
/// The lengths differ where cleanup rewrote the input: an HTML entity (`&amp;` → `&`), a paragraph
/// break inserted between HTML blocks (original length 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OffsetPiece {
    /// Byte offset in the clean text.
    pub clean: usize,
    pub clean_len: usize,
    /// Byte offset in the original input.
    pub original: usize,
    pub original_len: usize,
}

/// Maps byte offsets in a [`Document`]'s clean text back to the input the user gave, so that every
/// span petrel reports can be shown in the user's own file.
///
/// The pieces are sorted by clean offset and cover the clean text without gaps; text dropped by
/// cleanup (site chrome, a title line) simply has no piece.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OffsetMap {
    pieces: Vec<OffsetPiece>,
}

impl OffsetMap {
    pub fn new() -> OffsetMap {
        OffsetMap::default()
    }

    /// The map of a text that cleanup left untouched: offset `i` is offset `i`.
    pub fn identity(len: usize) -> OffsetMap {
        let mut map = OffsetMap::new();
        map.push(len, 0, len);
        map
    }

    /// Appends the next `clean_len` bytes of clean text, which came from `original_len` bytes of the
    /// input at `original`. A piece continuing the previous one verbatim is merged into it, so a
    /// lightly cleaned story keeps a short map.
    pub fn push(&mut self, clean_len: usize, original: usize, original_len: usize) {
        let clean = self.clean_len();
        if clean_len == 0 && original_len == 0 {
            return;
        }
        if let Some(last) = self.pieces.last_mut() {
            let verbatim = last.clean_len == last.original_len && clean_len == original_len;
            if verbatim && last.original + last.original_len == original {
                last.clean_len += clean_len;
                last.original_len += original_len;
                return;
            }
        }
        self.pieces.push(OffsetPiece {
            clean,
            clean_len,
            original,
            original_len,
        });
    }

    /// The length of clean text the map covers.
    pub fn clean_len(&self) -> usize {
        self.pieces.last().map_or(0, |p| p.clean + p.clean_len)
    }

    pub fn pieces(&self) -> &[OffsetPiece] {
        &self.pieces
    }

    /// The original offset of clean offset `clean`, read as the start of something: inside a
    /// rewritten piece it is the piece's start; past the end it is the end of the last piece.
    pub fn original_start(&self, clean: usize) -> usize {
        match self.piece_at(clean) {
            Some(p) if p.clean_len == p.original_len => p.original + (clean - p.clean),
            Some(p) => p.original,
            None => self
                .pieces
                .last()
                .map_or(0, |p| p.original + p.original_len),
        }
    }

    /// The original offset of clean offset `clean`, read as the (exclusive) end of something:
    /// inside a rewritten piece it is the piece's end.
    pub fn original_end(&self, clean: usize) -> usize {
        if clean == 0 {
            return self.original_start(0);
        }
        match self.piece_at(clean - 1) {
            Some(p) if p.clean_len == p.original_len => p.original + (clean - p.clean),
            Some(p) => p.original + p.original_len,
            None => self
                .pieces
                .last()
                .map_or(0, |p| p.original + p.original_len),
        }
    }

    /// The span of the original input that the clean-text span `span` came from.
    pub fn original_span(&self, span: Span) -> Span {
        if span.is_empty() {
            let at = self.original_start(span.start);
            return Span::new(at, at);
        }
        Span::new(self.original_start(span.start), self.original_end(span.end))
    }

    fn piece_at(&self, clean: usize) -> Option<&OffsetPiece> {
        let i = self
            .pieces
            .partition_point(|p| p.clean + p.clean_len <= clean);
        self.pieces.get(i).filter(|p| p.clean <= clean)
    }
}

/// One news story, as ingest read it: clean text ready for the NLP stage plus what the story says
/// about itself (title, date, dateline, publisher, byline).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    /// The story's identifier: a JSONL record's `id`, otherwise the path it was read from.
    pub id: String,
    /// Where the story was read from, for messages: `path`, `path:line` for JSONL, `-` for stdin.
    pub origin: String,
    pub title: Option<String>,
    /// The publication date, when the input gave one or the story states it.
    pub date: Option<Date>,
    pub date_precision: DatePrecision,
    /// The place named in the dateline (`TOKYO` in `TOKYO (AP) —`).
    pub dateline: Option<String>,
    /// The publisher or wire service (`Reuters`, `The Japan Times`).
    pub publisher: Option<String>,
    pub byline: Option<String>,
    pub url: Option<String>,
    /// The language tag the input declared (`en`), if any.
    pub language: Option<String>,
    /// The story text, with site chrome, title, dateline and footer removed and hard-wrapped lines
    /// joined; paragraphs are separated by a blank line.
    pub text: String,
    /// From `text` back to the input: for a file, byte offsets in the file as decoded to UTF-8 (the
    /// file's own bytes when it was UTF-8); for a JSONL record, offsets in its `text` field.
    pub offsets: OffsetMap,
    /// What ingest noticed but could handle (a guessed encoding, a dropped footer it was unsure of).
    pub warnings: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_pieces_merge_and_map_linearly() {
        let mut map = OffsetMap::new();
        map.push(5, 10, 5);
        map.push(3, 15, 3);
        assert_eq!(map.pieces().len(), 1);
        assert_eq!(map.original_start(6), 16);
        assert_eq!(map.original_span(Span::new(2, 8)), Span::new(12, 18));
    }

    #[test]
    fn rewritten_piece_maps_to_its_whole_original() {
        // "a&amp;b" cleaned to "a&b".
        let mut map = OffsetMap::new();
        map.push(1, 0, 1);
        map.push(1, 1, 5);
        map.push(1, 6, 1);
        assert_eq!(map.original_span(Span::new(1, 2)), Span::new(1, 6));
        assert_eq!(map.original_span(Span::new(0, 3)), Span::new(0, 7));
        assert_eq!(map.clean_len(), 3);
    }

    #[test]
    fn dropped_text_is_skipped_over() {
        // Clean "ab" from original "a....b": the dots were chrome.
        let mut map = OffsetMap::new();
        map.push(1, 0, 1);
        map.push(1, 5, 1);
        assert_eq!(map.original_start(1), 5);
        assert_eq!(map.original_end(1), 1);
        assert_eq!(map.original_start(9), 6);
    }

    #[test]
    fn identity_maps_every_offset_to_itself() {
        let map = OffsetMap::identity(4);
        assert_eq!(map.original_span(Span::new(1, 3)), Span::new(1, 3));
        assert!(OffsetMap::identity(0).pieces().is_empty());
    }
}
