//! The places of a story, resolved once for `petrel geo --doc`, `petrel code` and
//! `petrel eval geo`: one resolver, one story context.
//!
//! [`Pipeline::read_story`] tags and parses the sentences, codes the events, and resolves every
//! place mention with [`petrel_geo::Gazetteer::resolve_story`], whose context is the dateline and
//! the countries of the events' actors. `petrel code` locates each event among these same
//! mentions, so an event's `location` is the place `geo --doc` gives for that mention.

use crate::pipeline::Pipeline;
use petrel_core::{Date, Document, Event, Sentence};
use petrel_geo::gold::{
    best_match, distance_km, GeoScore, GoldArticle, GoldToponym, PredictedPlace, ACCURACY_KM,
};
use petrel_geo::{normalize, Gazetteer, MentionForm, Place, PlaceKind, StoryContext, StoryPlaces};
use petrel_output::places::{GeoScoreRecord, PlaceMentionRecord, PlaceRecord};
use rayon::prelude::*;

/// The gazetteer answering the coder which country a place name lies in (places as actors,
/// [`petrel_code::places`]).
pub struct GazetteerCountries(pub &'static Gazetteer);

/// A city must have this many people to stand for its country on its name alone.
const ACTOR_CITY_POPULATION: u64 = 100_000;

/// A city must have this many people to stand for its country by another name than its own.
const ACTOR_ALIAS_POPULATION: u64 = 1_000_000;

impl petrel_code::places::PlaceCountries for GazetteerCountries {
    fn country_of(&self, name: &str) -> Option<String> {
        let found = self.0.lookup(name, None);
        let top = *found.first()?;
        let country = top.country?;
        let weight = |p: &Place| match p.kind {
            PlaceKind::City => Some(p.population),
            PlaceKind::Region | PlaceKind::Territory | PlaceKind::Island => Some(u64::MAX),
            // Countries are the dictionaries' business; a continent or a sea is no actor.
            PlaceKind::Country | PlaceKind::Continent | PlaceKind::Sea => None,
        };
        let top_weight = weight(top)?;
        if top_weight < ACTOR_CITY_POPULATION {
            return None;
        }
        // Other languages' names of a place ("Hamas", "Londono") are words of English news;
        // only a big city is known by its other names ("Kiev", "Bombay").
        let own_name = petrel_geo::normalize(&top.name) == petrel_geo::normalize(name);
        let known_alias = top.kind == PlaceKind::City && top.population >= ACTOR_ALIAS_POPULATION;
        if !own_name && !known_alias {
            return None;
        }
        // A name shared by places of other countries of similar weight ("Punjab", "Victoria")
        // says no country.
        let shared = found.iter().skip(1).any(|p| {
            p.country.is_some_and(|c| c != country)
                && weight(p).is_some_and(|w| w >= top_weight / 4 || w >= ACTOR_CITY_POPULATION * 5)
        });
        (!shared).then(|| country.iso3().to_string())
    }
}

/// One part of a story as petrel reads it: the whole story, unless it is longer than
/// [`PART_BYTES`](crate::pipeline::PART_BYTES).
pub struct StoryReading {
    /// The story-wide index of the part's first sentence.
    pub first_sentence: usize,
    /// The part's annotated sentences (token spans index the whole story's text).
    pub sentences: Vec<Sentence>,
    /// The part's events; `sentence_index` counts the part's sentences.
    pub events: Vec<Event>,
    /// The part's place mentions, resolved in the story's context; `sentence` counts the part's
    /// sentences.
    pub places: StoryPlaces<'static>,
}

impl Pipeline {
    /// Annotates, codes and geoparses one story dated `date`, and hands each part to `each` in
    /// order; returns the number of parts. A story of at most
    /// [`PART_BYTES`](crate::pipeline::PART_BYTES) (nearly every news story) is one part, whose
    /// places are resolved with the whole story as context. A longer one is read part by part so
    /// that memory stays bounded: each part's places are resolved with the dateline, the actors
    /// and the places of the story so far, and an event repeated in a later part is dropped as it
    /// would be within one part.
    pub fn read_story(
        &self,
        doc: &Document,
        date: Date,
        mut each: impl FnMut(StoryReading),
    ) -> usize {
        let parts = crate::pipeline::parts(&doc.text, crate::pipeline::PART_BYTES);
        let several = parts.len() > 1;
        let mut context = story_context(self.gazetteer(), doc);
        let mut story_events: Vec<Event> = Vec::new();
        let mut first_sentence = 0;
        for part in &parts {
            let Some(text) = doc.text.get(part.clone()) else {
                continue;
            };
            let mut sentences = petrel_nlp::tokenize::sentences(text);
            for s in &mut sentences {
                crate::pipeline::shift(s, part.start);
                self.annotate(s);
            }
            let mut events = self.code_sentences(&sentences, date);
            if several {
                // The earlier parts' events are unique among themselves, so they all survive and
                // what follows them is this part's events that repeat none of them.
                let before = story_events.len();
                let mut all = std::mem::take(&mut story_events);
                all.append(&mut events);
                let mut survivors = petrel_code::dedup::dedup_story(all);
                events = survivors.split_off(before.min(survivors.len()));
                story_events = survivors;
                story_events.extend(events.iter().cloned());
            }
            let places = part_places(self.gazetteer(), &mut context, &sentences, &events);
            let count = sentences.len();
            each(StoryReading {
                first_sentence,
                sentences,
                events,
                places,
            });
            first_sentence += count;
        }
        parts.len()
    }
}

/// What is known of a story before its text is read: its dateline.
pub fn story_context(gazetteer: &'static Gazetteer, doc: &Document) -> StoryContext {
    let mut context = StoryContext::new();
    if let Some(dateline) = &doc.dateline {
        context.set_dateline(gazetteer, dateline);
    }
    context
}

/// The places of a story of one part in context: the dateline, then the countries of the
/// events' actors.
pub fn story_places(
    gazetteer: &'static Gazetteer,
    doc: &Document,
    sentences: &[Sentence],
    events: &[Event],
) -> StoryPlaces<'static> {
    let mut context = story_context(gazetteer, doc);
    part_places(gazetteer, &mut context, sentences, events)
}

