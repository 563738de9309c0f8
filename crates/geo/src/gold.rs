//! Geoparsing gold sets in the GeoVirus XML layout, and scoring a geoparser against one.
//!
//! A gold file holds `<article>`s, each with a `<text>` and `<locations>`: every toponym's
//! name, its character span in the text, and the latitude and longitude of the place meant
//! (Gritta et al., "A Pragmatic Guide to Geoparsing Evaluation"). [`read_geovirus`] reads that
//! layout with a small reader of its own (the layout is fixed and flat, so no XML library is
//! needed); [`score`] compares predicted places with the gold ones as the field does: a toponym
//! is found when a prediction overlaps its span, and resolved right when the predicted point lies
//! within 161 km (100 miles) of the gold point.

use crate::GeoError;

/// A file larger than this is refused before it is read: GeoVirus is under 2 MB.
pub const MAX_GOLD_BYTES: u64 = 256 * 1024 * 1024;
/// The radius within which a resolution counts as right (100 miles).
pub const ACCURACY_KM: f64 = 161.0;
/// A resolution within this distance of the gold point is an exact match (GeoVirus gives
/// Wikipedia coordinates, not GeoNames ids, so the same place differs by a few kilometres).
pub const EXACT_KM: f64 = 10.0;

/// One gold toponym: its name, character span (Unicode scalar values, end exclusive) and point.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldToponym {
    pub name: String,
    pub start: usize,
    pub end: usize,
    pub lat: f64,
    pub lon: f64,
    /// The Wikipedia page of the place meant (`<page>`), empty when the file gives none.
    pub page: String,
    /// The line of its `<location>` in the gold file.
    pub line: usize,
}

/// One article of a gold file.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldArticle {
    /// The line of its `<article>`.
    pub line: usize,
    pub text: String,
    pub toponyms: Vec<GoldToponym>,
}

/// A place a geoparser found: a character span of the article and the point it chose.
#[derive(Clone, Debug, PartialEq)]
pub struct PredictedPlace {
    pub start: usize,
    pub end: usize,
    pub lat: f64,
    pub lon: f64,
}

/// How a geoparser did on a set of articles.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GeoScore {
    pub articles: usize,
    pub gold: usize,
    /// Gold toponyms with an overlapping prediction.
    pub found: usize,
    /// Found toponyms whose predicted point is within [`ACCURACY_KM`] of the gold one.
    pub within_161: usize,
    /// Found toponyms whose predicted point is within [`EXACT_KM`].
    pub exact: usize,
    /// Predictions overlapping no gold toponym (not all are wrong: gold sets skip some places).
    pub unmatched_predictions: usize,
    /// The error of each found toponym in km, sorted.
    pub errors_km: Vec<f64>,
}

impl GeoScore {
    pub fn found_share(&self) -> f64 {
        share(self.found, self.gold)
    }
    pub fn acc161_found(&self) -> f64 {
        share(self.within_161, self.found)
    }
    pub fn acc161_all(&self) -> f64 {
        share(self.within_161, self.gold)
    }
    pub fn exact_found(&self) -> f64 {
        share(self.exact, self.found)
    }
    pub fn exact_all(&self) -> f64 {
        share(self.exact, self.gold)
    }
    /// Mean error over the found toponyms, in km.
    pub fn mean_error_km(&self) -> f64 {
        if self.errors_km.is_empty() {
            return 0.0;
        }
        self.errors_km.iter().sum::<f64>() / self.errors_km.len() as f64
    }
    pub fn median_error_km(&self) -> f64 {
        let n = self.errors_km.len();
        match n {
            0 => 0.0,
            _ if n % 2 == 1 => self.errors_km.get(n / 2).copied().unwrap_or(0.0),
            _ => {
                let a = self.errors_km.get(n / 2 - 1).copied().unwrap_or(0.0);
                let b = self.errors_km.get(n / 2).copied().unwrap_or(0.0);
                (a + b) / 2.0
            }
        }
    }

    /// Adds one article's gold toponyms and predictions. Each gold toponym takes the
    /// prediction overlapping it most (the first on a tie).
    pub fn add(&mut self, gold: &[GoldToponym], predicted: &[PredictedPlace]) {
        self.articles += 1;
        let mut used = vec![false; predicted.len()];
        for g in gold {
            self.gold += 1;
            let Some(i) = best_match(g, predicted) else {
                continue;
            };
            if let Some(u) = used.get_mut(i) {
                *u = true;
            }
            let Some(p) = predicted.get(i) else {
                continue;
            };
            self.found += 1;
            let km = distance_km(g.lat, g.lon, p.lat, p.lon);
            if km <= ACCURACY_KM {
                self.within_161 += 1;
            }
            if km <= EXACT_KM {
                self.exact += 1;
            }
            self.errors_km.push(km);
        }
        self.unmatched_predictions += used.iter().filter(|u| !**u).count();
        self.errors_km.sort_by(f64::total_cmp);
    }
}

