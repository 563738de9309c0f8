//! Event codes, actor codes and calendar dates, parsed once at the edge and passed around typed.

use std::fmt;
use std::ops::RangeInclusive;
use std::str::FromStr;

/// The most bytes a [`CameoCode`] holds: CAMEO codes have 2–4, WEIS-era validation codes add a
/// letter or a `?`; six leaves room for both without making the type larger than a pointer.
pub const CAMEO_CODE_MAX: usize = 6;

/// The most bytes an [`ActorCode`] holds: ten 3-letter blocks, far beyond any real code.
pub const ACTOR_CODE_MAX: usize = 30;

/// An event code as dictionaries write it: CAMEO `"01"`, `"010"`, `"0211"`, and the oddities of the
/// PETRARCH validation files such as `"075A"`, `"174K"`, `"102b"`, `"023?"` or WEIS `"903"`.
///
/// A code starts with a digit and continues with ASCII letters, digits, `?` or `!`. The null and
/// discard markers (`---`, `###`, `+++`) are not codes: the dictionary types model them.
///
/// ```
/// use petrel_core::CameoCode;
///
/// let code: CameoCode = "0211".parse().unwrap();
/// assert_eq!(code.root(), Some(2));
/// assert!("---".parse::<CameoCode>().is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CameoCode {
    bytes: [u8; CAMEO_CODE_MAX],
    len: u8,
}

/// Why a string is not a [`CameoCode`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CameoCodeError {
    #[error("empty event code; write two to four digits such as 040")]
    Empty,
    #[error("event code {0:?} is longer than {CAMEO_CODE_MAX} characters; CAMEO codes have 2 to 4 digits")]
    TooLong(String),
    #[error("event code {0:?} has a single character; CAMEO codes have 2 to 4 digits")]
    TooShort(String),
    #[error("event code {0:?} does not start with a digit; CAMEO codes are digits such as 040")]
    NotDigitFirst(String),
    #[error("event code {code:?} contains {ch:?}; only letters, digits, '?' and '!' may follow the first digit")]
    BadChar { code: String, ch: char },
}

impl CameoCode {
    /// The code as written in the dictionary.
    pub fn as_str(&self) -> &str {
        // Construction only accepts ASCII, so the bytes are always valid UTF-8.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or("")
    }

    /// The CAMEO root category (the first two digits, 1–20 for CAMEO), when they are digits.
    pub fn root(&self) -> Option<u8> {
        match (self.bytes[0], self.bytes[1]) {
            (a @ b'0'..=b'9', b @ b'0'..=b'9') => Some((a - b'0') * 10 + (b - b'0')),
            _ => None,
        }
    }

    /// Whether every character is a digit (true CAMEO codes; false for `075A`, `023?`).
    pub fn is_numeric(&self) -> bool {
        self.as_str().bytes().all(|b| b.is_ascii_digit())
    }

    /// The number of characters, 2 to [`CAMEO_CODE_MAX`].
    pub fn len(&self) -> usize {
        usize::from(self.len)
    }

    /// Always false: a code has at least two characters. Present because `len` is.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The roots of acting together: intent to cooperate (03), consult (04), diplomatic (05) and
    /// material (06) cooperation. Partners who do these act on each other.
    pub const COOPERATIVE_ROOTS: RangeInclusive<u8> = 3..=6;

    /// The roots of CAMEO's verbal conflict: investigate (09), demand (10), disapprove (11),
    /// reject (12), threaten (13).
    pub const VERBAL_CONFLICT_ROOTS: RangeInclusive<u8> = 9..=13;

    /// The roots of the use of force: assault (18), fight (19), unconventional mass violence
    /// (20).
    pub const VIOLENT_ROOTS: RangeInclusive<u8> = 18..=20;

    fn root_in(&self, roots: RangeInclusive<u8>) -> bool {
        self.root().is_some_and(|r| roots.contains(&r))
    }

    /// Make a public statement (root 01).
    pub fn is_statement(&self) -> bool {
        self.root() == Some(1)
    }

    /// Appeal (root 02).
    pub fn is_appeal(&self) -> bool {
        self.root() == Some(2)
    }

    /// Express intent to cooperate (root 03).
    pub fn is_intent(&self) -> bool {
        self.root() == Some(3)
    }

