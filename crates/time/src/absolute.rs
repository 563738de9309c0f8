//! Dates written out in full or in part: `2017-03-20`, `20.03.2017`, `March 20, 2017`, `Monday, 20 March 2017`, `November 2013`, `March 3`.

use crate::calendar::{add_months, month_of, weekday_of};
use petrel_core::{Date, DatePrecision};
use std::ops::Range;

/// The most tokens one call looks at: a date sits in a line or a phrase, so a longer text is
/// hostile or a mistake, and scanning it is cut short rather than slow.
pub const MAX_TOKENS: usize = 4096;

/// A date written in a text, as far as the text gave it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    /// `None` when the text gave no year ("on March 3"); [`DateMention::resolve`] infers it.
    pub year: Option<u32>,
    pub month: u32,
    /// `None` when the text named only a month ("November 2013").
    pub day: Option<u32>,
    /// Byte range of the mention in the scanned text, a leading weekday included.
    pub span: Range<usize>,
    /// True for an all-numeric date such as `04/05/2017` whose day and month could be swapped;
    /// `day`/`month` then hold the reading the separator suggests (day first after `.` and `-`,
    /// month first after `/`).
    pub ambiguous: bool,
}

impl DateMention {
    /// The mention with day and month exchanged (for an ambiguous numeric date), if that is a date.
    pub fn swapped(&self) -> Option<DateMention> {
        let day = self.day?;
        if day > 12 {
            return None;
        }
        Some(DateMention {
            month: day,
            day: Some(self.month),
            ..self.clone()
        })
    }

