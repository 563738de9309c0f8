//! Where stories come from: files, folders (recursively, in sorted order), `.gz` files and stdin, in plain text, HTML or JSONL, streamed one [`Document`] at a time.

use crate::decode::{decode, NotText};
use crate::html;
use crate::jsonl;
use crate::mapped::MappedText;
use crate::story::{understand, Known};
use flate2::read::MultiGzDecoder;
use petrel_core::{Date, DatePrecision, Document};
use std::collections::{HashSet, VecDeque};
use std::fmt;
use std::fs::{File, Metadata};
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// The largest story petrel reads (10 MiB): a longer "story" is a mistake or an attack, and is
/// skipped rather than parsed.
pub const MAX_STORY_BYTES: usize = 10 * 1024 * 1024;

/// How deep folders are walked below a folder named on the command line: deeper is a mistake (or a
/// loop of links that canonical paths did not catch), reported and not read.
pub const MAX_FOLDER_DEPTH: usize = 64;

/// How a file's bytes are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One story a file.
    Text,
    /// One story a saved web page.
    Html,
    /// One story a line, as a JSON object.
    Jsonl,
}

impl Format {
    /// The format a file name announces (`.txt`, `.html`, `.jsonl`, also under `.gz`), if any.
    pub fn from_name(name: &str) -> Option<Format> {
        let name = name.to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        let ext = name.rsplit_once('.').map(|(_, e)| e)?;
        match ext {
            "txt" | "text" => Some(Format::Text),
            "html" | "htm" | "xhtml" | "shtml" => Some(Format::Html),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            _ => None,
        }
    }

    /// The format the first bytes suggest: `<` is HTML, `{` JSONL, anything else text.
    pub fn sniff(head: &[u8]) -> Format {
        let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        match head.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'<') => Format::Html,
            Some(b'{') => Format::Jsonl,
            _ => Format::Text,
        }
    }
}

/// An input, or part of one, that yields no story, and why. The run goes on; the caller counts
/// and reports skips (and may make them fatal).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{origin}: {kind}")]
pub struct Skip {
    /// `path`, `path:line` for a JSONL record, `-` for stdin.
    pub origin: String,
    pub kind: SkipKind,
}

/// The reasons a story is skipped, matchable so callers can count them by kind.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SkipKind {
    #[error("{0}")]
    Record(#[from] jsonl::RecordError),
    #[error("empty story; nothing to read after removing site chrome")]
    Empty,
    #[error("story is over {limit} bytes; split it into stories or raise the limit")]
    TooLarge { limit: usize },
    #[error("binary data (a NUL byte at byte {offset}); petrel reads text, HTML and JSONL")]
    Binary { offset: usize },
    #[error("the gzip stream ends early ({detail}); the file is truncated, so re-download or re-compress it")]
    Truncated { detail: String },
    #[error("cannot read: {detail}; check the path and its permissions")]
    Io { detail: String },
    #[error("already read (a link or a second name for the same {what}); each is read once")]
    AlreadyRead { what: &'static str },
    #[error("folder nested more than {limit} levels deep; not read (is there a loop of links?)")]
    TooDeep { limit: usize },
    #[error("named .gz but not gzip (it does not start with the gzip magic bytes); rename or re-compress it")]
    NotGzip,
    #[error("id {id:?} is already used by an earlier story; give each story its own id")]
    DuplicateId { id: String },
}

impl Skip {
    fn new(origin: impl fmt::Display, kind: SkipKind) -> Skip {
        Skip {
            origin: origin.to_string(),
            kind,
        }
    }
}

enum Source {
    /// A path and how many folders deep below a named input it lies.
    Path(PathBuf, usize),
    Stdin,
}

/// What makes two paths the same file: device and inode where the platform has them, else the
/// canonical path.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum FileId {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg(not(unix))]
    Path(PathBuf),
}

#[cfg_attr(unix, allow(unused_variables))]
fn file_id(path: &Path, meta: &Metadata) -> io::Result<FileId> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Ok(FileId::Inode(meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        Ok(FileId::Path(std::fs::canonicalize(path)?))
    }
}

