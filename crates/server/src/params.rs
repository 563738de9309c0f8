//! Query-string parameters: parsed strictly, so a typo is an error rather than a silent no-op.
//!
//! Each endpoint lists the parameters it knows; an unknown or repeated one is a 400 naming it.
//! Codes are checked for their shape here (letters and digits only), so a filter never carries
//! anything but a code into the store, which binds it as a parameter anyway.

use crate::error::ApiError;
use petrel_store::query::{Cursor, Dedup, EventFilter, Interval, SeriesBy, Side};
use std::collections::BTreeMap;

/// The parameters of one request.
pub struct Params {
    values: BTreeMap<String, String>,
}

/// Parameters every event filter takes.
pub const FILTER_PARAMS: &[&str] = &[
    "from", "to", "actor", "country", "side", "cameo", "root", "plover", "quad", "modality",
    "place", "bbox", "q", "dedup",
];

/// The longest value any parameter may have.
const MAX_VALUE_CHARS: usize = 1000;

impl Params {
    /// Parses a raw query string, allowing only `known` names (each at most once).
    pub fn parse(raw: Option<&str>, known: &[&[&str]]) -> Result<Params, ApiError> {
        let mut values = BTreeMap::new();
        for (key, value) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
            if !known.iter().any(|list| list.contains(&key.as_ref())) {
                let mut names: Vec<&str> = known.iter().flat_map(|l| l.iter().copied()).collect();
                names.sort_unstable();
                return Err(ApiError::bad_request(format!(
                    "unknown parameter `{}`; this endpoint takes: {}",
                    truncate(&key),
                    names.join(", ")
                )));
            }
            if value.chars().count() > MAX_VALUE_CHARS {
                return Err(ApiError::bad_request(format!(
                    "parameter `{key}` is longer than {MAX_VALUE_CHARS} characters"
                )));
            }
            if values.insert(key.to_string(), value.to_string()).is_some() {
                return Err(ApiError::bad_request(format!(
                    "parameter `{key}` is given twice; give it once"
                )));
            }
        }
        Ok(Params { values })
    }

    /// A parameter's value; empty counts as absent.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.values
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// A code-like value: 1 to 40 ASCII letters and digits, upper-cased.
    fn code(&self, key: &str, what: &str) -> Result<Option<String>, ApiError> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        if v.len() > 40 || !v.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(ApiError::bad_request(format!(
                "{key}={}: not {what}; use letters and digits only",
                truncate(v)
            )));
        }
        Ok(Some(v.to_ascii_uppercase()))
    }

    /// A non-negative integer parameter.
    pub fn number(&self, key: &str) -> Result<Option<usize>, ApiError> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        // A huge number is clamped by the caller, not refused; only non-numbers are errors.
        if !v.bytes().all(|b| b.is_ascii_digit()) || v.len() > 30 {
            return Err(ApiError::bad_request(format!(
                "{key}={}: expected a whole number",
                truncate(v)
            )));
        }
        Ok(Some(v.parse::<u64>().map_or(usize::MAX, |n| {
            usize::try_from(n).unwrap_or(usize::MAX)
        })))
    }

    /// The event filter the parameters describe.
    pub fn filter(&self) -> Result<EventFilter, ApiError> {
        let side = match self.get("side") {
            None | Some("either") => Side::Either,
            Some("source") => Side::Source,
            Some("target") => Side::Target,
            Some(other) => {
                return Err(ApiError::bad_request(format!(
                    "side={}: expected source, target or either",
                    truncate(other)
                )))
            }
        };
        let dedup = match self.get("dedup") {
            None | Some("none") => Dedup::None,
            Some("story") => Dedup::Story,
            Some("day") => Dedup::Day,
            Some(other) => {
                return Err(ApiError::bad_request(format!(
                    "dedup={}: expected none, story or day",
                    truncate(other)
                )))
            }
        };
        let quad = match self.get("quad") {
            None => None,
            Some(v) => match v.parse::<u8>() {
                Ok(q) if (1..=4).contains(&q) => Some(q),
                _ => {
                    return Err(ApiError::bad_request(format!(
                        "quad={}: expected 1, 2, 3 or 4",
                        truncate(v)
                    )))
                }
            },
        };
        let bbox = match self.get("bbox") {
            None => None,
            Some(v) => {
                let parts: Vec<Option<f64>> = v
                    .split(',')
                    .map(|p| p.trim().parse::<f64>().ok().filter(|x| x.is_finite()))
                    .collect();
                match parts.as_slice() {
                    [Some(w), Some(s), Some(e), Some(n)] => Some([*w, *s, *e, *n]),
                    _ => {
                        return Err(ApiError::bad_request(format!(
                            "bbox={}: expected four numbers west,south,east,north",
                            truncate(v)
                        )))
                    }
                }
            }
        };
        let root = self.code("root", "a CAMEO root")?;
        if let Some(r) = &root {
            if r.len() != 2 || !r.bytes().all(|b| b.is_ascii_digit()) {
                return Err(ApiError::bad_request(format!(
                    "root={r}: a CAMEO root is two digits, 01 to 20"
                )));
            }
        }
        let country = self.code("country", "a country code")?;
        if let Some(c) = &country {
            if c.len() != 3 {
                return Err(ApiError::bad_request(format!(
                    "country={c}: a country code has three letters (USA, RUS)"
                )));
            }
        }
        let cursor = self.get("cursor").map(Cursor::parse).transpose()?;
        let filter = EventFilter {
            from: self.get("from").map(str::to_string),
            to: self.get("to").map(str::to_string),
            actor: self.code("actor", "an actor code")?,
            country,
            side,
            cameo: self.code("cameo", "a CAMEO code")?,
            root,
            plover: self.code("plover", "a PLOVER type")?,
            quad,
            modality: self.get("modality").map(str::to_ascii_lowercase),
            place: self.get("place").map(str::to_string),
            bbox,
            q: self.get("q").map(str::to_string),
            dedup,
            cursor,
            limit: self.number("limit")?,
        };
        filter.validate()?;
        Ok(filter)
    }

    pub fn interval(&self) -> Result<Interval, ApiError> {
        match self.get("interval") {
            None | Some("day") => Ok(Interval::Day),
            Some("week") => Ok(Interval::Week),
            Some("month") => Ok(Interval::Month),
            Some(other) => Err(ApiError::bad_request(format!(
                "interval={}: expected day, week or month",
                truncate(other)
            ))),
        }
    }

    pub fn series_by(&self) -> Result<SeriesBy, ApiError> {
        match self.get("by") {
            None | Some("quad") => Ok(SeriesBy::Quad),
            Some("root") => Ok(SeriesBy::Root),
            Some("dyad") => Ok(SeriesBy::Dyad),
            Some("none") => Ok(SeriesBy::None),
            Some(other) => Err(ApiError::bad_request(format!(
                "by={}: expected quad, root, dyad or none",
                truncate(other)
            ))),
        }
    }
}

