//! Expressions resolved against the story date: "yesterday", "on Monday", "last week", "earlier this month", "in November", "two days ago".

use crate::absolute::{find_date, DateMention};
use crate::calendar::{add_days, add_months, add_years, month_of, week_start, weekday, weekday_of};
use petrel_core::{Date, DatePrecision};

/// The longest expression looked at, in words: time expressions are short, and a bound keeps a
/// hostile "expression" from costing more than a glance.
pub const MAX_WORDS: usize = 16;

/// The date (and how precise it is) that `expression` names when the story is dated `story_date`.
///
/// Absolute dates ("March 3, 2017", "in November 2013") stand for themselves; a date without a
/// year takes the one that puts it nearest the story date. A bare weekday ("on Monday") means the
/// latest such day on or before the story date, because news mostly reports the recent past; "next
/// Monday" looks forward. `None` when the expression names no date petrel understands.
///
/// ```
/// use petrel_core::{Date, DatePrecision};
///
/// let story = Date::from_ymd(2017, 3, 22).unwrap(); // a Wednesday
/// let monday = Date::from_ymd(2017, 3, 20).unwrap();
/// assert_eq!(petrel_time::resolve("on Monday", story), Some((monday, DatePrecision::Day)));
/// ```
pub fn resolve(expression: &str, story_date: Date) -> Option<(Date, DatePrecision)> {
    let words: Vec<String> = expression
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(MAX_WORDS + 1)
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() || words.len() > MAX_WORDS {
        return None;
    }
    if let Some(mention) = find_date(expression) {
        return mention.resolve(Some(story_date));
    }
    let w: Vec<&str> = words.iter().map(String::as_str).collect();
    let has = |word: &str| w.contains(&word);
    let day = |offset: i64| add_days(story_date, offset).map(|d| (d, DatePrecision::Day));

    if has("ago") {
        return ago(&w, story_date);
    }
    if has("yesterday") {
        return day(if has("before") { -2 } else { -1 });
    }
    if has("tomorrow") {
        return day(if has("after") { 2 } else { 1 });
    }
    if has("today") || has("tonight") {
        return day(0);
    }
    if has("last") && has("night") {
        return day(-1);
    }
    let modifier = if has("last") || has("past") || has("previous") {
        -1
    } else if has("next") || has("coming") {
        1
    } else {
        0
    };
    for (i, word) in w.iter().enumerate() {
        if let Some(target) = weekday_of(word).filter(|_| word.len() > 3 || w.len() == 1) {
            let today = i64::from(weekday(story_date));
            let target = i64::from(target);
            let back = (today - target).rem_euclid(7);
            let offset = match modifier {
                -1 if back == 0 => -7,
                -1 => -back,
                1 => {
                    let ahead = (target - today).rem_euclid(7);
                    if ahead == 0 {
                        7
                    } else {
                        ahead
                    }
                }
                _ => -back,
            };
            return day(offset);
        }
        if let Some(month) = month_of(word).filter(|_| word.len() > 3 || *word == "may") {
            // "may" is a month here only as the object of a time preposition or modifier.
            if *word == "may"
                && !(i > 0
                    && matches!(
                        w[i - 1],
                        "in" | "last" | "next" | "since" | "until" | "early" | "late" | "mid"
                    ))
            {
                continue;
            }
            return named_month(month, modifier, story_date);
        }
    }
    let unit_offset = |unit: &str| -> Option<(Date, DatePrecision)> {
        match unit {
            "week" => Some((
                week_start(add_days(story_date, 7 * modifier)?)?,
                DatePrecision::Week,
            )),
            "month" => Some((add_months(story_date, modifier)?, DatePrecision::Month)),
            "year" => Some((add_years(story_date, modifier)?, DatePrecision::Year)),
            _ => None,
        }
    };
    for unit in ["week", "month", "year"] {
        if has(unit) && (modifier != 0 || has("this") || has("current")) {
            return unit_offset(unit);
        }
    }
    if has("weekend") {
        // The weekend just past, or the coming one after "next"/"this" late in the week.
        let saturday_back = (i64::from(weekday(story_date)) - 5).rem_euclid(7);
        let offset = if modifier == 1 {
            7 - saturday_back
        } else {
            -saturday_back
        };
        return add_days(story_date, offset).map(|d| (d, DatePrecision::Week));
    }
    if let [.., last] = w.as_slice() {
        if let Ok(year) = last.parse::<u32>() {
            if last.len() == 4 && (1800..2200).contains(&year) && w.len() <= 3 {
                return Date::from_ymd(year, 1, 1)
                    .ok()
                    .map(|d| (d, DatePrecision::Year));
            }
        }
    }
    None
}