    /// Acting together (roots 03 to 06, [`CameoCode::COOPERATIVE_ROOTS`]).
    pub fn is_cooperative(&self) -> bool {
        self.root_in(Self::COOPERATIVE_ROOTS)
    }

    /// Investigate (root 09).
    pub fn is_investigation(&self) -> bool {
        self.root() == Some(9)
    }

    /// Demand (root 10).
    pub fn is_demand(&self) -> bool {
        self.root() == Some(10)
    }

    /// Disapprove (root 11), accusations (112) included.
    pub fn is_disapproval(&self) -> bool {
        self.root() == Some(11)
    }

    /// Verbal conflict (roots 09 to 13, [`CameoCode::VERBAL_CONFLICT_ROOTS`]).
    pub fn is_verbal_conflict(&self) -> bool {
        self.root_in(Self::VERBAL_CONFLICT_ROOTS)
    }

    /// Threaten (root 13).
    pub fn is_threat(&self) -> bool {
        self.root() == Some(13)
    }

    /// Exhibit force posture (root 15): troops massed or deployed, not yet used.
    pub fn is_force_posture(&self) -> bool {
        self.root() == Some(15)
    }

    /// The use of force (roots 18 to 20, [`CameoCode::VIOLENT_ROOTS`]).
    pub fn is_violent(&self) -> bool {
        self.root_in(Self::VIOLENT_ROOTS)
    }
}

impl FromStr for CameoCode {
    type Err = CameoCodeError;

    fn from_str(s: &str) -> Result<CameoCode, CameoCodeError> {
        let bytes = s.as_bytes();
        match bytes.len() {
            0 => return Err(CameoCodeError::Empty),
            1 => return Err(CameoCodeError::TooShort(s.to_string())),
            n if n > CAMEO_CODE_MAX => return Err(CameoCodeError::TooLong(s.to_string())),
            _ => {}
        }
        if !bytes[0].is_ascii_digit() {
            return Err(CameoCodeError::NotDigitFirst(s.to_string()));
        }
        if let Some(ch) = s
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '?' || *c == '!'))
        {
            return Err(CameoCodeError::BadChar {
                code: s.to_string(),
                ch,
            });
        }
        let mut code = CameoCode {
            bytes: [0; CAMEO_CODE_MAX],
            len: bytes.len() as u8,
        };
        code.bytes[..bytes.len()].copy_from_slice(bytes);
        Ok(code)
    }
}

impl fmt::Display for CameoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for CameoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CameoCode({})", self.as_str())
    }
}

/// An actor or agent code such as `JPN`, `JPNGOV`, `IGOUNO`, `USAELIMIL`: a concatenation of
/// 3-character blocks, a country or international root followed by sector blocks.
///
/// Held inline (no allocation), so it is `Copy` and cheap to pass around.
///
/// Besides letters and digits a code may contain the TABARI marker blocks that PETRARCH writes into
/// its output: `---` (the null actor, also as a root: an agent with no known actor gives `---GOV`),
/// `###` and `+++`, and `/`, which joins the codes of a TABARI group actor (`FRO/BIL/SAM`). The
/// PETRARCH validation records expect these codes verbatim.
///
/// ```
/// use petrel_core::ActorCode;
///
/// let code: ActorCode = "JPNGOVMIL".parse().unwrap();
/// assert_eq!(code.country(), Some("JPN"));
/// assert_eq!(code.blocks().collect::<Vec<_>>(), ["JPN", "GOV", "MIL"]);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActorCode {
    bytes: [u8; ACTOR_CODE_MAX],
    len: u8,
}

/// Why a string is not an [`ActorCode`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ActorCodeError {
    #[error("empty actor code; write blocks of three letters such as USAGOV")]
    Empty,
    #[error("actor code {0:?} is longer than {ACTOR_CODE_MAX} characters; shorten it")]
    TooLong(String),
    #[error("actor code {code:?} contains {ch:?}; actor codes are ASCII letters and digits (and the markers `-`, `#`, `+`, `/`)")]
    BadChar { code: String, ch: char },
}

/// First blocks that name an international or non-state root rather than a country (CAMEO's
/// non-state actor roots), so `country()` must not report them.
const NON_COUNTRY_ROOTS: [&str; 8] = ["IGO", "NGO", "NGM", "MNC", "UIS", "INT", "IMG", "UNO"];

