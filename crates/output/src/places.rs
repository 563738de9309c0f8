//! The wire records of `petrel geo --doc` (a story's place mentions) and `petrel eval geo`.

use serde::Serialize;

/// A gazetteer place on the wire.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlaceRecord {
    /// The GeoNames id; `null` for petrel's own entries (seas, disputed areas).
    pub geonameid: Option<u64>,
    pub name: String,
    /// `continent`, `country`, `region`, `city`, `sea`, `island` or `territory`.
    pub kind: String,
    /// ISO 3166-1 alpha-3.
    pub country: Option<String>,
    /// The first-order division's name, where petrel has it, else its code.
    pub admin1: Option<String>,
    pub lat: f64,
    pub lon: f64,
}

/// One place mention of a story.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlaceMentionRecord {
    pub doc_id: String,
    pub sentence_index: usize,
    pub text: String,
    /// Character offsets into the document text.
    pub start: usize,
    pub end: usize,
    /// `name`, `adjective` ("Turkish") or `in_name` ("the Washington Post").
    pub form: String,
    pub place: PlaceRecord,
    pub runner_up: Option<PlaceRecord>,
    /// 0 to 1.
    pub confidence: f64,
}

impl PlaceMentionRecord {
    pub fn to_json(&self) -> String {
        // Plain strings, numbers and options always serialise.
        serde_json::to_string(self).unwrap_or_else(|_| "{}".to_string())
    }
}

/// The scores of one part of a geoparsing gold set.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GeoScoreRecord {
    /// `all`, `tuning` or `frozen`.
    pub part: String,
    pub articles: usize,
    pub gold: usize,
    pub found: usize,
    pub found_share: f64,
    pub acc161_found: f64,
    pub acc161_all: f64,
    pub exact_found: f64,
    pub exact_all: f64,
    pub mean_error_km: f64,
    pub median_error_km: f64,
    pub unmatched_predictions: usize,
}

/// `petrel eval geo --json`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GeoEvalRecord {
    pub file: String,
    pub seconds: f64,
    pub parts: Vec<GeoScoreRecord>,
}

impl GeoEvalRecord {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".to_string())
    }
}
