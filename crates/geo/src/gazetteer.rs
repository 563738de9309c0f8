//! The gazetteer: places, and a hash index from normalised names to the places they may mean.

use crate::format;
use crate::normalize::normalize;
use crate::place::{CountryCode, Place, PlaceKind};
use crate::GeoError;
use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

/// The gazetteer petrel ships, generated from GeoNames data by `petrel geo build` (see
/// docs/gazetteer.md) and compiled into the binary so that it works offline.
static BUILTIN_BYTES: &[u8] = include_bytes!("../data/gazetteer.bin");

/// A posting's low bit says the name is the place's own name, not an alternate.
const PRIMARY_BIT: u32 = 1;
/// The next bit says the name came from an abbreviation ("US", "La.", "DRC"), which a text's
/// abbreviation may match; a text's "PA" must not match the place whose alternate is "Pa".
const ABBREVIATION_BIT: u32 = 2;
/// Postings hold the place index above the flag bits.
pub(crate) const POSTING_SHIFT: u32 = 2;

/// Places and the names they go by.
///
/// Lookups hash the normalised name into an open-addressing table, so their cost does not grow
/// with the number of places.
#[derive(Debug)]
pub struct Gazetteer {
    places: Vec<Place>,
    countries: Vec<CountryCode>,
    /// The index into `places` of each country's own entry, by alpha-2 code.
    country_places: HashMap<CountryCode, u32>,
    /// Every normalised name, one after the other; `names` holds the ranges.
    keys: Vec<u8>,
    names: Vec<NameEntry>,
    /// Place indexes shifted left by [`POSTING_SHIFT`], with [`PRIMARY_BIT`] set for a place's
    /// own name and [`ABBREVIATION_BIT`] for an abbreviation.
    postings: Vec<u32>,
    /// Open addressing: 0 is empty, else 1 + an index into `names`. The length is a power of two.
    slots: Vec<u32>,
}

#[derive(Clone, Copy, Debug)]
struct NameEntry {
    key_start: u32,
    key_len: u32,
    post_start: u32,
    post_len: u32,
}

/// The index's names and postings, laid out flat as the gazetteer keeps them.
#[derive(Default)]
pub(crate) struct NameTable {
    keys: Vec<u8>,
    names: Vec<NameEntry>,
    postings: Vec<u32>,
}

impl NameTable {
    pub fn with_capacity(names: usize) -> NameTable {
        NameTable {
            keys: Vec::with_capacity(names * 12),
            names: Vec::with_capacity(names),
            postings: Vec::with_capacity(names * 5 / 4),
        }
    }

    /// Appends a name; its postings follow with [`NameTable::push_posting`].
    pub fn push_name(&mut self, key: &[u8]) {
        self.names.push(NameEntry {
            key_start: self.keys.len() as u32,
            key_len: key.len() as u32,
            post_start: self.postings.len() as u32,
            post_len: 0,
        });
        self.keys.extend_from_slice(key);
    }

    /// Adds a posting to the last name pushed.
    pub fn push_posting(&mut self, posting: u32) {
        if let Some(entry) = self.names.last_mut() {
            self.postings.push(posting);
            entry.post_len += 1;
        }
    }
}

/// A place together with the name that found it, as [`Gazetteer::candidates`] yields them.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Candidate<'g> {
    pub place: &'g Place,
    /// True when the name looked up is the place's own name rather than an alternate.
    pub primary: bool,
    /// True when the name is an abbreviation of the place ("UK", "Calif.").
    pub abbreviation: bool,
}

