//! Events: who did what to whom, with the evidence and the dictionary entries that produced them.

use crate::{ActorCode, CameoCode, Date, Span};
use std::fmt;

/// One coded event: a source actor did something (a CAMEO code) to an optional target actor.
///
/// Everything the coder knew when it produced the event travels with it: the sentence it came from,
/// the words that triggered it, how sure the sentence is that it happened ([`Modality`]), and the
/// dictionary lines that fired ([`Provenance`]), so that every event can be explained.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// Index of the sentence in its story, 0-based.
    pub sentence_index: usize,
    /// The date the event is attributed to (the story date unless the text says otherwise).
    pub date: Date,
    pub source: EventActor,
    /// `None` for events without a target, such as an actor making a public statement.
    pub target: Option<EventActor>,
    pub cameo: CameoCode,
    /// The Goldstein conflict–cooperation score of `cameo`, from −10 to +10.
    pub goldstein: f32,
    pub quad_class: QuadClass,
    /// The PLOVER event type and mode; `None` for CAMEO codes PLOVER does not code (01, 02).
    pub plover: Option<Plover>,
    pub modality: Modality,
    pub trigger: Trigger,
    /// Issue codes (from the issues dictionary) found in the sentence.
    pub issues: Vec<String>,
    pub provenance: Provenance,
}

/// The source or target of an event, as resolved from a noun phrase.
#[derive(Clone, Debug, PartialEq)]
pub struct EventActor {
    /// The full code, country first then sectors: `JPNGOV`.
    pub code: ActorCode,
    /// The three-letter country or international code, when the code has one.
    pub country: Option<String>,
    /// The three-letter role codes after the country: `["GOV"]` for `JPNGOV`.
    pub sectors: Vec<String>,
    /// The noun phrase the actor was resolved from, as it appears in the sentence.
    pub text: String,
    /// Where `text` stands; byte offsets into the text the sentence came from.
    pub span: Span,
    /// The dictionary's primary name of the actor that matched, when an actor entry fired.
    pub entity: Option<String>,
    /// True when only agents matched (an "official" of no known country): `code` then holds the
    /// agent codes alone, and PETRARCH writes the actor with a null root, `---GOV`.
    pub unknown_root: bool,
}

impl EventActor {
    /// The code as PETRARCH writes it: `JPNGOV`, or `---GOV` when the root is unknown.
    pub fn petrarch_code(&self) -> String {
        if self.unknown_root {
            format!("---{}", self.code)
        } else {
            self.code.to_string()
        }
    }
}

/// The words of the sentence that triggered the event (normally the verb).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trigger {
    pub text: String,
    pub span: Span,
}

/// Where the dictionary knowledge behind an event came from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Provenance {
    /// The verb pattern (or bare verb entry) that fired.
    pub verb: Option<DictSource>,
    /// The actor and agent entries that resolved the source and target.
    pub actors: Vec<DictSource>,
    /// The learned recogniser's decision, when it decided the event's type.
    pub recogniser: Option<RecogniserNote>,
    /// The names of the coding rules that shaped the event, in the order they fired.
    pub rules: Vec<&'static str>,
    /// The names of the parse repairs that changed the sentence's tree after the parser
    /// ([`crate::Sentence::repairs`]), in the order they ran.
    pub parse_repairs: Vec<String>,
}

/// Why the learned event recogniser gave an event its CAMEO root.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RecogniserNote {
    /// The CAMEO root it chose (1–20).
    pub root: u8,
    /// How far the root's score exceeded *no event*'s.
    pub margin: f32,
    /// The features that pushed the decision most, with their weights, strongest first.
    pub features: Vec<(String, f32)>,
}

/// One dictionary line: its file, 1-based line number and text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DictSource {
    pub file: String,
    pub line: usize,
    pub text: String,
}

impl fmt::Display for DictSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.text)
    }
}

/// Whether the sentence asserts that the event happened.
///
/// Event data has long coded "X will attack Y" and "X did not attack Y" as attacks; petrel records
/// the difference instead of dropping it, so users choose what counts as a fact.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Modality {
    /// The sentence says the event happened or is happening.
    #[default]
    Asserted,
    /// The sentence says it did not happen ("did not attack").
    Negated,
    /// The sentence says it will happen ("will attack", "plans to attack").
    Future,
    /// The sentence says it might or should happen ("could attack", "if they attack").
    Hypothetical,
    /// The sentence attributes the event to a claim by someone else ("X said Y attacked").
    Reported,
}

impl Modality {
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Negated => "negated",
            Modality::Future => "future",
            Modality::Hypothetical => "hypothetical",
            Modality::Reported => "reported",
        }
    }

    /// True when the event is coded as having happened.
    pub fn is_fact(self) -> bool {
        matches!(self, Modality::Asserted | Modality::Reported)
    }
}

