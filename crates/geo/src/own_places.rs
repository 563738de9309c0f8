//! petrel's own place list: seas, islands, regions and disputed areas GeoNames' package lacks,
//! and the short names news uses for countries and cities ("UK", "Kiev").
//!
//! One entry a line, fields separated by tabs, `#` starts a comment line:
//!
//! ```text
//! territory<TAB>Crimea<TAB>UA<TAB>45.3<TAB>34.4<TAB>Crimean Peninsula; the Crimea
//! sea<TAB>South China Sea<TAB>-<TAB>12.0<TAB>113.0
//! alias<TAB>Britain<TAB>GB
//! alias<TAB>Kiev<TAB>703448
//! ```
//!
//! A place line is kind, name, country (ISO alpha-2, `-` for none), latitude, longitude and
//! optional alternate names separated by `;`. An alias line gives another name to a country
//! (alpha-2 code) or a GeoNames place (its id). Coordinates are approximate centres, written by
//! us.

use crate::place::{Place, PlaceKind};
use crate::GeoError;

/// The list compiled into petrel, so that `petrel geo build` needs only the GeoNames folder.
pub(crate) const OWN_PLACES: &str = include_str!("../data/own-places.tsv");
pub(crate) const OWN_PLACES_PATH: &str = "crates/geo/data/own-places.tsv";

/// What an alias names.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Target {
    Country(String),
    GeonameId(u32),
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum OwnEntry {
    Place {
        /// The place, its `country` still unset: the build fills it from countries.json.
        place: Place,
        /// The alpha-2 code of the line, `None` for `-`.
        iso2: Option<String>,
        alternates: Vec<String>,
        line: usize,
    },
    Alias {
        name: String,
        target: Target,
        line: usize,
    },
}

pub(crate) fn error(line: usize, what: &str) -> GeoError {
    GeoError::PlaceList {
        path: OWN_PLACES_PATH.to_string(),
        line,
        what: what.to_string(),
    }
}

/// Parses the list; `path` names it in errors.
pub(crate) fn parse(text: &str, path: &str) -> Result<Vec<OwnEntry>, GeoError> {
    let fail = |line: usize, what: String| GeoError::PlaceList {
        path: path.to_string(),
        line,
        what,
    };
    let mut entries = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let raw = raw.trim_end_matches('\r');
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = raw.split('\t').map(str::trim).collect();
        let field = |i: usize| fields.get(i).copied().unwrap_or("");
        if field(0) == "alias" {
            let name = field(1);
            let target_text = field(2);
            if name.is_empty() || target_text.is_empty() {
                return Err(fail(line, "alias needs a name and a target".into()));
            }
            let target = match target_text.parse::<u32>() {
                Ok(id) => Target::GeonameId(id),
                Err(_) if is_iso2(target_text) => Target::Country(target_text.to_string()),
                Err(_) => {
                    return Err(fail(
                        line,
                        format!(
                        "alias target {target_text:?} is neither an alpha-2 code nor a geonameid"
                    ),
                    ))
                }
            };
            entries.push(OwnEntry::Alias {
                name: name.to_string(),
                target,
                line,
            });
            continue;
        }
        let kind = PlaceKind::parse(field(0))
            .filter(|k| !matches!(k, PlaceKind::Continent | PlaceKind::Country))
            .ok_or_else(|| {
                fail(
                    line,
                    format!(
                        "unknown kind {:?}; use alias, region, city, sea, island or territory",
                        field(0)
                    ),
                )
            })?;
        let name = field(1);
        if name.is_empty() {
            return Err(fail(line, "place has no name".into()));
        }
        let iso2 = match field(2) {
            "-" => None,
            code if is_iso2(code) => Some(code.to_string()),
            code => {
                return Err(fail(
                    line,
                    format!("country {code:?} is not an alpha-2 code or -"),
                ))
            }
        };
        let degrees = |i: usize, limit: f64| {
            field(i)
                .parse::<f64>()
                .ok()
                .filter(|d| d.abs() <= limit)
                .ok_or_else(|| {
                    fail(
                        line,
                        format!("coordinate {:?} is not a number within ±{limit}", field(i)),
                    )
                })
        };
        let lat = degrees(3, 90.0)?;
        let lon = degrees(4, 180.0)?;
        let alternates = field(5)
            .split(';')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_string)
            .collect();
        entries.push(OwnEntry::Place {
            place: Place {
                name: name.to_string(),
                kind,
                country: None,
                admin1_code: None,
                admin1: None,
                lat,
                lon,
                geonameid: None,
                population: 0,
                capital: false,
            },
            iso2,
            alternates,
            line,
        });
    }
    Ok(entries)
}

fn is_iso2(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_list_parses() {
        let entries = parse(OWN_PLACES, OWN_PLACES_PATH).expect("own-places.tsv is valid");
        assert!(entries.len() > 100, "{}", entries.len());
        let crimea = entries
            .iter()
            .any(|e| matches!(e, OwnEntry::Place { place, .. } if place.name == "Crimea"));
        assert!(crimea);
    }

    #[test]
    fn places_and_aliases_parse() {
        let text = "# comment\n\nterritory\tCrimea\tUA\t45.3\t34.4\tCrimean Peninsula; the Crimea\r\nsea\tRed Sea\t-\t20\t38.5\nalias\tKiev\t703448\nalias\tBritain\tGB\n";
        let entries = parse(text, "t.tsv").expect("valid");
        assert_eq!(entries.len(), 4);
        match &entries[0] {
            OwnEntry::Place {
                place,
                alternates,
                line,
                ..
            } => {
                assert_eq!(place.kind, PlaceKind::Territory);
                assert_eq!(alternates, &["Crimean Peninsula", "the Crimea"]);
                assert_eq!(*line, 3);
            }
            other => panic!("expected a place, got {other:?}"),
        }
        assert!(matches!(&entries[1], OwnEntry::Place { iso2: None, .. }));
        assert!(matches!(
            &entries[2],
            OwnEntry::Alias {
                target: Target::GeonameId(703448),
                ..
            }
        ));
        assert!(
            matches!(&entries[3], OwnEntry::Alias { target: Target::Country(c), .. } if c == "GB")
        );
    }

    #[test]
    fn errors_name_the_line() {
        let err = parse("sea\tRed Sea\t-\tnorth\t38\n", "t.tsv").unwrap_err();
        assert!(
            err.to_string().starts_with("t.tsv:1: coordinate \"north\""),
            "{err}"
        );
        let err = parse("# c\nvolcano\tEtna\tIT\t37.7\t15\n", "t.tsv").unwrap_err();
        assert!(
            err.to_string().starts_with("t.tsv:2: unknown kind"),
            "{err}"
        );
        let err = parse("alias\tUK\tUnited Kingdom\n", "t.tsv").unwrap_err();
        assert!(err.to_string().contains("neither an alpha-2 code"), "{err}");
        let err = parse("city\tX\tusa\t1\t1\n", "t.tsv").unwrap_err();
        assert!(err.to_string().contains("not an alpha-2 code"), "{err}");
    }
}
