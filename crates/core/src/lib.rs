//! The plain data that flows between petrel's pipeline stages.
//!
//! Every stage of petrel (`ingest` → `nlp` → `dict` → `code` → `geo`/`time` → `output`) reads and
//! writes the types defined here, so that a stage can be replaced or fed from outside: the coder takes
//! a [`Sentence`] whether petrel's own parser produced it or a caller read it from a CoNLL-U file.
//!
//! This crate deliberately does no IO and holds no logic beyond validating constructors. Types here
//! do not implement `Serialize`: the wire formats belong to the `output` stage, which maps these types
//! to its own records.
//!
//! ```
//! use petrel_core::{Sentence, Token, Upos};
//!
//! let mut sentence = Sentence::new("Kishida met Lavrov.");
//! sentence.tokens.push(Token::new("Kishida").with_upos(Upos::Propn));
//! assert_eq!(sentence.tokens[0].upos, Upos::Propn);
//! ```

pub mod calendar;
mod codes;
mod document;
mod event;
mod span;
mod token;

pub use codes::{
    ActorCode, ActorCodeError, CameoCode, CameoCodeError, Date, DateError, ACTOR_CODE_MAX,
    CAMEO_CODE_MAX,
};
pub use document::{DatePrecision, Document, OffsetMap, OffsetPiece};
pub use event::{
    DictSource, Event, EventActor, Modality, Plover, PloverEvent, PloverMode, Provenance,
    QuadClass, RecogniserNote, Trigger,
};
pub use span::Span;
pub use token::{Deprel, ParseRepair, Sentence, Token, Upos, UposError};
