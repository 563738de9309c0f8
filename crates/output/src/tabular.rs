//! Flat layouts of the event record: CSV, TSV and a terminal table.

use crate::EventRecord;

/// The columns of the CSV and TSV layouts, in order.
pub const COLUMNS: [&str; 20] = [
    "id",
    "doc_id",
    "sentence_index",
    "date",
    "date_precision",
    "source_code",
    "source_country",
    "source_text",
    "target_code",
    "target_country",
    "target_text",
    "cameo",
    "cameo_root",
    "goldstein",
    "quad_class",
    "plover_event",
    "plover_mode",
    "modality",
    "trigger",
    "location",
];

/// What a column holds, for layouts that keep types (Arrow tables, Spark rows); CSV and TSV write
/// every value as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Int,
    Float,
}

/// The kind of each of [`COLUMNS`], in order.
pub const KINDS: [Kind; 20] = [
    Kind::Text,  // id
    Kind::Text,  // doc_id
    Kind::Int,   // sentence_index
    Kind::Text,  // date
    Kind::Text,  // date_precision
    Kind::Text,  // source_code
    Kind::Text,  // source_country
    Kind::Text,  // source_text
    Kind::Text,  // target_code
    Kind::Text,  // target_country
    Kind::Text,  // target_text
    Kind::Text,  // cameo
    Kind::Text,  // cameo_root
    Kind::Float, // goldstein
    Kind::Int,   // quad_class
    Kind::Text,  // plover_event
    Kind::Text,  // plover_mode
    Kind::Text,  // modality
    Kind::Text,  // trigger
    Kind::Text,  // location
];

/// One value of a flat row: typed, with absent values kept apart from empty text.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    Float(f32),
    Null,
}

impl Cell {
    /// The value as CSV and TSV write it; an absent value is empty.
    pub fn into_text(self) -> String {
        match self {
            Cell::Text(s) => s,
            Cell::Int(n) => n.to_string(),
            Cell::Float(x) => x.to_string(),
            Cell::Null => String::new(),
        }
    }
}

/// The record's values in [`COLUMNS`] order, typed as [`KINDS`] says; absent values are
/// [`Cell::Null`].
pub fn cells(r: &EventRecord) -> Vec<Cell> {
    let opt = |v: Option<&str>| v.map_or(Cell::Null, |s| Cell::Text(s.to_string()));
    let text = |s: &str| Cell::Text(s.to_string());
    vec![
        text(&r.id),
        text(&r.doc_id),
        Cell::Int(i64::try_from(r.sentence_index).unwrap_or(i64::MAX)),
        text(&r.date),
        text(&r.date_precision),
        text(&r.source.code),
        opt(r.source.country.as_deref()),
        text(&r.source.text),
        opt(r.target.as_ref().map(|t| t.code.as_str())),
        opt(r.target.as_ref().and_then(|t| t.country.as_deref())),
        opt(r.target.as_ref().map(|t| t.text.as_str())),
        text(&r.cameo),
        opt(r.cameo_root.as_deref()),
        Cell::Float(r.goldstein),
        Cell::Int(i64::from(r.quad_class)),
        opt(r.plover.as_ref().map(|p| p.event)),
        opt(r.plover.as_ref().and_then(|p| p.mode)),
        text(r.modality),
        text(&r.trigger.text),
        opt(r.location.as_ref().map(|l| l.name.as_str())),
    ]
}

/// The record's values in [`COLUMNS`] order; absent values are empty.
pub fn row(r: &EventRecord) -> Vec<String> {
    cells(r).into_iter().map(Cell::into_text).collect()
}

/// One CSV line (RFC 4180 quoting), without the line end.
pub fn csv_line(values: &[String]) -> String {
    values
        .iter()
        .map(|v| {
            if v.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", v.replace('"', "\"\""))
            } else {
                v.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// One TSV line; tabs and line breaks inside values become spaces, since TSV cannot quote.
pub fn tsv_line(values: &[String]) -> String {
    values
        .iter()
        .map(|v| v.replace(['\t', '\n', '\r'], " "))
        .collect::<Vec<_>>()
        .join("\t")
}

/// The Phoenix/PETRARCH column layout for existing users' scripts: id, date (YYYYMMDD), year,
/// month, day, source code, source country, source sectors, target code, target country, target
/// sectors, CAMEO code, root code, quad class, Goldstein, document id, location name, country,
/// latitude, longitude, sentence text.
pub fn phoenix_row(r: &EventRecord) -> Vec<String> {
    let date = r.date.replace('-', "");
    let (y, m, d) = (
        r.date.get(0..4).unwrap_or(""),
        r.date.get(5..7).unwrap_or(""),
        r.date.get(8..10).unwrap_or(""),
    );
    let loc = r.location.as_ref();
    vec![
        r.id.clone(),
        date,
        y.to_string(),
        m.to_string(),
        d.to_string(),
        r.source.code.clone(),
        r.source.country.clone().unwrap_or_default(),
        r.source.sectors.join(";"),
        r.target
            .as_ref()
            .map(|t| t.code.clone())
            .unwrap_or_default(),
        r.target
            .as_ref()
            .and_then(|t| t.country.clone())
            .unwrap_or_default(),
        r.target
            .as_ref()
            .map(|t| t.sectors.join(";"))
            .unwrap_or_default(),
        r.cameo.clone(),
        r.cameo_root.clone().unwrap_or_default(),
        r.quad_class.to_string(),
        r.goldstein.to_string(),
        r.doc_id.clone(),
        loc.map(|l| l.name.clone()).unwrap_or_default(),
        loc.and_then(|l| l.country.clone()).unwrap_or_default(),
        loc.map(|l| l.lat.to_string()).unwrap_or_default(),
        loc.map(|l| l.lon.to_string()).unwrap_or_default(),
        r.sentence_text.clone(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_when_needed() {
        let v = vec![
            "plain".to_string(),
            "a, b".to_string(),
            "say \"hi\"".to_string(),
        ];
        assert_eq!(csv_line(&v), "plain,\"a, b\",\"say \"\"hi\"\"\"");
    }

    #[test]
    fn kinds_match_the_cells() {
        let record = crate::record::tests::sample();
        let cells = cells(&record);
        assert_eq!(cells.len(), COLUMNS.len());
        for (cell, kind) in cells.iter().zip(KINDS) {
            let ok = matches!(
                (cell, kind),
                (Cell::Null, _)
                    | (Cell::Text(_), Kind::Text)
                    | (Cell::Int(_), Kind::Int)
                    | (Cell::Float(_), Kind::Float)
            );
            assert!(ok, "{cell:?} is not {kind:?}");
        }
        let row = row(&record);
        assert_eq!(row[2], "0");
        assert_eq!(row[8], "RUSGOV");
        assert_eq!(row[13], "1");
        assert_eq!(row[15], "");
    }

    #[test]
    fn tsv_never_breaks_a_row() {
        assert_eq!(tsv_line(&["a\tb".into(), "c\nd".into()]), "a b\tc d");
    }
}