/// A value as quoted back in an error: at most 60 characters.
fn truncate(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if s.chars().count() > 60 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_and_repeated_parameters_are_errors() {
        let e = Params::parse(Some("form=2017-01-01"), &[FILTER_PARAMS])
            .err()
            .map(|e| e.message);
        assert!(e.is_some_and(|m| m.contains("unknown parameter `form`")));
        let e = Params::parse(Some("q=a&q=b"), &[FILTER_PARAMS]).err();
        assert!(e.is_some_and(|e| e.message.contains("given twice")));
    }

    #[test]
    fn codes_must_look_like_codes() {
        let p = Params::parse(Some("country=USA'%20OR%201=1"), &[FILTER_PARAMS]).unwrap();
        assert!(p.filter().is_err());
        let p = Params::parse(Some("country=usa&root=19"), &[FILTER_PARAMS]).unwrap();
        let f = p.filter().unwrap();
        assert_eq!(f.country.as_deref(), Some("USA"));
        assert_eq!(f.root.as_deref(), Some("19"));
    }

    #[test]
    fn a_huge_limit_is_a_number_not_an_error() {
        let p = Params::parse(Some("limit=1000000000"), &[&["limit"]]).unwrap();
        assert_eq!(p.number("limit").unwrap(), Some(1_000_000_000));
        let p = Params::parse(Some("limit=99999999999999999999999"), &[&["limit"]]).unwrap();
        assert_eq!(p.number("limit").unwrap(), Some(usize::MAX));
        let p = Params::parse(Some("limit=ten"), &[&["limit"]]).unwrap();
        assert!(p.number("limit").is_err());
    }
}