/// Checks that every input named on the command line can be read (stdin, `-`, always can), so a
/// mistyped path is an error before any story is coded rather than a skip at the end.
pub fn check_named<P: AsRef<Path>>(paths: impl IntoIterator<Item = P>) -> Result<(), Skip> {
    for path in paths {
        let path = path.as_ref();
        if path == Path::new("-") {
            continue;
        }
        let io_skip = |e: io::Error| {
            Skip::new(
                path.display(),
                SkipKind::Io {
                    detail: io_detail(&e),
                },
            )
        };
        let meta = std::fs::metadata(path).map_err(io_skip)?;
        if meta.is_dir() {
            std::fs::read_dir(path).map_err(io_skip)?;
        } else {
            File::open(path).map_err(io_skip)?;
        }
    }
    Ok(())
}

/// Opens a file for reading, decompressing it when it starts with the gzip magic bytes, as
/// [`Inputs`] does (`petrel parse FILE.gz`).
pub fn open_decompressed(path: &Path) -> io::Result<Box<dyn Read + Send>> {
    let mut reader = BufReader::new(File::open(path)?);
    let gz = reader.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    Ok(if gz {
        Box::new(MultiGzDecoder::new(reader))
    } else {
        Box::new(reader)
    })
}

/// An IO error's words without the "(os error N)" that `io::Error` appends.
fn io_detail(e: &io::Error) -> String {
    let text = e.to_string();
    match text.rfind(" (os error ") {
        Some(at) if text.ends_with(')') => text[..at].to_string(),
        _ => text,
    }
}

/// A stream of stories from a list of paths (`-` is stdin).
///
/// Folders are walked recursively in sorted order, taking files whose names announce a format
/// (`.txt`, `.html`, `.jsonl`, each optionally `.gz`) and skipping hidden ones; a file named
/// explicitly is read whatever its name, its format sniffed. Gzip is recognised by its magic bytes.
/// Nothing is read before it is needed, and a JSONL file is read a line at a time.
pub struct Inputs {
    queue: VecDeque<Source>,
    current: Option<JsonlStream<'static>>,
    max_story_bytes: usize,
    /// Every file and folder opened so far, so that links (`self -> .`, a second link to a file)
    /// never read the same thing twice and a loop of links ends.
    seen: HashSet<FileId>,
    /// Bytes read from files so far (as stored, before gzip), for a progress display.
    read: Arc<AtomicU64>,
}

/// A reader that adds what it reads to a shared count.
struct Counted<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The total size of the inputs when every one is a file (not stdin, not a folder): what a
/// progress display can measure [`Inputs::bytes_read`] against.
pub fn total_bytes<P: AsRef<Path>>(paths: impl IntoIterator<Item = P>) -> Option<u64> {
    let mut total = 0u64;
    let mut any = false;
    for path in paths {
        let meta = std::fs::metadata(path.as_ref()).ok()?;
        if !meta.is_file() {
            return None;
        }
        total = total.saturating_add(meta.len());
        any = true;
    }
    any.then_some(total)
}

impl Inputs {
    pub fn open<P: AsRef<Path>>(paths: impl IntoIterator<Item = P>) -> Inputs {
        let queue = paths
            .into_iter()
            .map(|p| {
                let p = p.as_ref();
                if p == Path::new("-") {
                    Source::Stdin
                } else {
                    Source::Path(p.to_path_buf(), 0)
                }
            })
            .collect();
        Inputs {
            queue,
            current: None,
            max_story_bytes: MAX_STORY_BYTES,
            seen: HashSet::new(),
            read: Arc::new(AtomicU64::new(0)),
        }
    }

    /// Stories from standard input.
    pub fn stdin() -> Inputs {
        Inputs::open(["-"])
    }

