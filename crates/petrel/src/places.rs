//! The places of a story, resolved once for `petrel geo --doc`, `petrel code` and
//! `petrel eval geo`: one resolver, one story context.
//!
//! [`Pipeline::read_story`] tags and parses the sentences, codes the events, and resolves every
//! place mention with [`petrel_geo::Gazetteer::resolve_story`], whose context is the dateline and
//! the countries of the events' actors. `petrel code` locates each event among these same
//! mentions, so an event's `location` is the place `geo --doc` gives for that mention.

use crate::pipeline::Pipeline;
use petrel_core::{Date, Document, Event, Sentence};
use petrel_geo::gold::{GeoScore, GoldArticle, PredictedPlace};
use petrel_geo::{Gazetteer, MentionForm, Place, StoryContext, StoryPlaces};
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
        use petrel_geo::PlaceKind;
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
                Some(PredictedPlace {
                    start: chars.at(span.start),
                    end: chars.at(span.end),
                    lat: m.place.lat,
                    lon: m.place.lon,
                })
            });
        predicted.extend(found);
    });
    predicted
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
    fn every_third_article_is_frozen() {
        let frozen: Vec<usize> = (0..7).filter(|&i| is_frozen(i)).collect();
        assert_eq!(frozen, [2, 5]);
    }
}