/// The prediction that overlaps gold toponym `g` most (the first on a tie), if any overlaps.
pub fn best_match(g: &GoldToponym, predicted: &[PredictedPlace]) -> Option<usize> {
    predicted
        .iter()
        .enumerate()
        .map(|(i, p)| (i, overlap(g.start, g.end, p.start, p.end)))
        .filter(|(_, o)| *o > 0)
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(i, _)| i)
}

/// Scores predictions (one list per article, in article order) against a gold set.
pub fn score(articles: &[GoldArticle], predictions: &[Vec<PredictedPlace>]) -> GeoScore {
    let mut score = GeoScore::default();
    for (article, predicted) in articles.iter().zip(predictions) {
        score.add(&article.toponyms, predicted);
    }
    score
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

fn overlap(a_start: usize, a_end: usize, b_start: usize, b_end: usize) -> usize {
    a_end.min(b_end).saturating_sub(a_start.max(b_start))
}

/// Great-circle distance between two points in km (haversine, mean Earth radius).
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * a.sqrt().min(1.0).asin()
}

/// Reads a gold file in the GeoVirus layout; `origin` names it in errors.
///
/// Comments are skipped. Spans are checked against the text: GeoVirus' spans start one
/// character after the name they mark, so a span whose text is not the name but which names it
/// one or two characters earlier or later is moved there; [`GoldToponym::start`] and `end` are
/// then offsets into [`GoldArticle::text`].
pub fn read_geovirus(xml: &str, origin: &str) -> Result<Vec<GoldArticle>, GeoError> {
    let xml = &blank_comments(xml);
    let err = |offset: usize, what: String| GeoError::Gold {
        path: origin.to_string(),
        line: line_at(xml, offset),
        what,
    };
    let mut articles = Vec::new();
    let mut at = 0;
    while let Some(open) = find_from(xml, "<article>", at) {
        let close = find_from(xml, "</article>", open)
            .ok_or_else(|| err(open, "<article> is never closed".into()))?;
        let body = xml.get(open..close).unwrap_or("");
        let text =
            element(body, "text", 0).ok_or_else(|| err(open, "article without <text>".into()))?;
        let text = unescape(text.1);
        let mut toponyms = Vec::new();
        let mut from = 0;
        while let Some((start_in_body, location)) = element(body, "location", from) {
            let offset = open + start_in_body;
            let field = |name: &str| -> Result<String, GeoError> {
                element(location, name, 0)
                    .map(|(_, v)| unescape(v.trim()))
                    .ok_or_else(|| err(offset, format!("<location> without <{name}>")))
            };
            let number = |name: &str| -> Result<f64, GeoError> {
                let value = field(name)?;
                value
                    .parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| err(offset, format!("<{name}> {value:?} is not a number")))
            };
            let start = number("start")?;
            let end = number("end")?;
            let (lat, lon) = (number("lat")?, number("lon")?);
            if !(0.0..=1e9).contains(&start) || end < start || end > 1e9 {
                return Err(err(offset, format!("span {start}..{end} is not a span")));
            }
            if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                return Err(err(offset, format!("point {lat}, {lon} is off the globe")));
            }
            let name = field("name")?;
            let (start, end) = aligned(&text, &name, start as usize, end as usize);
            toponyms.push(GoldToponym {
                name,
                start,
                end,
                lat,
                lon,
                page: element(location, "page", 0)
                    .map(|(_, v)| unescape(v.trim()))
                    .unwrap_or_default(),
                line: line_at(xml, offset),
            });
            from = start_in_body + location.len() + "<location>".len();
        }
        articles.push(GoldArticle {
            line: line_at(xml, open),
            text,
            toponyms,
        });
        at = close;
    }
    if articles.is_empty() {
        return Err(GeoError::Gold {
            path: origin.to_string(),
            line: 1,
            what: "no <article> found".into(),
        });
    }
    Ok(articles)
}

/// The span moved by up to two characters to where the text reads `name`, if it does not there.
fn aligned(text: &str, name: &str, start: usize, end: usize) -> (usize, usize) {
    let reads = |s: usize, e: usize| {
        e.checked_sub(s)
            .is_some_and(|len| len == name.chars().count())
            && text.chars().skip(s).take(e - s).eq(name.chars())
    };
    if reads(start, end) {
        return (start, end);
    }
    for shift in [-1i64, 1, -2, 2] {
        let (s, e) = (start as i64 + shift, end as i64 + shift);
        if s >= 0 && reads(s as usize, e as usize) {
            return (s as usize, e as usize);
        }
    }
    (start, end)
}

