//! One story handed over by a program rather than read from a file: the text, with the id, date
//! and title the caller knows. The Python binding and its Spark job read stories this way.
//!
//! A story is read exactly as `petrel code` reads the same input: text alone (no date, no title)
//! is read like a file of its own (plain text, or an HTML page with its metadata), so the
//! binding's events equal the command's on `examples/`; a story with a date, a title or other
//! metadata is read like a JSONL record carrying those fields (`petrel_ingest::read_record`), where
//! the given date is the story's date and overrides any date the text carries.

use petrel_core::{Date, DateError, DatePrecision, Document};
use petrel_ingest::{jsonl::Record, Format, Skip, SkipKind, MAX_STORY_BYTES};

/// A story as a program hands it over.
#[derive(Clone, Debug, Default)]
pub struct StoryFields<'a> {
    /// The document id events carry; without one, the story's origin.
    pub id: Option<&'a str>,
    pub text: &'a str,
    /// The story's date (its publication date) as written, when the caller knows it; read as a
    /// JSONL record's `date` is (check it first with [`check_date`]).
    pub date: Option<&'a str>,
    pub title: Option<&'a str>,
    /// The publisher, as a JSONL record's `source`.
    pub source: Option<&'a str>,
    pub url: Option<&'a str>,
    pub language: Option<&'a str>,
}

/// A date given as an argument is not `YYYY-MM-DD`, or not a day of the calendar.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateArgError {
    #[error("{0}: expected YYYY-MM-DD")]
    Format(String),
    #[error("{0}: {1}")]
    Invalid(String, #[source] DateError),
    #[error("{0}: expected YYYY-MM-DD or a date such as 20 March 2017")]
    NotADate(String),
}

/// Parses a date argument written `YYYY-MM-DD` (what `petrel code --date` takes).
pub fn parse_date(s: &str) -> Result<Date, DateArgError> {
    let parts: Vec<&str> = s.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(DateArgError::Format(s.to_string()));
    };
    let num = |p: &str| {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
            return Err(DateArgError::Format(s.to_string()));
        }
        p.parse::<u32>()
            .map_err(|_| DateArgError::Format(s.to_string()))
    };
    Date::from_ymd(num(y)?, num(m)?, num(d)?).map_err(|e| DateArgError::Invalid(s.to_string(), e))
}

/// Checks a story date as a program gives it: `YYYY-MM-DD` must be a day of the calendar; any
/// other form must be one a JSONL record's `date` may take (`20 March 2017`,
/// `2017-03-20T09:00:00Z`), where `petrel code` would silently ignore one it cannot read.
pub fn check_date(s: &str) -> Result<(Date, DatePrecision), DateArgError> {
    match parse_date(s) {
        Ok(d) => Ok((d, DatePrecision::Day)),
        Err(DateArgError::Format(_)) => petrel_time::find_date(s)
            .and_then(|d| d.resolve(None))
            .ok_or_else(|| DateArgError::NotADate(s.to_string())),
        Err(e) => Err(e),
    }
}

/// Reads a story into a document; `origin` names it in messages (and is its id when it has none).
/// A story petrel cannot read (empty, binary, over [`MAX_STORY_BYTES`]) is a [`Skip`], as in
/// `petrel code`.
pub fn document(origin: &str, story: &StoryFields<'_>) -> Result<Document, Skip> {
    // Checked before anything copies the text, so a huge story costs nothing.
    if story.text.len() > MAX_STORY_BYTES {
        return Err(Skip {
            origin: origin.to_string(),
            kind: SkipKind::TooLarge {
                limit: MAX_STORY_BYTES,
            },
        });
    }
    let id = story.id.unwrap_or(origin);
    let metadata = [
        story.date,
        story.title,
        story.source,
        story.url,
        story.language,
    ];
    if metadata.iter().all(Option::is_none) {
        let format = match Format::sniff(story.text.as_bytes()) {
            Format::Html => Format::Html,
            _ => Format::Text,
        };
        return petrel_ingest::inputs::read_story_as(origin, id, story.text.as_bytes(), format);
    }
    let mut record = Record {
        id: Some(id.to_string()),
        text: story.text.to_string(),
        title: story.title.map(str::to_string),
        date: story.date.map(str::to_string),
        url: story.url.map(str::to_string),
        source: story.source.map(str::to_string),
        language: story.language.map(str::to_string),
        warnings: Vec::new(),
    };
    let mut doc = petrel_ingest::read_record(origin, &mut record)?;
    doc.warnings.append(&mut record.warnings);
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_iso_days() {
        assert_eq!(
            parse_date("2017-03-20").map(|d| d.to_string()),
            Ok("2017-03-20".to_string())
        );
        assert_eq!(
            parse_date("20 March 2017"),
            Err(DateArgError::Format("20 March 2017".into()))
        );
        assert_eq!(
            parse_date("2017-+3-20"),
            Err(DateArgError::Format("2017-+3-20".into()))
        );
        let err = parse_date("2017-02-30").map_err(|e| e.to_string());
        assert!(err.is_err_and(|e| e.starts_with("2017-02-30: ")));
    }

    #[test]
    fn story_dates_take_what_a_jsonl_record_may_hold() {
        let day = |s: &str| check_date(s).map(|(d, _)| d.to_string());
        assert_eq!(day("March 10, 2017"), Ok("2017-03-10".to_string()));
        assert_eq!(day("2017-03-20T09:00:00Z"), Ok("2017-03-20".to_string()));
        assert!(matches!(
            check_date("2017-02-30"),
            Err(DateArgError::Invalid(..))
        ));
        assert_eq!(
            check_date("soon"),
            Err(DateArgError::NotADate("soon".into()))
        );
    }

    #[test]
    fn text_alone_reads_like_a_file_and_a_date_like_a_record() {
        let text = "20.03.2017\n\nJapan met China on Monday.";
        let alone = document(
            "-",
            &StoryFields {
                text,
                ..StoryFields::default()
            },
        );
        let alone = alone.expect("a story");
        assert_eq!(alone.id, "-");
        assert_eq!(
            alone.date.map(|d| d.to_string()).as_deref(),
            Some("2017-03-20")
        );
        let dated = StoryFields {
            id: Some("s1"),
            text,
            date: Some("2020-01-02"),
            ..StoryFields::default()
        };
        let dated = document("-:1", &dated).expect("a story");
        assert_eq!(dated.id, "s1");
        assert_eq!(
            dated.date.map(|d| d.to_string()).as_deref(),
            Some("2020-01-02")
        );
    }

    #[test]
    fn a_huge_or_empty_story_is_a_skip() {
        let huge = "a".repeat(MAX_STORY_BYTES + 1);
        let err = document(
            "big",
            &StoryFields {
                text: &huge,
                ..StoryFields::default()
            },
        );
        assert!(matches!(
            err,
            Err(Skip {
                kind: SkipKind::TooLarge { .. },
                ..
            })
        ));
        let err = document(
            "e",
            &StoryFields {
                text: "  \n",
                ..StoryFields::default()
            },
        );
        assert!(matches!(
            err,
            Err(Skip {
                kind: SkipKind::Empty,
                ..
            })
        ));
    }
}
