//! petrel's own dictionary format: TOML files under `dictionaries/`, validated on load and compiled
//! into the same [`Dictionaries`] the PETRARCH readers produce.
//!
//! A dictionary directory holds any number of `.toml` files (read in sorted path order); each may
//! hold `[[person]]`, `[[country]]`, `[[place]]`, `[[organization]]`, `[[agent]]`, `[[verb]]`,
//! `[[synset]]`, `[[discard]]` and `[[issue]]` tables (docs/dictionary-format.md describes every
//! field). Actor tables may be spread over many files; the other kinds each live in one file,
//! because the PETRARCH readers they compile through read one file each.
//!
//! [`load`] reads a directory, [`builtin`] the set compiled into the binary. [`stats`] counts what
//! a set holds, [`check`] finds what loads but is probably wrong (duplicates, overlapping roles,
//! unknown codes, agents whose plural cannot be derived), and [`export_petrarch`] writes a set in
//! the PETRARCH formats.
//!
//! ```
//! use petrel_dict::native;
//!
//! let toml = "[[country]]\ncode = \"AVL\"\nnames = [\"Avalon\"]\ndemonyms = [\"Avalonian\"]\n";
//! let (set, diagnostics) = native::read_files(&[("avalon.toml".to_string(), toml.to_string())]);
//! assert!(diagnostics.is_empty());
//! let (dictionaries, diagnostics) = native::compile(&set);
//! assert!(diagnostics.is_empty());
//! let words = ["Avalonian"].map(|w| dictionaries.vocabulary.get(w));
//! let (_, actor) = dictionaries.actors.longest_match(words).unwrap();
//! assert_eq!(actor.source.to_string(), "avalon.toml:1");
//! ```

pub mod check;
pub mod compile;
#[cfg(test)]
mod golden;
pub mod model;
#[cfg(test)]
mod shipped;

pub use check::{check, stats, Stats};
pub use model::{
    AgentEntry, AgentWord, Country, DiscardEntry, FormerName, IssueEntry, Located, Metonym,
    NativeFile, Organization, OrganizationKind, Pattern, Person, Place, Role, SynsetEntry,
    VerbEntry, VerbWord,
};

use crate::diagnostic::{Diagnostic, DiagnosticKind, DictError, Source};
use crate::{petrarch, Dictionaries};
use compile::Mode;
use std::path::{Path, PathBuf};
use std::sync::Arc;

include!(concat!(env!("OUT_DIR"), "/builtin_files.rs"));

/// The most TOML files one directory may hold; a tree with more is not a dictionary.
pub const MAX_FILES: usize = 10_000;

/// A set of validated TOML dictionary files, in the order they are read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NativeSet {
    pub files: Vec<NativeFile>,
}

/// Validates `(name, text)` files; a file's problems become diagnostics and its good entries load.
/// Files are parsed on several threads (TOML parsing is most of the load time); the result is in
/// the order given, so it does not depend on the threads.
pub fn read_files(files: &[(String, String)]) -> (NativeSet, Vec<Diagnostic>) {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let chunk = files.len().div_ceil(threads).max(1);
    let parsed: Vec<(NativeFile, Vec<Diagnostic>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|(name, text)| model::read(name, text))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| match handle.join() {
                Ok(files) => files,
                // A panic in a parser is a bug; re-raise it rather than lose files silently.
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    });
    let mut set = NativeSet::default();
    let mut diagnostics = Vec::new();
    for (file, found) in parsed {
        set.files.push(file);
        diagnostics.extend(found);
    }
    (set, diagnostics)
}