    /// A handle on the number of bytes read from files so far (as stored on disk, so gzip files
    /// count their compressed size); it keeps counting while the stream is read elsewhere.
    pub fn bytes_read(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.read)
    }

    /// Changes the story size limit (default [`MAX_STORY_BYTES`]).
    pub fn with_max_story_bytes(mut self, limit: usize) -> Inputs {
        self.max_story_bytes = limit;
        self
    }

    fn open_source(&mut self, source: Source) -> Option<Result<Document, Skip>> {
        let mut size_hint = None;
        let (origin, reader): (String, Box<dyn Read>) = match source {
            Source::Stdin => ("-".to_string(), Box::new(io::stdin())),
            Source::Path(path, depth) => {
                let origin = path.display().to_string();
                let io_skip = |e: io::Error| {
                    Some(Err(Skip::new(
                        &origin,
                        SkipKind::Io {
                            detail: io_detail(&e),
                        },
                    )))
                };
                let meta = match std::fs::metadata(&path) {
                    Ok(meta) => meta,
                    Err(e) => return io_skip(e),
                };
                let id = match file_id(&path, &meta) {
                    Ok(id) => id,
                    Err(e) => return io_skip(e),
                };
                if !self.seen.insert(id) {
                    let what = if meta.is_dir() { "folder" } else { "file" };
                    return Some(Err(Skip::new(origin, SkipKind::AlreadyRead { what })));
                }
                if meta.is_dir() {
                    if depth >= MAX_FOLDER_DEPTH {
                        let limit = MAX_FOLDER_DEPTH;
                        return Some(Err(Skip::new(origin, SkipKind::TooDeep { limit })));
                    }
                    return self.expand(&path, depth + 1).err().map(Err);
                }
                size_hint = Some(meta.len());
                match File::open(&path) {
                    Ok(f) => (
                        origin,
                        Box::new(Counted {
                            inner: f,
                            count: Arc::clone(&self.read),
                        }),
                    ),
                    Err(e) => return io_skip(e),
                }
            }
        };
        let mut reader = BufReader::new(reader);
        let gz = match reader.fill_buf() {
            Ok(head) => head.starts_with(&[0x1f, 0x8b]),
            Err(e) => {
                return Some(Err(Skip::new(
                    origin,
                    SkipKind::Io {
                        detail: io_detail(&e),
                    },
                )))
            }
        };
        if !gz && origin.to_ascii_lowercase().ends_with(".gz") {
            return Some(Err(Skip::new(origin, SkipKind::NotGzip)));
        }
        if gz {
            size_hint = None;
        }
        let mut reader: Box<dyn BufRead> = if gz {
            Box::new(BufReader::new(MultiGzDecoder::new(reader)))
        } else {
            Box::new(reader)
        };
        let format = match Format::from_name(&origin) {
            Some(f) => f,
            None => match reader.fill_buf() {
                Ok(head) => Format::sniff(head),
                Err(e) => return Some(Err(Skip::new(&origin, read_error(e, gz)))),
            },
        };
        if format == Format::Jsonl {
            self.current = Some(JsonlStream {
                reader,
                origin,
                gz,
                line: 0,
                done: false,
                max: self.max_story_bytes,
            });
            return None;
        }
        let limit = self.max_story_bytes;
        // Sized once from the file's length where it is known, so a large story is not held
        // twice while the buffer doubles.
        let mut bytes = Vec::with_capacity(size_hint.unwrap_or(0).min(limit as u64 + 1) as usize);
        if let Err(e) = reader
            .by_ref()
            .take(limit as u64 + 1)
            .read_to_end(&mut bytes)
        {
            return Some(Err(Skip::new(&origin, read_error(e, gz))));
        }
        if bytes.len() > limit {
            return Some(Err(Skip::new(origin, SkipKind::TooLarge { limit })));
        }
        Some(read_story_cow(
            &origin,
            &origin,
            std::borrow::Cow::Owned(bytes),
            format,
        ))
    }

    /// Queues a folder's entries (sorted, hidden ones left out) ahead of what follows it; they lie
    /// `depth` folders below the named input.
    fn expand(&mut self, dir: &Path, depth: usize) -> Result<(), Skip> {
        let io_skip = |e: io::Error| {
            let detail = io_detail(&e);
            Skip::new(dir.display(), SkipKind::Io { detail })
        };
        let mut entries = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(io_skip)? {
            let entry = entry.map_err(io_skip)?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let path = entry.path();
            if path.is_dir() || Format::from_name(&name).is_some() {
                entries.push(path);
            }
        }
        entries.sort();
        for path in entries.into_iter().rev() {
            self.queue.push_front(Source::Path(path, depth));
        }
        Ok(())
    }
}

