//! The ingest stage: from the bytes a user gives petrel to stories
//! ([`Document`](petrel_core::Document)s) the NLP stage can read.
//!
//! Real news input is messy, and this crate is where petrel deals with it, once, for every later
//! stage. [`Inputs`] streams documents from files, folders, `.gz` files and stdin, in plain text,
//! HTML or JSONL (one story a line), decoding whatever encoding the bytes are in. Each story is
//! then read the way an analyst would ([`story`]): its title, publication date, dateline place,
//! publisher and byline are found; site chrome, share buttons, bilingual site headers and OCR
//! debris are dropped; lines broken mid-sentence are joined. The clean text keeps an
//! [`OffsetMap`](petrel_core::OffsetMap) back to the input, so every span petrel reports can be
//! shown in the user's own file.
//!
//! Bad input is never fatal and never silent: an invalid JSON line, a story over
//! [`MAX_STORY_BYTES`], an empty story, binary data or a truncated `.gz` is a [`Skip`] naming the
//! file and line, and the stream goes on. Memory stays bounded whatever the input size: a JSONL
//! file is read a line at a time.
//!
//! This crate does not split sentences or tokenize (that is `nlp`), nor resolve dates inside
//! sentences (that is `time`, whose date grammar it borrows for publication dates).
//!
//! [`chunks::Chunks`] is the lower-level reader behind `petrel parse`: paragraph-sized pieces of
//! any input, with offsets, and no story understanding.
//!
//! ```
//! use petrel_ingest::read_story;
//!
//! let doc = read_story("story.txt", "JAPAN PROTESTS TEST\n20.03.2017\n\nTOKYO (AP) — Japan\nprotested.\n".as_bytes()).unwrap();
//! assert_eq!(doc.title.as_deref(), Some("JAPAN PROTESTS TEST"));
//! assert_eq!(doc.date.map(|d| d.to_string()), Some("2017-03-20".to_string()));
//! assert_eq!(doc.dateline.as_deref(), Some("TOKYO"));
//! assert_eq!(doc.text, "Japan protested.");
//! ```

pub mod chrome;
pub mod chunks;
pub mod dateline;
pub mod decode;
pub mod html;
pub mod inputs;
pub mod jsonl;
pub mod mapped;
pub mod story;

pub use inputs::{
    check_named, open_decompressed, read_record, read_story, total_bytes, Format, Inputs, Skip,
    SkipKind, MAX_STORY_BYTES,
};