/// The places of one part of a story: `context` (the dateline and what the earlier parts said)
/// gains the countries of the part's actors, resolves the part, and leaves with its places noted
/// for the next part.
pub fn part_places(
    gazetteer: &'static Gazetteer,
    context: &mut StoryContext,
    sentences: &[Sentence],
    events: &[Event],
) -> StoryPlaces<'static> {
    let actors = events
        .iter()
        .flat_map(|e| std::iter::once(&e.source).chain(e.target.as_ref()));
    for actor in actors {
        if let Some(code) = actor
            .country
            .as_deref()
            .and_then(|c| gazetteer.country_code(c))
        {
            context.add_country(code);
        }
    }
    let places = gazetteer.resolve_story(sentences, context);
    *context = places.context.clone();
    places
}

/// The wire form of a place.
pub fn place_record(place: &Place) -> PlaceRecord {
    PlaceRecord {
        geonameid: place.geonameid.map(u64::from),
        name: place.name.clone(),
        kind: place.kind.as_str().to_string(),
        country: place.country.map(|c| c.iso3().to_string()),
        admin1: place.admin1.clone().or_else(|| place.admin1_code.clone()),
        lat: place.lat,
        lon: place.lon,
    }
}

/// `petrel geo --doc`: every place mention of a story's part, with character offsets into the
/// story's text; `first_sentence` is the story-wide index of the part's first sentence.
pub fn mention_records(
    doc: &Document,
    places: &StoryPlaces<'_>,
    first_sentence: usize,
) -> Vec<PlaceMentionRecord> {
    let chars = CharIndex::new(&doc.text);
    places
        .mentions
        .iter()
        .map(|m| {
            let (start, end) = m
                .span
                .map_or((0, 0), |s| (chars.at(s.start), chars.at(s.end)));
            PlaceMentionRecord {
                doc_id: doc.id.clone(),
                sentence_index: first_sentence + m.sentence,
                text: m.text.clone(),
                start,
                end,
                form: m.form.as_str().to_string(),
                place: place_record(m.place),
                runner_up: m.runner_up.map(place_record),
                confidence: (m.confidence * 1000.0).round() / 1000.0,
            }
        })
        .collect()
}

/// The scores of `petrel eval geo`: the whole set, its tuning part and its frozen part.
#[derive(Clone, Debug, Default)]
pub struct GeoEval {
    pub all: GeoScore,
    /// Articles whose 0-based index is not 2 modulo 3: used to tune the resolver.
    pub tuning: GeoScore,
    /// Every third article (index 2 modulo 3): never read case by case, reported apart.
    pub frozen: GeoScore,
}

