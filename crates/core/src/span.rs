//! Byte ranges into the text a user gave petrel.

/// A half-open byte range `start..end` into the original UTF-8 text of a document or sentence.
///
/// Spans always index the text the user supplied (not a cleaned copy), so that evidence can be
/// shown in context. They are byte offsets because Rust slices by bytes; the `output` stage converts
/// them to character offsets for its wire formats.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// Creates a span; `end` is clamped so that it is never before `start`.
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start,
            end: end.max(start),
        }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both `self` and `other`.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// The slice of `text` this span covers, or `None` when it is out of range or not on a
    /// character boundary.
    pub fn slice<'t>(&self, text: &'t str) -> Option<&'t str> {
        text.get(self.start..self.end)
    }

    /// The span shifted right by `offset` bytes.
    pub fn shift(&self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_respects_char_boundaries() {
        let text = "İnada";
        assert_eq!(Span::new(0, 2).slice(text), Some("İ"));
        assert_eq!(Span::new(0, 1).slice(text), None);
    }

    #[test]
    fn new_never_inverts() {
        assert!(Span::new(5, 3).is_empty());
    }

    #[test]
    fn cover_joins() {
        assert_eq!(Span::new(2, 4).cover(Span::new(7, 9)), Span::new(2, 9));
    }
}