impl ActorCode {
    /// The null actor `---`: PETRARCH's root for an agent found without an actor (`---GOV`).
    pub fn null() -> ActorCode {
        let mut bytes = [0; ACTOR_CODE_MAX];
        bytes[..3].copy_from_slice(b"---");
        ActorCode { bytes, len: 3 }
    }

    /// Whether the code starts with the null root `---`.
    pub fn has_null_root(&self) -> bool {
        self.as_str().starts_with("---")
    }

    pub fn as_str(&self) -> &str {
        // Construction only accepts ASCII, so the bytes are valid UTF-8.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or("")
    }

    /// The 3-character blocks in order; a trailing block may be shorter when the code's length is
    /// not a multiple of three.
    pub fn blocks(&self) -> impl Iterator<Item = &str> + '_ {
        let text = self.as_str();
        (0..text.len())
            .step_by(3)
            .map(move |start| text.get(start..(start + 3).min(text.len())).unwrap_or(""))
    }

    /// The first block when it is a country code: three letters and not a non-state root such as
    /// `IGO`, `NGO` or `MNC`.
    pub fn country(&self) -> Option<&str> {
        let first = self.as_str().get(0..3)?;
        if first.bytes().all(|b| b.is_ascii_alphabetic()) && !NON_COUNTRY_ROOTS.contains(&first) {
            Some(first)
        } else {
            None
        }
    }

    /// This code followed by `suffix` (an agent code added after the actor, `~GOV`), or `None`
    /// when the result would exceed [`ACTOR_CODE_MAX`].
    pub fn concat(&self, suffix: &ActorCode) -> Option<ActorCode> {
        let total = usize::from(self.len) + usize::from(suffix.len);
        if total > ACTOR_CODE_MAX {
            return None;
        }
        let mut out = *self;
        out.bytes[usize::from(self.len)..total]
            .copy_from_slice(&suffix.bytes[..usize::from(suffix.len)]);
        out.len = total as u8;
        Some(out)
    }

    /// The number of characters, 1 to [`ACTOR_CODE_MAX`].
    pub fn len(&self) -> usize {
        usize::from(self.len)
    }

    /// Always false: a code has at least one character. Present because `len` is.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl FromStr for ActorCode {
    type Err = ActorCodeError;

    fn from_str(s: &str) -> Result<ActorCode, ActorCodeError> {
        let bytes = s.as_bytes();
        if bytes.is_empty() {
            return Err(ActorCodeError::Empty);
        }
        if let Some(ch) = s
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '#' | '+' | '/')))
        {
            return Err(ActorCodeError::BadChar {
                code: s.chars().take(ACTOR_CODE_MAX + 10).collect(),
                ch,
            });
        }
        if bytes.len() > ACTOR_CODE_MAX {
            return Err(ActorCodeError::TooLong(s.to_string()));
        }
        let mut code = ActorCode {
            bytes: [0; ACTOR_CODE_MAX],
            len: bytes.len() as u8,
        };
        code.bytes[..bytes.len()].copy_from_slice(bytes);
        Ok(code)
    }
}

impl fmt::Display for ActorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for ActorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ActorCode({})", self.as_str())
    }
}

/// A calendar date, ordered chronologically; packed as `yyyymmdd` so comparisons are one integer
/// comparison (date restrictions on actors are checked for every actor match).
///
/// ```
/// use petrel_core::Date;
///
/// let date: Date = "20140607".parse().unwrap();
/// assert_eq!((date.year(), date.month(), date.day()), (2014, 6, 7));
/// assert!(date < Date::from_ymd(2015, 1, 1).unwrap());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date(u32);

/// Why a string or triple is not a [`Date`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("date {0:?} is not YYYYMMDD, YYMMDD or YYYY-MM-DD; write e.g. 20140607")]
    Format(String),
    #[error("date {year:04}-{month:02}-{day:02} does not exist; check the month and day")]
    OutOfRange { year: u32, month: u32, day: u32 },
}

impl Date {
    /// The earliest and latest representable dates, for open-ended ranges.
    pub const MIN: Date = Date(101);
    pub const MAX: Date = Date(99_991_231);