/// Every `.toml` file under `dir`, sorted, with names relative to `dir`. Links are followed once:
/// a folder reached a second time (`self -> .`) or a file reached through a second link is left
/// out with a diagnostic, and folders deeper than [`MAX_DEPTH`] are not read.
pub fn read_dir(dir: &Path) -> Result<(NativeSet, Vec<Diagnostic>), DictError> {
    let mut walk = Walk::default();
    walk.collect(dir, 0)?;
    let mut paths = walk.files;
    paths.sort();
    let mut files = Vec::with_capacity(paths.len());
    let mut undecodable = walk.diagnostics;
    for path in paths {
        let bytes = crate::diagnostic::read_file(&path)?;
        let name = path.display().to_string();
        match String::from_utf8(bytes) {
            Ok(text) => files.push((name, text)),
            Err(_) => undecodable.push(Diagnostic::new(
                &Source {
                    file: Arc::from(name.as_str()),
                    line: 1,
                },
                DiagnosticKind::InvalidUtf8,
                "file is not UTF-8; save it as UTF-8 (the file was skipped)",
            )),
        }
    }
    let (set, mut diagnostics) = read_files(&files);
    diagnostics.extend(undecodable);
    Ok((set, diagnostics))
}

/// How deep [`read_dir`] walks below the folder it is given.
pub const MAX_DEPTH: usize = 32;

/// A folder walk that visits each real file and folder once.
#[derive(Default)]
struct Walk {
    files: Vec<PathBuf>,
    seen: std::collections::HashSet<PathBuf>,
    diagnostics: Vec<Diagnostic>,
}

impl Walk {
    fn note(&mut self, path: &Path, message: &str) {
        let name = path.display().to_string();
        self.diagnostics.push(Diagnostic::new(
            &Source {
                file: Arc::from(name.as_str()),
                line: 1,
            },
            DiagnosticKind::Duplicate,
            message,
        ));
    }

    fn collect(&mut self, dir: &Path, depth: usize) -> Result<(), DictError> {
        let read_error = |error| DictError::Read {
            path: dir.to_path_buf(),
            error,
        };
        // The canonical path names the real folder whatever links led here.
        let real = std::fs::canonicalize(dir).map_err(read_error)?;
        if !self.seen.insert(real) {
            self.note(
                dir,
                "folder already read through another path (a link); read once",
            );
            return Ok(());
        }
        if depth > MAX_DEPTH {
            self.note(
                dir,
                "folder nested too deep; not read (is there a loop of links?)",
            );
            return Ok(());
        }
        let mut entries = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(read_error)? {
            entries.push(entry.map_err(read_error)?.path());
        }
        entries.sort();
        for path in entries {
            if path.is_dir() {
                self.collect(&path, depth + 1)?;
            } else if path.extension().is_some_and(|e| e == "toml") && self.files.len() < MAX_FILES
            {
                let real = std::fs::canonicalize(&path).map_err(|error| DictError::Read {
                    path: path.clone(),
                    error,
                })?;
                if self.seen.insert(real) {
                    self.files.push(path);
                } else {
                    self.note(
                        &path,
                        "file already read through another path (a link); read once",
                    );
                }
            }
        }
        Ok(())
    }
}

/// Reads and compiles every `dir/**/*.toml`. Only IO is an error; content problems are
/// diagnostics.
pub fn load(dir: &Path) -> Result<(Dictionaries, Vec<Diagnostic>), DictError> {
    let (set, mut diagnostics) = read_dir(dir)?;
    let (dictionaries, found) = compile(&set);
    diagnostics.extend(found);
    Ok((dictionaries, diagnostics))
}

/// The dictionaries shipped in the binary, validated.
pub fn builtin_set() -> (NativeSet, Vec<Diagnostic>) {
    let files: Vec<(String, String)> = BUILTIN_FILES
        .iter()
        .map(|(name, text)| (format!("dictionaries/{name}"), text.to_string()))
        .collect();
    read_files(&files)
}

/// The dictionaries shipped in the binary, compiled. The diagnostics are empty for what we ship
/// (a test holds us to it).
pub fn builtin() -> (Dictionaries, Vec<Diagnostic>) {
    let (set, mut diagnostics) = builtin_set();
    let (dictionaries, found) = compile(&set);
    diagnostics.extend(found);
    (dictionaries, diagnostics)
}

/// Which file of a set holds each single-file kind; entries of the kind in any other file are
/// reported and left out.
fn single_file<'s>(
    set: &'s NativeSet,
    kind: &str,
    has: impl Fn(&NativeFile) -> Option<u32>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<&'s NativeFile> {
    let mut chosen: Option<&NativeFile> = None;
    for file in &set.files {
        let Some(line) = has(file) else {
            continue;
        };
        match chosen {
            None => chosen = Some(file),
            Some(first) => diagnostics.push(Diagnostic::new(
                &Source {
                    file: file.name.clone(),
                    line,
                },
                DiagnosticKind::Duplicate,
                format!(
                    "[[{kind}]] tables are already in {}; keep all of them in that one file (these were skipped)",
                    first.name
                ),
            )),
        }
    }
    chosen
}

