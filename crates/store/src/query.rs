//! Reading the store: filtered events with cursor paging, stories by full-text search, and the
//! aggregates the dashboard draws (time series, dyad network, places).
//!
//! Every value a caller supplies is bound as an SQL parameter, never spliced into the statement;
//! the only text assembled into SQL comes from this file's own tables of columns and expressions.
//! Full-text queries are rewritten into quoted FTS5 terms, so no user text is read as FTS syntax.

use crate::{Store, StoreError};
use rusqlite::types::Value;
use rusqlite::OptionalExtension;

/// The most rows one page or aggregate returns, whatever the caller asks for.
pub const MAX_LIMIT: usize = 1000;
/// Rows a page returns when the caller does not say.
pub const DEFAULT_LIMIT: usize = 100;
/// The longest full-text query accepted, in characters, and the most terms used from it.
pub const MAX_QUERY_CHARS: usize = 500;
pub const MAX_QUERY_TERMS: usize = 16;

/// Which actor a country or actor filter looks at.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Side {
    Source,
    Target,
    #[default]
    Either,
}

/// Which deduplication to read events through.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Dedup {
    /// Every coded event.
    #[default]
    None,
    /// One event a story for each date, source, target and code (`events_one_a_story`).
    Story,
    /// One event a day for each source, target and code across stories (`events_one_a_day`).
    Day,
}

/// A filter over events; empty fields do not filter.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventFilter {
    /// Inclusive dates, `YYYY-MM-DD`.
    pub from: Option<String>,
    pub to: Option<String>,
    /// An actor code or its prefix (`RUS`, `RUSGOV`).
    pub actor: Option<String>,
    /// A three-letter country code.
    pub country: Option<String>,
    pub side: Side,
    /// A full CAMEO code.
    pub cameo: Option<String>,
    /// A two-digit CAMEO root.
    pub root: Option<String>,
    pub plover: Option<String>,
    pub quad: Option<u8>,
    pub modality: Option<String>,
    /// A place name, or the country of the place (three letters).
    pub place: Option<String>,
    /// West, south, east, north in degrees.
    pub bbox: Option<[f64; 4]>,
    /// Full-text query over the titles and texts of the stories behind the events.
    pub q: Option<String>,
    pub dedup: Dedup,
    /// Continue after this cursor (from a previous page's `next`).
    pub cursor: Option<Cursor>,
    /// Rows wanted; clamped to [`MAX_LIMIT`].
    pub limit: Option<usize>,
}

/// Where a page of events ended: events come newest first, by date then insertion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cursor {
    pub date: String,
    pub eid: i64,
}

impl Cursor {
    /// Reads a cursor as `Cursor::to_string` wrote it (`2017-03-20~123`).
    pub fn parse(s: &str) -> Result<Cursor, StoreError> {
        let bad = || {
            StoreError::BadQuery(format!(
                "cursor {s:?} is not one this server gave; start again without a cursor"
            ))
        };
        let (date, eid) = s.split_once('~').ok_or_else(bad)?;
        if !is_date(date) {
            return Err(bad());
        }
        let eid = eid.parse::<i64>().map_err(|_| bad())?;
        Ok(Cursor {
            date: date.to_string(),
            eid,
        })
    }
}

impl std::fmt::Display for Cursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}~{}", self.date, self.eid)
    }
}

/// True for a valid calendar date written `YYYY-MM-DD`.
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    match (digits(0..4), digits(5..7), digits(8..10)) {
        (Some(y), Some(m), Some(d)) => {
            let days = match m {
                1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
                4 | 6 | 9 | 11 => 30,
                2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
                2 => 28,
                _ => return false,
            };
            (1..=days).contains(&d)
        }
        _ => false,
    }
}

