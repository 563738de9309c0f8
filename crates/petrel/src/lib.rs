//! The facade over petrel's pipeline stages: what the `petrel` command and embedding programs call.
//!
//! Each stage is its own crate (`petrel-ingest`, `petrel-nlp`, `petrel-dict`, `petrel-code`,
//! `petrel-output`), re-exported here under short names; this crate adds the glue that runs them
//! in order, such as [`parse::parse_stream`] for `petrel parse`.
//!
//! ```no_run
//! let model = petrel::nlp::model::Model::builtin().expect("the built-in model loads");
//! let sentences = model.parse_text("Japan's foreign minister met his Russian counterpart in Tokyo.");
//! for token in &sentences[0].tokens {
//!     println!("{} {} {}", token.form, token.upos, token.deprel);
//! }
//! ```

pub mod actor;
pub mod bench;
pub mod corpus;
pub mod doc;
pub mod eval;
pub mod events_model;
pub mod gold;
pub mod parse;
pub mod pipeline;
pub mod places;
pub mod story;
pub mod validate;

pub use petrel_code as code;
pub use petrel_core as core;
pub use petrel_dict as dict;
pub use petrel_geo as geo;
pub use petrel_ingest as ingest;
pub use petrel_nlp as nlp;
pub use petrel_output as output;
pub use petrel_time as time;