impl Iterator for Inputs {
    type Item = Result<Document, Skip>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(stream) = self.current.as_mut() {
                match stream.next_story() {
                    Some(item) => return Some(item),
                    None => self.current = None,
                }
            }
            let source = self.queue.pop_front()?;
            if let Some(item) = self.open_source(source) {
                return Some(item);
            }
        }
    }
}

fn read_error(e: io::Error, gz: bool) -> SkipKind {
    if gz
        && matches!(
            e.kind(),
            io::ErrorKind::UnexpectedEof | io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData
        )
    {
        SkipKind::Truncated {
            detail: e.to_string(),
        }
    } else {
        SkipKind::Io {
            detail: io_detail(&e),
        }
    }
}

/// A JSONL file being read a line at a time.
struct JsonlStream<'r> {
    reader: Box<dyn BufRead + 'r>,
    origin: String,
    gz: bool,
    line: usize,
    done: bool,
    max: usize,
}

impl JsonlStream<'_> {
    fn next_story(&mut self) -> Option<Result<Document, Skip>> {
        while !self.done {
            let (bytes, too_long) = match read_bounded_line(&mut self.reader, self.max) {
                Ok(Some(line)) => line,
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    self.done = true;
                    let at = format!("{}:{}", self.origin, self.line + 1);
                    return Some(Err(Skip::new(at, read_error(e, self.gz))));
                }
            };
            self.line += 1;
            let at = format!("{}:{}", self.origin, self.line);
            if too_long {
                return Some(Err(Skip::new(at, SkipKind::TooLarge { limit: self.max })));
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(self.story(&at, &bytes));
        }
        None
    }

    fn story(&self, at: &str, bytes: &[u8]) -> Result<Document, Skip> {
        let decoded = decode(bytes, None)
            .map_err(|NotText::Binary { offset }| Skip::new(at, SkipKind::Binary { offset }))?;
        let mut record = jsonl::parse(&decoded.text).map_err(|e| Skip::new(at, e.into()))?;
        let mut doc = read_record(at, &mut record)?;
        let mut warnings = decoded.warnings;
        // The JSONL record's own complaints name their line: the document's origin is `path:line`.
        warnings.append(&mut record.warnings);
        warnings.append(&mut doc.warnings);
        doc.warnings = warnings;
        Ok(doc)
    }
}

/// Reads one story record (the fields of a JSONL line, however the caller got them: a program
/// embedding petrel passes them directly); `at` names it in messages and is its id when the record
/// has none.
pub fn read_record(at: &str, record: &mut jsonl::Record) -> Result<Document, Skip> {
    let date = match record.date.as_deref() {
        Some(written) => {
            let date = parse_metadata_date(written);
            if date.is_none() {
                record.warnings.push(format!(
                    "\"date\" {written:?} is not a date petrel reads (2017-03-20, 20 March 2017); the story has no date of its own"
                ));
            }
            date
        }
        None => None,
    };
    let known = Known {
        title: record.title.clone(),
        date,
        publisher: record.source.clone(),
        byline: None,
    };
    // Some dumps store the page's HTML as the text; read it as a page, keeping offsets into the
    // field.
    let source = if Format::sniff(record.text.as_bytes()) == Format::Html {
        html::extract(&record.text).0
    } else {
        MappedText::original(std::mem::take(&mut record.text))
    };
    let mut doc = document(
        at,
        record.id.take().unwrap_or_else(|| at.to_string()),
        source,
        known,
    )?;
    doc.url = record.url.take();
    doc.language = record.language.take();
    Ok(doc)
}