    /// A date from year (0–9999), month (1–12) and day (1–31, checked against the month).
    pub fn from_ymd(year: u32, month: u32, day: u32) -> Result<Date, DateError> {
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if year.is_multiple_of(4)
                && (!year.is_multiple_of(100) || year.is_multiple_of(400)) =>
            {
                29
            }
            2 => 28,
            _ => 0,
        };
        if year > 9999 || day == 0 || day > days_in_month {
            return Err(DateError::OutOfRange { year, month, day });
        }
        Ok(Date(year * 10000 + month * 100 + day))
    }

    /// Parses the dictionary forms `YYYYMMDD` and `YYMMDD`. Two-digit years follow the convention
    /// of the PETRARCH dictionaries, whose dates run from the 19th century to the present:
    /// `00`–`29` are 2000–2029 and `30`–`99` are 1930–1999.
    pub fn from_dictionary(s: &str) -> Result<Date, DateError> {
        let digits = |t: &str| -> Option<u32> {
            if t.bytes().all(|b| b.is_ascii_digit()) {
                t.parse().ok()
            } else {
                None
            }
        };
        let bad = || DateError::Format(s.chars().take(40).collect());
        match s.len() {
            8 => {
                let n = digits(s).ok_or_else(bad)?;
                Date::from_ymd(n / 10000, n / 100 % 100, n % 100)
            }
            6 => {
                let n = digits(s).ok_or_else(bad)?;
                let yy = n / 10000;
                let year = if yy < 30 { 2000 + yy } else { 1900 + yy };
                Date::from_ymd(year, n / 100 % 100, n % 100)
            }
            _ => Err(bad()),
        }
    }

    pub fn year(&self) -> u32 {
        self.0 / 10000
    }

    pub fn month(&self) -> u32 {
        self.0 / 100 % 100
    }

    pub fn day(&self) -> u32 {
        self.0 % 100
    }
}

impl FromStr for Date {
    type Err = DateError;

    /// Accepts `YYYYMMDD`, `YYMMDD` and ISO `YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<Date, DateError> {
        if s.len() == 10 && s.as_bytes().get(4) == Some(&b'-') && s.as_bytes().get(7) == Some(&b'-')
        {
            let compact: String = s.chars().filter(|c| *c != '-').collect();
            if compact.len() == 8 {
                return Date::from_dictionary(&compact);
            }
        }
        Date::from_dictionary(s)
    }
}

impl fmt::Display for Date {
    /// ISO 8601, `YYYY-MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.year(),
            self.month(),
            self.day()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cameo_families_are_named_by_root() {
        let code = |s: &str| s.parse::<CameoCode>().unwrap();
        assert!(code("010").is_statement() && code("0110").is_statement());
        assert!(
            !code("110").is_statement(),
            "the root is the first two digits"
        );
        assert!(code("0233").is_appeal() && !code("030").is_appeal());
        assert!(code("036").is_intent() && code("036").is_cooperative());
        assert!(code("040").is_cooperative() && !code("0874").is_cooperative());
        assert!(code("061").is_cooperative() && !code("070").is_cooperative());
        assert!(!code("020").is_cooperative());
        assert!(code("090").is_investigation() && code("090").is_verbal_conflict());
        assert!(code("1056").is_demand() && code("112").is_disapproval());
        assert!(code("125").is_verbal_conflict() && code("138").is_threat());
        assert!(!code("140").is_verbal_conflict() && !code("080").is_verbal_conflict());
        assert!(code("150").is_force_posture() && !code("154").is_violent());
        assert!(code("180").is_violent() && code("195").is_violent() && code("202").is_violent());
        assert!(!code("175").is_violent());
        // WEIS-era validation codes keep their root; a letter in the root gives none.
        assert!(code("174K").root() == Some(17) && !code("174K").is_violent());
        assert!(code("19A").is_violent());
        assert!(!code("1A").is_statement() && !code("1A").is_violent());
    }

    #[test]
    fn cameo_codes_accept_cameo_and_weis_forms() {
        for text in [
            "01", "010", "0211", "075A", "174K", "102b", "023?", "903", "080!",
        ] {
            let code: CameoCode = text.parse().unwrap();
            assert_eq!(code.as_str(), text);
        }
    }

    #[test]
    fn cameo_codes_reject_markers_and_junk() {
        assert_eq!("".parse::<CameoCode>(), Err(CameoCodeError::Empty));
        assert!(matches!(
            "---".parse::<CameoCode>(),
            Err(CameoCodeError::NotDigitFirst(_))
        ));
        assert!(matches!(
            "###".parse::<CameoCode>(),
            Err(CameoCodeError::NotDigitFirst(_))
        ));
        assert!(matches!(
            "def".parse::<CameoCode>(),
            Err(CameoCodeError::NotDigitFirst(_))
        ));
        assert!(matches!(
            "1234567".parse::<CameoCode>(),
            Err(CameoCodeError::TooLong(_))
        ));
        assert!(matches!(
            "04:3".parse::<CameoCode>(),
            Err(CameoCodeError::BadChar { ch: ':', .. })
        ));
        assert!(matches!(
            "4".parse::<CameoCode>(),
            Err(CameoCodeError::TooShort(_))
        ));
    }

