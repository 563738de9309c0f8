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

/// The record's values in [`COLUMNS`] order; absent values are empty.
pub fn row(r: &EventRecord) -> Vec<String> {
    let opt = |v: Option<&str>| v.unwrap_or("").to_string();
    vec![
        r.id.clone(),
        r.doc_id.clone(),
        r.sentence_index.to_string(),
        r.date.clone(),
        r.date_precision.clone(),
        r.source.code.clone(),
        opt(r.source.country.as_deref()),
        r.source.text.clone(),
        opt(r.target.as_ref().map(|t| t.code.as_str())),
        opt(r.target.as_ref().and_then(|t| t.country.as_deref())),
        opt(r.target.as_ref().map(|t| t.text.as_str())),
        r.cameo.clone(),
        opt(r.cameo_root.as_deref()),
        r.goldstein.to_string(),
        r.quad_class.to_string(),
        opt(r.plover.as_ref().map(|p| p.event)),
        opt(r.plover.as_ref().and_then(|p| p.mode)),
        r.modality.to_string(),
        r.trigger.text.clone(),
        opt(r.location.as_ref().map(|l| l.name.as_str())),
    ]
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
    fn tsv_never_breaks_a_row() {
        assert_eq!(tsv_line(&["a\tb".into(), "c\nd".into()]), "a b\tc d");
    }
}