/// The next line (without its line break), or `None` at the end. A line over `max` bytes is
/// consumed but not kept: the flag says so.
fn read_bounded_line(reader: &mut dyn BufRead, max: usize) -> io::Result<Option<(Vec<u8>, bool)>> {
    let mut line = Vec::new();
    let mut too_long = false;
    let mut any = false;
    loop {
        let buf = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(any.then_some((line, too_long)));
        }
        any = true;
        let (piece, used, end) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (&buf[..i], i + 1, true),
            None => (buf, buf.len(), false),
        };
        if !too_long {
            if line.len() + piece.len() > max {
                too_long = true;
                line = Vec::new();
            } else {
                line.extend_from_slice(piece);
            }
        }
        reader.consume(used);
        if end {
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            return Ok(Some((line, too_long)));
        }
    }
}

/// Reads one story (plain text or HTML, sniffed from its first bytes) from `bytes`; `origin`
/// names it in messages and becomes its id.
pub fn read_story(origin: &str, bytes: &[u8]) -> Result<Document, Skip> {
    let format = Format::from_name(origin)
        .filter(|f| *f != Format::Jsonl)
        .unwrap_or_else(|| match Format::sniff(bytes) {
            Format::Html => Format::Html,
            _ => Format::Text,
        });
    read_story_as(origin, origin, bytes, format)
}

/// Reads one story in a known format; [`Format::Jsonl`] is read as its first record.
pub fn read_story_as(
    origin: &str,
    id: &str,
    bytes: &[u8],
    format: Format,
) -> Result<Document, Skip> {
    read_story_cow(origin, id, std::borrow::Cow::Borrowed(bytes), format)
}

/// [`read_story_as`] on bytes that may be owned, which UTF-8 text then becomes without a copy.
fn read_story_cow(
    origin: &str,
    id: &str,
    bytes: std::borrow::Cow<'_, [u8]>,
    format: Format,
) -> Result<Document, Skip> {
    if bytes.len() > MAX_STORY_BYTES {
        return Err(Skip::new(
            origin,
            SkipKind::TooLarge {
                limit: MAX_STORY_BYTES,
            },
        ));
    }
    if format == Format::Jsonl {
        let stream = JsonlStream {
            reader: Box::new(&*bytes),
            origin: origin.to_string(),
            gz: false,
            line: 0,
            done: false,
            max: MAX_STORY_BYTES,
        };
        let mut stream = stream;
        return stream
            .next_story()
            .unwrap_or_else(|| Err(Skip::new(origin, SkipKind::Empty)));
    }
    let hint = if format == Format::Html {
        declared_charset(&bytes)
    } else {
        None
    };
    let decoded = match bytes {
        std::borrow::Cow::Owned(bytes) => crate::decode::decode_owned(bytes, hint.as_deref()),
        std::borrow::Cow::Borrowed(bytes) => decode(bytes, hint.as_deref()),
    }
    .map_err(|NotText::Binary { offset }| Skip::new(origin, SkipKind::Binary { offset }))?;
    let (source, known, url, language) = if format == Format::Html {
        let (text, meta) = html::extract(&decoded.text);
        let (page_title, site) = match meta.page_title.as_deref() {
            Some(t) => {
                let (title, site) = split_site_name(t, meta.publisher.as_deref());
                (Some(title), site)
            }
            None => (None, None),
        };
        let title = meta.heading.clone().or(meta.title.clone()).or(page_title);
        let publisher = meta.publisher.clone().or(site);
        let byline = meta
            .byline
            .as_deref()
            .map(|b| crate::chrome::byline(b).unwrap_or_else(|| b.to_string()));
        let known = Known {
            title,
            date: meta.date.as_deref().and_then(parse_date),
            publisher,
            byline,
        };
        (text, known, meta.url, meta.language)
    } else {
        (
            MappedText::original(decoded.text),
            Known::default(),
            None,
            None,
        )
    };
    let mut doc = document(origin, id.to_string(), source, known)?;
    doc.url = url;
    doc.language = language;
    let mut warnings = decoded.warnings;
    warnings.append(&mut doc.warnings);
    doc.warnings = warnings;
    Ok(doc)
}