impl GeoEval {
    pub fn records(&self) -> Vec<GeoScoreRecord> {
        [
            ("all", &self.all),
            ("tuning", &self.tuning),
            ("frozen", &self.frozen),
        ]
        .into_iter()
        .map(|(part, s)| GeoScoreRecord {
            part: part.to_string(),
            articles: s.articles,
            gold: s.gold,
            found: s.found,
            found_share: round4(s.found_share()),
            acc161_found: round4(s.acc161_found()),
            acc161_all: round4(s.acc161_all()),
            exact_found: round4(s.exact_found()),
            exact_all: round4(s.exact_all()),
            mean_error_km: round4(s.mean_error_km()),
            median_error_km: round4(s.median_error_km()),
            unmatched_predictions: s.unmatched_predictions,
        })
        .collect()
    }
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Whether article `index` belongs to the frozen part.
pub fn is_frozen(index: usize) -> bool {
    index % 3 == 2
}

/// The places petrel predicts for one gold article: its place names and the names inside longer
/// names (gold sets mark both), not country adjectives. Offsets are characters of the text.
pub fn predict_article(pipeline: &Pipeline, text: &str, date: Date) -> Vec<PredictedPlace> {
    predict_article_places(pipeline, text, date)
        .into_iter()
        .map(|(p, _)| p)
        .collect()
}

/// [`predict_article`] with the place each prediction chose.
fn predict_article_places(
    pipeline: &Pipeline,
    text: &str,
    date: Date,
) -> Vec<(PredictedPlace, &'static Place)> {
    let doc = Document {
        id: "gold".into(),
        text: text.to_string(),
        ..Document::default()
    };
    let chars = CharIndex::new(&doc.text);
    let mut predicted = Vec::new();
    pipeline.read_story(&doc, date, |reading| {
        let found = reading
            .places
            .mentions
            .iter()
            .filter(|m| m.form != MentionForm::Adjective)
            .filter_map(|m| {
                let span = m.span?;
                let p = PredictedPlace {
                    start: chars.at(span.start),
                    end: chars.at(span.end),
                    lat: m.place.lat,
                    lon: m.place.lon,
                };
                Some((p, m.place))
            });
        predicted.extend(found);
    });
    predicted
}

/// Why a gold toponym was missed (not resolved within [`ACCURACY_KM`] of its gold point).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MissCause {
    /// No mention overlaps the toponym.
    NotFound,
    /// The gazetteer has a place of that name within reach of the gold point, and another was
    /// chosen.
    WrongCandidate,
    /// The place chosen is the area meant (a country, division, continent, sea), placed at
    /// another point than the gold set's.
    PointConvention,
    /// No place of that name lies near the gold point: the gazetteer lacks the place (a county,
    /// a base, a district) or knows it by another name.
    NotInGazetteer,
}

impl MissCause {
    pub const ALL: [MissCause; 4] = [
        MissCause::NotFound,
        MissCause::WrongCandidate,
        MissCause::PointConvention,
        MissCause::NotInGazetteer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MissCause::NotFound => "not_found",
            MissCause::WrongCandidate => "wrong_candidate",
            MissCause::PointConvention => "point_convention",
            MissCause::NotInGazetteer => "not_in_gazetteer",
        }
    }
}

/// The kinds of gold place a miss breakdown counts.
pub const GOLD_KINDS: [&str; 5] = ["country", "admin-1", "city", "continent", "other"];

/// One gold toponym of the tuning part that was missed.
#[derive(Clone, Debug)]
pub struct GeoMiss {
    /// The article's 0-based index in the gold file.
    pub article: usize,
    pub toponym: GoldToponym,
    /// What the gold place is, as far as the gazetteer tells: one of [`GOLD_KINDS`].
    pub gold_kind: &'static str,
    pub cause: MissCause,
    /// The place chosen, when the toponym was found.
    pub chosen: Option<&'static Place>,
    /// The chosen point's distance from the gold point.
    pub error_km: Option<f64>,
}

