//! Scoring the coder against gold events: `petrel eval plover` and `petrel eval corpus`.
//!
//! Each gold sentence is coded on its own, as a user's one-sentence story, and its events are
//! compared with the gold ones:
//! - *type right*: for a gold event, some event of the sentence has its (folded) type;
//! - *type + dyad right*: such an event whose source and target mentions overlap the gold ones
//!   (either direction for CONSULT, COOPERATE and AGREE, which are mutual; an unnamed gold actor
//!   matches any);
//! - *actor codes right* (gold sets that give actor codes: petrel's corpus): of the gold events
//!   whose source has a code, those with an event of their type and dyad whose source code, and
//!   target code where gold gives one, are the gold's; *countries right* compares only the codes'
//!   first three letters (`HKG` for `HKGGOV`);
//! - *no event*: sentences with gold events for which petrel gives none;
//! - *false alarms*: sentences marked as reporting no event for which petrel gives one;
//! - *type precision* and *macro-F1* over (sentence, type) pairs: a type petrel gives a sentence is
//!   right when the sentence has a gold event of that type. Events of no scored type (CRIME) are
//!   left out of both.
//!
//! Every figure is given for the whole set, its development part, and its frozen part (PLV rows
//! with `row % 3 == 2`, the corpus's test lines), which is reported and never read case by case.

use crate::gold::{EvalType, GoldSentence};
use crate::pipeline::Pipeline;
use petrel_core::{Date, Event, Span};
use std::collections::{BTreeMap, BTreeSet};

/// One event petrel gave a gold sentence, reduced to what scoring compares.
#[derive(Clone, Debug, PartialEq)]
pub struct Predicted {
    pub kind: Option<EvalType>,
    pub source: Option<Span>,
    pub target: Option<Span>,
    /// The actors' codes (`---` for an unnamed one).
    pub source_code: String,
    pub target_code: Option<String>,
}

impl Predicted {
    pub fn from_event(event: &Event) -> Predicted {
        Predicted {
            kind: EvalType::from_cameo(&event.cameo),
            source: Some(event.source.span),
            target: event.target.as_ref().map(|t| t.span),
            source_code: event.source.petrarch_code(),
            target_code: event.target.as_ref().map(|t| t.petrarch_code()),
        }
    }
}

/// Codes each gold sentence alone with `pipeline`, as a one-sentence story read the way `petrel
/// code` reads one (a dateline is recognised and left out), dated by the sentence's date, else `date`,
/// on `threads` threads (0: all cores); the result is in the order of `gold`.
pub fn code_gold(
    pipeline: &Pipeline,
    gold: &[GoldSentence],
    date: Date,
    threads: usize,
) -> Vec<Vec<Predicted>> {
    use rayon::prelude::*;
    let code = |s: &GoldSentence| -> Vec<Predicted> {
        pipeline
            .code_raw(&s.origin, &s.text, s.date.unwrap_or(date))
            .iter()
            .map(Predicted::from_event)
            .collect()
    };
    match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool.install(|| gold.par_iter().map(code).collect()),
        Err(_) => gold.iter().map(code).collect(),
    }
}

/// Counts for one part of a gold set.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tally {
    pub gold_events: usize,
    pub type_right: usize,
    pub dyad_right: usize,
    /// Sentences with at least one gold event.
    pub sentences: usize,
    /// Of those, the ones petrel gave no event.
    pub silent: usize,
    /// Sentences marked as reporting no event.
    pub empty_sentences: usize,
    /// Of those, the ones petrel gave an event.
    pub false_alarms: usize,
    pub predicted_events: usize,
    /// Gold events whose source has a code; of those, the ones whose codes, and whose
    /// countries, an event of their type and dyad gave.
    pub coded_events: usize,
    pub codes_right: usize,
    pub countries_right: usize,
    pub per_type: BTreeMap<EvalType, TypeTally>,
}

/// Counts for one event type.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TypeTally {
    pub gold_events: usize,
    pub type_right: usize,
    pub dyad_right: usize,
    /// (sentence, type) pairs: given and gold, given only, gold only.
    pub true_pos: usize,
    pub false_pos: usize,
    pub false_neg: usize,
}

impl TypeTally {
    pub fn f1(&self) -> f64 {
        let denom = 2 * self.true_pos + self.false_pos + self.false_neg;
        if denom == 0 {
            0.0
        } else {
            2.0 * self.true_pos as f64 / denom as f64
        }
    }
}

fn pct(n: usize, of: usize) -> f64 {
    if of == 0 {
        0.0
    } else {
        100.0 * n as f64 / of as f64
    }
}

