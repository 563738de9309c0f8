//! The whole pipeline for one story: sentences, trees, events, dates and places.
//!
//! `petrel code` runs [`Pipeline::code_document`] on every story it reads. The pipeline owns the
//! loaded model and coder, so a program that embeds petrel builds one and codes many documents.

use petrel_code::Coder;
use petrel_core::{Date, DatePrecision, Document, Event, Sentence};
use petrel_dict::{Diagnostic, DictError, Dictionaries};
use petrel_geo::Gazetteer;
use petrel_nlp::model::Model;
use petrel_output::{CharIndex, EventContext, EventRecord, LocationRecord};

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
    /// The story itself, when the caller keeps it (`corpus::code_stream` does, so a store can
    /// save the text beside its events); `code_document` leaves it empty.
    pub document: Option<Box<Document>>,
}

impl Pipeline {
    /// The pipeline of `model` and `coder`, with the embedded gazetteer; the coder reads place
    /// names as their countries from it unless it was given places of its own.
    pub fn new(model: Model, coder: Coder) -> Pipeline {
        let gazetteer = Gazetteer::builtin();
        let coder = if coder.has_places() {
            coder
        } else {
            coder.with_places(std::sync::Arc::new(crate::places::GazetteerCountries(
                gazetteer,
            )))
        };
        Pipeline {
            model,
            coder,
            gazetteer,
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

    /// The events of a story's annotated sentences, dated `date`: what `petrel code` emits before
    /// dates and places are attached.
    pub fn code_sentences(&self, sentences: &[Sentence], date: Date) -> Vec<Event> {
        self.coder.code_story(sentences, date)
    }

    /// The events of a plain text (one story, no metadata), dated `date`. Spans index `text`.
    pub fn code_text(&self, text: &str, date: Date) -> Vec<Event> {
        let mut sentences = petrel_nlp::tokenize::sentences(text);
        for s in &mut sentences {
            self.annotate(s);
        }
        self.code_sentences(&sentences, date)
    }

    /// The events of a raw story as a user would give it (a dateline, a title line and site
    /// chrome are recognised and left out, as `petrel code` does), dated by the story's own date
    /// or else `date`. Spans index `text`. A text that ingest reads as a headline alone is coded
    /// as it is.
    pub fn code_raw(&self, origin: &str, text: &str, date: Date) -> Vec<Event> {
        let doc = match petrel_ingest::read_story(origin, text.as_bytes()) {
            Ok(doc) if !doc.text.trim().is_empty() => doc,
            _ => return self.code_text(text, date),
        };
        let mut sentences = crate::doc::sentences(&doc);
        for s in &mut sentences {
            self.annotate(s);
        }
        let mut events = self.code_sentences(&sentences, doc.date.unwrap_or(date));
        for e in &mut events {
            e.source.span = doc.offsets.original_span(e.source.span);
            if let Some(t) = e.target.as_mut() {
                t.span = doc.offsets.original_span(t.span);
            }
            e.trigger.span = doc.offsets.original_span(e.trigger.span);
        }
        events
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
        let chars = CharIndex::new(&doc.text);
        let parts = self.read_story(doc, story_date, |reading| {
            out.sentences += reading.sentences.len();
            self.code_part(doc, &reading, (story_date, precision), &chars, &mut out);
        });
        if parts > 1 {
            out.warnings.push(format!(
                "{}: the story is {} bytes; it was coded in {} parts of at most {} KiB, each parsed on its own (pronouns are resolved within a part; repeated events across the story)",
                doc.origin,
                doc.text.len(),
                parts,
                PART_BYTES / 1024
            ));
        }
        out
    }

    /// Adds the records of one part of a story (all of it, unless it is very long): each event
    /// dated by its verb and located among the part's place mentions, resolved in the story's
    /// context.
    fn code_part(
        &self,
        doc: &Document,
        reading: &crate::places::StoryReading,
        (story_date, precision): (Date, DatePrecision),
        chars: &CharIndex<'_>,
        out: &mut CodedDocument,
    ) {
        let crate::places::StoryReading {
            first_sentence,
            sentences,
            events,
            places,
        } = reading;
        let first_sentence = *first_sentence;
        let context = &places.context;

        let mut ordinal_in_sentence = (usize::MAX, 0usize);
        for event in events {
            let mut event = event.clone();
            let local = event.sentence_index;
            let Some(sentence) = sentences.get(local) else {
                continue;
            };
            event.sentence_index = first_sentence + local;
            let verb = trigger_token(sentence, &event);
            let mut date_precision = precision;
            if let Some(t) = verb.and_then(|v| petrel_time::find_for_verb(sentence, v, story_date))
            {
                event.date = t.date;
                date_precision = t.precision;
            }
            let location = verb.and_then(|v| {
                let here = places.sentence_mentions(local);
                petrel_geo::event_location(sentence, v, &here, context)
            });
            ordinal_in_sentence = if ordinal_in_sentence.0 == event.sentence_index {
                (event.sentence_index, ordinal_in_sentence.1 + 1)
            } else {
                (event.sentence_index, 0)
            };
            let ctx = EventContext {
                doc_id: &doc.id,
                document: chars,
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
    }
}

/// The most story text tokenized, parsed and coded at once: 64 KiB, ten times a long news story.
/// A longer story is coded part by part, so memory stays bounded and time grows linearly with
/// its length whatever its shape (a 5 MB line without punctuation included).
pub const PART_BYTES: usize = 64 * 1024;

/// Cuts `text` into byte ranges of at most `max` bytes (at least one range for a non-empty
/// text), each ending at a paragraph break, else a line break, else a sentence end, else a space
/// in its second half, else at the last character boundary.
pub fn parts(text: &str, max: usize) -> Vec<std::ops::Range<usize>> {
    let max = max.max(4);
    let mut out = Vec::new();
    let mut start = 0;
    while text.len() - start > max {
        let mut end = start + max;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let window = &text[start..end];
        let half = window.len() / 2;
        let cut = ["\n\n", "\n", ". ", " "]
            .iter()
            .find_map(|sep| {
                window
                    .rfind(sep)
                    .map(|at| at + sep.len())
                    .filter(|&at| at > half)
            })
            .unwrap_or(window.len());
        // A window of one huge character cannot be cut inside it; take the character whole.
        let cut = if cut == 0 {
            text[start..].chars().next().map_or(1, char::len_utf8)
        } else {
            cut
        };
        out.push(start..start + cut);
        start += cut;
    }
    if start < text.len() || out.is_empty() {
        out.push(start..text.len());
    }
    out
}

/// Moves a sentence tokenized from a part of the story to its place in the whole story.
pub(crate) fn shift(sentence: &mut Sentence, by: usize) {
    let move_span = |span: &mut Option<petrel_core::Span>| {
        if let Some(s) = span {
            *s = petrel_core::Span::new(s.start + by, s.end + by);
        }
    };
    move_span(&mut sentence.span);
    for token in &mut sentence.tokens {
        move_span(&mut token.span);
    }
}

/// Why the dictionaries a `--dicts` value names could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum DictsError {
    #[error("{spec}: {source}")]
    Folder {
        spec: String,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Dict(#[from] DictError),
}

/// Loads the dictionaries `spec` names, with the warnings of their readers: `builtin`, petrel's
/// own compiled into the binary; a folder holding `*.toml` files (or subfolders), petrel's own
/// format; any other folder, the Phoenix PETRARCH set. `petrel code --dicts` and the Python
/// binding's `Coder(dicts=...)` both come here.
pub fn load_dictionaries(spec: &str) -> Result<(Dictionaries, Vec<Diagnostic>), DictsError> {
    if spec == "builtin" {
        return Ok(petrel_dict::native::builtin());
    }
    let dir = std::path::PathBuf::from(spec);
    let entries = std::fs::read_dir(&dir).map_err(|source| DictsError::Folder {
        spec: spec.to_string(),
        source,
    })?;
    let has_toml = entries
        .flatten()
        .any(|e| e.path().extension().is_some_and(|x| x == "toml") || e.path().is_dir());
    if has_toml {
        Ok(petrel_dict::native::load(&dir)?)
    } else {
        Ok(petrel_dict::load_petrarch(
            &petrel_dict::PetrarchPaths::phoenix(&dir),
        )?)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_cover_the_text_in_order_within_the_bound() {
        let text = format!(
            "{}\n\n{}{}",
            "Japan protested. ".repeat(30),
            "word ".repeat(200),
            "Шойгу".repeat(100)
        );
        for max in [4, 7, 64, 100, 1000, text.len(), text.len() + 1] {
            let parts = parts(&text, max);
            let mut at = 0;
            for part in &parts {
                assert_eq!(part.start, at);
                assert!(
                    part.len() <= max.max(4) && !part.is_empty(),
                    "{part:?} {max}"
                );
                assert!(text.get(part.clone()).is_some(), "cut inside a character");
                at = part.end;
            }
            assert_eq!(at, text.len());
        }
        // The paragraph break is the preferred cut.
        let parts = parts(&text, 600);
        assert!(text[..parts[0].end].ends_with("\n\n"), "{:?}", parts[0]);
        assert_eq!(
            super::parts("", 10),
            vec![std::ops::Range { start: 0, end: 0 }]
        );
    }
}
