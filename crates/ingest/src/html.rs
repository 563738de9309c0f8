//! Readability-style extraction from a saved web page: the article's text and metadata, without scripts, menus, share buttons or cookie banners.
//!
//! A small tolerant tokenizer rather than a browser engine: news pages are tag soup, and all we
//! need is which text sits inside which element. Unclosed and stray end tags are forgiven; an end
//! tag closes up to its matching open element, if there is one.

use crate::mapped::MappedText;
use std::ops::Range;

/// What a page says about the story, besides its text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageMeta {
    pub title: Option<String>,
    /// The first heading (`<h1>`), a fallback for `title`.
    pub heading: Option<String>,
    /// The `<title>` element, which usually carries the site name too.
    pub page_title: Option<String>,
    /// A published date as the page wrote it (`article:published_time`, `<time datetime>`).
    pub date: Option<String>,
    pub publisher: Option<String>,
    pub byline: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
}

/// The readable text of a page (paragraphs separated by blank lines, mapped into `html`) and its
/// metadata.
pub fn extract(html: &str) -> (MappedText, PageMeta) {
    let mut x = Extractor {
        html,
        out: MappedText::default(),
        meta: PageMeta::default(),
        stack: Vec::new(),
        dropped: 0,
        article_depth: 0,
        has_article: contains_ignore_case(html, "<article"),
        at_break: true,
        pending_space: None,
        capture: None,
    };
    x.run();
    let mut out = x.out;
    while out.text.ends_with(char::is_whitespace) {
        // Trailing paragraph breaks were inserted text; trimming them keeps the map exact because
        // the map's last pieces are exactly those insertions.
        out.text.pop();
    }
    let mut trimmed = MappedText::default();
    trimmed.push_from(&out, 0..out.text.len());
    (trimmed, x.meta)
}

/// Elements whose whole content is never story text.
const DROPPED: &[&str] = &[
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "iframe",
    "svg",
    "select",
    "menu",
    "template",
    "dialog",
    "figure",
    "figcaption",
    "label",
    "object",
    "canvas",
];

/// Elements that start a new paragraph of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "dl",
    "dt",
    "dd",
    "address",
    "hr",
    "body",
    "center",
];

/// Void elements, which have no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Words in a `class`, `id` or `role` that mark site chrome; matched as word prefixes.
const CHROME_WORDS: &[&str] = &[
    "share",
    "social",
    "cookie",
    "consent",
    "banner",
    "menu",
    "nav",
    "breadcrumb",
    "related",
    "comment",
    "newsletter",
    "subscribe",
    "advert",
    "ads",
    "promo",
    "sidebar",
    "popup",
    "modal",
    "footer",
    "header",
    "masthead",
    "toolbar",
    "sponsor",
    "recommend",
    "trending",
    "tags",
    "skip",
    "contentinfo",
    "complementary",
];

struct Extractor<'h> {
    html: &'h str,
    out: MappedText,
    meta: PageMeta,
    /// Open elements: name and whether it dropped its content.
    stack: Vec<(String, bool)>,
    dropped: usize,
    article_depth: usize,
    has_article: bool,
    at_break: bool,
    /// Whitespace seen after the last text, emitted as one space if more text follows.
    pending_space: Option<Range<usize>>,
    /// Text being collected for metadata: which field, the text so far, and the depth it began at.
    capture: Option<(Field, String, usize)>,
}

#[derive(Clone, Copy, PartialEq)]
enum Field {
    Heading,
    Byline,
}

/// The most elements kept open; deeper nesting is tag soup or hostile, and is flattened.
const MAX_DEPTH: usize = 512;