impl Gazetteer {
    /// The gazetteer compiled into petrel, decoded on first use.
    pub fn builtin() -> &'static Gazetteer {
        static BUILTIN: OnceLock<Gazetteer> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            Gazetteer::from_bytes(BUILTIN_BYTES, "<builtin gazetteer>")
                .expect("the committed gazetteer.bin decodes; a unit test checks it")
        })
    }

    /// A gazetteer from places and, for each, the names it goes by besides its own.
    ///
    /// Names are normalised here; a place's own name is always indexed.
    pub fn from_places(
        mut places: Vec<Place>,
        countries: Vec<CountryCode>,
        alternate_names: Vec<Vec<String>>,
    ) -> Gazetteer {
        // Coordinates at the file's resolution, so that a built and a decoded gazetteer are equal.
        for place in &mut places {
            place.lat = crate::format::at_file_resolution(place.lat);
            place.lon = crate::format::at_file_resolution(place.lon);
        }
        let mut by_key: HashMap<String, Vec<u32>> = HashMap::new();
        for (index, place) in places.iter().enumerate() {
            let index = index as u32;
            let own = normalize(&place.name);
            let mut seen: Vec<String> = Vec::new();
            if !own.is_empty() {
                by_key
                    .entry(own.clone())
                    .or_default()
                    .push(index << POSTING_SHIFT | PRIMARY_BIT);
                seen.push(own);
            }
            for alternate in alternate_names.get(index as usize).into_iter().flatten() {
                let key = normalize(alternate);
                if key.is_empty() || seen.contains(&key) {
                    continue;
                }
                let flag = if is_abbreviation(alternate) {
                    ABBREVIATION_BIT
                } else {
                    0
                };
                by_key
                    .entry(key.clone())
                    .or_default()
                    .push(index << POSTING_SHIFT | flag);
                seen.push(key);
            }
        }
        let mut names: Vec<(String, Vec<u32>)> = by_key.into_iter().collect();
        // Sorted so that the file is the same on every run.
        names.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut table = NameTable::with_capacity(names.len());
        for (key, postings) in names {
            table.push_name(key.as_bytes());
            for posting in postings {
                table.push_posting(posting);
            }
        }
        Gazetteer::assemble(places, countries, table)
    }

    /// Puts decoded or freshly built parts together and builds the hash table.
    pub(crate) fn assemble(
        mut places: Vec<Place>,
        mut countries: Vec<CountryCode>,
        table: NameTable,
    ) -> Gazetteer {
        countries.sort();
        countries.dedup();
        fill_admin1_names(&mut places);
        let mut country_places = HashMap::new();
        for (index, place) in places.iter().enumerate() {
            if let (PlaceKind::Country, Some(code)) = (place.kind, place.country) {
                country_places.entry(code).or_insert(index as u32);
            }
        }
        let NameTable {
            keys,
            names,
            postings,
        } = table;
        let capacity = (names.len() * 4 / 3 + 1).next_power_of_two();
        let mut slots = vec![0u32; capacity];
        let mask = capacity - 1;
        for (index, entry) in names.iter().enumerate() {
            let key = key_bytes(&keys, entry);
            let mut slot = (fnv1a(key) as usize) & mask;
            while slots.get(slot).is_some_and(|&s| s != 0) {
                slot = (slot + 1) & mask;
            }
            if let Some(s) = slots.get_mut(slot) {
                *s = index as u32 + 1;
            }
        }
        Gazetteer {
            places,
            countries,
            country_places,
            keys,
            names,
            postings,
            slots,
        }
    }

    /// Decodes a gazetteer file's bytes; `origin` names it in errors.
    pub fn from_bytes(bytes: &[u8], origin: &str) -> Result<Gazetteer, GeoError> {
        format::decode(bytes, origin)
    }

    /// The gazetteer in petrel's compact binary format.
    pub fn to_bytes(&self) -> Vec<u8> {
        format::encode(self)
    }

    /// Reads a gazetteer file written by [`Gazetteer::write`].
    pub fn read(path: &Path) -> Result<Gazetteer, GeoError> {
        let bytes = std::fs::read(path).map_err(|source| GeoError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Gazetteer::from_bytes(&bytes, &path.display().to_string())
    }

    /// Writes the gazetteer to `path` in petrel's compact binary format.
    pub fn write(&self, path: &Path) -> Result<(), GeoError> {
        std::fs::write(path, self.to_bytes()).map_err(|source| GeoError::Io {
            path: path.to_path_buf(),
            source,
        })
    }

    pub fn places(&self) -> &[Place] {
        &self.places
    }

    pub fn countries(&self) -> &[CountryCode] {
        &self.countries
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// The number of distinct normalised names in the index.
    pub fn name_count(&self) -> usize {
        self.names.len()
    }

    /// The country with alpha-2 or alpha-3 code `code` (any case).
    pub fn country_code(&self, code: &str) -> Option<CountryCode> {
        self.countries.iter().copied().find(|c| c.matches(code))
    }

    /// Like [`Gazetteer::country_code`], with an error naming the unknown code.
    pub fn try_country_code(&self, code: &str) -> Result<CountryCode, GeoError> {
        self.country_code(code)
            .ok_or_else(|| GeoError::UnknownCountry(code.chars().take(16).collect()))
    }

    /// The country's own entry.
    pub fn country(&self, code: CountryCode) -> Option<&Place> {
        let index = *self.country_places.get(&code)?;
        self.places.get(index as usize)
    }

    /// The places `name` may mean, most likely first; with `country` (an ISO alpha-2 or alpha-3
    /// code) only those in that country. Likelihood here knows nothing of the story: it weighs
    /// population, the kind of place and whether `name` is the place's own name.
    ///
    /// ```
    /// let gazetteer = petrel_geo::Gazetteer::builtin();
    /// let paris = gazetteer.lookup("Paris", None);
    /// assert_eq!(paris[0].country.map(|c| c.iso3().to_string()).as_deref(), Some("FRA"));
    /// let texas = gazetteer.lookup("Paris", Some("US"));
    /// assert_eq!(texas[0].admin1.as_deref(), Some("Texas"));
    /// ```
    pub fn lookup(&self, name: &str, country: Option<&str>) -> Vec<&Place> {
        let mut found: Vec<(f64, &Place)> = self
            .candidates(&normalize(name))
            .filter(|c| match country {
                Some(code) => c.place.country.is_some_and(|cc| cc.matches(code)),
                None => true,
            })
            .map(|c| (prior(c), c.place))
            .collect();
        found.sort_by(|a, b| b.0.total_cmp(&a.0));
        found.into_iter().map(|(_, place)| place).collect()
    }

    /// Every place indexed under the normalised name `key`.
    pub(crate) fn candidates<'g>(&'g self, key: &str) -> impl Iterator<Item = Candidate<'g>> + 'g {
        let postings = self
            .find(key.as_bytes())
            .and_then(|e| {
                let start = e.post_start as usize;
                self.postings.get(start..start + e.post_len as usize)
            })
            .unwrap_or(&[]);
        postings.iter().filter_map(move |&posting| {
            let place = self.places.get((posting >> POSTING_SHIFT) as usize)?;
            Some(Candidate {
                place,
                primary: posting & PRIMARY_BIT != 0,
                abbreviation: posting & ABBREVIATION_BIT != 0,
            })
        })
    }

    /// True when some place goes by the normalised name `key`.
    pub(crate) fn knows(&self, key: &str) -> bool {
        self.find(key.as_bytes()).is_some()
    }

    fn find(&self, key: &[u8]) -> Option<&NameEntry> {
        let mask = self.slots.len().checked_sub(1)?;
        let mut slot = (fnv1a(key) as usize) & mask;
        loop {
            let entry = match *self.slots.get(slot)? {
                0 => return None,
                n => self.names.get(n as usize - 1)?,
            };
            if key_bytes(&self.keys, entry) == key {
                return Some(entry);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// The index's names with their postings, in file order.
    pub(crate) fn indexed_names(&self) -> impl Iterator<Item = (&[u8], &[u32])> + '_ {
        self.names.iter().map(|e| {
            let start = e.post_start as usize;
            let postings = self
                .postings
                .get(start..start + e.post_len as usize)
                .unwrap_or(&[]);
            (key_bytes(&self.keys, e), postings)
        })
    }
}

/// How likely a place is to be meant by a name, before the story is known: log population,
/// plus a bonus for the kinds of place news names by themselves.
pub(crate) fn prior(candidate: Candidate<'_>) -> f64 {
    let place = candidate.place;
    let log_population = (place.population as f64 + 10.0).log10();
    let mut score = match place.kind {
        // A name shared by a country and a town almost always means the country in news.
        PlaceKind::Country => log_population + 3.0,
        PlaceKind::Continent => log_population + 2.0,
        PlaceKind::City => log_population,
        // Regions count as a city of a million: "Washington" and "New York" mean the cities,
        // "Georgia" the country unless the story is American. Regions' populations are unknown
        // or summed from overlapping GeoNames entries, so they are not used.
        PlaceKind::Region => 6.0,
        // petrel's own entries have no population; they are named for being prominent.
        PlaceKind::Sea | PlaceKind::Island | PlaceKind::Territory => 6.5,
    };
    if place.capital {
        score += 1.0;
    }
    if candidate.primary {
        score += 0.5;
    }
    score
}

/// Fills each place's `admin1` from the region entry with the same country and division code,
/// so that the file stores region names once.
fn fill_admin1_names(places: &mut [Place]) {
    let mut regions: HashMap<(Option<CountryCode>, String), String> = HashMap::new();
    for place in places.iter() {
        if let (PlaceKind::Region, Some(code)) = (place.kind, &place.admin1_code) {
            regions.insert((place.country, code.clone()), place.name.clone());
        }
    }
    if regions.is_empty() {
        return;
    }
    // Keyed per country first, so that most places cost one small lookup and no allocation.
    let countries: std::collections::HashSet<Option<CountryCode>> =
        regions.keys().map(|(country, _)| *country).collect();
    for place in places.iter_mut() {
        if place.admin1.is_some() || !countries.contains(&place.country) {
            continue;
        }
        if let Some(code) = &place.admin1_code {
            place.admin1 = regions.get(&(place.country, code.clone())).cloned();
        }
    }
}

/// Whether a name is written as an abbreviation: a short all-capital word ("US", "DRC") or one
/// ending in a dot ("Calif.", "N.Y.").
pub(crate) fn is_abbreviation(name: &str) -> bool {
    let short_capitals = name.chars().count() <= 4
        && name.chars().all(|c| c.is_ascii_uppercase() || c == '.')
        && name.chars().any(|c| c.is_ascii_uppercase());
    short_capitals || (name.ends_with('.') && name.chars().count() <= 8)
}

fn key_bytes<'k>(keys: &'k [u8], entry: &NameEntry) -> &'k [u8] {
    let start = entry.key_start as usize;
    keys.get(start..start + entry.key_len as usize)
        .unwrap_or(&[])
}

