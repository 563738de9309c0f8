//! The English names of months and weekdays, lowercase: shared by the stages that must recognise
//! them (dates, parse repairs, place names that are really months).

/// January to December.
pub const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Monday to Sunday.
pub const WEEKDAY_NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Whether `word` is the full name of a month, in any case.
pub fn is_month_name(word: &str) -> bool {
    MONTH_NAMES.iter().any(|m| word.eq_ignore_ascii_case(m))
}

/// Whether `word` is the full name of a weekday, in any case.
pub fn is_weekday_name(word: &str) -> bool {
    WEEKDAY_NAMES.iter().any(|d| word.eq_ignore_ascii_case(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_in_any_case_and_only_whole() {
        assert!(is_weekday_name("Tuesday") && is_weekday_name("SUNDAY"));
        assert!(is_month_name("March") && !is_month_name("Mar"));
        assert!(!is_weekday_name("Tues") && !is_month_name("Marches"));
    }
}