fn first_line<T>(items: &[T], line: impl Fn(&T) -> u32) -> Option<u32> {
    items.iter().map(line).min()
}

/// Compiles a validated set through the PETRARCH readers into [`Dictionaries`].
pub fn compile(set: &NativeSet) -> (Dictionaries, Vec<Diagnostic>) {
    let mut dictionaries = Dictionaries::default();
    let mut diagnostics = Vec::new();

    let verbs = single_file(
        set,
        "verb",
        |f| {
            first_line(&f.verbs, |v| v.line)
                .into_iter()
                .chain(first_line(&f.synsets, |s| s.line))
                .min()
        },
        &mut diagnostics,
    );
    if let Some(file) = verbs {
        let text = compile::verbs_text(file, Mode::Padded);
        let (compiled, found) =
            petrarch::verbs::read(&file.name, text.as_bytes(), &mut dictionaries.vocabulary);
        dictionaries.verbs = compiled;
        diagnostics.extend(found);
    }

    for file in &set.files {
        if file.people.is_empty()
            && file.countries.is_empty()
            && file.places.is_empty()
            && file.organizations.is_empty()
        {
            continue;
        }
        for country in &file.countries {
            let cities = country.metonyms.iter().filter(|m| m.city).map(|m| &m.name);
            for city in country.capital.iter().chain(cities) {
                dictionaries
                    .cities
                    .insert(compile::phrase(&city.text).replace('_', " "));
            }
        }
        let text = compile::actors_text(file, Mode::Padded);
        let found = dictionaries.actors.read_into(
            &file.name,
            text.as_bytes(),
            &mut dictionaries.vocabulary,
        );
        diagnostics.extend(found);
    }

    let agents = single_file(
        set,
        "agent",
        |f| first_line(&f.agents, |a| a.line),
        &mut diagnostics,
    );
    if let Some(file) = agents {
        let text = compile::agents_text(file, Mode::Padded);
        let (compiled, found) =
            petrarch::agents::read(&file.name, text.as_bytes(), &mut dictionaries.vocabulary);
        dictionaries.agents = compiled;
        diagnostics.extend(found);
    }

    let discards = single_file(
        set,
        "discard",
        |f| first_line(&f.discards, |d| d.line),
        &mut diagnostics,
    );
    if let Some(file) = discards {
        let text = compile::discards_text(file, Mode::Padded);
        let (compiled, found) = petrarch::discards::read(&file.name, text.as_bytes());
        dictionaries.discards = compiled;
        diagnostics.extend(found);
    }

    let issues = single_file(
        set,
        "issue",
        |f| first_line(&f.issues, |i| i.line),
        &mut diagnostics,
    );
    if let Some(file) = issues {
        let text = compile::issues_text(file, Mode::Padded);
        let (compiled, found) = petrarch::issues::read(&file.name, text.as_bytes());
        dictionaries.issues = compiled;
        diagnostics.extend(found);
    }
    (dictionaries, diagnostics)
}

/// A set written in the PETRARCH formats, each line followed by `# file:line` of its TOML entry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PetrarchExport {
    pub actors: String,
    pub agents: String,
    pub verbs: String,
    pub discards: String,
    pub issues: String,
}

/// Writes a set in the PETRARCH formats (for `petrel dict export`): all actor files into one
/// actors text, and the agents, verbs, discards and issues texts.
pub fn export_petrarch(set: &NativeSet) -> PetrarchExport {
    let mut export = PetrarchExport::default();
    for file in &set.files {
        export
            .actors
            .push_str(&compile::actors_text(file, Mode::Compact));
        export
            .agents
            .push_str(&compile::agents_text(file, Mode::Compact));
        export
            .verbs
            .push_str(&compile::verbs_text(file, Mode::Compact));
        export
            .discards
            .push_str(&compile::discards_text(file, Mode::Compact));
        export
            .issues
            .push_str(&compile::issues_text(file, Mode::Compact));
    }
    export
}

