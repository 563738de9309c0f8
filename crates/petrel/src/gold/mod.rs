//! Sentences with gold events: the readers of the sets petrel is measured and trained on.
//!
//! Two formats share one in-memory shape, [`GoldSentence`]: the PLV TSV of real news sentences
//! with one marked event a row (`plv`, measurement only), and petrel's own event corpus
//! (`team`, JSONL described in `docs/corpus-format.md`, which also trains the event recogniser).
//! Mentions become byte spans into the sentence once, here, so that scoring compares spans.

pub mod plv;
pub mod team;

use petrel_core::{CameoCode, Date, PloverEvent, Span};
use std::fmt;

/// The event types petrel is scored on: the PLV dataset's folded set of fifteen PLOVER types,
/// plus `Statement` for CAMEO 01, which PLOVER does not code.
///
/// The folding is the dataset's own (see `../shared/data/plover/README.md`): CONCEDE and RETREAT
/// are YIELD, DEMAND is REQUEST, DISAPPROVE and INVESTIGATE are ACCUSE, FIGHT and ASSAULT are
/// ASSAULT. CAMEO's appeals (02), which PLOVER leaves uncoded, are folded into REQUEST, the
/// dataset's name for requests and demands; CRIME has no PLV type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EvalType {
    Agree,
    Consult,
    Support,
    Cooperate,
    Aid,
    Yield,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
    Statement,
}

impl EvalType {
    pub const ALL: [EvalType; 16] = [
        EvalType::Agree,
        EvalType::Consult,
        EvalType::Support,
        EvalType::Cooperate,
        EvalType::Aid,
        EvalType::Yield,
        EvalType::Request,
        EvalType::Accuse,
        EvalType::Reject,
        EvalType::Threaten,
        EvalType::Protest,
        EvalType::Sanction,
        EvalType::Mobilize,
        EvalType::Coerce,
        EvalType::Assault,
        EvalType::Statement,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EvalType::Agree => "AGREE",
            EvalType::Consult => "CONSULT",
            EvalType::Support => "SUPPORT",
            EvalType::Cooperate => "COOPERATE",
            EvalType::Aid => "AID",
            EvalType::Yield => "YIELD",
            EvalType::Request => "REQUEST",
            EvalType::Accuse => "ACCUSE",
            EvalType::Reject => "REJECT",
            EvalType::Threaten => "THREATEN",
            EvalType::Protest => "PROTEST",
            EvalType::Sanction => "SANCTION",
            EvalType::Mobilize => "MOBILIZE",
            EvalType::Coerce => "COERCE",
            EvalType::Assault => "ASSAULT",
            EvalType::Statement => "STATEMENT",
        }
    }

    /// The type named as the PLV file writes it (`CONSULT`), if it is one of the fifteen.
    pub fn from_plv_name(name: &str) -> Option<EvalType> {
        EvalType::ALL
            .iter()
            .copied()
            .find(|t| *t != EvalType::Statement && t.as_str() == name)
    }

    /// The folded type of a PLOVER event type; `None` for CRIME.
    pub fn from_plover(event: PloverEvent) -> Option<EvalType> {
        Some(match event {
            PloverEvent::Agree => EvalType::Agree,
            PloverEvent::Consult => EvalType::Consult,
            PloverEvent::Support => EvalType::Support,
            PloverEvent::Concede | PloverEvent::Retreat => EvalType::Yield,
            PloverEvent::Cooperate => EvalType::Cooperate,
            PloverEvent::Aid => EvalType::Aid,
            PloverEvent::Investigate | PloverEvent::Disapprove => EvalType::Accuse,
            PloverEvent::Demand => EvalType::Request,
            PloverEvent::Reject => EvalType::Reject,
            PloverEvent::Threaten => EvalType::Threaten,
            PloverEvent::Protest => EvalType::Protest,
            PloverEvent::Crime => return None,
            PloverEvent::Sanction => EvalType::Sanction,
            PloverEvent::Mobilize => EvalType::Mobilize,
            PloverEvent::Coerce => EvalType::Coerce,
            PloverEvent::Assault => EvalType::Assault,
        })
    }

    /// The folded type of a CAMEO code, through petrel's CAMEO → PLOVER table.
    pub fn from_cameo(code: &CameoCode) -> Option<EvalType> {
        match code.root() {
            Some(1) => return Some(EvalType::Statement),
            Some(2) => return Some(EvalType::Request),
            _ => {}
        }
        let info = petrel_code::taxonomy::lookup(code.as_str())?;
        EvalType::from_plover(info.plover?.event)
    }
}