/// Rewrites user text as an FTS5 query of quoted terms (all must match), so that no character
/// of it is read as FTS syntax. None when no term is left.
pub fn fts_terms(q: &str) -> Option<String> {
    let terms: Vec<String> = q
        .chars()
        .take(MAX_QUERY_CHARS)
        .collect::<String>()
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .filter(|t| t.chars().any(char::is_alphanumeric))
        .take(MAX_QUERY_TERMS)
        .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

/// An SQL condition and its bound values.
struct Where {
    clauses: Vec<&'static str>,
    values: Vec<Value>,
}

impl Where {
    fn new() -> Where {
        Where {
            clauses: Vec::new(),
            values: Vec::new(),
        }
    }

    fn push(&mut self, clause: &'static str, values: impl IntoIterator<Item = Value>) {
        self.clauses.push(clause);
        self.values.extend(values);
    }

    fn sql(&self) -> String {
        if self.clauses.is_empty() {
            "1".to_string()
        } else {
            self.clauses.join(" AND ")
        }
    }
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

/// Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`.
fn like_prefix(s: &str) -> Value {
    let mut out = String::with_capacity(s.len() + 1);
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    Value::Text(out)
}

impl EventFilter {
    /// Checks the values a caller could get wrong, naming the parameter.
    pub fn validate(&self) -> Result<(), StoreError> {
        for (name, value) in [("from", &self.from), ("to", &self.to)] {
            if let Some(v) = value {
                if !is_date(v) {
                    return Err(StoreError::BadQuery(format!(
                        "{name}={v}: not a date; write YYYY-MM-DD"
                    )));
                }
            }
        }
        if let Some(q) = self.quad {
            if !(1..=4).contains(&q) {
                return Err(StoreError::BadQuery(format!(
                    "quad={q}: quad classes are 1 to 4"
                )));
            }
        }
        if let Some([w, s, e, n]) = self.bbox {
            let ok = [w, e].iter().all(|x| (-180.0..=180.0).contains(x))
                && [s, n].iter().all(|y| (-90.0..=90.0).contains(y))
                && s <= n;
            if !ok {
                return Err(StoreError::BadQuery(
                    "bbox: expected west,south,east,north in degrees, south below north"
                        .to_string(),
                ));
            }
        }
        Ok(())
    }

    /// The limit actually used: the caller's, clamped to 1..=MAX_LIMIT.
    pub fn clamped_limit(&self) -> usize {
        self.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT)
    }

    fn conditions(&self) -> Where {
        let mut w = Where::new();
        if let Some(v) = &self.from {
            w.push("e.date >= ?", [text(v)]);
        }
        if let Some(v) = &self.to {
            w.push("e.date <= ?", [text(v)]);
        }
        if let Some(v) = &self.actor {
            match self.side {
                Side::Source => w.push("e.source_code LIKE ? ESCAPE '\\'", [like_prefix(v)]),
                Side::Target => w.push("e.target_code LIKE ? ESCAPE '\\'", [like_prefix(v)]),
                Side::Either => w.push(
                    "(e.source_code LIKE ? ESCAPE '\\' OR e.target_code LIKE ? ESCAPE '\\')",
                    [like_prefix(v), like_prefix(v)],
                ),
            }
        }
        if let Some(v) = &self.country {
            match self.side {
                Side::Source => w.push("e.source_country = ?", [text(v)]),
                Side::Target => w.push("e.target_country = ?", [text(v)]),
                Side::Either => w.push(
                    "(e.source_country = ? OR e.target_country = ?)",
                    [text(v), text(v)],
                ),
            }
        }
        if let Some(v) = &self.cameo {
            w.push("e.cameo = ?", [text(v)]);
        }
        if let Some(v) = &self.root {
            w.push("e.cameo_root = ?", [text(v)]);
        }
        if let Some(v) = &self.plover {
            w.push("e.plover = ?", [text(v)]);
        }
        if let Some(v) = self.quad {
            w.push("e.quad_class = ?", [Value::Integer(i64::from(v))]);
        }
        if let Some(v) = &self.modality {
            w.push("e.modality = ?", [text(v)]);
        }
        if let Some(v) = &self.place {
            w.push("(e.place = ? OR e.place_country = ?)", [text(v), text(v)]);
        }
        if let Some([west, south, east, north]) = self.bbox {
            w.push(
                "e.lat BETWEEN ? AND ?",
                [Value::Real(south), Value::Real(north)],
            );
            if west <= east {
                w.push(
                    "e.lon BETWEEN ? AND ?",
                    [Value::Real(west), Value::Real(east)],
                );
            } else {
                // A box across the antimeridian.
                w.push(
                    "(e.lon >= ? OR e.lon <= ?)",
                    [Value::Real(west), Value::Real(east)],
                );
            }
        }
        if let Some(terms) = self.q.as_deref().and_then(fts_terms) {
            w.push(
                "e.sid IN (SELECT rowid FROM stories_fts WHERE stories_fts MATCH ?)",
                [Value::Text(terms)],
            );
        }
        match self.dedup {
            Dedup::None => {}
            Dedup::Story => w.push(
                "e.eid IN (SELECT min(eid) FROM events GROUP BY sid, date, source_code, coalesce(target_code, ''), cameo)",
                [],
            ),
            Dedup::Day => w.push("e.eid IN (SELECT first_eid FROM events_one_a_day)", []),
        }
        w
    }
}

/// One event of a page: its wire record as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct EventRow {
    pub eid: i64,
    pub date: String,
    /// The JSON record `petrel-output` wrote.
    pub record: String,
}