/// FNV-1a: fast on short keys, and stable, so the table is the same on every run.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    fn city(name: &str, iso2: &str, iso3: &str, population: u64) -> Place {
        Place {
            name: name.to_string(),
            kind: PlaceKind::City,
            country: CountryCode::new(iso2, iso3),
            admin1_code: None,
            admin1: None,
            lat: 0.0,
            lon: 0.0,
            geonameid: None,
            population,
            capital: false,
        }
    }

    fn small() -> Gazetteer {
        let fr = CountryCode::new("FR", "FRA").into_iter();
        let us = CountryCode::new("US", "USA").into_iter();
        Gazetteer::from_places(
            vec![
                city("Paris", "US", "USA", 25_000),
                city("Paris", "FR", "FRA", 2_100_000),
                city("São Paulo", "BR", "BRA", 12_000_000),
            ],
            fr.chain(us).collect(),
            vec![
                vec![],
                vec!["Lutetia".to_string(), "PARIS".to_string()],
                vec![],
            ],
        )
    }

    #[test]
    fn lookup_ranks_by_population_and_filters_by_country() {
        let g = small();
        let found = g.lookup("paris", None);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].population, 2_100_000);
        let us = g.lookup("Paris", Some("USA"));
        assert_eq!(us.len(), 1);
        assert_eq!(us[0].population, 25_000);
    }

    #[test]
    fn alternate_and_folded_names_are_found() {
        let g = small();
        assert_eq!(g.lookup("Lutetia", None).len(), 1);
        assert_eq!(g.lookup("SAO PAULO", None).len(), 1);
        assert!(g.lookup("Qzxwvlandia", None).is_empty());
        assert!(g.lookup("", None).is_empty());
    }

    #[test]
    fn country_codes_resolve_both_ways() {
        let g = small();
        assert_eq!(
            g.country_code("fra")
                .map(|c| c.iso2().to_string())
                .as_deref(),
            Some("FR")
        );
        assert!(g.country_code("XX").is_none());
        assert!(matches!(
            g.try_country_code("XYZ"),
            Err(GeoError::UnknownCountry(_))
        ));
    }

    #[test]
    fn an_empty_gazetteer_finds_nothing() {
        let g = Gazetteer::from_places(Vec::new(), Vec::new(), Vec::new());
        assert!(g.is_empty());
        assert!(g.lookup("Paris", None).is_empty());
    }
}