    /// The date and precision, taking a missing year from `reference` (the story date): the year
    /// that puts the date nearest before `reference`, or at most about six months after it, since
    /// news reports the recent past and announces the near future.
    pub fn resolve(&self, reference: Option<Date>) -> Option<(Date, DatePrecision)> {
        let year = match (self.year, reference) {
            (Some(y), _) => y,
            (None, Some(r)) => {
                let same_year = Date::from_ymd(r.year(), self.month, self.day.unwrap_or(1)).ok();
                let horizon = add_months(r, 6)?;
                match same_year {
                    Some(d) if d <= horizon => r.year(),
                    _ => r.year().checked_sub(1)?,
                }
            }
            (None, None) => return None,
        };
        match self.day {
            Some(day) => Date::from_ymd(year, self.month, day)
                .ok()
                .map(|d| (d, DatePrecision::Day)),
            None => Date::from_ymd(year, self.month, 1)
                .ok()
                .map(|d| (d, DatePrecision::Month)),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Kind {
    /// A run of ASCII digits: value and number of digits.
    Num(u32, usize),
    Word(String),
    Punct(char),
}

#[derive(Clone, Debug)]
struct Tok {
    kind: Kind,
    start: usize,
    end: usize,
}

fn tokenize(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if out.len() >= MAX_TOKENS {
            break;
        }
        if c.is_whitespace() {
            continue;
        }
        let same_class = |d: char| {
            if c.is_ascii_digit() {
                d.is_ascii_digit()
            } else {
                d.is_alphabetic()
            }
        };
        if c.is_ascii_digit() || c.is_alphabetic() {
            let mut end = start + c.len_utf8();
            while let Some(&(i, d)) = chars.peek() {
                if !same_class(d) {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
            let piece = &text[start..end];
            let kind = if c.is_ascii_digit() {
                // Long digit runs are not dates; keep them as an impossible number.
                Kind::Num(piece.parse().unwrap_or(u32::MAX), piece.len())
            } else {
                Kind::Word(piece.to_string())
            };
            out.push(Tok { kind, start, end });
        } else {
            out.push(Tok {
                kind: Kind::Punct(c),
                start,
                end: start + c.len_utf8(),
            });
        }
    }
    out
}

struct Cursor<'t> {
    toks: &'t [Tok],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<&Kind> {
        self.toks.get(self.i).map(|t| &t.kind)
    }
    fn punct(&mut self, set: &str) -> Option<char> {
        match self.peek() {
            Some(Kind::Punct(c)) if set.contains(*c) => {
                let c = *c;
                self.i += 1;
                Some(c)
            }
            _ => None,
        }
    }
    fn num(&mut self, digits: Range<usize>, values: Range<u32>) -> Option<u32> {
        match self.peek() {
            Some(Kind::Num(v, n)) if digits.contains(n) && values.contains(v) => {
                let v = *v;
                self.i += 1;
                Some(v)
            }
            _ => None,
        }
    }
    fn word_if(&mut self, f: impl Fn(&str) -> bool) -> bool {
        match self.peek() {
            Some(Kind::Word(w)) if f(w) => {
                self.i += 1;
                true
            }
            _ => false,
        }
    }
    /// A month name; a full name must be capitalised, so that the verb "may" is not May.
    fn month(&mut self) -> Option<u32> {
        let Some(Kind::Word(w)) = self.peek() else {
            return None;
        };
        let m = month_of(w)?;
        if !w.starts_with(|c: char| c.is_uppercase()) {
            return None;
        }
        self.i += 1;
        self.punct(".");
        Some(m)
    }
    fn year(&mut self) -> Option<u32> {
        self.num(4..5, 1000..3000)
    }
    fn ordinal_suffix(&mut self) {
        self.word_if(|w| matches!(w.to_ascii_lowercase().as_str(), "st" | "nd" | "rd" | "th"));
    }
}

/// Every date mention in `text`, left to right, not overlapping.
pub fn find_dates(text: &str) -> Vec<DateMention> {
    let toks = tokenize(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match mention_at(&toks, i) {
            Some((mention, next)) => {
                out.push(mention);
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

/// The first date mention in `text`.
pub fn find_date(text: &str) -> Option<DateMention> {
    find_dates(text).into_iter().next()
}

fn mention_at(toks: &[Tok], start: usize) -> Option<(DateMention, usize)> {
    // A word or digit glued to the left ("A20.03.2017", "x2017") is not the start of a date.
    if start > 0 {
        let (prev, this) = (toks.get(start - 1)?, toks.get(start)?);
        if prev.end == this.start && !matches!(prev.kind, Kind::Punct(_)) {
            return None;
        }
    }
    let mut c = Cursor { toks, i: start };
    if c.word_if(|w| weekday_of(w).is_some()) {
        c.punct(",");
    }
    let after_weekday = c.i;
    let (year, month, day, ambiguous) = numeric(&mut c)
        .or_else(|| {
            c.i = after_weekday;
            day_month(&mut c)
        })
        .or_else(|| {
            c.i = after_weekday;
            month_day(&mut c)
        })?;
    // A digit glued to the right ("2017-03-201") means this was not a date.
    if let (Some(last), Some(next)) = (toks.get(c.i - 1), toks.get(c.i)) {
        if last.end == next.start && matches!(next.kind, Kind::Num(..)) {
            return None;
        }
    }
    let span = toks.get(start)?.start..toks.get(c.i - 1)?.end;
    if let Some(y) = year {
        let valid = match day {
            Some(d) => Date::from_ymd(y, month, d).is_ok(),
            None => (1..=12).contains(&month),
        };
        if !valid {
            return None;
        }
    }
    Some((
        DateMention {
            year,
            month,
            day,
            span,
            ambiguous,
        },
        c.i,
    ))
}

type Parts = (Option<u32>, u32, Option<u32>, bool);

/// `2017-03-20`, `20.03.2017`, `03/20/2017`, `20.03.17`.
fn numeric(c: &mut Cursor) -> Option<Parts> {
    let start = c.i;
    if let Some(y) = c.year() {
        let sep = c.punct("-/.")?;
        let m = c.num(1..3, 1..13)?;
        c.punct(&sep.to_string())?;
        let d = c.num(1..3, 1..32)?;
        return Some((Some(y), m, Some(d), false));
    }
    c.i = start;
    let a = c.num(1..3, 1..32)?;
    let sep = c.punct("-/.")?;
    let b = c.num(1..3, 1..32)?;
    c.punct(&sep.to_string())?;
    let year = match c.peek() {
        Some(Kind::Num(y, 4)) if (1000..3000).contains(y) => *y,
        Some(Kind::Num(y, 2)) => {
            if *y < 50 {
                2000 + y
            } else {
                1900 + y
            }
        }
        _ => return None,
    };
    c.i += 1;
    let (day, month, ambiguous) = if a > 12 {
        (a, b, false)
    } else if b > 12 {
        (b, a, false)
    } else if sep == '/' {
        (b, a, a != b)
    } else {
        (a, b, a != b)
    };
    if month > 12 {
        return None;
    }
    Some((Some(year), month, Some(day), ambiguous))
}

/// `20 March 2017`, `20th of March, 2017`, `20 March`.
fn day_month(c: &mut Cursor) -> Option<Parts> {
    let day = c.num(1..3, 1..32)?;
    c.ordinal_suffix();
    c.word_if(|w| w.eq_ignore_ascii_case("of"));
    let month = c.month()?;
    let before_year = c.i;
    c.punct(",");
    let year = c.year();
    if year.is_none() {
        c.i = before_year;
    }
    Some((year, month, Some(day), false))
}

/// `March 20, 2017`, `Mar. 20th 2017`, `March 20`, `November 2013`, `November, 2013`.
fn month_day(c: &mut Cursor) -> Option<Parts> {
    let month = c.month()?;
    let after_month = c.i;
    if let Some(day) = c.num(1..3, 1..32) {
        c.ordinal_suffix();
        let before_year = c.i;
        c.punct(",");
        let year = c.year();
        if year.is_none() {
            c.i = before_year;
        }
        return Some((year, month, Some(day), false));
    }
    c.i = after_month;
    c.punct(",");
    let year = c.year()?;
    Some((Some(year), month, None, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> (Option<u32>, u32, Option<u32>) {
        let m = find_date(text).unwrap_or_else(|| panic!("no date in {text:?}"));
        (m.year, m.month, m.day)
    }

    #[test]
    fn every_common_form_of_a_full_date() {
        for text in [
            "20.03.2017",
            "March 20, 2017",
            "2017-03-20",
            "Monday, 20 March 2017",
            "20/03/2017",
            "03/20/2017",
            "Mar. 20th, 2017",
            "20th of March 2017",
            "Published: Mon, 20 Mar 2017 09:14 GMT",
            "2017/03/20",
            "20.03.17",
        ] {
            assert_eq!(one(text), (Some(2017), 3, Some(20)), "{text}");
        }
    }

    #[test]
    fn span_covers_the_weekday_and_stops_before_the_time() {
        let text = "Updated Monday, 20 March 2017 09:14";
        let m = find_date(text).unwrap();
        assert_eq!(&text[m.span.clone()], "Monday, 20 March 2017");
    }

    #[test]
    fn partial_dates_keep_what_was_given() {
        assert_eq!(one("in November 2013"), (Some(2013), 11, None));
        assert_eq!(one("on March 3 the talks"), (None, 3, Some(3)));
        assert_eq!(one("on 3 March,"), (None, 3, Some(3)));
    }

    #[test]
    fn day_month_order_is_inferred_only_when_unambiguous() {
        let m = find_date("04/05/2017").unwrap();
        assert!(m.ambiguous);
        assert_eq!((m.month, m.day), (4, Some(5)));
        assert_eq!(m.swapped().map(|s| (s.month, s.day)), Some((5, Some(4))));
        let m = find_date("13/05/2017").unwrap();
        assert!(!m.ambiguous);
        assert_eq!((m.month, m.day), (5, Some(13)));
        assert!(find_date("05.05.2017").is_some_and(|m| !m.ambiguous));
    }

    #[test]
    fn non_dates_are_not_dates() {
        for text in [
            "they may 20 times",
            "version 1.2.3",
            "31.02.2017",
            "2017-13-01",
            "call 555-1234",
            "x20.03.2017",
            "2017-03-201",
            "",
            "12345678901234567890",
        ] {
            assert_eq!(find_date(text), None, "{text}");
        }
    }

    #[test]
    fn missing_year_is_taken_from_the_reference() {
        let r = Date::from_ymd(2017, 3, 20).unwrap();
        let march3 = find_date("March 3").unwrap();
        assert_eq!(
            march3.resolve(Some(r)),
            Some((Date::from_ymd(2017, 3, 3).unwrap(), DatePrecision::Day))
        );
        let november = find_date("November 30").unwrap();
        assert_eq!(november.resolve(Some(r)).map(|d| d.0.year()), Some(2016));
        assert_eq!(march3.resolve(None), None);
        let month = find_date("November 2013").unwrap();
        assert_eq!(
            month.resolve(None),
            Some((Date::from_ymd(2013, 11, 1).unwrap(), DatePrecision::Month))
        );
    }

    #[test]
    fn hostile_length_is_bounded() {
        let text = "x ".repeat(MAX_TOKENS * 4) + "20 March 2017";
        assert_eq!(find_date(&text), None);
    }
}