/// A page of events and the cursor of the next page, if there is one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventPage {
    pub rows: Vec<EventRow>,
    pub next: Option<Cursor>,
    pub limit: usize,
}

/// An event with the story it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct EventDetail {
    pub record: String,
    pub story_id: String,
    pub story_title: Option<String>,
    pub story_url: Option<String>,
    /// Character offset of the event's sentence in the story text, when it is found there.
    pub sentence_start: Option<usize>,
    pub dict_version: String,
    pub model_version: String,
}

/// A story that matched a full-text query.
#[derive(Clone, Debug, PartialEq)]
pub struct StoryHit {
    pub id: String,
    pub title: Option<String>,
    pub date: Option<String>,
    /// The matching passage; matched terms are wrapped in `\u{1}` … `\u{2}`.
    pub snippet: String,
    pub events: u64,
}

/// A stored story with its events.
#[derive(Clone, Debug, PartialEq)]
pub struct StoryDetail {
    pub id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub dateline: Option<String>,
    pub publisher: Option<String>,
    pub text: String,
    pub content_hash: String,
    pub dict_version: String,
    pub model_version: String,
    /// The wire records of its events.
    pub events: Vec<String>,
}

/// How to bucket a time series.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Interval {
    #[default]
    Day,
    Week,
    Month,
}

/// What to split a time series by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SeriesBy {
    #[default]
    Quad,
    Root,
    Dyad,
    None,
}

/// One bucket of one series.
#[derive(Clone, Debug, PartialEq)]
pub struct SeriesRow {
    pub bucket: String,
    pub key: String,
    pub count: u64,
    pub goldstein_sum: f64,
}

/// One directed dyad.
#[derive(Clone, Debug, PartialEq)]
pub struct DyadRow {
    pub source: String,
    pub target: String,
    pub count: u64,
    pub mean_goldstein: f64,
}

/// One place with its events.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceRow {
    pub name: String,
    pub country: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub count: u64,
    pub mean_goldstein: f64,
}

/// The most rows a time series returns (a dyad split over days could otherwise be huge).
pub const MAX_SERIES_ROWS: usize = 50_000;

