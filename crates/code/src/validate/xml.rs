//! A reader for PETRARCH validation files: the `<Environment>` and each `<Sentence>` record.
//!
//! The files in use are not well-formed XML: the GSR file has `#` banner lines outside any comment
//! and closes `<Sentence .../>` before its children. So this is a small tolerant reader of our own
//! rather than an XML parser: it scans tags in order and groups `<EventCoding>`, `<Text>` and
//! `<Parse>` under the last `<Sentence>` seen. What it cannot make sense of (an unterminated tag or
//! comment, a record without an id, a `<Text>` never closed) is a typed error naming the line.

use std::collections::BTreeMap;

/// The largest validation file we read; the real ones are under 1 MB.
pub const MAX_FILE_BYTES: usize = 64 << 20;
/// The longest tag (name and attributes) we accept.
const MAX_TAG_BYTES: usize = 64 << 10;

/// What went wrong reading a validation file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum XmlError {
    #[error("{path}:{line}: {what}; {fix}")]
    Malformed {
        path: String,
        line: usize,
        what: String,
        fix: &'static str,
    },
    #[error("{path}: file is larger than {MAX_FILE_BYTES} bytes; split it into smaller files")]
    TooLarge { path: String },
}

impl XmlError {
    /// The 1-based line the error points at, when it points at one.
    pub fn line(&self) -> Option<usize> {
        match self {
            XmlError::Malformed { line, .. } => Some(*line),
            XmlError::TooLarge { .. } => None,
        }
    }
}

/// The dictionaries and options a validation file asks for in its `<Environment>`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Environment {
    pub verb_file: Option<String>,
    /// `<Actorfile>`, split at commas: the GSR file names three.
    pub actor_files: Vec<String>,
    pub agent_file: Option<String>,
    pub discard_file: Option<String>,
    pub issue_file: Option<String>,
    /// `<PICOfile>`: PETRARCH's internal coding ontology, used to recode negated verbs.
    pub pico_file: Option<String>,
    /// The categories `<Include>` lists (PETRARCH ran only these; we report all).
    pub include: Vec<String>,
}

/// One event a record expects: source code, target code, event code, as written in the file.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ExpectedEvent {
    pub source: String,
    pub target: String,
    pub code: String,
}

/// One `<Sentence>` record.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Record {
    pub id: String,
    /// The `category` (GSR) or `source` (unit tests) attribute, else the id's prefix before `_`.
    pub category: String,
    /// The `date` attribute as written: `YYYYMMDD`.
    pub date: String,
    /// 1-based line of the `<Sentence>` tag.
    pub line: usize,
    /// The expected events; empty when the record expects none (`noevents="True"`).
    pub expected: Vec<ExpectedEvent>,
    /// True when the record said `noevents="True"` explicitly.
    pub no_events: bool,
    /// The error PETRARCH was expected to detect (`<EventCoding error="dateline"/>`); such a record
    /// expects no events.
    pub expected_error: Option<String>,
    /// The `<Text>` with entities decoded and runs of whitespace folded to one space.
    pub text: String,
    /// The `<Parse>` body (CoNLL-U lines), when the record has one.
    pub parse: Option<String>,
    /// 1-based line where the `<Parse>` body starts.
    pub parse_line: usize,
    /// `<Config option value>` settings in force for this record (later settings win).
    pub options: BTreeMap<String, String>,
}

impl Record {
    /// The value of a `<Config>` option as a boolean (`true`/`True`/`TRUE`).
    pub fn option_flag(&self, name: &str) -> Option<bool> {
        let value = self.options.get(name)?;
        match value.to_ascii_lowercase().as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }
}

/// A whole validation file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValidationFile {
    pub environment: Environment,
    pub records: Vec<Record>,
}

/// Reads a validation file from memory; `path` is used in error messages only.
pub fn read_str(path: &str, text: &str) -> Result<ValidationFile, XmlError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(XmlError::TooLarge {
            path: path.to_string(),
        });
    }
    Scanner {
        path,
        text,
        pos: 0,
        line: 1,
    }
    .read()
}

/// A tag as scanned: its name, attributes, whether it closes (`</x>`) or is empty (`<x/>`).
struct Tag<'t> {
    name: &'t str,
    attrs: Vec<(&'t str, String)>,
    closing: bool,
    empty: bool,
    line: usize,
}

impl Tag<'_> {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

struct Scanner<'t> {
    path: &'t str,
    text: &'t str,
    pos: usize,
    line: usize,
}

impl<'t> Scanner<'t> {
    fn error(&self, line: usize, what: impl Into<String>, fix: &'static str) -> XmlError {
        XmlError::Malformed {
            path: self.path.to_string(),
            line,
            what: what.into(),
            fix,
        }
    }