/// "in November" (nearest), "last November" (before the story's month), "next November".
fn named_month(month: u32, modifier: i64, story_date: Date) -> Option<(Date, DatePrecision)> {
    let this_year = Date::from_ymd(story_date.year(), month, 1).ok()?;
    let date = match modifier {
        -1 if month >= story_date.month() => {
            add_years(story_date, -1).and_then(|d| Date::from_ymd(d.year(), month, 1).ok())?
        }
        -1 => this_year,
        1 if month <= story_date.month() => {
            add_years(story_date, 1).and_then(|d| Date::from_ymd(d.year(), month, 1).ok())?
        }
        1 => this_year,
        _ => {
            return DateMention {
                year: None,
                month,
                day: None,
                span: 0..0,
                ambiguous: false,
            }
            .resolve(Some(story_date))
        }
    };
    Some((date, DatePrecision::Month))
}

/// "two days ago", "a week ago", "3 years ago".
fn ago(w: &[&str], story_date: Date) -> Option<(Date, DatePrecision)> {
    let at = w.iter().position(|x| *x == "ago")?;
    let unit = w.get(at.checked_sub(1)?)?;
    let count = at
        .checked_sub(2)
        .and_then(|i| w.get(i))
        .and_then(|n| number(n))
        .unwrap_or(1);
    let n = i64::from(count);
    match unit.trim_end_matches('s') {
        "day" => add_days(story_date, -n).map(|d| (d, DatePrecision::Day)),
        "week" => add_days(story_date, -7 * n)
            .and_then(week_start)
            .map(|d| (d, DatePrecision::Week)),
        "month" => add_months(story_date, -n).map(|d| (d, DatePrecision::Month)),
        "year" => add_years(story_date, -n).map(|d| (d, DatePrecision::Year)),
        _ => None,
    }
}

fn number(word: &str) -> Option<u32> {
    const WORDS: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    match word {
        "a" | "an" => Some(1),
        "several" | "few" => None,
        _ => word
            .parse()
            .ok()
            .filter(|n| *n < 10_000)
            .or_else(|| WORDS.iter().position(|x| *x == word).map(|i| i as u32)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: u32, m: u32, day: u32) -> Date {
        Date::from_ymd(y, m, day).unwrap()
    }

    /// Wednesday 22 March 2017.
    fn story() -> Date {
        d(2017, 3, 22)
    }

    fn check(expression: &str, date: Date, precision: DatePrecision) {
        assert_eq!(
            resolve(expression, story()),
            Some((date, precision)),
            "{expression}"
        );
    }

    #[test]
    fn days_around_the_story_date() {
        check("yesterday", d(2017, 3, 21), DatePrecision::Day);
        check(
            "the day before yesterday",
            d(2017, 3, 20),
            DatePrecision::Day,
        );
        check("today", d(2017, 3, 22), DatePrecision::Day);
        check("last night", d(2017, 3, 21), DatePrecision::Day);
        check("tomorrow", d(2017, 3, 23), DatePrecision::Day);
        check("two days ago", d(2017, 3, 20), DatePrecision::Day);
    }

    #[test]
    fn weekdays_look_back_unless_told_otherwise() {
        check("on Monday", d(2017, 3, 20), DatePrecision::Day);
        check("Wednesday", d(2017, 3, 22), DatePrecision::Day);
        check("last Wednesday", d(2017, 3, 15), DatePrecision::Day);
        check("on Thursday", d(2017, 3, 16), DatePrecision::Day);
        check("next Monday", d(2017, 3, 27), DatePrecision::Day);
        check("on Monday night", d(2017, 3, 20), DatePrecision::Day);
    }

    #[test]
    fn weeks_months_and_years() {
        check("last week", d(2017, 3, 13), DatePrecision::Week);
        check("earlier this week", d(2017, 3, 20), DatePrecision::Week);
        check("earlier this month", d(2017, 3, 1), DatePrecision::Month);
        check("last month", d(2017, 2, 1), DatePrecision::Month);
        check("next month", d(2017, 4, 1), DatePrecision::Month);
        check("last year", d(2016, 1, 1), DatePrecision::Year);
        check("earlier this year", d(2017, 1, 1), DatePrecision::Year);
        check("a year ago", d(2016, 1, 1), DatePrecision::Year);
    }

    #[test]
    fn named_months_and_absolute_dates() {
        check("in November 2013", d(2013, 11, 1), DatePrecision::Month);
        check("in November", d(2016, 11, 1), DatePrecision::Month);
        check("in May", d(2017, 5, 1), DatePrecision::Month);
        check("last March", d(2016, 3, 1), DatePrecision::Month);
        check("on March 3", d(2017, 3, 3), DatePrecision::Day);
        check("on 3 March 2015", d(2015, 3, 3), DatePrecision::Day);
        check("in 2013", d(2013, 1, 1), DatePrecision::Year);
    }

    #[test]
    fn not_time_expressions() {
        for text in [
            "in Tokyo",
            "the minister",
            "may",
            "",
            "last",
            "in 12345",
            &"week ".repeat(40),
        ] {
            assert_eq!(resolve(text, story()), None, "{text}");
        }
    }
}