impl Store {
    /// A page of events matching `filter`, newest first.
    pub fn events(&self, filter: &EventFilter) -> Result<EventPage, StoreError> {
        filter.validate()?;
        if filter.country.is_some() && filter.side == Side::Either {
            // SQLite would answer "source or target is X" by walking another index and testing
            // each row, which for a rare country reads most of the table. Each side alone walks its
            // own (country, root, date) index in order; the two pages are merged here.
            let limit = filter.clamped_limit();
            let mut rows = Vec::new();
            let mut more = false;
            for side in [Side::Source, Side::Target] {
                let one = EventFilter {
                    side,
                    ..filter.clone()
                };
                let page = self.events(&one)?;
                more |= page.next.is_some();
                rows.extend(page.rows);
            }
            rows.sort_by(|a, b| (&b.date, b.eid).cmp(&(&a.date, a.eid)));
            rows.dedup_by_key(|r| r.eid);
            let next = if rows.len() > limit || more {
                rows.truncate(limit);
                rows.last().map(|r| Cursor {
                    date: r.date.clone(),
                    eid: r.eid,
                })
            } else {
                None
            };
            return Ok(EventPage { rows, next, limit });
        }
        let limit = filter.clamped_limit();
        let mut w = filter.conditions();
        if let Some(c) = &filter.cursor {
            w.push(
                "(e.date < ? OR (e.date = ? AND e.eid < ?))",
                [text(&c.date), text(&c.date), Value::Integer(c.eid)],
            );
        }
        let sql = format!(
            "SELECT e.eid, e.date, (SELECT r.record FROM event_records r WHERE r.eid = e.eid)
             FROM events e WHERE {} ORDER BY e.date DESC, e.eid DESC LIMIT ?",
            w.sql()
        );
        w.values.push(Value::Integer(limit as i64 + 1));
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let mut rows: Vec<EventRow> = stmt
            .query_map(rusqlite::params_from_iter(w.values.iter()), |r| {
                Ok(EventRow {
                    eid: r.get(0)?,
                    date: r.get(1)?,
                    record: r.get(2)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let next = if rows.len() > limit {
            rows.truncate(limit);
            rows.last().map(|r| Cursor {
                date: r.date.clone(),
                eid: r.eid,
            })
        } else {
            None
        };
        Ok(EventPage { rows, next, limit })
    }

    /// One event by its id, with its story.
    pub fn event(&self, id: &str) -> Result<EventDetail, StoreError> {
        let found = self
            .conn()
            .query_row(
                "SELECT r.record, s.id, s.title, s.url, s.text, s.dict_version, s.model_version,
                        json_extract(r.record, '$.sentence_text')
                 FROM events e JOIN stories s ON s.sid = e.sid
                 JOIN event_records r ON r.eid = e.eid WHERE e.id = ?1",
                [id],
                |r| {
                    let text: String = r.get(4)?;
                    let sentence: Option<String> = r.get(7)?;
                    let sentence_start = sentence
                        .filter(|s| !s.is_empty())
                        .and_then(|s| text.find(&s))
                        .map(|b| text[..b].chars().count());
                    Ok(EventDetail {
                        record: r.get(0)?,
                        story_id: r.get(1)?,
                        story_title: r.get(2)?,
                        story_url: r.get(3)?,
                        sentence_start,
                        dict_version: r.get(5)?,
                        model_version: r.get(6)?,
                    })
                },
            )
            .optional()?;
        found.ok_or_else(|| StoreError::NotFound(format!("no event with id {id:?}")))
    }

    /// Stories matching a full-text query, best first.
    pub fn search_stories(&self, q: &str, limit: usize) -> Result<Vec<StoryHit>, StoreError> {
        let Some(terms) = fts_terms(q) else {
            return Err(StoreError::BadQuery(
                "q: give at least one word to search for".to_string(),
            ));
        };
        let mut stmt = self.conn().prepare_cached(
            "SELECT s.id, s.title, s.date,
                    snippet(stories_fts, 1, char(1), char(2), '…', 16),
                    (SELECT count(*) FROM events e WHERE e.sid = s.sid)
             FROM stories_fts JOIN stories s ON s.sid = stories_fts.rowid
             WHERE stories_fts MATCH ?1 ORDER BY rank LIMIT ?2",
        )?;
        let rows = stmt
            .query_map(
                rusqlite::params![terms, limit.clamp(1, MAX_LIMIT) as i64],
                |r| {
                    Ok(StoryHit {
                        id: r.get(0)?,
                        title: r.get(1)?,
                        date: r.get(2)?,
                        snippet: r.get(3)?,
                        events: r.get(4)?,
                    })
                },
            )?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// One story by id, with the records of its events in text order.
    pub fn story(&self, id: &str) -> Result<StoryDetail, StoreError> {
        let found = self
            .conn()
            .query_row(
                "SELECT sid, id, url, title, date, dateline, publisher, text, content_hash,
                        dict_version, model_version
                 FROM stories WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        StoryDetail {
                            id: r.get(1)?,
                            url: r.get(2)?,
                            title: r.get(3)?,
                            date: r.get(4)?,
                            dateline: r.get(5)?,
                            publisher: r.get(6)?,
                            text: r.get(7)?,
                            content_hash: r.get(8)?,
                            dict_version: r.get(9)?,
                            model_version: r.get(10)?,
                            events: Vec::new(),
                        },
                    ))
                },
            )
            .optional()?;
        let Some((sid, mut story)) = found else {
            return Err(StoreError::NotFound(format!("no story with id {id:?}")));
        };
        let mut stmt = self.conn().prepare_cached(
            "SELECT r.record FROM events e JOIN event_records r ON r.eid = e.eid
                 WHERE e.sid = ?1 ORDER BY e.eid",
        )?;
        story.events = stmt
            .query_map([sid], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(story)
    }

    /// Event counts and Goldstein sums by bucket and series key.
    pub fn timeseries(
        &self,
        filter: &EventFilter,
        interval: Interval,
        by: SeriesBy,
    ) -> Result<Vec<SeriesRow>, StoreError> {
        filter.validate()?;
        let bucket = match interval {
            Interval::Day => "e.date",
            Interval::Week => {
                "date(e.date, '-' || ((CAST(strftime('%w', e.date) AS INTEGER) + 6) % 7) || ' days')"
            }
            Interval::Month => "substr(e.date, 1, 7)",
        };
        let key = match by {
            SeriesBy::Quad => "CAST(e.quad_class AS TEXT)",
            SeriesBy::Root => "coalesce(nullif(e.cameo_root, '-'), '-')",
            SeriesBy::Dyad => {
                "coalesce(e.source_country, '-') || '>' || coalesce(e.target_country, '-')"
            }
            SeriesBy::None => "'all'",
        };
        let mut w = filter.conditions();
        // Filters on nothing but dates, quad class and root, split by quad class or root: the
        // daily counts answer without reading the events.
        let only_daily_dimensions = EventFilter {
            from: None,
            to: None,
            quad: None,
            root: None,
            limit: None,
            ..filter.clone()
        } == EventFilter::default();
        let daily = only_daily_dimensions && by != SeriesBy::Dyad;
        let sql = if daily {
            format!(
                "SELECT {bucket} AS b, {key} AS k, sum(e.n), sum(e.goldstein) FROM daily_counts e
                 WHERE e.n > 0 AND {} GROUP BY b, k ORDER BY b, k LIMIT ?",
                w.sql()
            )
        } else {
            format!(
                "SELECT {bucket} AS b, {key} AS k, count(*), sum(e.goldstein) FROM events e
                 WHERE {} GROUP BY b, k ORDER BY b, k LIMIT ?",
                w.sql()
            )
        };
        w.values.push(Value::Integer(MAX_SERIES_ROWS as i64));
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(w.values.iter()), |r| {
                Ok(SeriesRow {
                    bucket: r.get(0)?,
                    key: r.get(1)?,
                    count: r.get(2)?,
                    goldstein_sum: r.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// The most frequent directed dyads (events with a target), by actor code.
    pub fn dyads(&self, filter: &EventFilter) -> Result<Vec<DyadRow>, StoreError> {
        filter.validate()?;
        let mut w = filter.conditions();
        w.push("e.target_code IS NOT NULL", []);
        let sql = format!(
            "SELECT e.source_code, e.target_code, count(*) AS n, avg(e.goldstein) FROM events e
             WHERE {} GROUP BY e.source_code, e.target_code ORDER BY n DESC, e.source_code, e.target_code LIMIT ?",
            w.sql()
        );
        w.values.push(Value::Integer(filter.clamped_limit() as i64));
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(w.values.iter()), |r| {
                Ok(DyadRow {
                    source: r.get(0)?,
                    target: r.get(1)?,
                    count: r.get(2)?,
                    mean_goldstein: r.get(3)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// The places events happened at, most events first.
    pub fn places(&self, filter: &EventFilter) -> Result<Vec<PlaceRow>, StoreError> {
        filter.validate()?;
        let mut w = filter.conditions();
        w.push("e.lat IS NOT NULL AND e.lon IS NOT NULL", []);
        let sql = format!(
            "SELECT e.place, e.place_country, e.lat, e.lon, count(*) AS n, avg(e.goldstein) FROM events e
             WHERE {} GROUP BY e.place, e.lat, e.lon ORDER BY n DESC, e.place LIMIT ?",
            w.sql()
        );
        w.values.push(Value::Integer(filter.clamped_limit() as i64));
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(w.values.iter()), |r| {
                Ok(PlaceRow {
                    name: r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                    country: r.get(1)?,
                    lat: r.get(2)?,
                    lon: r.get(3)?,
                    count: r.get(4)?,
                    mean_goldstein: r.get(5)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// Rows of the one-a-day view: (date, source, target, code, mentions, stories).
    pub fn one_a_day(&self, limit: usize) -> Result<Vec<OneADay>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT date, source_code, target_code, cameo, mentions, story_count, stories
             FROM events_one_a_day ORDER BY date DESC, mentions DESC LIMIT ?1",
        )?;
        let rows = stmt
            .query_map([limit.clamp(1, MAX_LIMIT) as i64], |r| {
                let stories: Option<String> = r.get(6)?;
                Ok(OneADay {
                    date: r.get(0)?,
                    source: r.get(1)?,
                    target: r.get(2)?,
                    cameo: r.get(3)?,
                    mentions: r.get(4)?,
                    story_count: r.get(5)?,
                    stories: stories
                        .map(|s| s.split(',').map(str::to_string).collect())
                        .unwrap_or_default(),
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }
}

/// One row of the one-a-day deduplication.
#[derive(Clone, Debug, PartialEq)]
pub struct OneADay {
    pub date: String,
    pub source: String,
    pub target: Option<String>,
    pub cameo: String,
    pub mentions: u64,
    pub story_count: u64,
    pub stories: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked_as_calendar_dates() {
        assert!(is_date("2016-02-29"));
        assert!(!is_date("2017-02-29"));
        assert!(!is_date("2017-13-01"));
        assert!(!is_date("2017-1-01"));
        assert!(!is_date("20170101"));
        assert!(!is_date("2017-01-0x"));
    }

    #[test]
    fn fts_terms_quote_everything() {
        assert_eq!(
            fts_terms("missile OR \"test\"").as_deref(),
            Some("\"missile\" \"OR\" \"test\"")
        );
        assert_eq!(
            fts_terms("'; DROP TABLE stories; --").as_deref(),
            Some("\"DROP\" \"TABLE\" \"stories\"")
        );
        assert_eq!(fts_terms("*** ()"), None);
    }

    #[test]
    fn cursors_round_trip_and_reject_junk() {
        let c = Cursor {
            date: "2017-03-20".into(),
            eid: 42,
        };
        assert_eq!(Cursor::parse(&c.to_string()).unwrap(), c);
        assert!(Cursor::parse("2017-03-20~x").is_err());
        assert!(Cursor::parse("1 OR 1=1").is_err());
    }

    #[test]
    fn a_limit_is_clamped() {
        let f = EventFilter {
            limit: Some(1_000_000_000),
            ..EventFilter::default()
        };
        assert_eq!(f.clamped_limit(), MAX_LIMIT);
    }
}

/// What a store holds, in brief.
#[derive(Clone, Debug, PartialEq)]
pub struct StoreSummary {
    pub stories: u64,
    pub events: u64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub schema_version: u32,
}

impl Store {
    /// Counts and the date range of the events.
    pub fn summary(&self) -> Result<StoreSummary, StoreError> {
        let (stories, events) = self.counts()?;
        let (first_date, last_date) =
            self.conn()
                .query_row("SELECT min(date), max(date) FROM events", [], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
        Ok(StoreSummary {
            stories,
            events,
            first_date,
            last_date,
            schema_version: self.schema_version()?,
        })
    }
}

impl Store {
    /// Every story id with its number of events, in one statement (one consistent snapshot):
    /// how tests check that readers only ever see whole stories.
    pub fn story_event_counts(&self) -> Result<Vec<(String, u64)>, StoreError> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT s.id, (SELECT count(*) FROM events e WHERE e.sid = s.sid) FROM stories s ORDER BY s.sid",
        )?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }
}
