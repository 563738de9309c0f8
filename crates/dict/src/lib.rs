//! PETRARCH-format dictionary readers and the compiled dictionaries the coder matches against.
//!
//! The field's event dictionaries are written in the PETRARCH and TABARI formats: a verbs file
//! (synsets, verb blocks and patterns, transformations), actors files (phrases with dated codes),
//! an agents file (role nouns that add a sector to an actor code), a discard list and an issues
//! list. This crate reads each format with one module in [`petrarch`], all sharing one line reader
//! ([`lines`]), and compiles them into structures built for matching speed: every dictionary word is
//! interned once in a [`Vocabulary`] as a [`Word`], phrase lookups walk a trie keyed by
//! `(node, word)` ([`trie::PhraseTrie`]), and text-level lists (discards, issues) walk a byte trie
//! over the raw sentence ([`trie::TextTrie`]). No lookup allocates.
//!
//! Reading never fails on content: a malformed line becomes a [`Diagnostic`] (`file:line: what is
//! wrong; what to do`) and the rest of the file loads; only IO is an error ([`DictError`]). Every
//! compiled entry keeps its [`Source`] (file and line), so an event can name the dictionary lines
//! that produced it.
//!
//! The crate does not code events: it does not know about sentences, parses or dates beyond the
//! actors' date restrictions. The coder (`petrel-code`) owns matching policy.
//!
//! ```
//! use petrel_dict::{petrarch, Vocabulary};
//!
//! let mut vocabulary = Vocabulary::new();
//! let (actors, diagnostics) =
//!     petrarch::actors::read("demo.actors", b"AVALON_ [AVL]\n+AVALONIAN_\n", &mut vocabulary);
//! assert!(diagnostics.is_empty());
//! let words = ["Avalonian", "troops"].map(|w| vocabulary.get(w));
//! let (length, actor) = actors.longest_match(words).unwrap();
//! assert_eq!((length, actor.default.unwrap().code().unwrap().as_str()), (1, "AVL"));
//! ```

pub mod diagnostic;
pub mod lines;
pub mod native;
pub mod petrarch;
pub mod set;
pub mod trie;
pub mod vocabulary;

pub use diagnostic::{Diagnostic, DiagnosticKind, DictError, Source};
pub use petrarch::actors::{Actor, ActorCoding, ActorId, Actors, DateRange, DatedCode};
pub use petrarch::agents::{Agent, AgentId, AgentPlacement, Agents};
pub use petrarch::discards::{Discard, DiscardMatch, DiscardScope, Discards};
pub use petrarch::issues::{Issue, IssueKind, IssueMatch, Issues};
pub use petrarch::verbs::{
    BlockId, Grammar, PatternElement, PatternItem, Slot, Synset, SynsetId, Term, Transformation,
    TransformedCode, Verb, VerbBlock, VerbCode, VerbForm, VerbId, VerbPattern, VerbRef, Verbs,
};
pub use vocabulary::{Vocabulary, Word};

use std::path::{Path, PathBuf};

/// The files of one PETRARCH dictionary set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PetrarchPaths {
    pub verbs: PathBuf,
    /// Read in order; a phrase defined in an earlier file wins.
    pub actors: Vec<PathBuf>,
    pub agents: PathBuf,
    pub discards: Option<PathBuf>,
    pub issues: Option<PathBuf>,
}

impl PetrarchPaths {
    /// The Phoenix set in `dir`: `CAMEO.2.0.txt`, the three `Phoenix.*.actors.txt`,
    /// `Phoenix.agents.txt`, `Phoenix.discards.txt` and `Phoenix.IssueCoding.txt`.
    pub fn phoenix(dir: &Path) -> PetrarchPaths {
        PetrarchPaths {
            verbs: dir.join("CAMEO.2.0.txt"),
            actors: ["Countries", "International", "MilNonState"]
                .iter()
                .map(|part| dir.join(format!("Phoenix.{part}.actors.txt")))
                .collect(),
            agents: dir.join("Phoenix.agents.txt"),
            discards: Some(dir.join("Phoenix.discards.txt")),
            issues: Some(dir.join("Phoenix.IssueCoding.txt")),
        }
    }

    /// The PETRARCH validation-suite set in `dir` with the given verbs file
    /// (`PETR.Validate.verbs.txt` or `PETR.Validate.verbs.2.0.txt`).
    pub fn validate(dir: &Path, verbs_file: &str) -> PetrarchPaths {
        PetrarchPaths {
            verbs: dir.join(verbs_file),
            actors: vec![dir.join("PETR.Validate.actors.txt")],
            agents: dir.join("PETR.Validate.agents.txt"),
            discards: Some(dir.join("PETR.Validate.discards.txt")),
            issues: None,
        }
    }
}

/// A compiled dictionary set: what the coder matches sentences against.
#[derive(Clone, Debug, Default)]
pub struct Dictionaries {
    /// The words of all dictionaries; map a token to a [`Word`] with [`Vocabulary::get`].
    pub vocabulary: Vocabulary,
    pub verbs: Verbs,
    pub actors: Actors,
    pub agents: Agents,
    pub discards: Discards,
    pub issues: Issues,
    /// Names of actor entries that are cities standing for a government (capitals), as the
    /// entries' primary phrases (`BEIJING`): where an event happens there, it happens in the
    /// country. Only petrel's own format says which metonyms are cities; empty for PETRARCH's.
    pub cities: std::collections::HashSet<String>,
}

/// Reads and compiles a PETRARCH dictionary set. Diagnostics of all files are returned in file
/// order; only a file that cannot be read is an error.
pub fn load_petrarch(paths: &PetrarchPaths) -> Result<(Dictionaries, Vec<Diagnostic>), DictError> {
    let mut dictionaries = Dictionaries::default();
    let mut diagnostics = Vec::new();
    let name = |path: &Path| path.display().to_string();

    let text = diagnostic::read_file(&paths.verbs)?;
    let (verbs, found) =
        petrarch::verbs::read(&name(&paths.verbs), &text, &mut dictionaries.vocabulary);
    dictionaries.verbs = verbs;
    diagnostics.extend(found);

    for path in &paths.actors {
        let text = diagnostic::read_file(path)?;
        let found = dictionaries
            .actors
            .read_into(&name(path), &text, &mut dictionaries.vocabulary);
        diagnostics.extend(found);
    }

    let text = diagnostic::read_file(&paths.agents)?;
    let (agents, found) =
        petrarch::agents::read(&name(&paths.agents), &text, &mut dictionaries.vocabulary);
    dictionaries.agents = agents;
    diagnostics.extend(found);

    if let Some(path) = &paths.discards {
        let text = diagnostic::read_file(path)?;
        let (discards, found) = petrarch::discards::read(&name(path), &text);
        dictionaries.discards = discards;
        diagnostics.extend(found);
    }
    if let Some(path) = &paths.issues {
        let text = diagnostic::read_file(path)?;
        let (issues, found) = petrarch::issues::read(&name(path), &text);
        dictionaries.issues = issues;
        diagnostics.extend(found);
    }
    Ok((dictionaries, diagnostics))
}
