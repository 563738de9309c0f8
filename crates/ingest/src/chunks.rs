//! Streaming paragraph chunks of valid UTF-8 text, with their offsets in the input.

use std::io::{self, Read};

/// The largest chunk handed on. A paragraph longer than this is cut at its last line break before
/// the limit, and a line longer than this at its last whitespace (a word is never split unless it
/// alone is longer than the limit).
pub const MAX_CHUNK_BYTES: usize = 1 << 20;

/// A piece of the input: whole paragraphs where possible, always valid UTF-8.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chunk {
    /// The text, byte for byte as in the input, except that skipped lines are blanked to spaces of
    /// the same length so that offsets stay exact.
    pub text: String,
    /// Byte offset of `text` in the input.
    pub offset: usize,
    /// 1-based line of the input where `text` starts.
    pub line: usize,
    /// Lines of this chunk that were blanked, with why.
    pub skipped: Vec<Skip>,
}

/// A line left out of a chunk, with the reason; the caller logs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skip {
    pub line: usize,
    pub reason: String,
}

/// Input that cannot be read as text at all.
#[derive(Debug, thiserror::Error)]
pub enum ChunkError {
    #[error("line {line}: binary data (a NUL byte); petrel reads UTF-8 text")]
    Binary { line: usize },
    #[error("reading input: {0}")]
    Io(#[from] io::Error),
}

/// An iterator over the chunks of a reader.
pub struct Chunks<R> {
    input: R,
    buf: Vec<u8>,
    /// Byte offset and line of `buf[0]` in the input.
    offset: usize,
    line: usize,
    eof: bool,
    failed: bool,
}

const READ_BLOCK: usize = 64 * 1024;

impl<R: Read> Chunks<R> {
    pub fn new(input: R) -> Chunks<R> {
        Chunks {
            input,
            buf: Vec::new(),
            offset: 0,
            line: 1,
            eof: false,
            failed: false,
        }
    }

    /// Where the next chunk ends in `buf`, reading more input as needed; `None` at the end.
    fn next_cut(&mut self) -> io::Result<Option<usize>> {
        let mut searched = 0;
        loop {
            if let Some(end) = paragraph_end(&self.buf, searched) {
                return Ok(Some(end));
            }
            searched = self.buf.len().saturating_sub(2);
            if self.eof {
                return Ok(if self.buf.is_empty() {
                    None
                } else {
                    Some(self.buf.len())
                });
            }
            if self.buf.len() >= MAX_CHUNK_BYTES {
                return Ok(Some(long_cut(&self.buf[..MAX_CHUNK_BYTES])));
            }
            let start = self.buf.len();
            self.buf.resize(start + READ_BLOCK, 0);
            let n = loop {
                match self.input.read(&mut self.buf[start..]) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        self.buf.truncate(start);
                        return Err(e);
                    }
                }
            };
            self.buf.truncate(start + n);
            self.eof = n == 0;
        }
    }

    fn next_chunk(&mut self) -> Result<Option<Chunk>, ChunkError> {
        let Some(cut) = self.next_cut()? else {
            return Ok(None);
        };
        let mut bytes: Vec<u8> = self.buf.drain(..cut).collect();
        let (offset, line) = (self.offset, self.line);
        self.offset += cut;
        self.line += bytes.iter().filter(|&&b| b == b'\n').count();
        let mut skipped = Vec::new();
        let mut line_no = line;
        let mut start = 0;
        while start < bytes.len() {
            let end = bytes[start..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |i| start + i + 1);
            let piece = &mut bytes[start..end];
            if piece.contains(&0) {
                return Err(ChunkError::Binary { line: line_no });
            }
            if let Err(e) = std::str::from_utf8(piece) {
                skipped.push(Skip {
                    line: line_no,
                    reason: format!(
                        "invalid UTF-8 at byte {} of the line; line skipped",
                        e.valid_up_to() + 1
                    ),
                });
                for b in piece.iter_mut().filter(|b| **b != b'\n') {
                    *b = b' ';
                }
            }
            line_no += 1;
            start = end;
        }
        // Every line is now valid UTF-8 and cuts fall on char boundaries, so this cannot fail; a
        // failure would be a bug in the cutting, reported rather than panicking.
        let text = String::from_utf8(bytes)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.to_string()))?;
        Ok(Some(Chunk {
            text,
            offset,
            line,
            skipped,
        }))
    }
}