#[cfg(test)]
mod builtin_tests {
    use super::*;
    use crate::own_places::{self, OwnEntry};

    #[test]
    fn the_builtin_gazetteer_decodes_with_every_part() {
        let g = Gazetteer::builtin();
        assert!(g.len() > 100_000, "{} places", g.len());
        assert!(g.countries().len() > 240);
        let kinds: std::collections::HashSet<PlaceKind> =
            g.places().iter().map(|p| p.kind).collect();
        assert_eq!(kinds.len(), PlaceKind::ALL.len());
        let ukraine = g
            .country_code("UKR")
            .and_then(|c| g.country(c))
            .map(|p| p.name.as_str());
        assert_eq!(ukraine, Some("Ukraine"));
    }

    #[test]
    fn the_builtin_gazetteer_holds_every_own_entry() {
        // Fails when data/own-places.tsv changed without regenerating data/gazetteer.bin.
        let g = Gazetteer::builtin();
        let own = own_places::parse(own_places::OWN_PLACES, own_places::OWN_PLACES_PATH)
            .expect("own-places.tsv parses");
        for entry in own {
            let (name, line) = match &entry {
                OwnEntry::Place { place, line, .. } => (place.name.as_str(), *line),
                OwnEntry::Alias { name, line, .. } => (name.as_str(), *line),
            };
            assert!(
                !g.lookup(name, None).is_empty(),
                "own-places.tsv:{line}: {name:?} missing; regenerate gazetteer.bin"
            );
        }
    }

    #[test]
    fn news_names_resolve_to_the_expected_place() {
        let g = Gazetteer::builtin();
        let top = |name: &str| {
            g.lookup(name, None)
                .first()
                .map(|p| (p.name.clone(), p.kind))
        };
        assert_eq!(top("Kiev"), Some(("Kyiv".to_string(), PlaceKind::City)));
        assert_eq!(
            top("Northern Territories"),
            Some(("Kuril Islands".to_string(), PlaceKind::Island))
        );
        assert_eq!(top("Washington").map(|t| t.1), Some(PlaceKind::City));
        assert_eq!(top("Georgia").map(|t| t.1), Some(PlaceKind::Country));
        assert_eq!(top("UK").map(|t| t.0), Some("United Kingdom".to_string()));
        let kyiv = g.lookup("Kyiv", Some("UA"));
        assert!(kyiv[0].capital);
        assert_eq!(kyiv[0].geonameid, Some(703448));
    }
}
