//! The whole pipeline for one story: sentences, trees, events, dates and places.
//!
//! `petrel code` runs [`Pipeline::code_document`] on every story it reads. The pipeline owns the
//! loaded model and coder, so a program that embeds petrel builds one and codes many documents.

use petrel_code::Coder;
use petrel_core::{Date, DatePrecision, Document, Event, Sentence};
use petrel_geo::Gazetteer;
use petrel_nlp::model::Model;
use petrel_output::{EventContext, EventRecord, LocationRecord};

/// A loaded model, coder and gazetteer.
pub struct Pipeline {
    pub model: Model,
    pub coder: Coder,
    gazetteer: &'static Gazetteer,
}

/// The events of one story, ready to write.
#[derive(Clone, Debug, Default)]
pub struct CodedDocument {
    pub sentences: usize,
    pub records: Vec<EventRecord>,
    /// What the pipeline noticed about the story (no date, for example).
    pub warnings: Vec<String>,
}

impl Pipeline {
    pub fn new(model: Model, coder: Coder) -> Pipeline {
        Pipeline {
            model,
            coder,
            gazetteer: Gazetteer::builtin(),
        }
    }

    /// The gazetteer places are resolved with.
    pub fn gazetteer(&self) -> &'static Gazetteer {
        self.gazetteer
    }

    /// Tags, lemmatizes and parses a sentence, with the names the coder's dictionaries know
    /// tagged as names before parsing.
    pub fn annotate(&self, sentence: &mut Sentence) {
        self.model
            .annotate_with_names(sentence, |s| self.coder.known_names(s));
    }

    /// Codes one story. `fallback_date` is used when the story has no date of its own.
    pub fn code_document(&self, doc: &Document, fallback_date: Option<Date>) -> CodedDocument {
        let mut out = CodedDocument::default();
        let (story_date, precision) = match (doc.date, fallback_date) {
            (Some(d), _) => (d, doc.date_precision),
            (None, Some(d)) => (d, DatePrecision::Day),
            (None, None) => {
                out.warnings.push(format!(
                    "{}: the story has no date; pass --date to code it",
                    doc.origin
                ));
                return out;
            }
        };
        let crate::places::StoryReading {
            sentences,
            events,
            places,
        } = self.read_story(doc, story_date);
        out.sentences = sentences.len();
        let mentions: Vec<_> = (0..sentences.len())
            .map(|i| places.sentence_mentions(i))
            .collect();
        let context = &places.context;

        let mut ordinal_in_sentence = (usize::MAX, 0usize);
        for mut event in events {
            let Some(sentence) = sentences.get(event.sentence_index) else {
                continue;
            };
            let verb = trigger_token(sentence, &event);
            let mut date_precision = precision;
            if let Some(t) = verb.and_then(|v| petrel_time::find_for_verb(sentence, v, story_date))
            {
                event.date = t.date;
                date_precision = t.precision;
            }
            let location = verb.and_then(|v| {
                let here = mentions
                    .get(event.sentence_index)
                    .map(Vec::as_slice)
                    .unwrap_or(&[]);
                petrel_geo::event_location(sentence, v, here, context)
            });
            ordinal_in_sentence = if ordinal_in_sentence.0 == event.sentence_index {
                (event.sentence_index, ordinal_in_sentence.1 + 1)
            } else {
                (event.sentence_index, 0)
            };
            let ctx = EventContext {
                doc_id: &doc.id,
                document_text: &doc.text,
                sentence_text: &sentence.text,
                ordinal: ordinal_in_sentence.1,
                date_precision: date_precision.as_str(),
                location: location.map(|l| LocationRecord {
                    name: l.place.name.clone(),
                    country: l.place.country.as_ref().map(|c| c.iso3().to_string()),
                    lat: l.place.lat,
                    lon: l.place.lon,
                    geonameid: l.place.geonameid.map(u64::from),
                    precision: l.precision.as_str().to_string(),
                }),
            };
            out.records.push(EventRecord::new(&event, &ctx));
        }
        out
    }
}

/// The 1-based id of the token the event's trigger starts at.
fn trigger_token(sentence: &Sentence, event: &Event) -> Option<u32> {
    sentence
        .tokens
        .iter()
        .position(|t| t.span.is_some_and(|s| s.start == event.trigger.span.start))
        .map(|i| i as u32 + 1)
}
