//! Story-level deduplication: one event per (date, source, target, code).
//!
//! News repeats itself: the lead and a later paragraph often report the same act. Event data
//! counts acts, so a story yields each (date, source, target, code) once, keeping the first
//! sentence that reported it (its evidence is usually the clearest).

use petrel_core::{CameoCode, Date, Event};
use std::collections::HashSet;

/// Keeps the first event of each (date, source, target, code), in order.
pub fn dedup_story(events: Vec<Event>) -> Vec<Event> {
    let mut seen: HashSet<(Date, String, Option<String>, CameoCode)> = HashSet::new();
    events
        .into_iter()
        .filter(|e| {
            seen.insert((
                e.date,
                e.source.petrarch_code(),
                e.target.as_ref().map(|t| t.petrarch_code()),
                e.cameo,
            ))
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
}