    #[test]
    fn cameo_root_and_numeric() {
        let code: CameoCode = "1831".parse().unwrap();
        assert_eq!(code.root(), Some(18));
        assert!(code.is_numeric());
        let odd: CameoCode = "0A1".parse().unwrap();
        assert_eq!(odd.root(), None);
        assert!(!odd.is_numeric());
        assert!(!"075A".parse::<CameoCode>().unwrap().is_numeric());
    }

    #[test]
    fn actor_code_blocks_and_country() {
        let code: ActorCode = "USAELIMIL".parse().unwrap();
        assert_eq!(code.blocks().collect::<Vec<_>>(), ["USA", "ELI", "MIL"]);
        assert_eq!(code.country(), Some("USA"));
        let igo: ActorCode = "IGOUNO".parse().unwrap();
        assert_eq!(igo.country(), None);
        let short: ActorCode = "JPNGO".parse().unwrap();
        assert_eq!(short.blocks().collect::<Vec<_>>(), ["JPN", "GO"]);
    }

    #[test]
    fn actor_code_accepts_petrarch_markers() {
        let null: ActorCode = "---GOV".parse().unwrap();
        assert!(null.has_null_root());
        assert_eq!(null.country(), None);
        assert_eq!(
            ActorCode::null().concat(&"GOV".parse().unwrap()),
            Some(null)
        );
        let group: ActorCode = "FRO/BIL/SAM".parse().unwrap();
        assert_eq!(group.as_str(), "FRO/BIL/SAM");
        assert!("+++".parse::<ActorCode>().is_ok());
        assert!(!"JPN".parse::<ActorCode>().unwrap().has_null_root());
    }

    #[test]
    fn actor_code_rejects_junk_and_overlong() {
        assert!(matches!(
            "US A".parse::<ActorCode>(),
            Err(ActorCodeError::BadChar { ch: ' ', .. })
        ));
        assert!(matches!(
            "ÜSA".parse::<ActorCode>(),
            Err(ActorCodeError::BadChar { ch: 'Ü', .. })
        ));
        assert_eq!("".parse::<ActorCode>(), Err(ActorCodeError::Empty));
        let long = "A".repeat(ACTOR_CODE_MAX + 1);
        assert!(matches!(
            long.parse::<ActorCode>(),
            Err(ActorCodeError::TooLong(_))
        ));
    }

    #[test]
    fn actor_code_concat() {
        let jpn: ActorCode = "JPN".parse().unwrap();
        let gov: ActorCode = "GOV".parse().unwrap();
        assert_eq!(jpn.concat(&gov).unwrap().as_str(), "JPNGOV");
        let long: ActorCode = "A".repeat(ACTOR_CODE_MAX).parse().unwrap();
        assert_eq!(long.concat(&gov), None);
    }

    #[test]
    fn dates_parse_dictionary_forms() {
        assert_eq!(
            Date::from_dictionary("320101").unwrap(),
            Date::from_ymd(1932, 1, 1).unwrap()
        );
        assert_eq!(
            Date::from_dictionary("070723").unwrap(),
            Date::from_ymd(2007, 7, 23).unwrap()
        );
        assert_eq!(
            Date::from_dictionary("18970101").unwrap(),
            Date::from_ymd(1897, 1, 1).unwrap()
        );
        assert_eq!(
            "2014-06-07".parse::<Date>().unwrap().to_string(),
            "2014-06-07"
        );
        assert!(matches!(
            Date::from_dictionary("2014060"),
            Err(DateError::Format(_))
        ));
        assert!(matches!(
            Date::from_dictionary("20140230"),
            Err(DateError::OutOfRange { .. })
        ));
        assert!(matches!(
            Date::from_dictionary("2O140101"),
            Err(DateError::Format(_))
        ));
        assert!(Date::from_dictionary("20000229").is_ok());
        assert!(Date::from_dictionary("19000229").is_err());
    }
}