impl fmt::Display for EvalType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who an event's source or target is in the gold data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GoldActor {
    /// The mention, as a byte span of the sentence.
    At(Span),
    /// The annotator marked the actor as unnamed ("An actor", `null`): any actor matches.
    Unnamed,
}

impl GoldActor {
    /// True when a predicted mention (a byte span of the same sentence) stands for this actor:
    /// the spans overlap, or the gold actor is unnamed.
    pub fn matches(&self, predicted: Option<Span>) -> bool {
        match (self, predicted) {
            (GoldActor::Unnamed, _) => true,
            (GoldActor::At(gold), Some(p)) => p.start < gold.end && gold.start < p.end,
            (GoldActor::At(_), None) => false,
        }
    }
}

/// One gold event of a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldEvent {
    /// The CAMEO code, where the gold data gives one (petrel's corpus does, PLV does not).
    pub cameo: Option<CameoCode>,
    pub kind: EvalType,
    pub source: GoldActor,
    pub target: GoldActor,
    /// The word that carries the event, where the gold data marks it.
    pub trigger: Option<Span>,
    /// The actors' CAMEO codes, where the gold data gives them (petrel's corpus does, where its
    /// writer knew them; PLV does not).
    pub source_code: Option<String>,
    pub target_code: Option<String>,
    /// True when the event belongs to a frozen test split: reported, never read case by case.
    pub frozen: bool,
}

/// A sentence with its gold events (none: the sentence reports no codable event).
#[derive(Clone, Debug, PartialEq)]
pub struct GoldSentence {
    pub id: String,
    /// `file:line` of the first line that gave it.
    pub origin: String,
    pub text: String,
    pub date: Option<Date>,
    pub events: Vec<GoldEvent>,
    /// True when the sentence belongs to a frozen test split.
    pub frozen: bool,
}

/// A gold file that cannot be read: `path:line: what is wrong; what to do`.
#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Line {
        path: String,
        line: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    File { path: String, message: String },
}

/// The byte span of the first occurrence of `needle` in `text`.
pub(crate) fn find_span(text: &str, needle: &str) -> Option<Span> {
    if needle.is_empty() {
        return None;
    }
    text.find(needle)
        .map(|start| Span::new(start, start + needle.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_follows_the_plv_readme() {
        let code = |c: &str| EvalType::from_cameo(&c.parse().unwrap());
        assert_eq!(code("042"), Some(EvalType::Consult));
        assert_eq!(code("0871"), Some(EvalType::Yield));
        assert_eq!(code("112"), Some(EvalType::Accuse));
        assert_eq!(code("090"), Some(EvalType::Accuse));
        assert_eq!(code("100"), Some(EvalType::Request));
        assert_eq!(code("020"), Some(EvalType::Request));
        assert_eq!(code("010"), Some(EvalType::Statement));
        assert_eq!(code("190"), Some(EvalType::Assault));
        assert_eq!(code("183"), Some(EvalType::Assault));
        assert_eq!(EvalType::from_plv_name("STATEMENT"), None);
        assert_eq!(EvalType::from_plv_name("YIELD"), Some(EvalType::Yield));
    }

    #[test]
    fn an_unnamed_gold_actor_matches_anything_a_named_one_needs_overlap() {
        let gold = GoldActor::At(Span::new(4, 10));
        assert!(gold.matches(Some(Span::new(0, 5))));
        assert!(!gold.matches(Some(Span::new(10, 12))));
        assert!(!gold.matches(None));
        assert!(GoldActor::Unnamed.matches(None));
    }
}
