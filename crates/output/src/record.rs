//! The event record: what one line of `petrel code` JSONL holds.

use petrel_core::{DictSource, Event, EventActor, Span};
use serde::Serialize;

/// The version of the record layout; bumped, with a changelog entry in docs/event-format.md, on
/// any change a consumer could notice.
pub const FORMAT_VERSION: &str = "1";

/// What an event record needs beyond the event itself: where it came from.
#[derive(Clone, Debug)]
pub struct EventContext<'a> {
    /// The JSONL record's `id`, else the file's path.
    pub doc_id: &'a str,
    /// The document text the event's byte spans index, indexed once per document so that every
    /// event's offsets cost the same however long the story.
    pub document: &'a CharIndex<'a>,
    /// The text of the sentence the event came from.
    pub sentence_text: &'a str,
    /// The event's position among the events of its sentence, 0-based; makes `id` unique.
    pub ordinal: usize,
    /// How precise the date is: `day`, `month` or `year`.
    pub date_precision: &'a str,
    pub location: Option<LocationRecord>,
}

/// One event on the wire. Field order is the order of the JSON keys.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventRecord {
    pub id: String,
    pub doc_id: String,
    pub sentence_index: usize,
    pub sentence_text: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub date_precision: String,
    pub source: ActorRecord,
    pub target: Option<ActorRecord>,
    pub cameo: String,
    /// The two-digit CAMEO root, when the code is numeric.
    pub cameo_root: Option<String>,
    pub goldstein: f32,
    pub quad_class: u8,
    pub plover: Option<PloverRecord>,
    pub modality: &'static str,
    pub trigger: TriggerRecord,
    pub location: Option<LocationRecord>,
    pub issues: Vec<String>,
    pub provenance: ProvenanceRecord,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorRecord {
    pub code: String,
    pub country: Option<String>,
    pub sectors: Vec<String>,
    pub text: String,
    /// Character offsets into the document text.
    pub start: usize,
    pub end: usize,
    pub entity: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PloverRecord {
    pub event: &'static str,
    pub mode: Option<&'static str>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TriggerRecord {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LocationRecord {
    pub name: String,
    /// ISO 3166-1 alpha-3, when known.
    pub country: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub geonameid: Option<u64>,
    /// `city`, `region` or `country`.
    pub precision: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProvenanceRecord {
    pub verb: Option<SourceLine>,
    pub actors: Vec<SourceLine>,
    /// The learned recogniser's decision, when it decided the event's type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recogniser: Option<RecogniserRecord>,
    /// The named coding rules that shaped the event.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<&'static str>,
    /// The parse repairs that changed the sentence's tree, in the order they ran.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parse_repairs: Vec<String>,
}

/// The recogniser's root, margin and strongest features.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RecogniserRecord {
    pub root: String,
    pub margin: f32,
    pub features: Vec<FeatureWeight>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FeatureWeight {
    pub feature: String,
    pub weight: f32,
}

/// A dictionary line that fired.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SourceLine {
    pub file: String,
    pub line: usize,
    pub text: String,
}

impl EventRecord {
    /// Maps an event to its wire record.
    pub fn new(event: &Event, ctx: &EventContext<'_>) -> EventRecord {
        let chars = ctx.document;
        let date = event.date;
        EventRecord {
            id: format!("{}:{}:{}", ctx.doc_id, event.sentence_index, ctx.ordinal),
            doc_id: ctx.doc_id.to_string(),
            sentence_index: event.sentence_index,
            sentence_text: ctx.sentence_text.to_string(),
            date: format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day()),
            date_precision: ctx.date_precision.to_string(),
            source: actor(&event.source, chars),
            target: event.target.as_ref().map(|t| actor(t, chars)),
            cameo: event.cameo.as_str().to_string(),
            cameo_root: event.cameo.root().map(|r| format!("{r:02}")),
            goldstein: event.goldstein,
            quad_class: event.quad_class.number(),
            plover: event.plover.map(|p| PloverRecord {
                event: p.event.as_str(),
                mode: p.mode.map(|m| m.as_str()),
            }),
            modality: event.modality.as_str(),
            trigger: {
                let (start, end) = chars.span(event.trigger.span);
                TriggerRecord {
                    text: event.trigger.text.clone(),
                    start,
                    end,
                }
            },
            location: ctx.location.clone(),
            issues: event.issues.clone(),
            provenance: ProvenanceRecord {
                verb: event.provenance.verb.as_ref().map(source_line),
                actors: event.provenance.actors.iter().map(source_line).collect(),
                recogniser: event
                    .provenance
                    .recogniser
                    .as_ref()
                    .map(|n| RecogniserRecord {
                        root: format!("{:02}", n.root),
                        margin: n.margin,
                        features: n
                            .features
                            .iter()
                            .map(|(feature, weight)| FeatureWeight {
                                feature: feature.clone(),
                                weight: *weight,
                            })
                            .collect(),
                    }),
                rules: event.provenance.rules.clone(),
                parse_repairs: event.provenance.parse_repairs.clone(),
            },
        }
    }

    /// The record as one line of JSON (no trailing newline).
    pub fn to_json(&self) -> String {
        // Serialising plain strings, numbers and options cannot fail; an empty object would show
        // a bug rather than crash a long run.
        serde_json::to_string(self).unwrap_or_else(|_| "{}".to_string())
    }
}