impl<R: Read> Iterator for Chunks<R> {
    type Item = Result<Chunk, ChunkError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let next = self.next_chunk();
        if next.is_err() {
            self.failed = true;
        }
        next.transpose()
    }
}

/// The end of the first paragraph break (a line holding only whitespace) at or after `from`.
fn paragraph_end(buf: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(nl) = buf.get(i..)?.iter().position(|&b| b == b'\n') {
        let line_start = i + nl + 1;
        // Look at the next line: if it is blank, the paragraph (with that blank line) ends there.
        let rest = buf.get(line_start..)?;
        let next_nl = rest.iter().position(|&b| b == b'\n')?;
        if rest[..next_nl].iter().all(|b| b.is_ascii_whitespace()) {
            return Some(line_start + next_nl + 1);
        }
        i = line_start;
    }
    None
}

/// Where to cut an over-long stretch without a paragraph break.
fn long_cut(buf: &[u8]) -> usize {
    if let Some(i) = buf.iter().rposition(|&b| b == b'\n').filter(|&i| i > 0) {
        return i + 1;
    }
    if let Some(i) = buf
        .iter()
        .rposition(|b| b.is_ascii_whitespace())
        .filter(|&i| i > 0)
    {
        return i + 1;
    }
    // One enormous word: cut at the last char boundary.
    let mut cut = buf.len();
    while cut > 1 && (buf[cut - 1] & 0xC0) == 0x80 {
        cut -= 1;
    }
    if cut > 1 && buf[cut - 1] >= 0xC0 {
        cut - 1
    } else {
        buf.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunks(input: &[u8]) -> Vec<Chunk> {
        Chunks::new(input).collect::<Result<_, _>>().unwrap()
    }

    #[test]
    fn splits_paragraphs_and_keeps_offsets() {
        let input = "One line\nwrapped.\n\n\nTwo.\n   \nThree";
        let c = chunks(input.as_bytes());
        assert_eq!(c.iter().map(|c| c.text.as_str()).collect::<String>(), input);
        assert_eq!(c.len(), 3);
        for chunk in &c {
            assert_eq!(
                &input[chunk.offset..chunk.offset + chunk.text.len()],
                chunk.text
            );
        }
        assert_eq!(c[1].line, 4);
        assert_eq!(c[2].line, 7);
    }

    #[test]
    fn empty_input_has_no_chunks() {
        assert!(chunks(b"").is_empty());
    }

    #[test]
    fn invalid_utf8_line_is_blanked_and_reported() {
        let c = chunks(b"good\nbad \xff\xfe here\nfine\n");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].text, format!("good\n{}\nfine\n", " ".repeat(11)));
        assert_eq!(
            c[0].skipped,
            vec![Skip {
                line: 2,
                reason: "invalid UTF-8 at byte 5 of the line; line skipped".into()
            }]
        );
    }

    #[test]
    fn binary_is_an_error_naming_the_line() {
        let err = Chunks::new(&b"text\nmore\x00bin"[..])
            .find_map(|r| r.err())
            .unwrap();
        assert!(matches!(err, ChunkError::Binary { line: 2 }));
    }

    #[test]
    fn long_line_is_cut_at_whitespace_and_bounded() {
        let word = "abcdefghij ";
        let input = word.repeat(MAX_CHUNK_BYTES / word.len() * 3);
        let c = chunks(input.as_bytes());
        assert!(c.len() >= 3);
        for chunk in &c {
            assert!(chunk.text.len() <= MAX_CHUNK_BYTES);
            assert!(chunk.text.ends_with(' ') || chunk.offset + chunk.text.len() == input.len());
        }
        assert_eq!(c.iter().map(|c| c.text.len()).sum::<usize>(), input.len());
    }

    #[test]
    fn one_giant_word_is_cut_on_a_char_boundary() {
        let input = "ж".repeat(MAX_CHUNK_BYTES);
        let c = chunks(input.as_bytes());
        assert_eq!(c.iter().map(|c| c.text.as_str()).collect::<String>(), input);
    }
}