/// Every missed gold toponym of the tuning part (never the frozen part), with its gold kind and
/// cause, for `petrel eval geo --misses`.
pub fn tuning_misses(pipeline: &Pipeline, articles: &[GoldArticle], date: Date) -> Vec<GeoMiss> {
    let gazetteer = pipeline.gazetteer();
    let tuning: Vec<(usize, &GoldArticle)> = articles
        .iter()
        .enumerate()
        .filter(|(i, _)| !is_frozen(*i))
        .collect();
    let predictions: Vec<Vec<(PredictedPlace, &'static Place)>> = tuning
        .par_iter()
        .map(|(_, a)| predict_article_places(pipeline, &a.text, date))
        .collect();
    let mut misses = Vec::new();
    for ((index, article), predicted) in tuning.iter().zip(&predictions) {
        let points: Vec<PredictedPlace> = predicted.iter().map(|(p, _)| p.clone()).collect();
        for g in &article.toponyms {
            let found = best_match(g, &points).and_then(|i| predicted.get(i));
            let error_km = found.map(|(p, _)| distance_km(g.lat, g.lon, p.lat, p.lon));
            if error_km.is_some_and(|km| km <= ACCURACY_KM) {
                continue;
            }
            let gold_place = gold_place(gazetteer, g);
            let chosen = found.map(|(_, place)| *place);
            let cause = match chosen {
                None => MissCause::NotFound,
                Some(place) => miss_cause(gazetteer, g, place, gold_place),
            };
            misses.push(GeoMiss {
                article: *index,
                toponym: g.clone(),
                gold_kind: gold_place.map_or("other", |p| kind_name(p.kind)),
                cause,
                chosen,
                error_km,
            });
        }
    }
    misses
}

/// The breakdown kind of a place kind.
fn kind_name(kind: PlaceKind) -> &'static str {
    match kind {
        PlaceKind::Country => "country",
        PlaceKind::Region => "admin-1",
        PlaceKind::City => "city",
        PlaceKind::Continent => "continent",
        _ => "other",
    }
}

/// How far from the gold point the gazetteer's entry of the same place may lie: areas are
/// placed by convention, towns are points.
fn same_place_km(kind: PlaceKind) -> f64 {
    match kind {
        PlaceKind::Continent => 4_000.0,
        PlaceKind::Country => 1_500.0,
        PlaceKind::Region | PlaceKind::Sea | PlaceKind::Territory => 600.0,
        PlaceKind::Island => 300.0,
        PlaceKind::City => ACCURACY_KM,
    }
}

