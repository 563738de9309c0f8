//! The CoNLL-U reader and writer (Universal Dependencies v2).
//!
//! The reader accepts what UD v2 allows: comment lines (`# sent_id = …`, `# text = …` are kept),
//! multiword-token ranges (`3-4`, whose surface form is kept for `SpaceAfter`), and empty nodes
//! (`5.1`, skipped: petrel works on basic trees). A malformed line is an error naming the line.
//! Byte offsets are read from and written to MISC as `TokenRange=start:end` when present, and
//! the parse repairs that changed a word as `Repair=name1,name2` (kept in [`Sentence::repairs`]).

use petrel_core::{Deprel, ParseRepair, Sentence, Span, Token};
use std::io::{self, BufRead, Write};

/// The longest line the reader accepts; longer lines are hostile or broken input.
pub const MAX_LINE_BYTES: usize = 1 << 20;
/// The most tokens a sentence may have before the reader refuses it.
pub const MAX_TOKENS: usize = 10_000;

/// What went wrong reading CoNLL-U.
#[derive(Debug, thiserror::Error)]
pub enum ConlluError {
    #[error("line {line}: {message}")]
    Malformed { line: usize, message: String },
    #[error("reading CoNLL-U: {0}")]
    Io(#[from] io::Error),
}

impl ConlluError {
    fn at(line: usize, message: impl Into<String>) -> ConlluError {
        ConlluError::Malformed {
            line,
            message: message.into(),
        }
    }

    /// The 1-based line of a malformed-line error.
    pub fn line(&self) -> Option<usize> {
        match self {
            ConlluError::Malformed { line, .. } => Some(*line),
            ConlluError::Io(_) => None,
        }
    }
}

/// Reads every sentence of a CoNLL-U text held in memory.
pub fn read_str(text: &str) -> Result<Vec<Sentence>, ConlluError> {
    Reader::new(text.as_bytes()).collect()
}

/// A streaming reader: yields one sentence at a time from any `BufRead`.
pub struct Reader<R> {
    input: R,
    line_no: usize,
    buf: Vec<u8>,
    done: bool,
    /// The `# newdoc id` in force: the last one read.
    document: Option<String>,
}

impl<R: BufRead> Reader<R> {
    pub fn new(input: R) -> Reader<R> {
        Reader {
            input,
            line_no: 0,
            buf: Vec::new(),
            done: false,
            document: None,
        }
    }

    /// The `# newdoc id` of the document the last sentence read belongs to (the last such
    /// comment before it), if the file has any.
    pub fn document(&self) -> Option<&str> {
        self.document.as_deref()
    }

    /// Reads the next line into `self.buf`, without its line ending; false at end of input.
    fn next_line(&mut self) -> Result<bool, ConlluError> {
        self.buf.clear();
        let n = io::Read::take(&mut self.input, MAX_LINE_BYTES as u64 + 1)
            .read_until(b'\n', &mut self.buf)?;
        if n == 0 {
            return Ok(false);
        }
        self.line_no += 1;
        if self.buf.len() > MAX_LINE_BYTES {
            return Err(ConlluError::at(
                self.line_no,
                format!("line longer than {MAX_LINE_BYTES} bytes; is this CoNLL-U?"),
            ));
        }
        while matches!(self.buf.last(), Some(b'\n' | b'\r')) {
            self.buf.pop();
        }
        Ok(true)
    }