impl Extractor<'_> {
    fn run(&mut self) {
        let bytes = self.html.as_bytes();
        let mut i = 0;
        let mut text_start = 0;
        while i < bytes.len() {
            if bytes[i] != b'<' {
                i += 1;
                continue;
            }
            let next = bytes.get(i + 1).copied().unwrap_or(b' ');
            let tag_end = if self.html[i..].starts_with("<!--") {
                find(self.html, i + 4, "-->").map_or(bytes.len(), |e| e + 3)
            } else if next == b'!' || next == b'?' {
                find(self.html, i, ">").map_or(bytes.len(), |e| e + 1)
            } else if next == b'/' || next.is_ascii_alphabetic() {
                match find_tag_end(bytes, i) {
                    Some(e) => e,
                    None => bytes.len(),
                }
            } else {
                i += 1;
                continue;
            };
            self.text(text_start..i);
            let tag = &self.html[i..tag_end];
            i = tag_end;
            if next == b'/' {
                self.end_tag(&tag_name(&tag[2..]));
            } else if next.is_ascii_alphabetic() {
                let name = tag_name(&tag[1..]);
                if name == "script" || name == "style" || name == "title" || name == "textarea" {
                    // Raw text: skip to the matching end tag without reading tags inside it.
                    let close =
                        find_ignore_case(self.html, i, &format!("</{name}")).unwrap_or(bytes.len());
                    if name == "title" && self.meta.page_title.is_none() {
                        self.meta.page_title =
                            non_empty(&decode_entities_plain(&self.html[i..close]));
                    }
                    let after = find(self.html, close, ">").map_or(bytes.len(), |e| e + 1);
                    i = after;
                } else {
                    self.start_tag(&name, tag);
                }
            }
            text_start = i;
        }
        self.text(text_start..bytes.len());
    }

    fn start_tag(&mut self, name: &str, tag: &str) {
        match name {
            "meta" => self.read_meta(tag),
            "link"
                if self.meta.url.is_none()
                    && attribute(tag, "rel")
                        .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                self.meta.url = attribute(tag, "href");
            }
            "html" => self.meta.language = attribute(tag, "lang").or(self.meta.language.take()),
            "time" if self.meta.date.is_none() => self.meta.date = attribute(tag, "datetime"),
            _ => {}
        }
        if BLOCKS.contains(&name) {
            self.paragraph_break();
        } else if name == "br" {
            self.line_break();
        }
        if VOID.contains(&name) || tag.ends_with("/>") || self.stack.len() >= MAX_DEPTH {
            return;
        }
        let marks = |a: &str| attribute(tag, a).is_some_and(|v| is_chrome_label(&v));
        let structural = matches!(name, "html" | "body" | "main" | "article");
        let is_byline = ["class", "id", "rel", "itemprop"].iter().any(|a| {
            attribute(tag, a).is_some_and(|v| v.contains("byline") || v.contains("author"))
        });
        let drop = DROPPED.contains(&name)
            || (!structural && (marks("class") || marks("id") || marks("role")))
            || is_byline;
        if self.capture.is_none() {
            if name == "h1" && self.meta.heading.is_none() {
                self.capture = Some((Field::Heading, String::new(), self.stack.len()));
            } else if is_byline && self.meta.byline.is_none() {
                self.capture = Some((Field::Byline, String::new(), self.stack.len()));
            }
        }
        if name == "article" {
            self.article_depth += 1;
        }
        if drop {
            self.dropped += 1;
        }
        self.stack.push((name.to_string(), drop));
    }

    fn end_tag(&mut self, name: &str) {
        let Some(at) = self.stack.iter().rposition(|(n, _)| n == name) else {
            return;
        };
        while self.stack.len() > at {
            let Some((n, drop)) = self.stack.pop() else {
                break;
            };
            if drop {
                self.dropped -= 1;
            }
            if n == "article" {
                self.article_depth = self.article_depth.saturating_sub(1);
            }
            if BLOCKS.contains(&n.as_str()) {
                self.paragraph_break();
            }
            if let Some((field, text, depth)) = self.capture.take() {
                if self.stack.len() > depth {
                    self.capture = Some((field, text, depth));
                } else {
                    let value = non_empty(&collapse_whitespace(&text));
                    match field {
                        Field::Heading => self.meta.heading = value,
                        Field::Byline => self.meta.byline = value,
                    }
                }
            }
        }
    }

    fn read_meta(&mut self, tag: &str) {
        let key = attribute(tag, "property")
            .or_else(|| attribute(tag, "name"))
            .or_else(|| attribute(tag, "itemprop"));
        let (Some(key), Some(content)) = (key, attribute(tag, "content")) else {
            return;
        };
        let content = non_empty(&content);
        let slot = match key.to_ascii_lowercase().as_str() {
            "og:title" | "twitter:title" => &mut self.meta.title,
            "article:published_time"
            | "datepublished"
            | "pubdate"
            | "publishdate"
            | "date"
            | "dc.date"
            | "dc.date.issued"
            | "sailthru.date" => &mut self.meta.date,
            "og:site_name" | "publisher" | "dc.publisher" => &mut self.meta.publisher,
            "author" | "article:author" | "dc.creator" => &mut self.meta.byline,
            "og:url" => &mut self.meta.url,
            "language" | "og:locale" => &mut self.meta.language,
            _ => return,
        };
        if slot.is_none() {
            *slot = content;
        }
    }

    /// A `<br>`: a new line within the paragraph, which story understanding joins like any
    /// hard line break.
    fn line_break(&mut self) {
        self.pending_space = None;
        if !self.at_break && !self.out.text.is_empty() && !self.out.text.ends_with('\n') {
            let at = self.out.map.original_end(self.out.text.len());
            self.out.push_rewritten("\n", at..at);
        }
    }

    fn paragraph_break(&mut self) {
        self.pending_space = None;
        if !self.at_break && !self.out.text.is_empty() {
            let at = self.out.map.original_end(self.out.text.len());
            self.out.push_rewritten("\n\n", at..at);
            self.at_break = true;
        }
    }

    /// Emits the text between tags: entities decoded, whitespace runs collapsed to one space.
    fn text(&mut self, range: Range<usize>) {
        let Some(raw) = self.html.get(range.clone()) else {
            return;
        };
        if raw.is_empty() {
            return;
        }
        if let Some((_, captured, _)) = self.capture.as_mut() {
            captured.push_str(&decode_entities_plain(raw));
            captured.push(' ');
        }
        let visible = self.dropped == 0 && (!self.has_article || self.article_depth > 0);
        if !visible {
            return;
        }
        let base = range.start;
        let bytes = raw.as_bytes();
        let (mut i, mut from) = (0, 0);
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii_whitespace() {
                let run = bytes[i..]
                    .iter()
                    .take_while(|c| c.is_ascii_whitespace())
                    .count();
                // A single space between words stays part of the verbatim run.
                if b == b' ' && run == 1 && i > from && i + 1 < bytes.len() {
                    i += 1;
                    continue;
                }
                self.flush(raw, from..i, base);
                self.space(base + i..base + i + run);
                i += run;
                from = i;
            } else if let Some((decoded, len)) = (b == b'&').then(|| entity(&raw[i..])).flatten() {
                self.flush(raw, from..i, base);
                if decoded == "\u{a0}" {
                    self.space(base + i..base + i + len);
                } else if !decoded.is_empty() {
                    self.emit_pending_space();
                    self.out.push_rewritten(&decoded, base + i..base + i + len);
                    self.at_break = false;
                }
                i += len;
                from = i;
            } else {
                i += 1;
            }
        }
        self.flush(raw, from..bytes.len(), base);
    }

    /// Notes whitespace at `original`; it becomes one space only if more text follows in the
    /// same paragraph.
    fn space(&mut self, original: Range<usize>) {
        if !self.at_break && !self.out.text.is_empty() && self.pending_space.is_none() {
            self.pending_space = Some(original);
        }
    }

    fn emit_pending_space(&mut self) {
        if let Some(r) = self.pending_space.take() {
            self.out.push_rewritten(" ", r);
        }
    }

    fn flush(&mut self, raw: &str, range: Range<usize>, base: usize) {
        if let Some(s) = raw.get(range.clone()).filter(|s| !s.is_empty()) {
            self.emit_pending_space();
            self.out.push_verbatim(s, base + range.start);
            self.at_break = false;
        }
    }
}

