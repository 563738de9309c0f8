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

/// A story as petrel reads it: annotated sentences, events, places.
pub struct StoryReading {
    pub sentences: Vec<Sentence>,
    pub events: Vec<Event>,
    pub places: StoryPlaces<'static>,
}

impl Pipeline {
    /// Annotates, codes and geoparses one story dated `date`.
    pub fn read_story(&self, doc: &Document, date: Date) -> StoryReading {
        let mut sentences = crate::doc::sentences(doc);
        for s in &mut sentences {
            self.annotate(s);
        }
        let events = self.coder.code_story(&sentences, date);
        let places = story_places(self.gazetteer(), doc, &sentences, &events);
        StoryReading {
            sentences,
            events,
            places,
        }
    }
}

/// The story's places in context: the dateline, then the countries of the events' actors.
pub fn story_places(
    gazetteer: &'static Gazetteer,
    doc: &Document,
    sentences: &[Sentence],
    events: &[Event],
) -> StoryPlaces<'static> {
    let mut context = StoryContext::new();
    if let Some(dateline) = &doc.dateline {
        context.set_dateline(gazetteer, dateline);
    }
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
    gazetteer.resolve_story(sentences, &context)
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

/// `petrel geo --doc`: every place mention of a story, with character offsets into its text.
pub fn mention_records(doc: &Document, places: &StoryPlaces<'_>) -> Vec<PlaceMentionRecord> {
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
                sentence_index: m.sentence,
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
    let reading = pipeline.read_story(&doc, date);
    let chars = CharIndex::new(&doc.text);
    reading
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
        })
        .collect()
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