    fn read_sentence(&mut self) -> Result<Option<Sentence>, ConlluError> {
        let mut sentence = Sentence::default();
        let mut have_text = false;
        let mut started = false;
        // The end of the current multiword range and whether its surface form is followed by a space.
        let mut multiword: Option<(u32, bool)> = None;
        let mut token_lines = Vec::new();
        loop {
            if !self.next_line()? {
                self.done = true;
                break;
            }
            let line_no = self.line_no;
            let line = std::str::from_utf8(&self.buf).map_err(|e| {
                ConlluError::at(
                    line_no,
                    format!("invalid UTF-8 at byte {}", e.valid_up_to()),
                )
            })?;
            if line.trim().is_empty() {
                if started {
                    break;
                }
                continue;
            }
            started = true;
            if let Some(comment) = line.strip_prefix('#') {
                let comment = comment.trim();
                if let Some(id) = comment.strip_prefix("newdoc id") {
                    if let Some(v) = id.trim_start().strip_prefix('=') {
                        self.document = Some(v.trim().to_string());
                    }
                } else if let Some(id) = comment.strip_prefix("sent_id") {
                    if let Some(v) = id.trim_start().strip_prefix('=') {
                        sentence.id = Some(v.trim().to_string());
                    }
                } else if let Some(text) = comment.strip_prefix("text") {
                    if let Some(v) = text.trim_start().strip_prefix('=') {
                        sentence.text = v.trim().to_string();
                        have_text = true;
                    }
                }
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            if fields.len() != 10 {
                return Err(ConlluError::at(
                    line_no,
                    format!("expected 10 tab-separated fields, found {}", fields.len()),
                ));
            }
            let id = fields[0];
            if id.contains('.') {
                continue; // An empty node of the enhanced graph.
            }
            if let Some((a, b)) = id.split_once('-') {
                let (Ok(_), Ok(end)) = (a.parse::<u32>(), b.parse::<u32>()) else {
                    return Err(ConlluError::at(
                        line_no,
                        format!("bad multiword range {id:?}"),
                    ));
                };
                multiword = Some((end, !misc_has_no_space(fields[9])));
                continue;
            }
            let expected = sentence.tokens.len() + 1;
            if id.parse::<usize>().ok() != Some(expected) {
                return Err(ConlluError::at(
                    line_no,
                    format!("token id {id:?} out of order; expected {expected}"),
                ));
            }
            if expected > MAX_TOKENS {
                return Err(ConlluError::at(
                    line_no,
                    format!("sentence has more than {MAX_TOKENS} tokens"),
                ));
            }
            let upos = if fields[3] == "_" {
                Default::default()
            } else {
                fields[3]
                    .parse()
                    .map_err(|e| ConlluError::at(line_no, format!("{e}")))?
            };
            let head = match fields[6] {
                "_" => 0,
                h => h.parse::<u32>().map_err(|_| {
                    ConlluError::at(line_no, format!("bad head {h:?}; expected a token id"))
                })?,
            };
            let mut space_after = !misc_has_no_space(fields[9]);
            if let Some((end, mw_space)) = multiword {
                if expected as u32 == end {
                    space_after = mw_space;
                    multiword = None;
                } else {
                    space_after = false;
                }
            }
            token_lines.push(line_no);
            for name in misc_repairs(fields[9]) {
                let word = expected as u32;
                match sentence.repairs.iter_mut().find(|r| r.name == name) {
                    Some(r) => r.words.push(word),
                    None => sentence.repairs.push(ParseRepair {
                        name: name.to_string(),
                        words: vec![word],
                    }),
                }
            }
            sentence.tokens.push(Token {
                form: fields[1].to_string(),
                lemma: underscore_empty(fields[2]),
                upos,
                xpos: underscore_empty(fields[4]),
                feats: underscore_empty(fields[5]),
                head,
                deprel: Deprel::new(&underscore_empty(fields[7])),
                span: misc_span(fields[9]),
                space_after,
            });
        }
        if !started {
            return Ok(None);
        }
        let n = sentence.tokens.len() as u32;
        if let Some(bad) = sentence.tokens.iter().position(|t| t.head > n) {
            let line = token_lines.get(bad).copied().unwrap_or(self.line_no);
            return Err(ConlluError::at(
                line,
                format!(
                    "head {} is beyond the sentence's {n} tokens",
                    sentence.tokens[bad].head
                ),
            ));
        }
        if !have_text {
            sentence.text = sentence.detokenized();
        }
        Ok(Some(sentence))
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<Sentence, ConlluError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.read_sentence() {
            Ok(Some(s)) => Some(Ok(s)),
            Ok(None) => None,
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

fn underscore_empty(field: &str) -> String {
    if field == "_" {
        String::new()
    } else {
        field.to_string()
    }
}

fn misc_has_no_space(misc: &str) -> bool {
    misc.split('|').any(|m| m == "SpaceAfter=No")
}

/// The repair names of a MISC field's `Repair=a,b`, as `petrel parse` writes them.
fn misc_repairs(misc: &str) -> impl Iterator<Item = &str> {
    misc.split('|')
        .filter_map(|m| m.strip_prefix("Repair="))
        .flat_map(|names| names.split(','))
        .filter(|name| !name.is_empty())
}

fn misc_span(misc: &str) -> Option<Span> {
    let range = misc
        .split('|')
        .find_map(|m| m.strip_prefix("TokenRange="))?;
    let (a, b) = range.split_once(':')?;
    Some(Span::new(a.parse().ok()?, b.parse().ok()?))
}

fn or_underscore(s: &str) -> &str {
    if s.is_empty() {
        "_"
    } else {
        s
    }
}

/// Writes one sentence as CoNLL-U, with `# sent_id`, `# text`, and in MISC the `TokenRange`
/// offsets and the parse repairs that changed each word (`Repair=name1,name2`).
pub fn write<W: Write>(out: &mut W, sentence: &Sentence) -> io::Result<()> {
    if let Some(id) = &sentence.id {
        writeln!(out, "# sent_id = {id}")?;
    }
    // A newline inside `# text` would end the comment; CoNLL-U has no escape, so fold it.
    let text: String = sentence
        .text
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    writeln!(out, "# text = {text}")?;
    for (i, t) in sentence.tokens.iter().enumerate() {
        let mut misc = Vec::new();
        if !t.space_after {
            misc.push("SpaceAfter=No".to_string());
        }
        if let Some(span) = t.span {
            misc.push(format!("TokenRange={}:{}", span.start, span.end));
        }
        let id = i as u32 + 1;
        let repairs: Vec<&str> = sentence
            .repairs
            .iter()
            .filter(|r| r.words.contains(&id))
            .map(|r| r.name.as_str())
            .collect();
        if !repairs.is_empty() {
            misc.push(format!("Repair={}", repairs.join(",")));
        }
        let misc = if misc.is_empty() {
            "_".to_string()
        } else {
            misc.join("|")
        };
        let deprel = t.deprel.as_str();
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t_\t{}",
            i + 1,
            clean_field(&t.form),
            or_underscore(&clean_field(&t.lemma)),
            t.upos,
            or_underscore(&t.xpos),
            or_underscore(&t.feats),
            t.head,
            or_underscore(deprel),
            misc
        )?;
    }
    writeln!(out)
}

/// Tabs and newlines cannot appear inside a CoNLL-U field; a token never has them, but a caller's
/// lemma might.
fn clean_field(s: &str) -> String {
    if s.contains(['\t', '\n', '\r']) {
        s.replace(['\t', '\n', '\r'], " ")
    } else {
        s.to_string()
    }
}

/// Writes many sentences.
pub fn write_all<W: Write>(out: &mut W, sentences: &[Sentence]) -> io::Result<()> {
    sentences.iter().try_for_each(|s| write(out, s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use petrel_core::Upos;

    const SAMPLE: &str = "# sent_id = s1\n# text = I don't know.\n1\tI\tI\tPRON\tPRP\tCase=Nom\t4\tnsubj\t4:nsubj\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t4:aux\t_\n3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t4:advmod\t_\n4\tknow\tknow\tVERB\tVB\t_\t0\troot\t0:root\tSpaceAfter=No\n4.1\tgone\tgo\tVERB\tVBN\t_\t_\t_\t4:conj\t_\n5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t4:punct\t_\n\n";

    #[test]
    fn reads_multiword_and_skips_empty_nodes() {
        let s = read_str(SAMPLE).unwrap();
        assert_eq!(s.len(), 1);
        let s = &s[0];
        assert_eq!(s.id.as_deref(), Some("s1"));
        assert_eq!(s.text, "I don't know.");
        assert_eq!(s.tokens.len(), 5);
        assert_eq!(s.tokens[1].form, "do");
        assert!(!s.tokens[1].space_after);
        assert!(s.tokens[2].space_after);
        assert!(!s.tokens[3].space_after);
        assert_eq!(s.tokens[3].upos, Upos::Verb);
        assert_eq!(s.tokens[0].head, 4);
        assert_eq!(s.tokens[2].deprel.as_str(), "advmod");
    }

    #[test]
    fn round_trips() {
        let first = read_str(SAMPLE).unwrap();
        let mut out = Vec::new();
        write_all(&mut out, &first).unwrap();
        let second = read_str(std::str::from_utf8(&out).unwrap()).unwrap();
        assert_eq!(first[0].tokens.len(), second[0].tokens.len());
        for (a, b) in first[0].tokens.iter().zip(&second[0].tokens) {
            assert_eq!(
                (&a.form, &a.lemma, a.upos, a.head, &a.deprel),
                (&b.form, &b.lemma, b.upos, b.head, &b.deprel)
            );
        }
    }

    #[test]
    fn malformed_line_names_its_line() {
        let err = read_str("# text = a\n1\ta\ta\tNOUN\n").unwrap_err();
        assert_eq!(err.line(), Some(2));
        let err = read_str("1\ta\ta\tNOUN\tNN\t_\t7\troot\t_\t_\n").unwrap_err();
        assert_eq!(err.line(), Some(1));
        let err = read_str("1\ta\ta\tNONE\tNN\t_\t0\troot\t_\t_\n").unwrap_err();
        assert!(err.to_string().contains("unknown UPOS"));
    }

    #[test]
    fn offsets_round_trip_through_misc() {
        let mut s = Sentence::new("Hi");
        s.tokens.push(Token::new("Hi").with_span(Span::new(3, 5)));
        let mut out = Vec::new();
        write(&mut out, &s).unwrap();
        let back = read_str(std::str::from_utf8(&out).unwrap()).unwrap();
        assert_eq!(back[0].tokens[0].span, Some(Span::new(3, 5)));
    }

    #[test]
    fn reads_the_treebank_when_present() {
        // Skips with a message on a developer's machine without ../shared; fails under CI.
        let Some(shared) = crate::support::shared("data/ud-english-ewt/en_ewt-ud-dev.conllu")
        else {
            return;
        };
        let text = std::fs::read_to_string(&shared).expect("the shared file reads");
        let sentences = read_str(&text).unwrap();
        assert_eq!(sentences.len(), 2001);
        assert_eq!(
            sentences.iter().map(|s| s.tokens.len()).sum::<usize>(),
            25147
        );
    }

    #[test]
    fn keeps_the_document_of_each_sentence() {
        let text = "# newdoc id = GUM_news_iodine\n# sent_id = a\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n\n\
                    # sent_id = b\n1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\t_\n\n\
                    # newdoc id = GUM_bio_emperor\n1\tNo\tno\tINTJ\tUH\t_\t0\troot\t_\t_\n\n";
        let mut reader = Reader::new(text.as_bytes());
        let mut docs = Vec::new();
        while let Some(s) = reader.next() {
            assert!(s.is_ok());
            docs.push(reader.document().map(str::to_string));
        }
        let news = Some("GUM_news_iodine".to_string());
        assert_eq!(
            docs,
            [news.clone(), news, Some("GUM_bio_emperor".to_string())]
        );
    }

    #[test]
    fn repairs_round_trip_through_misc() {
        let mut s = read_str(SAMPLE).unwrap().remove(0);
        s.repairs = vec![
            ParseRepair {
                name: "coordinate_subjects".into(),
                words: vec![1, 4],
            },
            ParseRepair {
                name: "lead_subject".into(),
                words: vec![4],
            },
        ];
        let mut out = Vec::new();
        write(&mut out, &s).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("Repair=coordinate_subjects,lead_subject"));
        let back = read_str(&text).unwrap().remove(0);
        assert_eq!(back.repairs, s.repairs);
    }
}
