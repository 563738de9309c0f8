//! The wire formats of petrel events; the only stage that knows JSON.
//!
//! Internal types (`petrel_core::Event` and friends) do not implement `Serialize`: a serialized
//! type is a promise to every user's scripts. This crate owns that promise: [`EventRecord`] is the
//! versioned record described field by field in `docs/event-format.md`, [`EventRecord::new`] is the
//! one function that maps an event to it, and a golden test pins its JSON.
//!
//! Offsets on the wire are **character** offsets (Unicode scalar values) into the document text,
//! because that is what Python, JavaScript and R users index strings by; internally petrel keeps
//! byte offsets.

pub mod document;
pub mod places;
mod record;
pub mod tabular;

pub use document::{DocumentRecord, SentenceRecord};
pub use record::{
    ActorRecord, CharIndex, EventContext, EventRecord, LocationRecord, PloverRecord,
    ProvenanceRecord, SourceLine, TriggerRecord, FORMAT_VERSION,
};