/// The text with every `<!-- ... -->` blanked out, newlines kept so that lines still count.
fn blank_comments(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(open) = rest.find("<!--") {
        out.push_str(rest.get(..open).unwrap_or(""));
        let after = rest.get(open..).unwrap_or("");
        let len = after.find("-->").map_or(after.len(), |c| c + 3);
        let comment = after.get(..len).unwrap_or("");
        out.extend(comment.chars().map(|c| if c == '\n' { '\n' } else { ' ' }));
        rest = after.get(len..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// The content of the first `<tag>...</tag>` at or after `from`, with the offset of `<tag>`.
fn element<'x>(xml: &'x str, tag: &str, from: usize) -> Option<(usize, &'x str)> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let start = find_from(xml, &open, from)?;
    let content = start + open.len();
    let end = find_from(xml, &close, content)?;
    Some((start, xml.get(content..end)?))
}

fn find_from(text: &str, needle: &str, from: usize) -> Option<usize> {
    text.get(from..)?.find(needle).map(|i| i + from)
}

fn line_at(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()
        .get(..end)
        .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count())
        + 1
}

/// XML's five named entities and numeric character references.
fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or(""));
        let after = rest.get(amp..).unwrap_or("");
        let entity = after.find(';').filter(|&e| e <= 10).and_then(|e| {
            let name = after.get(1..e)?;
            let ch = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                _ => {
                    let code = match name.strip_prefix("#x") {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => name.strip_prefix('#')?.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((ch, e + 1))
        });
        match entity {
            Some((ch, len)) => {
                out.push(ch);
                rest = after.get(len..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = after.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "<articles>\n<article>\n<source>x</source>\n<text>Flu in Paris &amp; Lyon.</text>\n<locations>\n<location>\n<name>Paris</name><start>7</start><end>12</end><lat>48.86</lat><lon>2.35</lon>\n</location>\n<location>\n<name>Lyon</name><start>15</start><end>19</end><lat>45.76</lat><lon>4.84</lon>\n</location>\n</locations>\n</article>\n</articles>\n";

    #[test]
    fn reads_articles_spans_and_points() {
        let articles = read_geovirus(SAMPLE, "s.xml").expect("sample parses");
        assert_eq!(articles.len(), 1);
        let a = &articles[0];
        assert_eq!(a.text, "Flu in Paris & Lyon.");
        assert_eq!(a.toponyms.len(), 2);
        assert_eq!((a.toponyms[1].start, a.toponyms[1].end), (15, 19));
        assert_eq!(a.toponyms[0].line, 6);
    }

    #[test]
    fn bad_numbers_name_the_line() {
        let bad = SAMPLE.replace("<lat>48.86</lat>", "<lat>north</lat>");
        let err = read_geovirus(&bad, "s.xml").unwrap_err().to_string();
        assert!(
            err.starts_with("s.xml:6: <lat> \"north\" is not a number"),
            "{err}"
        );
        let err = read_geovirus("<articles/>", "e.xml")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("e.xml:1: no <article> found"), "{err}");
        let err = read_geovirus("<article><text>x</text>", "o.xml")
            .unwrap_err()
            .to_string();
        assert!(err.contains("never closed"), "{err}");
    }

    #[test]
    fn scoring_counts_found_near_and_exact() {
        let articles = read_geovirus(SAMPLE, "s.xml").expect("sample parses");
        let predicted = vec![vec![
            PredictedPlace {
                start: 7,
                end: 12,
                lat: 48.85,
                lon: 2.35,
            },
            // Lyon placed at Marseille: found, 280 km off.
            PredictedPlace {
                start: 15,
                end: 19,
                lat: 43.30,
                lon: 5.37,
            },
            PredictedPlace {
                start: 0,
                end: 3,
                lat: 0.0,
                lon: 0.0,
            },
        ]];
        let s = score(&articles, &predicted);
        assert_eq!((s.gold, s.found, s.within_161, s.exact), (2, 2, 1, 1));
        assert_eq!(s.unmatched_predictions, 1);
        assert!((s.acc161_all() - 0.5).abs() < 1e-9);
        assert!(s.median_error_km() > 100.0 && s.median_error_km() < 200.0);
        let none = score(&articles, &[Vec::new()]);
        assert_eq!((none.found, none.acc161_all()), (0, 0.0));
    }

    #[test]
    fn distances_are_great_circle_km() {
        let km = distance_km(48.8566, 2.3522, 51.5074, -0.1278);
        assert!((km - 343.5).abs() < 2.0, "{km}");
        assert!(distance_km(0.0, 179.9, 0.0, -179.9) < 23.0);
    }

    #[test]
    fn comments_are_skipped_and_shifted_spans_realigned() {
        let shifted = SAMPLE
            .replace(
                "<start>7</start><end>12</end>",
                "<start>8</start><end>13</end>",
            )
            .replace(
                "</articles>",
                "<!--<article>\n<text></text>\n</article>-->\n</articles>",
            );
        let articles = read_geovirus(&shifted, "s.xml").expect("parses");
        assert_eq!(articles.len(), 1);
        assert_eq!(
            (articles[0].toponyms[0].start, articles[0].toponyms[0].end),
            (7, 12)
        );
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(unescape("a &lt;b&gt; &#233;&#x41; & c"), "a <b> éA & c");
    }
}