impl Tally {
    pub fn type_right_pct(&self) -> f64 {
        pct(self.type_right, self.gold_events)
    }
    pub fn dyad_right_pct(&self) -> f64 {
        pct(self.dyad_right, self.gold_events)
    }
    /// Of the gold events whose source has a code, the share given with the gold's codes.
    pub fn codes_right_pct(&self) -> f64 {
        pct(self.codes_right, self.coded_events)
    }
    /// The same, comparing only the codes' countries (their first three letters).
    pub fn countries_right_pct(&self) -> f64 {
        pct(self.countries_right, self.coded_events)
    }
    pub fn silent_pct(&self) -> f64 {
        pct(self.silent, self.sentences)
    }
    pub fn false_alarm_pct(&self) -> f64 {
        pct(self.false_alarms, self.empty_sentences)
    }
    pub fn type_precision_pct(&self) -> f64 {
        let tp: usize = self.per_type.values().map(|t| t.true_pos).sum();
        let fp: usize = self.per_type.values().map(|t| t.false_pos).sum();
        pct(tp, tp + fp)
    }
    /// The mean F1 over the types that have gold events in this part, in percent.
    pub fn macro_f1_pct(&self) -> f64 {
        let scored: Vec<f64> = self
            .per_type
            .values()
            .filter(|t| t.gold_events > 0)
            .map(TypeTally::f1)
            .collect();
        if scored.is_empty() {
            0.0
        } else {
            100.0 * scored.iter().sum::<f64>() / scored.len() as f64
        }
    }
}

/// The scores of a gold set: whole, development part and frozen part.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EvalReport {
    pub all: Tally,
    pub dev: Tally,
    pub frozen: Tally,
}

/// Scores `predicted` (one list a gold sentence, in the same order) against `gold`.
pub fn score(gold: &[GoldSentence], predicted: &[Vec<Predicted>]) -> EvalReport {
    let mut report = EvalReport::default();
    for (sentence, given) in gold.iter().zip(predicted) {
        let given_types: BTreeSet<EvalType> = given.iter().filter_map(|p| p.kind).collect();
        let gold_types: BTreeSet<EvalType> = sentence.events.iter().map(|e| e.kind).collect();
        // Sentence-level counts go to the sentence's part.
        let sentence_part = if sentence.frozen {
            &mut report.frozen
        } else {
            &mut report.dev
        };
        for tally in [&mut report.all, sentence_part] {
            tally.predicted_events += given.len();
            if sentence.events.is_empty() {
                tally.empty_sentences += 1;
                tally.false_alarms += usize::from(!given.is_empty());
            } else {
                tally.sentences += 1;
                tally.silent += usize::from(given.is_empty());
            }
            for t in given_types.union(&gold_types) {
                let entry = tally.per_type.entry(*t).or_default();
                match (given_types.contains(t), gold_types.contains(t)) {
                    (true, true) => entry.true_pos += 1,
                    (true, false) => entry.false_pos += 1,
                    _ => entry.false_neg += 1,
                }
            }
        }
        // Event-level counts go to the event's part.
        for event in &sentence.events {
            let typed: Vec<&Predicted> = given
                .iter()
                .filter(|p| p.kind == Some(event.kind))
                .collect();
            let mutual = matches!(
                event.kind,
                EvalType::Consult | EvalType::Cooperate | EvalType::Agree
            );
            let forward =
                |p: &Predicted| event.source.matches(p.source) && event.target.matches(p.target);
            let backward = |p: &Predicted| {
                mutual && event.source.matches(p.target) && event.target.matches(p.source)
            };
            let dyad = typed.iter().any(|p| forward(p) || backward(p));
            // Codes are compared on the events whose mentions are the gold's, in their order.
            let codes = |same: &dyn Fn(&str, &str) -> bool| {
                let Some(gold_source) = event.source_code.as_deref() else {
                    return false;
                };
                let target_right = |given: Option<&str>| {
                    event
                        .target_code
                        .as_deref()
                        .is_none_or(|g| given.is_some_and(|c| same(g, c)))
                };
                typed.iter().any(|p| {
                    (forward(p)
                        && same(gold_source, &p.source_code)
                        && target_right(p.target_code.as_deref()))
                        || (backward(p)
                            && p.target_code
                                .as_deref()
                                .is_some_and(|c| same(gold_source, c))
                            && target_right(Some(&p.source_code)))
                })
            };
            let codes_right = codes(&|g, c| g == c);
            let countries_right = codes(&|g, c| country_part(g) == country_part(c));
            let event_part = if event.frozen {
                &mut report.frozen
            } else {
                &mut report.dev
            };
            for tally in [&mut report.all, &mut *event_part] {
                tally.gold_events += 1;
                tally.type_right += usize::from(!typed.is_empty());
                tally.dyad_right += usize::from(dyad);
                tally.coded_events += usize::from(event.source_code.is_some());
                tally.codes_right += usize::from(codes_right);
                tally.countries_right += usize::from(countries_right);
                let entry = tally.per_type.entry(event.kind).or_default();
                entry.gold_events += 1;
                entry.type_right += usize::from(!typed.is_empty());
                entry.dyad_right += usize::from(dyad);
            }
        }
    }
    report
}