    /// Moves to byte `to`, counting the newlines passed.
    fn advance(&mut self, to: usize) {
        let to = to.min(self.text.len());
        let passed = self.text.get(self.pos..to).unwrap_or("");
        self.line += passed.bytes().filter(|&b| b == b'\n').count();
        self.pos = to;
    }

    fn rest(&self) -> &'t str {
        self.text.get(self.pos..).unwrap_or("")
    }

    /// The next tag, skipping text, comments, `<?...?>` declarations and `<!...>` declarations.
    fn next_tag(&mut self) -> Result<Option<Tag<'t>>, XmlError> {
        loop {
            let Some(lt) = self.rest().find('<') else {
                self.advance(self.text.len());
                return Ok(None);
            };
            self.advance(self.pos + lt);
            let rest = self.rest();
            if rest.starts_with("<!--") {
                let line = self.line;
                let Some(end) = rest.find("-->") else {
                    return Err(self.error(line, "comment is never closed", "end it with -->"));
                };
                self.advance(self.pos + end + 3);
                continue;
            }
            if rest.starts_with("<?") || rest.starts_with("<!") {
                let line = self.line;
                let Some(end) = rest.find('>') else {
                    return Err(self.error(line, "declaration is never closed", "end it with >"));
                };
                self.advance(self.pos + end + 1);
                continue;
            }
            let next = rest.as_bytes().get(1).copied();
            if !matches!(next, Some(b) if b == b'/' || b.is_ascii_alphabetic()) {
                // A stray `<` in banner text: not a tag, skip it.
                self.advance(self.pos + 1);
                continue;
            }
            return self.tag().map(Some);
        }
    }

    /// Scans one tag starting at `self.pos` (which holds `<`).
    fn tag(&mut self) -> Result<Tag<'t>, XmlError> {
        let line = self.line;
        let rest = self.rest();
        let end = match find_tag_end(rest) {
            Some(end) if end <= MAX_TAG_BYTES => end,
            Some(_) => {
                return Err(self.error(line, "tag is too long", "check for a missing >"));
            }
            None => {
                return Err(self.error(line, "tag is never closed", "end it with >"));
            }
        };
        let inner = rest.get(1..end).unwrap_or("");
        self.advance(self.pos + end + 1);
        let (closing, inner) = match inner.strip_prefix('/') {
            Some(i) => (true, i),
            None => (false, inner),
        };
        let (empty, inner) = match inner.trim_end().strip_suffix('/') {
            Some(i) => (true, i),
            None => (false, inner),
        };
        let name_end = inner
            .find(|c: char| c.is_whitespace())
            .unwrap_or(inner.len());
        let name = inner.get(..name_end).unwrap_or("");
        let attrs = self.attributes(inner.get(name_end..).unwrap_or(""), line)?;
        Ok(Tag {
            name,
            attrs,
            closing,
            empty,
            line,
        })
    }

    fn attributes(&self, mut s: &'t str, line: usize) -> Result<Vec<(&'t str, String)>, XmlError> {
        let mut attrs = Vec::new();
        loop {
            s = s.trim_start();
            if s.is_empty() {
                return Ok(attrs);
            }
            let Some(eq) = s.find('=') else {
                return Err(self.error(
                    line,
                    format!("attribute {:?} has no value", s.trim()),
                    "write it as name=\"value\"",
                ));
            };
            let name = s.get(..eq).unwrap_or("").trim();
            let after = s.get(eq + 1..).unwrap_or("").trim_start();
            let quote = match after.chars().next() {
                Some(q @ ('"' | '\'')) => q,
                _ => {
                    return Err(self.error(
                        line,
                        format!("attribute {name:?} value is not quoted"),
                        "put the value in double quotes",
                    ))
                }
            };
            let body = after.get(1..).unwrap_or("");
            let Some(close) = body.find(quote) else {
                return Err(self.error(
                    line,
                    format!("attribute {name:?} value is never closed"),
                    "add the closing quote",
                ));
            };
            attrs.push((name, decode_entities(body.get(..close).unwrap_or(""))));
            s = body.get(close + 1..).unwrap_or("");
        }
    }

    /// The raw text up to the closing tag `</name>`, leaving the scanner after it.
    fn body_until_close(&mut self, name: &str, open_line: usize) -> Result<&'t str, XmlError> {
        let close = format!("</{name}>");
        let rest = self.rest();
        let Some(end) = rest.find(&close) else {
            return Err(self.error(
                open_line,
                format!("<{name}> is never closed"),
                "add the closing tag",
            ));
        };
        let body = rest.get(..end).unwrap_or("");
        self.advance(self.pos + end + close.len());
        Ok(body)
    }

    fn read(mut self) -> Result<ValidationFile, XmlError> {
        let mut file = ValidationFile::default();
        let mut options = BTreeMap::new();
        let mut in_environment = false;
        let mut current: Option<Record> = None;
        while let Some(tag) = self.next_tag()? {
            if tag.closing {
                match tag.name {
                    "Environment" => in_environment = false,
                    "Sentence" | "Sentences" => {
                        if let Some(record) = current.take() {
                            file.records.push(record);
                        }
                    }
                    _ => {}
                }
                continue;
            }
            match tag.name {
                "Environment" => in_environment = !tag.empty,
                "Sentence" => {
                    if let Some(record) = current.take() {
                        file.records.push(record);
                    }
                    current = Some(self.record_start(&tag, &options)?);
                }
                "Config" => {
                    if let (Some(option), Some(value)) = (tag.attr("option"), tag.attr("value")) {
                        options.insert(option.to_string(), value.to_string());
                    }
                }
                "EventCoding" => {
                    let Some(record) = current.as_mut() else {
                        return Err(self.error(
                            tag.line,
                            "<EventCoding> outside a <Sentence>",
                            "move it into its record",
                        ));
                    };
                    let no_events = tag
                        .attr("noevents")
                        .is_some_and(|v| v.eq_ignore_ascii_case("true"));
                    if no_events {
                        record.no_events = true;
                    } else if let Some(error) = tag.attr("error") {
                        record.expected_error = Some(error.to_string());
                    } else {
                        let field = |name: &str| tag.attr(name).unwrap_or("").trim().to_string();
                        let event = ExpectedEvent {
                            source: field("sourcecode"),
                            target: field("targetcode"),
                            code: field("eventcode"),
                        };
                        if event.code.is_empty() {
                            return Err(self.error(
                                tag.line,
                                "<EventCoding> has no eventcode",
                                "add eventcode=\"...\" or noevents=\"True\"",
                            ));
                        }
                        record.expected.push(event);
                    }
                }
                "Text" | "Parse" if !tag.empty => {
                    let body = self.body_until_close(tag.name, tag.line)?;
                    let Some(record) = current.as_mut() else {
                        continue;
                    };
                    if tag.name == "Text" {
                        record.text = fold_whitespace(&decode_entities(body));
                    } else {
                        // The body starts after the `<Parse>` tag; a leading newline belongs to it.
                        record.parse_line = tag.line
                            + usize::from(body.starts_with('\n') || body.starts_with("\r\n"));
                        record.parse = Some(decode_entities(body));
                    }
                }
                name if in_environment && !tag.empty => {
                    let body = self.body_until_close(name, tag.line)?;
                    let value = decode_entities(body).trim().to_string();
                    let env = &mut file.environment;
                    match name {
                        "Verbfile" => env.verb_file = Some(value),
                        "Actorfile" => {
                            env.actor_files = value
                                .split(',')
                                .map(|s| s.trim().to_string())
                                .filter(|s| !s.is_empty())
                                .collect()
                        }
                        "Agentfile" => env.agent_file = Some(value),
                        "Discardfile" => env.discard_file = Some(value),
                        "Issuefile" => env.issue_file = Some(value),
                        "PICOfile" => env.pico_file = Some(value),
                        "Include" => {
                            env.include = value.split_whitespace().map(str::to_string).collect()
                        }
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        if let Some(record) = current.take() {
            file.records.push(record);
        }
        Ok(file)
    }

    fn record_start(
        &self,
        tag: &Tag<'_>,
        options: &BTreeMap<String, String>,
    ) -> Result<Record, XmlError> {
        let Some(id) = tag.attr("id").map(str::trim).filter(|s| !s.is_empty()) else {
            return Err(self.error(
                tag.line,
                "<Sentence> has no id",
                "add id=\"...\" so results can name the record",
            ));
        };
        let category = tag
            .attr("category")
            .or_else(|| tag.attr("source"))
            .map(str::to_string)
            .unwrap_or_else(|| id.split('_').next().unwrap_or(id).to_string());
        Ok(Record {
            id: id.to_string(),
            category,
            date: tag.attr("date").unwrap_or("").trim().to_string(),
            line: tag.line,
            options: options.clone(),
            ..Record::default()
        })
    }
}

/// The index of the `>` ending the tag that starts `s`, skipping `>` inside quoted values.
fn find_tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(i),
            // A new tag before this one closed: the `>` is missing.
            (None, '<') if i > 0 => return None,
            _ => {}
        }
    }
    None
}