fn is_chrome_label(value: &str) -> bool {
    value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|w| {
            let w = w.to_ascii_lowercase();
            // Prefixes catch "navbar" and "share-buttons"; longer words also as suffixes, for
            // "topmenu" and "subheader".
            w == "ad"
                || w == "comment"
                || CHROME_WORDS
                    .iter()
                    .any(|c| w.starts_with(c) || (c.len() >= 4 && w.ends_with(c)))
        })
}

fn find(s: &str, from: usize, needle: &str) -> Option<usize> {
    s.get(from..)?.find(needle).map(|i| i + from)
}

fn contains_ignore_case(s: &str, needle: &str) -> bool {
    find_ignore_case(s, 0, needle).is_some()
}

fn find_ignore_case(s: &str, from: usize, needle: &str) -> Option<usize> {
    let hay = s.as_bytes().get(from..)?;
    let n = needle.as_bytes();
    hay.windows(n.len())
        .position(|w| w.eq_ignore_ascii_case(n))
        .map(|i| i + from)
}

/// The end (exclusive) of the tag starting at `start`, honouring quoted attribute values.
fn find_tag_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate().skip(start + 1) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return Some(i + 1),
            None => {}
        }
    }
    None
}

fn tag_name(after_bracket: &str) -> String {
    after_bracket
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == ':')
        .collect::<String>()
        .to_ascii_lowercase()
}