fn actor(a: &EventActor, chars: &CharIndex<'_>) -> ActorRecord {
    let (start, end) = chars.span(a.span);
    ActorRecord {
        code: a.petrarch_code(),
        country: a.country.clone(),
        sectors: a.sectors.clone(),
        text: a.text.clone(),
        start,
        end,
        entity: a.entity.clone(),
    }
}

fn source_line(s: &DictSource) -> SourceLine {
    SourceLine {
        file: s.file.clone(),
        line: s.line,
        text: s.text.clone(),
    }
}

/// Byte → character offset conversion over one text, with the character count stored every
/// [`CharIndex::STEP`] bytes, so a conversion costs at most one step of counting.
#[derive(Clone, Debug)]
pub struct CharIndex<'a> {
    text: &'a str,
    /// `before[i]`: the characters that start before byte `i * STEP`.
    before: Vec<usize>,
}

impl<'a> CharIndex<'a> {
    const STEP: usize = 4096;

    pub fn new(text: &'a str) -> CharIndex<'a> {
        let mut before = Vec::with_capacity(text.len() / Self::STEP + 1);
        let mut count = 0;
        before.push(0);
        for block in text.as_bytes().chunks(Self::STEP) {
            count += block.iter().filter(|&&b| (b & 0xC0) != 0x80).count();
            before.push(count);
        }
        CharIndex { text, before }
    }

    /// The character offset of a byte offset; an offset inside a character or past the end counts
    /// the characters that start before it.
    pub fn char_offset(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        let block = byte / Self::STEP;
        let base = self.before.get(block).copied().unwrap_or(0);
        let from = block * Self::STEP;
        base + self.text.as_bytes().get(from..byte).map_or(0, |rest| {
            rest.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
        })
    }

    fn span(&self, span: Span) -> (usize, usize) {
        (self.char_offset(span.start), self.char_offset(span.end))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use petrel_core::{ActorCode, CameoCode, Date, Modality, Provenance, QuadClass, Trigger};

    fn actor_at(code: &str, text: &str, doc: &str) -> EventActor {
        let start = doc.find(text).unwrap();
        let code: ActorCode = code.parse().unwrap();
        EventActor {
            country: Some(code.as_str()[..3].to_string()),
            sectors: code.blocks().skip(1).map(str::to_string).collect(),
            code,
            text: text.to_string(),
            span: Span::new(start, start + text.len()),
            entity: None,
            unknown_root: false,
        }
    }

    /// The record of the golden test, for other tests of this crate.
    pub(crate) fn sample() -> EventRecord {
        let (event, doc) = sample_event();
        let index = CharIndex::new(doc);
        let ctx = EventContext {
            doc_id: "story-1",
            document: &index,
            sentence_text: doc,
            ordinal: 0,
            date_precision: "day",
            location: None,
        };
        EventRecord::new(&event, &ctx)
    }

    #[test]
    fn golden_record() {
        let json = sample().to_json();
        let expected = r#"{"id":"story-1:0:0","doc_id":"story-1","sentence_index":0,"sentence_text":"İnada: Japan's Kishida met Lavrov in Tokyo.","date":"2017-03-20","date_precision":"day","source":{"code":"JPNGOV","country":"JPN","sectors":["GOV"],"text":"Japan's Kishida","start":7,"end":22,"entity":null},"target":{"code":"RUSGOV","country":"RUS","sectors":["GOV"],"text":"Lavrov","start":27,"end":33,"entity":null},"cameo":"040","cameo_root":"04","goldstein":1.0,"quad_class":1,"plover":null,"modality":"asserted","trigger":{"text":"met","start":23,"end":26},"location":null,"issues":[],"provenance":{"verb":{"file":"verbs.txt","line":12,"text":"MEET [040]"},"actors":[]}}"#;
        assert_eq!(json, expected);
    }

    fn sample_event() -> (Event, &'static str) {
        let doc = "İnada: Japan's Kishida met Lavrov in Tokyo.";
        let start = doc.find("met").unwrap();
        let event = Event {
            sentence_index: 0,
            date: Date::from_ymd(2017, 3, 20).unwrap(),
            source: actor_at("JPNGOV", "Japan's Kishida", doc),
            target: Some(actor_at("RUSGOV", "Lavrov", doc)),
            cameo: "040".parse::<CameoCode>().unwrap(),
            goldstein: 1.0,
            quad_class: QuadClass::VerbalCooperation,
            plover: None,
            modality: Modality::Asserted,
            trigger: Trigger {
                text: "met".into(),
                span: Span::new(start, start + 3),
            },
            issues: vec![],
            provenance: Provenance {
                verb: Some(DictSource {
                    file: "verbs.txt".into(),
                    line: 12,
                    text: "MEET [040]".into(),
                }),
                actors: vec![],
                ..Provenance::default()
            },
        };
        (event, doc)
    }

    #[test]
    fn parse_repairs_are_written_only_when_some_fired() {
        let (mut event, doc) = sample_event();
        let chars = CharIndex::new(doc);
        let ctx = EventContext {
            doc_id: "story-1",
            document: &chars,
            sentence_text: doc,
            ordinal: 0,
            date_precision: "day",
            location: None,
        };
        assert!(!EventRecord::new(&event, &ctx)
            .to_json()
            .contains("parse_repairs"));
        event.provenance.parse_repairs = vec!["join_split_names".into(), "lead_subject".into()];
        let json = EventRecord::new(&event, &ctx).to_json();
        assert!(
            json.ends_with(r#""actors":[],"parse_repairs":["join_split_names","lead_subject"]}}"#),
            "{json}"
        );
    }

    #[test]
    fn char_offsets_count_characters_not_bytes() {
        let c = CharIndex::new("Шойгу met");
        assert_eq!(c.char_offset(10), 5);
        assert_eq!(c.char_offset(1000), 9);
        // Across the stored steps, the count is the one a scan from the start gives.
        let long = "Шойгу met Kishida. ".repeat(2000);
        let c = CharIndex::new(&long);
        for byte in [
            0,
            4095,
            4096,
            4097,
            12_288,
            30_001,
            long.len(),
            long.len() + 5,
        ] {
            let scan = long.as_bytes()[..byte.min(long.len())]
                .iter()
                .filter(|&&b| (b & 0xC0) != 0x80)
                .count();
            assert_eq!(c.char_offset(byte), scan, "at {byte}");
        }
    }
}