/// Understands `source` as a story and makes the document; an empty story is a skip.
fn document(origin: &str, id: String, source: MappedText, known: Known) -> Result<Document, Skip> {
    let story = understand(&source, known);
    if story.text.text.trim().is_empty() {
        return Err(Skip::new(origin, SkipKind::Empty));
    }
    let (date, date_precision) = match story.date {
        Some((d, p)) => (Some(d), p),
        None => (None, DatePrecision::Day),
    };
    Ok(Document {
        id,
        origin: origin.to_string(),
        title: story.title,
        date,
        date_precision,
        dateline: story.dateline,
        publisher: story.publisher,
        byline: story.byline,
        url: None,
        language: None,
        text: story.text.text,
        offsets: story.text.map,
        warnings: story.warnings,
    })
}

/// A date written in metadata (`2017-03-20T09:00:00Z`, `20 March 2017`).
fn parse_date(s: &str) -> Option<(Date, DatePrecision)> {
    petrel_time::find_date(s)?.resolve(None)
}

/// A date a record's `date` field holds: as [`parse_date`], but a value that starts like an ISO
/// date (`2017-13-45`) must be a valid one, not a year found inside it.
fn parse_metadata_date(s: &str) -> Option<(Date, DatePrecision)> {
    let t = s.trim();
    let iso = t.as_bytes().get(..10).filter(|head| {
        head.iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
    });
    if let Some(head) = iso {
        let field = |r: std::ops::Range<usize>| -> Option<u32> {
            std::str::from_utf8(head.get(r)?).ok()?.parse().ok()
        };
        let date = Date::from_ymd(field(0..4)?, field(5..7)?, field(8..10)?).ok()?;
        return Some((date, DatePrecision::Day));
    }
    parse_date(t)
}

/// The `<meta charset>` (or `http-equiv` content type) an HTML page declares in its first 2 KB.
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(bytes.get(..bytes.len().min(2048))?).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let value: String = head
        .get(at..)?
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    (!value.is_empty()).then_some(value)
}