/// The country part of an actor code: its first three letters (`HKG` of `HKGGOV`, `IGO` of
/// `IGOUNO`); the whole code when shorter.
fn country_part(code: &str) -> &str {
    code.get(..3).unwrap_or(code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gold::{GoldActor, GoldEvent};

    fn gold(text: &str, events: Vec<GoldEvent>, frozen: bool) -> GoldSentence {
        GoldSentence {
            id: text.to_string(),
            origin: String::new(),
            text: text.to_string(),
            date: None,
            events,
            frozen,
        }
    }

    fn event(kind: EvalType, source: (usize, usize), target: (usize, usize)) -> GoldEvent {
        GoldEvent {
            cameo: None,
            kind,
            source: GoldActor::At(Span::new(source.0, source.1)),
            target: GoldActor::At(Span::new(target.0, target.1)),
            trigger: None,
            source_code: None,
            target_code: None,
            frozen: false,
        }
    }

    fn given(kind: EvalType, source: (usize, usize), target: (usize, usize)) -> Predicted {
        Predicted {
            kind: Some(kind),
            source: Some(Span::new(source.0, source.1)),
            target: Some(Span::new(target.0, target.1)),
            source_code: "---".to_string(),
            target_code: Some("---".to_string()),
        }
    }

    #[test]
    fn type_dyad_silence_and_false_alarms_are_counted() {
        let gold_set = vec![
            gold("a", vec![event(EvalType::Consult, (0, 5), (10, 16))], false),
            gold("b", vec![event(EvalType::Assault, (0, 5), (10, 16))], false),
            gold(
                "c",
                vec![GoldEvent {
                    frozen: true,
                    ..event(EvalType::Reject, (0, 5), (10, 16))
                }],
                true,
            ),
            gold("d", vec![], false),
        ];
        let predicted = vec![
            // Mutual type, reversed direction: dyad right.
            vec![given(EvalType::Consult, (10, 16), (0, 5))],
            // Right type, wrong target; and a wrong type.
            vec![
                given(EvalType::Assault, (0, 5), (20, 26)),
                given(EvalType::Protest, (0, 5), (10, 16)),
            ],
            vec![],
            vec![given(EvalType::Accuse, (0, 1), (2, 3))],
        ];
        let r = score(&gold_set, &predicted);
        assert_eq!(
            (r.all.gold_events, r.all.type_right, r.all.dyad_right),
            (3, 2, 1)
        );
        assert_eq!((r.all.sentences, r.all.silent), (3, 1));
        assert_eq!((r.all.empty_sentences, r.all.false_alarms), (1, 1));
        assert_eq!((r.frozen.gold_events, r.frozen.type_right), (1, 0));
        assert_eq!(r.dev.gold_events, 2);
        // Pairs: CONSULT tp, ASSAULT tp, PROTEST fp, REJECT fn, ACCUSE fp.
        assert!((r.all.type_precision_pct() - 50.0).abs() < 1e-9);
        let f1 = r.all.macro_f1_pct();
        // Types with gold events: CONSULT 1.0, ASSAULT 1.0, REJECT 0.0.
        assert!((f1 - 200.0 / 3.0).abs() < 1e-9, "{f1}");
    }
    #[test]
    fn actor_codes_are_compared_where_gold_gives_them() {
        let coded = |source: &str, target: Option<&str>| GoldEvent {
            source_code: Some(source.to_string()),
            target_code: target.map(str::to_string),
            ..event(EvalType::Coerce, (0, 5), (10, 16))
        };
        let with = |source: &str, target: &str| Predicted {
            source_code: source.to_string(),
            target_code: Some(target.to_string()),
            ..given(EvalType::Coerce, (0, 5), (10, 16))
        };
        let gold_set = vec![
            gold("a", vec![coded("USAGOV", Some("HKGGOV"))], false),
            gold("b", vec![coded("USAGOV", Some("HKGGOV"))], false),
            gold("c", vec![coded("USAGOV", None)], false),
            gold("d", vec![event(EvalType::Coerce, (0, 5), (10, 16))], false),
        ];
        let predicted = vec![
            vec![with("USAGOV", "HKGGOV")],
            // The country right, the role not.
            vec![with("USA", "HKG")],
            // No gold target code: the source decides.
            vec![with("USAGOV", "---")],
            vec![with("USAGOV", "HKGGOV")],
        ];
        let r = score(&gold_set, &predicted);
        assert_eq!(
            (r.all.coded_events, r.all.codes_right, r.all.countries_right),
            (3, 2, 3)
        );
    }
}