/// The value of attribute `name` in a start tag, entities decoded.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let bytes = tag.as_bytes();
    let mut i = tag.find(|c: char| c.is_whitespace())?;
    while i < bytes.len() {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        let key_start = i;
        while i < bytes.len()
            && !matches!(bytes[i], b'=' | b'>' | b'/')
            && !bytes[i].is_ascii_whitespace()
        {
            i += 1;
        }
        let key = tag.get(key_start..i)?;
        if key.is_empty() {
            return None;
        }
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let (start, end) = match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = bytes[i + 1..]
                        .iter()
                        .position(|&b| b == q)
                        .map_or(bytes.len(), |e| i + 1 + e);
                    (i + 1, end)
                }
                _ => {
                    let end = bytes[i..]
                        .iter()
                        .position(|b| b.is_ascii_whitespace() || *b == b'>')
                        .map_or(bytes.len(), |e| i + e);
                    (i, end)
                }
            };
            value = decode_entities_plain(tag.get(start..end)?);
            i = end + 1;
        }
        if key.eq_ignore_ascii_case(name) {
            return Some(value.trim().to_string());
        }
    }
    None
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `s` with its character references decoded, for attribute values and metadata.
pub fn decode_entities_plain(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match entity(rest) {
            Some((decoded, len)) => {
                out.push_str(&decoded);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character reference at the start of `s` (which begins with `&`): its text and length.
fn entity(s: &str) -> Option<(String, usize)> {
    let end = s
        .get(1..)?
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
        .map(|e| e + 1)?;
    let name = s.get(1..end)?;
    if name.is_empty() || name.len() > 32 {
        return None;
    }
    let len = if s.as_bytes().get(end) == Some(&b';') {
        end + 1
    } else {
        end
    };
    let decoded = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code)
            .filter(|c| *c != '\0')
            .unwrap_or(char::REPLACEMENT_CHARACTER)
            .to_string()
    } else {
        let c = match name {
            "amp" => "&",
            "lt" => "<",
            "gt" => ">",
            "quot" => "\"",
            "apos" => "'",
            "nbsp" => "\u{a0}",
            "mdash" => "—",
            "ndash" => "–",
            "hellip" => "…",
            "lsquo" => "‘",
            "rsquo" => "’",
            "ldquo" => "“",
            "rdquo" => "”",
            "laquo" => "«",
            "raquo" => "»",
            "copy" => "©",
            "reg" => "®",
            "trade" => "™",
            "middot" => "·",
            "bull" => "•",
            "times" => "×",
            "euro" => "€",
            "pound" => "£",
            "yen" => "¥",
            "deg" => "°",
            "shy" => "",
            "eacute" => "é",
            "egrave" => "è",
            "aacute" => "á",
            "agrave" => "à",
            "iacute" => "í",
            "oacute" => "ó",
            "uacute" => "ú",
            "ouml" => "ö",
            "uuml" => "ü",
            "auml" => "ä",
            "szlig" => "ß",
            "ccedil" => "ç",
            "ntilde" => "ñ",
            _ => return None,
        };
        // Only `&amp;`-style names with the semicolon are safe to decode; "&copy2017" is not.
        if s.as_bytes().get(end) != Some(&b';') {
            return None;
        }
        c.to_string()
    };
    Some((decoded, len))
}

#[cfg(test)]
mod tests {
    use super::*;
    use petrel_core::Span;

    #[test]
    fn article_text_without_chrome_and_with_metadata() {
        let html = r#"<!DOCTYPE html><html lang="en"><head><title>Talks end | Daily Planet</title>
<meta property="og:title" content="Talks end &amp; begin">
<meta property="article:published_time" content="2017-03-20T09:00:00Z">
<meta property="og:site_name" content="Daily Planet"><script>var x = "<p>no</p>";</script>
<style>p { color: red }</style></head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<div class="cookie-banner">We use cookies. <button>Accept</button></div>
<article><h1>Talks end</h1><div class="byline">By Jane Roe</div>
<p>Japan&#39;s   minister met
 his counterpart.</p><div class="share-buttons">Share on Twitter</div>
<p>Both sides &amp; their aides agreed.</p></article>
<footer>&copy; 2017 Daily Planet</footer></body></html>"#;
        let (text, meta) = extract(html);
        assert_eq!(text.text, "Talks end\n\nJapan's minister met his counterpart.\n\nBoth sides & their aides agreed.");
        assert_eq!(meta.title.as_deref(), Some("Talks end & begin"));
        assert_eq!(meta.heading.as_deref(), Some("Talks end"));
        assert_eq!(meta.page_title.as_deref(), Some("Talks end | Daily Planet"));
        assert_eq!(meta.date.as_deref(), Some("2017-03-20T09:00:00Z"));
        assert_eq!(meta.publisher.as_deref(), Some("Daily Planet"));
        assert_eq!(meta.byline.as_deref(), Some("By Jane Roe"));
        assert_eq!(meta.language.as_deref(), Some("en"));
        // Offsets point into the HTML: "minister" and the decoded "&".
        let at = text.text.find("minister").unwrap();
        let span = text.map.original_span(Span::new(at, at + 8));
        assert_eq!(&html[span.start..span.end], "minister");
        let amp = text.text.find('&').unwrap();
        let span = text.map.original_span(Span::new(amp, amp + 1));
        assert_eq!(&html[span.start..span.end], "&amp;");
    }

    #[test]
    fn tag_soup_is_forgiven() {
        let html = "<p>One <b>bold <i>move</p><p>Two</div></span> < 3 & counting<br>on <unclosed";
        let (text, _) = extract(html);
        assert_eq!(text.text, "One bold move\n\nTwo < 3 & counting\non");
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities_plain("a&amp;b &#233;&#xE9; &nbsp;&copy2017 &bogus;"),
            "a&b éé \u{a0}&copy2017 &bogus;"
        );
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let html = "<div>".repeat(100_000) + "deep";
        let (text, _) = extract(&html);
        assert_eq!(text.text, "deep");
    }
}
