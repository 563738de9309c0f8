//! Day arithmetic on [`Date`]s: day numbers, weekdays, months, with no calendar crate needed.

use petrel_core::calendar::{MONTH_NAMES as MONTHS, WEEKDAY_NAMES as WEEKDAYS};
use petrel_core::Date;

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
pub fn day_number(date: Date) -> i64 {
    let (y, m, d) = (date.year() as i64, date.month() as i64, date.day() as i64);
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number; `None` outside the years [`Date`] can hold.
pub fn from_day_number(days: i64) -> Option<Date> {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    Date::from_ymd(u32::try_from(y).ok()?, m as u32, d as u32).ok()
}

/// `date` moved by `days` (negative for the past).
pub fn add_days(date: Date, days: i64) -> Option<Date> {
    from_day_number(day_number(date).checked_add(days)?)
}

/// The weekday of `date`, 0 = Monday … 6 = Sunday.
pub fn weekday(date: Date) -> u32 {
    // 1970-01-01 was a Thursday (3).
    (day_number(date) + 3).rem_euclid(7) as u32
}

/// The Monday of the week holding `date`.
pub fn week_start(date: Date) -> Option<Date> {
    add_days(date, -i64::from(weekday(date)))
}

/// The first day of the month `months` away from `date`'s month.
pub fn add_months(date: Date, months: i64) -> Option<Date> {
    let index = i64::from(date.year()) * 12 + i64::from(date.month()) - 1 + months;
    let year = u32::try_from(index.div_euclid(12)).ok()?;
    Date::from_ymd(year, index.rem_euclid(12) as u32 + 1, 1).ok()
}

/// January 1 of the year `years` away from `date`'s year.
pub fn add_years(date: Date, years: i64) -> Option<Date> {
    let year = u32::try_from(i64::from(date.year()) + years).ok()?;
    Date::from_ymd(year, 1, 1).ok()
}

/// The month (1–12) a word names: full names and the usual abbreviations (`Sept`, `Mar`), any case.
pub fn month_of(word: &str) -> Option<u32> {
    let w = word.to_ascii_lowercase();
    let w = w.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    if w == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(w)))
        .map(|i| i as u32 + 1)
}

/// The weekday (0 = Monday) a word names: full names and three-letter abbreviations, any case.
pub fn weekday_of(word: &str) -> Option<u32> {
    let w = word.to_ascii_lowercase();
    let w = w.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    let w = match w {
        "tues" => "tue",
        "thur" | "thurs" => "thu",
        other => other,
    };
    WEEKDAYS
        .iter()
        .position(|d| *d == w || (w.len() == 3 && d.starts_with(w)))
        .map(|i| i as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: u32, m: u32, day: u32) -> Date {
        Date::from_ymd(y, m, day).unwrap()
    }

    #[test]
    fn day_numbers_round_trip_across_leap_years() {
        assert_eq!(day_number(d(1970, 1, 1)), 0);
        for date in [d(2000, 2, 29), d(1900, 3, 1), d(2017, 3, 20), d(1, 1, 1)] {
            assert_eq!(from_day_number(day_number(date)), Some(date));
        }
        assert_eq!(add_days(d(2016, 2, 28), 1), Some(d(2016, 2, 29)));
        assert_eq!(add_days(d(2017, 1, 1), -1), Some(d(2016, 12, 31)));
    }

    #[test]
    fn weekdays_and_weeks() {
        // 20 March 2017 was a Monday.
        assert_eq!(weekday(d(2017, 3, 20)), 0);
        assert_eq!(weekday(d(2017, 3, 26)), 6);
        assert_eq!(week_start(d(2017, 3, 23)), Some(d(2017, 3, 20)));
    }

    #[test]
    fn months_and_years_move_to_their_first_day() {
        assert_eq!(add_months(d(2017, 1, 31), -1), Some(d(2016, 12, 1)));
        assert_eq!(add_months(d(2017, 11, 5), 2), Some(d(2018, 1, 1)));
        assert_eq!(add_years(d(2017, 6, 5), -1), Some(d(2016, 1, 1)));
    }

    #[test]
    fn names_of_months_and_days() {
        assert_eq!(month_of("Sept."), Some(9));
        assert_eq!(month_of("MARCH"), Some(3));
        assert_eq!(month_of("Mar"), Some(3));
        assert_eq!(month_of("ma"), None);
        assert_eq!(month_of("mayor"), None);
        assert_eq!(weekday_of("Thurs"), Some(3));
        assert_eq!(weekday_of("Sun"), Some(6));
        assert_eq!(weekday_of("sunny"), None);
    }
}