/// The four classes of CAMEO events used by GDELT and Phoenix (CAMEO roots in brackets).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum QuadClass {
    /// 1: roots 01–05, statements, appeals, intents, consultations, diplomatic cooperation.
    VerbalCooperation = 1,
    /// 2: roots 06–08, material cooperation, aid, yielding.
    MaterialCooperation = 2,
    /// 3: roots 09–13, investigations, demands, disapproval, rejection, threats.
    VerbalConflict = 3,
    /// 4: roots 14–20, protest, force posture, reduced relations, coercion, assault, fighting.
    MaterialConflict = 4,
}

impl QuadClass {
    /// The class number used in GDELT and Phoenix files: 1 to 4.
    pub fn number(self) -> u8 {
        self as u8
    }
}

/// A PLOVER event type and, when the CAMEO code says more, its mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Plover {
    pub event: PloverEvent,
    pub mode: Option<PloverMode>,
}

/// The eighteen PLOVER event types (PLOVER manual draft 0.8, 2021).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PloverEvent {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Investigate,
    Demand,
    Disapprove,
    Reject,
    Threaten,
    Protest,
    Crime,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
}

impl PloverEvent {
    pub const ALL: [PloverEvent; 18] = [
        PloverEvent::Agree,
        PloverEvent::Consult,
        PloverEvent::Support,
        PloverEvent::Concede,
        PloverEvent::Cooperate,
        PloverEvent::Aid,
        PloverEvent::Retreat,
        PloverEvent::Investigate,
        PloverEvent::Demand,
        PloverEvent::Disapprove,
        PloverEvent::Reject,
        PloverEvent::Threaten,
        PloverEvent::Protest,
        PloverEvent::Crime,
        PloverEvent::Sanction,
        PloverEvent::Mobilize,
        PloverEvent::Coerce,
        PloverEvent::Assault,
    ];

    /// The name as PLOVER writes it: `AGREE`.
    pub fn as_str(self) -> &'static str {
        match self {
            PloverEvent::Agree => "AGREE",
            PloverEvent::Consult => "CONSULT",
            PloverEvent::Support => "SUPPORT",
            PloverEvent::Concede => "CONCEDE",
            PloverEvent::Cooperate => "COOPERATE",
            PloverEvent::Aid => "AID",
            PloverEvent::Retreat => "RETREAT",
            PloverEvent::Investigate => "INVESTIGATE",
            PloverEvent::Demand => "DEMAND",
            PloverEvent::Disapprove => "DISAPPROVE",
            PloverEvent::Reject => "REJECT",
            PloverEvent::Threaten => "THREATEN",
            PloverEvent::Protest => "PROTEST",
            PloverEvent::Crime => "CRIME",
            PloverEvent::Sanction => "SANCTION",
            PloverEvent::Mobilize => "MOBILIZE",
            PloverEvent::Coerce => "COERCE",
            PloverEvent::Assault => "ASSAULT",
        }
    }

    /// The event type with the given PLOVER name (upper case), if any.
    pub fn from_name(name: &str) -> Option<PloverEvent> {
        PloverEvent::ALL
            .iter()
            .copied()
            .find(|e| e.as_str() == name)
    }
}

impl fmt::Display for PloverEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The PLOVER modes that refine an event type ("how" it was done), as used in the CAMEO→PLOVER
/// conversion table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PloverMode {
    Phone,
    Visit,
    ThirdParty,
    Release,
    Return,
    Ease,
    Access,
    Disarm,
    Ceasefire,
    Withdraw,
    Investigate,
    Assist,
    Change,
    Yield,
    Meet,
    Disapprove,
    Allege,
    Relations,
    Restrict,
    Ban,
    Political,
    Expel,
    Violence,
    Territory,
    Demo,
    Hunger,
    Boycott,
    Obstruct,
    Riot,
    Police,
    Troops,
    Discontinue,
    Seize,
    Curfew,
    MartialLaw,
    Arrest,
    Deport,
    Abduct,
    Beat,
    Sexual,
    Torture,
    SuicideAttack,
    Explosives,
    Assassinate,
    Cleansing,
    Firearms,
    HeavyWeapons,
    Massacre,
    Unconventional,
}