/// A page title split from the site name after a separator: "Talks end | Daily Planet" is the
/// title "Talks end" on the site "Daily Planet".
fn split_site_name(title: &str, publisher: Option<&str>) -> (String, Option<String>) {
    for sep in [" | ", " - ", " – ", " — "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let tail = tail.trim();
            if publisher.is_some_and(|p| p.eq_ignore_ascii_case(tail))
                || tail.split_whitespace().count() <= 4
            {
                return (head.trim().to_string(), Some(tail.to_string()));
            }
        }
    }
    (title.trim().to_string(), None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("petrel-ingest-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn invalid_json_line_is_a_skip_with_its_line_and_the_rest_goes_on() {
        let dir = temp_dir("jsonl");
        let path = dir.join("stories.jsonl");
        std::fs::write(&path, "{\"id\": \"a\", \"text\": \"Japan protested.\"}\n{\"id\": \"b\", \"text\": \n\n{\"id\": \"c\", \"text\": \"Russia replied.\"}\n").unwrap();
        let items: Vec<_> = Inputs::open([&path]).collect();
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].as_ref().unwrap().id, "a");
        let skip = items[1].as_ref().unwrap_err();
        assert_eq!(skip.origin, format!("{}:2", path.display()));
        assert!(matches!(
            skip.kind,
            SkipKind::Record(jsonl::RecordError::Json(_))
        ));
        assert!(skip.to_string().contains(":2: invalid JSON"), "{skip}");
        assert_eq!(items[2].as_ref().unwrap().text, "Russia replied.");
    }

    #[test]
    fn undecodable_bytes_are_decoded_with_a_warning_or_skipped_as_binary() {
        let doc = read_story(
            "latin1.txt",
            b"Le ministre fran\xe7ais a rencontr\xe9 son homologue \xe0 Paris.\n",
        )
        .unwrap();
        assert_eq!(
            doc.text,
            "Le ministre français a rencontré son homologue à Paris."
        );
        assert!(
            doc.warnings.iter().any(|w| w.contains("not UTF-8")),
            "{:?}",
            doc.warnings
        );
        let skip = read_story("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").unwrap_err();
        assert_eq!(skip.kind, SkipKind::Binary { offset: 8 });
        // A JSONL line in Latin-1 is decoded too.
        let doc = read_story_as(
            "x.jsonl",
            "x",
            b"{\"id\": \"l\", \"text\": \"Caf\xe9 talks ended.\"}\n",
            Format::Jsonl,
        )
        .unwrap();
        assert_eq!(doc.text, "Café talks ended.");
    }

    #[test]
    fn html_in_a_jsonl_text_field_is_read_as_a_page() {
        let line = br#"{"id": "h", "text": "<div class='share'>Tweet</div><p>Talks &amp; more talks.</p>"}"#;
        let doc = read_story_as("h.jsonl", "h", line, Format::Jsonl).unwrap();
        assert_eq!(doc.text, "Talks & more talks.");
    }

    #[test]
    fn empty_stories_are_skipped() {
        assert_eq!(read_story("e.txt", b"").unwrap_err().kind, SkipKind::Empty);
        assert_eq!(
            read_story("e.txt", b"  \n\n\t\n").unwrap_err().kind,
            SkipKind::Empty
        );
        assert_eq!(
            read_story("e.html", b"<html><nav>Home | World</nav></html>")
                .unwrap_err()
                .kind,
            SkipKind::Empty
        );
        let skip = read_story_as(
            "e.jsonl",
            "e",
            b"{\"id\": \"e\", \"text\": \"\"}",
            Format::Jsonl,
        )
        .unwrap_err();
        assert_eq!(
            (skip.origin.as_str(), skip.kind),
            ("e.jsonl:1", SkipKind::Empty)
        );
    }

    #[test]
    fn a_ten_megabyte_story_is_skipped_and_the_next_is_read() {
        let dir = temp_dir("large");
        let big = "Japan protested. ".repeat(MAX_STORY_BYTES / 17 + 1);
        std::fs::write(dir.join("a-big.txt"), &big).unwrap();
        std::fs::write(dir.join("b-small.txt"), "Russia replied.").unwrap();
        let jsonl = format!(
            "{{\"id\": \"big\", \"text\": \"{big}\"}}\n{{\"id\": \"ok\", \"text\": \"Fine.\"}}\n"
        );
        std::fs::write(dir.join("c.jsonl"), jsonl).unwrap();
        let items: Vec<_> = Inputs::open([&dir]).collect();
        assert_eq!(items.len(), 4);
        assert_eq!(
            items[0].as_ref().unwrap_err().kind,
            SkipKind::TooLarge {
                limit: MAX_STORY_BYTES
            }
        );
        assert_eq!(items[1].as_ref().unwrap().text, "Russia replied.");
        let skip = items[2].as_ref().unwrap_err();
        assert!(
            skip.origin.ends_with("c.jsonl:1") && matches!(skip.kind, SkipKind::TooLarge { .. }),
            "{skip}"
        );
        assert_eq!(items[3].as_ref().unwrap().id, "ok");
    }

    #[test]
    fn truncated_gz_keeps_whole_records_and_reports_the_rest() {
        let dir = temp_dir("gz");
        let mut lines = String::new();
        for i in 0..200 {
            lines.push_str(&format!("{{\"id\": \"s{i}\", \"text\": \"Story number {i} says Japan protested on Monday.\"}}\n"));
        }
        let gz = gzip(lines.as_bytes());
        std::fs::write(dir.join("cut.jsonl.gz"), &gz[..gz.len() / 2]).unwrap();
        std::fs::write(
            dir.join("story.txt.gz"),
            &gzip(b"Japan protested on Monday.")[..12],
        )
        .unwrap();
        std::fs::write(dir.join("whole.txt.gz"), gzip(b"Russia replied.")).unwrap();
        let items: Vec<_> = Inputs::open([&dir]).collect();
        let docs = items.iter().filter(|i| i.is_ok()).count();
        let skips: Vec<&Skip> = items.iter().filter_map(|i| i.as_ref().err()).collect();
        assert!(docs > 1 && docs < 200, "{docs}");
        assert_eq!(skips.len(), 2, "{skips:?}");
        assert!(
            skips
                .iter()
                .all(|s| matches!(s.kind, SkipKind::Truncated { .. })),
            "{skips:?}"
        );
        assert!(skips[0].origin.contains("cut.jsonl.gz:"), "{}", skips[0]);
        assert_eq!(
            items.last().unwrap().as_ref().unwrap().text,
            "Russia replied."
        );
    }

    #[test]
    fn folders_are_walked_in_order_and_hidden_or_unknown_files_left_out() {
        let dir = temp_dir("walk");
        std::fs::create_dir_all(dir.join("b")).unwrap();
        std::fs::write(dir.join("b/one.txt"), "One.").unwrap();
        std::fs::write(dir.join("a.html"), "<p>Two.</p>").unwrap();
        std::fs::write(dir.join("c.txt"), "Three.").unwrap();
        std::fs::write(dir.join(".hidden.txt"), "No.").unwrap();
        std::fs::write(dir.join("notes.expected.json"), "{}").unwrap();
        let texts: Vec<String> = Inputs::open([&dir]).map(|d| d.unwrap().text).collect();
        assert_eq!(texts, ["Two.", "One.", "Three."]);
        let missing = Inputs::open([dir.join("nope.txt")])
            .next()
            .unwrap()
            .unwrap_err();
        assert!(matches!(missing.kind, SkipKind::Io { .. }));
    }

    #[test]
    fn explicit_files_are_sniffed() {
        let dir = temp_dir("sniff");
        std::fs::write(
            dir.join("page"),
            "<html><body><p>Talks ended.</p></body></html>",
        )
        .unwrap();
        std::fs::write(
            dir.join("dump"),
            "{\"id\": \"x\", \"text\": \"Talks ended.\"}\n",
        )
        .unwrap();
        let docs: Vec<Document> = Inputs::open([dir.join("page"), dir.join("dump")])
            .map(|d| d.unwrap())
            .collect();
        assert_eq!(docs[0].text, "Talks ended.");
        assert_eq!(docs[1].id, "x");
    }

    #[test]
    fn hostile_bytes_never_panic() {
        // A fixed pseudo-random stream (an LCG), so a failure reproduces.
        let mut state: u64 = 0x5eed;
        let pieces: [&[u8]; 16] = [
            b"<",
            b">",
            b"&",
            b"&amp;",
            b"&#x",
            b";",
            b"\n",
            b"\n\n",
            b" - ",
            "\u{2014}".as_bytes(),
            b"(AP)",
            b"20.03.2017",
            b"<p class=\"share\">",
            b"\xff",
            "\u{30cb}".as_bytes(),
            b"TOKYO",
        ];
        let mut next = move || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            state >> 33
        };
        let mut produced = 0;
        for _ in 0..1500 {
            let mut bytes = Vec::new();
            for _ in 0..next() % 40 {
                bytes.extend_from_slice(pieces[next() as usize % pieces.len()]);
            }
            for name in ["x.txt", "x.html", "x.jsonl"] {
                produced += usize::from(read_story(name, &bytes).is_ok());
            }
            if let Ok(text) = std::str::from_utf8(&bytes) {
                let _ = crate::dateline::parse(text);
                let _ = petrel_time::find_dates(text);
                let _ = petrel_time::resolve(text, Date::from_ymd(2017, 3, 20).unwrap());
            }
        }
        // Not everything was empty or skipped: the readers really ran on varied input.
        assert!(produced > 100, "{produced}");
    }

    #[test]
    fn site_names_leave_page_titles() {
        assert_eq!(
            split_site_name("Talks end | Daily Planet", None),
            ("Talks end".into(), Some("Daily Planet".into()))
        );
        let long = "Talks end - a long and winding subtitle here";
        assert_eq!(split_site_name(long, Some("X")), (long.into(), None));
    }
}
