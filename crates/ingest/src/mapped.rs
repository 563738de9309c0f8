//! Text under construction together with its [`OffsetMap`] back to the input, so each cleanup step keeps offsets right.

use petrel_core::OffsetMap;
use std::ops::Range;

/// A text and, for each stretch of it, where it came from in the original input.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MappedText {
    pub text: String,
    pub map: OffsetMap,
}

impl MappedText {
    /// A text that is itself the original: every offset maps to itself.
    pub fn original(text: String) -> MappedText {
        let map = OffsetMap::identity(text.len());
        MappedText { text, map }
    }

    /// Appends `s`, which came verbatim from the original at `original`.
    pub fn push_verbatim(&mut self, s: &str, original: usize) {
        self.text.push_str(s);
        self.map.push(s.len(), original, s.len());
    }

    /// Appends `s`, which stands for (rewrites) `original` in the original input.
    pub fn push_rewritten(&mut self, s: &str, original: Range<usize>) {
        self.text.push_str(s);
        self.map.push(s.len(), original.start, original.len());
    }

    /// Appends `source.text[range]`, mapped through `source`'s own map, so that a step working on
    /// already cleaned text still points into the original input.
    pub fn push_from(&mut self, source: &MappedText, range: Range<usize>) {
        let Some(s) = source.text.get(range.clone()) else {
            return;
        };
        self.text.push_str(s);
        let pieces = source.map.pieces();
        let first = pieces.partition_point(|p| p.clean + p.clean_len <= range.start);
        for p in pieces.iter().skip(first) {
            if p.clean >= range.end {
                break;
            }
            let from = range.start.max(p.clean);
            let to = range.end.min(p.clean + p.clean_len);
            if p.clean_len == p.original_len {
                self.map
                    .push(to - from, p.original + (from - p.clean), to - from);
            } else {
                // Part of a rewritten stretch (an entity) stands for the whole of it.
                self.map.push(to - from, p.original, p.original_len);
            }
        }
    }

    /// Appends `s` in place of `source.text[range]` (a line break become a space, say).
    pub fn push_replacing(&mut self, s: &str, source: &MappedText, range: Range<usize>) {
        let start = source.map.original_start(range.start);
        let end = source.map.original_end(range.end).max(start);
        self.push_rewritten(s, start..end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use petrel_core::Span;

    #[test]
    fn composed_maps_point_into_the_first_original() {
        // The original "a&amp;b\ncd" was cleaned to "a&b\ncd" by entity decoding...
        let mut step1 = MappedText::default();
        step1.push_verbatim("a", 0);
        step1.push_rewritten("&", 1..6);
        step1.push_verbatim("b\ncd", 6);
        // ...and then the line break became a space and "a" was dropped.
        let mut step2 = MappedText::default();
        step2.push_from(&step1, 1..3);
        step2.push_replacing(" ", &step1, 3..4);
        step2.push_from(&step1, 4..6);
        assert_eq!(step2.text, "&b cd");
        assert_eq!(step2.map.original_span(Span::new(0, 2)), Span::new(1, 7));
        assert_eq!(step2.map.original_span(Span::new(3, 5)), Span::new(8, 10));
        assert_eq!(step2.map.original_span(Span::new(2, 3)), Span::new(7, 8));
    }
}