impl PloverMode {
    pub const ALL: [PloverMode; 49] = [
        PloverMode::Phone,
        PloverMode::Visit,
        PloverMode::ThirdParty,
        PloverMode::Release,
        PloverMode::Return,
        PloverMode::Ease,
        PloverMode::Access,
        PloverMode::Disarm,
        PloverMode::Ceasefire,
        PloverMode::Withdraw,
        PloverMode::Investigate,
        PloverMode::Assist,
        PloverMode::Change,
        PloverMode::Yield,
        PloverMode::Meet,
        PloverMode::Disapprove,
        PloverMode::Allege,
        PloverMode::Relations,
        PloverMode::Restrict,
        PloverMode::Ban,
        PloverMode::Political,
        PloverMode::Expel,
        PloverMode::Violence,
        PloverMode::Territory,
        PloverMode::Demo,
        PloverMode::Hunger,
        PloverMode::Boycott,
        PloverMode::Obstruct,
        PloverMode::Riot,
        PloverMode::Police,
        PloverMode::Troops,
        PloverMode::Discontinue,
        PloverMode::Seize,
        PloverMode::Curfew,
        PloverMode::MartialLaw,
        PloverMode::Arrest,
        PloverMode::Deport,
        PloverMode::Abduct,
        PloverMode::Beat,
        PloverMode::Sexual,
        PloverMode::Torture,
        PloverMode::SuicideAttack,
        PloverMode::Explosives,
        PloverMode::Assassinate,
        PloverMode::Cleansing,
        PloverMode::Firearms,
        PloverMode::HeavyWeapons,
        PloverMode::Massacre,
        PloverMode::Unconventional,
    ];

    /// The name as the PLOVER table writes it: `third-party`, `martial-law`.
    pub fn as_str(self) -> &'static str {
        match self {
            PloverMode::Phone => "phone",
            PloverMode::Visit => "visit",
            PloverMode::ThirdParty => "third-party",
            PloverMode::Release => "release",
            PloverMode::Return => "return",
            PloverMode::Ease => "ease",
            PloverMode::Access => "access",
            PloverMode::Disarm => "disarm",
            PloverMode::Ceasefire => "ceasefire",
            PloverMode::Withdraw => "withdraw",
            PloverMode::Investigate => "investigate",
            PloverMode::Assist => "assist",
            PloverMode::Change => "change",
            PloverMode::Yield => "yield",
            PloverMode::Meet => "meet",
            PloverMode::Disapprove => "disapprove",
            PloverMode::Allege => "allege",
            PloverMode::Relations => "relations",
            PloverMode::Restrict => "restrict",
            PloverMode::Ban => "ban",
            PloverMode::Political => "political",
            PloverMode::Expel => "expel",
            PloverMode::Violence => "violence",
            PloverMode::Territory => "territory",
            PloverMode::Demo => "demo",
            PloverMode::Hunger => "hunger",
            PloverMode::Boycott => "boycott",
            PloverMode::Obstruct => "obstruct",
            PloverMode::Riot => "riot",
            PloverMode::Police => "police",
            PloverMode::Troops => "troops",
            PloverMode::Discontinue => "discontinue",
            PloverMode::Seize => "seize",
            PloverMode::Curfew => "curfew",
            PloverMode::MartialLaw => "martial-law",
            PloverMode::Arrest => "arrest",
            PloverMode::Deport => "deport",
            PloverMode::Abduct => "abduct",
            PloverMode::Beat => "beat",
            PloverMode::Sexual => "sexual",
            PloverMode::Torture => "torture",
            PloverMode::SuicideAttack => "suicide-attack",
            PloverMode::Explosives => "explosives",
            PloverMode::Assassinate => "assassinate",
            PloverMode::Cleansing => "cleansing",
            PloverMode::Firearms => "firearms",
            PloverMode::HeavyWeapons => "heavy-weapons",
            PloverMode::Massacre => "massacre",
            PloverMode::Unconventional => "unconventional",
        }
    }

    /// The mode with the given name as the PLOVER table writes it, if any.
    pub fn from_name(name: &str) -> Option<PloverMode> {
        PloverMode::ALL.iter().copied().find(|m| m.as_str() == name)
    }
}

impl fmt::Display for PloverMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plover_names_round_trip() {
        for e in PloverEvent::ALL {
            assert_eq!(PloverEvent::from_name(e.as_str()), Some(e));
        }
        for m in PloverMode::ALL {
            assert_eq!(PloverMode::from_name(m.as_str()), Some(m));
        }
        assert_eq!(PloverEvent::from_name("ATTACK"), None);
    }

    #[test]
    fn only_asserted_and_reported_are_facts() {
        assert!(Modality::Asserted.is_fact());
        assert!(Modality::Reported.is_fact());
        assert!(!Modality::Negated.is_fact());
        assert!(!Modality::Future.is_fact());
        assert!(!Modality::Hypothetical.is_fact());
    }

    #[test]
    fn quad_class_numbers() {
        assert_eq!(QuadClass::VerbalCooperation.number(), 1);
        assert_eq!(QuadClass::MaterialConflict.number(), 4);
    }
}