/// The name a built-in file is known by in diagnostics and provenance.
pub fn builtin_names() -> Vec<Arc<str>> {
    BUILTIN_FILES
        .iter()
        .map(|(name, _)| Arc::from(format!("dictionaries/{name}")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect()
    }

    #[test]
    fn persons_code_by_date_with_toml_provenance() {
        let toml = "[[person]]\nid = \"arthur\"\nnames = [\"Arthur Pendragon\", \"Pendragon\"]\nroles = [\n  { code = \"AVLGOV\", title = \"King\", from = \"1950-01-01\", until = \"1960-07-01\" },\n]\n";
        let (set, diagnostics) = read_files(&files(&[("p.toml", toml)]));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let (dictionaries, diagnostics) = compile(&set);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let words = ["Pendragon"].map(|w| dictionaries.vocabulary.get(w));
        let (_, actor) = dictionaries.actors.longest_match(words).unwrap();
        assert_eq!(actor.source.line, 1);
        let on = |y, m, d| petrel_core::Date::from_ymd(y, m, d).unwrap();
        assert_eq!(actor.code_on(on(1955, 1, 1)).unwrap().as_str(), "AVLGOV");
        assert_eq!(actor.code_on(on(1960, 6, 30)).unwrap().as_str(), "AVLGOV");
        assert_eq!(actor.code_on(on(1960, 7, 1)).unwrap().as_str(), "AVLELI");
        assert_eq!(actor.code_on(on(1940, 1, 1)), None);
        let role = actor.dated.first().unwrap();
        assert_eq!(role.source.to_string(), "p.toml:5");
    }

    #[test]
    fn single_file_kinds_in_two_files_are_reported() {
        let agents = "[[agent]]\ncode = \"GOV\"\nwords = [\"minister\"]\n";
        let (set, _) = read_files(&files(&[("a.toml", agents), ("b.toml", agents)]));
        let (dictionaries, diagnostics) = compile(&set);
        assert_eq!(dictionaries.agents.len(), 1);
        assert_eq!(diagnostics.len(), 1);
        assert!(diagnostics[0]
            .to_string()
            .starts_with("b.toml:1: [[agent]] tables are already in a.toml"));
    }

    #[test]
    fn verbs_compile_to_patterns_the_coder_reads() {
        let toml = "[[verb]]\nname = \"meet\"\ncode = \"040\"\nverbs = [\"meet\"]\nforms = { meet = [\"meets\", \"met\", \"meeting\"] }\npatterns = [\n  { pattern = \"* (with +)\", code = \"040\" },\n  { pattern = \"* talks (with +)\", code = \"043\" },\n]\n";
        let (set, diagnostics) = read_files(&files(&[("v.toml", toml)]));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let (dictionaries, diagnostics) = compile(&set);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(dictionaries.verbs.pattern_count(), 2);
        let met = dictionaries.vocabulary.get("met").unwrap();
        assert_eq!(dictionaries.verbs.forms(met).len(), 1);
        let block = dictionaries.verbs.blocks().first().unwrap();
        let lines: Vec<u32> = block.patterns.iter().map(|p| p.source.line).collect();
        assert_eq!(lines, [7, 8]);
    }

    #[test]
    fn export_writes_petrarch_text() {
        let toml = "[[country]]\ncode = \"AVL\"\nnames = [\"Avalon\"]\ndemonyms = [\"Avalonian\"]\ncapital = \"Camelot\"\n";
        let (set, _) = read_files(&files(&[("c.toml", toml)]));
        let export = export_petrarch(&set);
        assert_eq!(
            export.actors,
            "AVALON [AVL]  # c.toml:1\n+AVALONIAN\nCAMELOT [AVLGOV]  # c.toml:5\n"
        );
    }

    #[test]
    fn builtin_list_matches_the_directory() {
        let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../dictionaries"));
        let mut walk = Walk::default();
        walk.collect(dir, 0).unwrap();
        assert_eq!(walk.files.len(), BUILTIN_FILES.len());
    }
}
