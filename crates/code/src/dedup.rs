//! Story-level deduplication: one event per (date, source, target, code) and actors.
//!
//! News repeats itself: the lead and a later paragraph often report the same act. Event data
//! counts acts, so a story yields each (date, source, target, code) once, keeping the first
//! sentence that reported it (its evidence is usually the clearest). Acts of different named
//! people are different acts, though their codes agree: "the foreign ministers discussed ..." and
//! "the defence ministers met ..." are two meetings of JPNGOV with RUSGOV.

use petrel_core::{CameoCode, Date, Event, EventActor};
use std::collections::HashMap;

/// The named entities of an event's two actors, where known.
type Entities = (Option<String>, Option<String>);

/// Two sides name the same party unless both are named and the names differ.
fn same_party(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

/// Keeps the first event of each (date, source, target, code) whose named actors do not differ
/// from an earlier one's, in order.
pub fn dedup_story(events: Vec<Event>) -> Vec<Event> {
    let mut seen: HashMap<(Date, String, Option<String>, CameoCode), Vec<Entities>> =
        HashMap::new();
    let entity = |actor: Option<&EventActor>| actor.and_then(|a| a.entity.clone());
    events
        .into_iter()
        .filter(|e| {
            let key = (
                e.date,
                e.source.petrarch_code(),
                e.target.as_ref().map(|t| t.petrarch_code()),
                e.cameo,
            );
            let entities = (entity(Some(&e.source)), entity(e.target.as_ref()));
            let earlier = seen.entry(key).or_default();
            let repeated = earlier
                .iter()
                .any(|(s, t)| same_party(s, &entities.0) && same_party(t, &entities.1));
            if !repeated {
                earlier.push(entities);
            }
            !repeated
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use petrel_core::{ActorCode, EventActor, Modality, Provenance, QuadClass, Span, Trigger};

    fn event(source: &str, code: &str, sentence_index: usize) -> Option<Event> {
        let actor = EventActor {
            code: source.parse::<ActorCode>().ok()?,
            country: None,
            sectors: Vec::new(),
            text: String::new(),
            span: Span::default(),
            entity: None,
            unknown_root: false,
        };
        Some(Event {
            sentence_index,
            date: Date::from_ymd(2014, 6, 7).ok()?,
            source: actor,
            target: None,
            cameo: code.parse().ok()?,
            goldstein: 0.0,
            quad_class: QuadClass::VerbalCooperation,
            plover: None,
            modality: Modality::Asserted,
            trigger: Trigger::default(),
            issues: Vec::new(),
            provenance: Provenance::default(),
        })
    }

    #[test]
    fn keeps_the_first_of_each_event() {
        let events: Vec<Event> = [
            event("ARN", "040", 0),
            event("ARN", "040", 3),
            event("ARN", "190", 4),
            event("GON", "040", 5),
        ]
        .into_iter()
        .flatten()
        .collect();
        let kept = dedup_story(events);
        let summary: Vec<(String, usize)> = kept
            .iter()
            .map(|e| (format!("{} {}", e.source.code, e.cameo), e.sentence_index))
            .collect();
        assert_eq!(
            summary,
            [
                ("ARN 040".to_string(), 0),
                ("ARN 190".to_string(), 4),
                ("GON 040".to_string(), 5)
            ]
        );
    }

    #[test]
    fn different_named_people_make_different_events() {
        let named = |entity: Option<&str>, sentence: usize| {
            event("ARN", "040", sentence).map(|mut e| {
                e.source.entity = entity.map(str::to_string);
                e
            })
        };
        let events: Vec<Event> = [
            named(Some("ARAGORN"), 0),
            named(None, 1),
            named(Some("ARAGORN"), 2),
            named(Some("ARATHORN"), 3),
        ]
        .into_iter()
        .flatten()
        .collect();
        let kept: Vec<usize> = dedup_story(events)
            .iter()
            .map(|e| e.sentence_index)
            .collect();
        // An unnamed mention repeats the named one; another named person acts anew.
        assert_eq!(kept, [0, 3]);
    }
}
