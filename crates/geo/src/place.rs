//! Places, their kinds and their country codes: what the gazetteer holds.

use std::fmt;

/// What sort of place a [`Place`] is; it decides precision and how readily an ambiguous name
/// resolves to it (a country before a village of the same name).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PlaceKind {
    Continent,
    Country,
    /// A first-order administrative division: a US state, a Ukrainian oblast, a Syrian governorate.
    Region,
    City,
    /// A sea, gulf, strait or other body of water.
    Sea,
    Island,
    /// A disputed or otherwise named area that is not an administrative division: Crimea, Donbas,
    /// the Gaza Strip, Kashmir.
    Territory,
}

impl PlaceKind {
    pub const ALL: [PlaceKind; 7] = [
        PlaceKind::Continent,
        PlaceKind::Country,
        PlaceKind::Region,
        PlaceKind::City,
        PlaceKind::Sea,
        PlaceKind::Island,
        PlaceKind::Territory,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Continent => "continent",
            PlaceKind::Country => "country",
            PlaceKind::Region => "region",
            PlaceKind::City => "city",
            PlaceKind::Sea => "sea",
            PlaceKind::Island => "island",
            PlaceKind::Territory => "territory",
        }
    }

    /// The kind named `text` (as [`PlaceKind::as_str`] writes it).
    pub fn parse(text: &str) -> Option<PlaceKind> {
        PlaceKind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    pub(crate) fn code(self) -> u8 {
        self as u8
    }

    pub(crate) fn from_code(code: u8) -> Option<PlaceKind> {
        PlaceKind::ALL.get(usize::from(code)).copied()
    }
}

impl fmt::Display for PlaceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A country's ISO 3166-1 codes, alpha-2 (`UA`) and alpha-3 (`UKR`), both uppercase ASCII.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode {
    iso2: [u8; 2],
    iso3: [u8; 3],
}

impl CountryCode {
    /// The code pair, or `None` unless both are uppercase ASCII letters of the right length.
    pub fn new(iso2: &str, iso3: &str) -> Option<CountryCode> {
        let iso2: [u8; 2] = iso2.as_bytes().try_into().ok()?;
        let iso3: [u8; 3] = iso3.as_bytes().try_into().ok()?;
        let upper = |b: &u8| b.is_ascii_uppercase();
        (iso2.iter().all(upper) && iso3.iter().all(upper)).then_some(CountryCode { iso2, iso3 })
    }

    pub fn iso2(&self) -> &str {
        // Both arrays hold ASCII letters only, checked in `new`.
        std::str::from_utf8(&self.iso2).unwrap_or("")
    }

    pub fn iso3(&self) -> &str {
        std::str::from_utf8(&self.iso3).unwrap_or("")
    }

    /// True when `code` is this country's alpha-2 or alpha-3 code, in any case.
    pub fn matches(&self, code: &str) -> bool {
        code.eq_ignore_ascii_case(self.iso2()) || code.eq_ignore_ascii_case(self.iso3())
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.iso2())
    }
}

/// One entry of the gazetteer.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// The name GeoNames (or petrel's own list) gives the place, with its diacritics.
    pub name: String,
    pub kind: PlaceKind,
    /// `None` for seas and for areas claimed by several countries (Kashmir).
    pub country: Option<CountryCode>,
    /// The GeoNames first-order division code (`TX`, `14`), when known.
    pub admin1_code: Option<String>,
    /// The name of the first-order division, where petrel has it (US states and petrel's own
    /// regions); GeoNames' package lacks the names elsewhere.
    pub admin1: Option<String>,
    /// Degrees north; approximate for countries, regions and petrel's own entries.
    pub lat: f64,
    /// Degrees east.
    pub lon: f64,
    /// The GeoNames id; `None` for petrel's own entries.
    pub geonameid: Option<u32>,
    /// People living there, 0 when unknown.
    pub population: u64,
    /// True for a country's capital city.
    pub capital: bool,
}