/// The gazetteer's entry for the gold place: among the places named like its Wikipedia page or
/// its text that lie within [`same_place_km`] of the gold point, the most precise kind, then the
/// nearest.
fn gold_place(gazetteer: &'static Gazetteer, g: &GoldToponym) -> Option<&'static Place> {
    let title = page_title(&g.page);
    let mut names = vec![g.name.clone()];
    if !title.is_empty() {
        names.insert(0, title);
    }
    names
        .iter()
        .flat_map(|n| gazetteer.lookup(n, None))
        .map(|p| (distance_km(g.lat, g.lon, p.lat, p.lon), p))
        .filter(|(km, p)| *km <= same_place_km(p.kind))
        // The most precise kind first: a town within reach is the town, not its department.
        .min_by(|a, b| {
            same_place_km(a.1.kind)
                .total_cmp(&same_place_km(b.1.kind))
                .then(a.0.total_cmp(&b.0))
        })
        .map(|(_, p)| p)
}

/// Why a found toponym was resolved too far from its gold point.
fn miss_cause(
    gazetteer: &'static Gazetteer,
    g: &GoldToponym,
    chosen: &Place,
    gold_place: Option<&Place>,
) -> MissCause {
    // An area named as the page is the place meant, wherever its point lies.
    let title = normalize(&page_title(&g.page));
    if chosen.kind != PlaceKind::City && !title.is_empty() && normalize(&chosen.name) == title {
        return MissCause::PointConvention;
    }
    let reachable = gazetteer
        .lookup(&g.name, None)
        .into_iter()
        .any(|p| distance_km(g.lat, g.lon, p.lat, p.lon) <= ACCURACY_KM);
    if reachable {
        return MissCause::WrongCandidate;
    }
    match gold_place {
        Some(p) if std::ptr::eq(p, chosen) && p.kind != PlaceKind::City => {
            MissCause::PointConvention
        }
        Some(_) => MissCause::WrongCandidate,
        None => MissCause::NotInGazetteer,
    }
}

/// The title of a Wikipedia page address, as words: `.../wiki/Pandi,_Bulacan` → `Pandi, Bulacan`;
/// a disambiguation in brackets is dropped (`Georgia_(country)` → `Georgia`).
fn page_title(page: &str) -> String {
    let last = page.rsplit('/').next().unwrap_or("");
    let decoded = percent_decode(last).replace('_', " ");
    let title = match decoded.find(" (") {
        Some(i) => decoded.get(..i).unwrap_or(&decoded),
        None => &decoded,
    };
    title.trim().to_string()
}

/// `%XX` escapes decoded as UTF-8 bytes; anything malformed is kept as written.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Runs the pipeline over every article of a gold set (in parallel) and scores it.
pub fn evaluate(pipeline: &Pipeline, articles: &[GoldArticle], date: Date) -> GeoEval {
    let predictions: Vec<Vec<PredictedPlace>> = articles
        .par_iter()
        .map(|a| predict_article(pipeline, &a.text, date))
        .collect();
    let mut eval = GeoEval::default();
    for (index, (article, predicted)) in articles.iter().zip(&predictions).enumerate() {
        eval.all.add(&article.toponyms, predicted);
        if is_frozen(index) {
            eval.frozen.add(&article.toponyms, predicted);
        } else {
            eval.tuning.add(&article.toponyms, predicted);
        }
    }
    eval
}

/// Byte → character offsets for any position, by binary search over the characters' starts.
struct CharIndex {
    starts: Vec<usize>,
}

impl CharIndex {
    fn new(text: &str) -> CharIndex {
        CharIndex {
            starts: text.char_indices().map(|(i, _)| i).collect(),
        }
    }

    fn at(&self, byte: usize) -> usize {
        self.starts.partition_point(|&s| s < byte)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gazetteer_gives_the_country_of_a_city_or_region_and_of_nothing_else() {
        use petrel_code::places::PlaceCountries;
        let countries = GazetteerCountries(Gazetteer::builtin());
        assert_eq!(countries.country_of("Kharkiv").as_deref(), Some("UKR"));
        assert_eq!(countries.country_of("Mosul").as_deref(), Some("IRQ"));
        // A big city by another of its names.
        assert_eq!(countries.country_of("Bombay").as_deref(), Some("IND"));
        // Countries are the dictionaries' business, continents are no actor.
        assert_eq!(countries.country_of("France"), None);
        assert_eq!(countries.country_of("Africa"), None);
        // Another language's name of a place is no English name of it.
        assert_eq!(countries.country_of("Hamas"), None);
        assert_eq!(countries.country_of("Xyzzyville"), None);
    }

    #[test]
    fn char_offsets_count_characters() {
        let index = CharIndex::new("Шойгу in Kyiv");
        assert_eq!(index.at(0), 0);
        assert_eq!(index.at(10), 5);
        assert_eq!(index.at(14), 9);
        assert_eq!(index.at(100), 13);
    }

    #[test]
    fn page_titles_are_words() {
        assert_eq!(
            page_title("https://en.wikipedia.org/wiki/Pandi,_Bulacan"),
            "Pandi, Bulacan"
        );
        assert_eq!(page_title("https://x/wiki/Georgia_(country)"), "Georgia");
        assert_eq!(page_title("https://x/wiki/S%C3%A3o_Paulo"), "São Paulo");
        assert_eq!(page_title("https://x/wiki/100%_sure"), "100% sure");
    }

    #[test]
    fn a_miss_is_put_down_to_its_cause() {
        let gazetteer = Gazetteer::builtin();
        let toponym = |name: &str, lat: f64, lon: f64, page: &str| GoldToponym {
            name: name.into(),
            start: 0,
            end: name.len(),
            lat,
            lon,
            page: page.into(),
            line: 1,
        };
        let first = |name: &str, country: &str| gazetteer.lookup(name, Some(country))[0];
        // Paris, Texas chosen for Paris, France: the right one was there.
        let paris = toponym("Paris", 48.86, 2.35, "https://x/wiki/Paris");
        let gold = gold_place(gazetteer, &paris);
        assert_eq!(gold.map(|p| p.kind), Some(PlaceKind::City));
        let texas = first("Paris", "US");
        assert_eq!(
            miss_cause(gazetteer, &paris, texas, gold),
            MissCause::WrongCandidate
        );
        // The United States at a point 300 km from the gazetteer's.
        let us = toponym(
            "United States",
            40.0,
            -100.0,
            "https://x/wiki/United_States",
        );
        let gold = gold_place(gazetteer, &us);
        assert_eq!(gold.map(|p| kind_name(p.kind)), Some("country"));
        let chosen = first("United States", "US");
        assert_eq!(
            miss_cause(gazetteer, &us, chosen, gold),
            MissCause::PointConvention
        );
        // A county the gazetteer does not hold, found as a town elsewhere.
        let county = toponym(
            "Nowhere County",
            10.0,
            10.0,
            "https://x/wiki/Nowhere_County",
        );
        assert_eq!(gold_place(gazetteer, &county), None);
        assert_eq!(
            miss_cause(gazetteer, &county, texas, None),
            MissCause::NotInGazetteer
        );
    }

    #[test]
    fn every_third_article_is_frozen() {
        let frozen: Vec<usize> = (0..7).filter(|&i| is_frozen(i)).collect();
        assert_eq!(frozen, [2, 5]);
    }
}
