//! The time stage: when did it happen? Date expressions in news text become a date and a precision.
//!
//! An event is dated by the story unless its sentence says otherwise: "on Monday", "yesterday",
//! "last week", "in November 2013". This crate resolves such expressions against the story date
//! ([`resolve`]) and finds the one a verb carries in a parsed sentence ([`find_for_verb`]), so the
//! coder can date each event. It also reads absolute dates in all common written forms
//! ([`find_dates`]), which ingest uses for publication dates and datelines.
//!
//! Every answer carries a [`Precision`]: "in November 2013" is a month, not November 1st. Dates
//! without a year take the year nearest the story date; a bare weekday means the latest such day on
//! or before it, since news mostly reports the recent past. The crate does no IO, knows no time
//! zones or clock times, and does not guess tense: "will meet on Friday" in a Wednesday story
//! resolves to the Friday before.
//!
//! ```
//! use petrel_core::Date;
//! use petrel_time::{resolve, Precision};
//!
//! let story = Date::from_ymd(2017, 3, 22).unwrap();
//! assert_eq!(resolve("yesterday", story), Some((Date::from_ymd(2017, 3, 21).unwrap(), Precision::Day)));
//! assert_eq!(resolve("in November 2013", story), Some((Date::from_ymd(2013, 11, 1).unwrap(), Precision::Month)));
//! ```

pub mod absolute;
pub mod calendar;
pub mod relative;
pub mod sentence;

pub use absolute::{find_date, find_dates, DateMention};
pub use petrel_core::DatePrecision as Precision;
pub use relative::resolve;
pub use sentence::{find_for_verb, TimeExpression};