/// Decodes the five predefined XML entities and numeric character references.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or(""));
        let after = rest.get(amp..).unwrap_or("");
        let semi = after.find(';').filter(|&i| i <= 10);
        let decoded = semi.and_then(|i| {
            let name = after.get(1..i)?;
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                _ => {
                    let num = name.strip_prefix('#')?;
                    let n = match num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(n)?
                }
            };
            Some((c, i + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = after.get(len..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = after.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

fn fold_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<?xml version='1.0'?>
<Validation>
# a banner line that is not a comment < with a stray bracket
<Environment>
    <Verbfile>verbs.txt</Verbfile>
    <Actorfile>a.txt, b.txt</Actorfile>
    <Include>valid DEMO</Include>
</Environment>
<Sentences>
<Config option="require_dyad" value="False" />
<Sentence source="DEMO" date="19950101" id="DEMO_00" sentence="true">
<!-- a comment with <tags> inside -->
<EventCoding eventcode="050" sourcecode="ARN" targetcode="GON" />
<EventCoding eventcode="010" sourcecode="&quot;X&quot;" targetcode="---" />
<Text>
Arnor  restores
ties &amp; more.
</Text>
<Parse>
1	Arnor	Arnor	PROPN	NNP	_	0	root	_	_
</Parse></Sentence>
<Sentence category="AFP" date="20080804" id="AFP_1" evaluate="true"/>
<EventCoding noevents="True" />
<Text>Nothing.</Text>
</Sentences>
"#;

    #[test]
    fn reads_environment_and_records() {
        let file = read_str("t.xml", SAMPLE).unwrap_or_default();
        assert_eq!(file.environment.verb_file.as_deref(), Some("verbs.txt"));
        assert_eq!(file.environment.actor_files, vec!["a.txt", "b.txt"]);
        assert_eq!(file.environment.include, vec!["valid", "DEMO"]);
        assert_eq!(file.records.len(), 2);
        let demo = &file.records[0];
        assert_eq!(demo.id, "DEMO_00");
        assert_eq!(demo.category, "DEMO");
        assert_eq!(demo.date, "19950101");
        assert_eq!(demo.text, "Arnor restores ties & more.");
        assert_eq!(demo.expected.len(), 2);
        assert_eq!(demo.expected[1].source, "\"X\"");
        assert_eq!(demo.option_flag("require_dyad"), Some(false));
        assert_eq!(demo.parse_line, 20);
        assert!(demo.parse.as_deref().unwrap_or("").contains("Arnor\tArnor"));
    }

    #[test]
    fn self_closed_sentence_collects_following_children() {
        let file = read_str("t.xml", SAMPLE).unwrap_or_default();
        let afp = &file.records[1];
        assert_eq!(afp.category, "AFP");
        assert!(afp.no_events);
        assert!(afp.expected.is_empty());
        assert_eq!(afp.text, "Nothing.");
    }

    #[test]
    fn unterminated_text_is_an_error_with_its_line() {
        let bad = "<Sentences>\n<Sentence id=\"X_1\">\n<Text>\nnever closed\n";
        let err = read_str("bad.xml", bad);
        assert_eq!(err.as_ref().err().and_then(XmlError::line), Some(3));
        let message = err.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            message.starts_with("bad.xml:3: <Text> is never closed"),
            "{message}"
        );
    }

    #[test]
    fn sentence_without_id_is_an_error() {
        let err = read_str("bad.xml", "<Sentence date=\"1\">");
        assert_eq!(err.err().and_then(|e| e.line()), Some(1));
    }

    #[test]
    fn unclosed_tag_and_comment_are_errors() {
        assert!(read_str("b", "<Sentence id=\"a\"\n<Text>").is_err());
        assert!(read_str("b", "<!-- open").is_err());
        assert!(read_str("b", "<Sentence id=\"a>").is_err());
        assert!(read_str("b", "<Sentence id=a>").is_err());
    }

    #[test]
    fn entities_decode_and_unknown_ones_stay() {
        assert_eq!(
            decode_entities("a &amp; b &#65;&#x42; &bogus; &"),
            "a & b AB &bogus; &"
        );
    }

    #[test]
    fn reads_the_shared_validation_files() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/data/petrarch/validation"
        );
        for (name, records) in [
            ("PETR.UnitTest.records.ud.xml", 284),
            ("PETR2_GSR_validation.ud.xml", 78),
        ] {
            let path = format!("{dir}/{name}");
            let Ok(text) = std::fs::read_to_string(&path) else {
                // The shared data is absent: say so, and fail where it is required.
                let required = ["CI", "PETREL_REQUIRE_SHARED"]
                    .iter()
                    .any(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty() && x != "0"));
                assert!(
                    !required,
                    "{path} is missing and CI or PETREL_REQUIRE_SHARED is set"
                );
                eprintln!("SKIPPED: {path} is missing, so this test checks nothing here");
                continue;
            };
            let file = read_str(name, &text);
            assert!(file.is_ok(), "{name}: {:?}", file.err());
            let file = file.unwrap_or_default();
            assert_eq!(file.records.len(), records, "{name}");
            assert!(file.records.iter().all(|r| r.parse.is_some()), "{name}");
            assert!(file.environment.verb_file.is_some());
        }
    }
}
