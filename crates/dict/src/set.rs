//! Which dictionaries a `--dicts` value names (`builtin`, a folder of petrel TOML files, or a
//! folder of PETRARCH files), loading them, and the check that a loaded set can code at all.
//!
//! Every command that takes `--dicts` goes through [`load`], so they all read the same folders
//! the same way; a set without verb patterns or without actors is an error, never a run that
//! quietly finds no events.

use crate::diagnostic::{Diagnostic, DictError};
use crate::{load_petrarch, native, Dictionaries, PetrarchPaths};
use std::fmt;
use std::path::{Path, PathBuf};

/// Where a set of dictionaries comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SetSource {
    /// petrel's own dictionaries, compiled into the binary.
    Builtin,
    /// A folder of petrel TOML files.
    Native(PathBuf),
    /// A folder of PETRARCH files.
    Petrarch(PetrarchPaths),
}

/// Reads what a `--dicts` value names: `builtin`, a folder holding `.toml` files (or subfolders)
/// in petrel's format, or a folder of PETRARCH files found by [`PetrarchPaths::discover`].
pub fn source(spec: &str) -> Result<SetSource, DictError> {
    if spec == "builtin" {
        return Ok(SetSource::Builtin);
    }
    let dir = PathBuf::from(spec);
    let read_error = |error| DictError::Read {
        path: dir.clone(),
        error,
    };
    let mut native = false;
    for entry in std::fs::read_dir(&dir).map_err(read_error)? {
        let path = entry.map_err(read_error)?.path();
        if path.extension().is_some_and(|x| x == "toml") || path.is_dir() {
            native = true;
            break;
        }
    }
    if native {
        Ok(SetSource::Native(dir))
    } else {
        PetrarchPaths::discover(&dir).map(SetSource::Petrarch)
    }
}

/// Loads the set `spec` names and checks that it can code ([`require_complete`]). Content
/// problems are diagnostics; IO and an incomplete set are errors.
pub fn load(spec: &str) -> Result<(Dictionaries, Vec<Diagnostic>), DictError> {
    let (dictionaries, diagnostics) = match source(spec)? {
        SetSource::Builtin => native::builtin(),
        SetSource::Native(dir) => native::load(&dir)?,
        SetSource::Petrarch(paths) => load_petrarch(&paths)?,
    };
    require_complete(&dictionaries, spec)?;
    Ok((dictionaries, diagnostics))
}

/// A set needs verb patterns and actors to code anything: without either, every story would give
/// no events and the run would look like a quiet news day.
pub fn require_complete(dictionaries: &Dictionaries, set: &str) -> Result<(), DictError> {
    if dictionaries.verbs.pattern_count() == 0 {
        return Err(DictError::Incomplete {
            set: set.to_string(),
            missing: "verb patterns",
            hint: "add [[verb]] tables (verbs.toml) or a PETRARCH verbs file (CAMEO.2.0.txt), \
                   and fix the problems reported above",
        });
    }
    if dictionaries.actors.is_empty() {
        return Err(DictError::Incomplete {
            set: set.to_string(),
            missing: "actors",
            hint: "add [[country]], [[person]] or [[organization]] tables, or a PETRARCH \
                   *.actors.txt file, and fix the problems reported above",
        });
    }
    Ok(())
}

/// What a compiled set holds, whatever format it was read from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub actors: usize,
    pub actor_phrases: usize,
    pub agents: usize,
    pub agent_phrases: usize,
    pub verb_blocks: usize,
    pub verbs: usize,
    pub patterns: usize,
    pub synsets: usize,
    pub discards: usize,
    pub issues: usize,
}

impl fmt::Display for Counts {
    /// One `name count` line each, as [`native::Stats`] prints.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "actors {}", self.actors)?;
        writeln!(f, "actor_phrases {}", self.actor_phrases)?;
        writeln!(f, "agents {}", self.agents)?;
        writeln!(f, "agent_phrases {}", self.agent_phrases)?;
        writeln!(f, "verb_blocks {}", self.verb_blocks)?;
        writeln!(f, "verbs {}", self.verbs)?;
        writeln!(f, "patterns {}", self.patterns)?;
        writeln!(f, "synsets {}", self.synsets)?;
        writeln!(f, "discards {}", self.discards)?;
        writeln!(f, "issues {}", self.issues)
    }
}

/// Counts what a compiled set holds.
pub fn counts(dictionaries: &Dictionaries) -> Counts {
    Counts {
        actors: dictionaries.actors.len(),
        actor_phrases: dictionaries.actors.phrase_count(),
        agents: dictionaries.agents.len(),
        agent_phrases: dictionaries.agents.phrase_count(),
        verb_blocks: dictionaries.verbs.blocks().len(),
        verbs: dictionaries.verbs.verbs().len(),
        patterns: dictionaries.verbs.pattern_count(),
        synsets: dictionaries.verbs.synsets().len(),
        discards: dictionaries.discards.len(),
        issues: dictionaries.issues.len(),
    }
}

impl PetrarchPaths {
    /// The PETRARCH files in `dir`, by name: the Phoenix names when `CAMEO.2.0.txt` is there,
    /// else `*verbs*.txt`, every `*.actors.txt` (sorted), `*agents*.txt`, `*discards*.txt` and
    /// `*issue*.txt`, as `petrel dict export` writes them. A set without verbs, actors or agents
    /// files is an error naming what is missing.
    pub fn discover(dir: &Path) -> Result<PetrarchPaths, DictError> {
        if dir.join("CAMEO.2.0.txt").is_file() {
            return Ok(PetrarchPaths::phoenix(dir));
        }
        let read_error = |error| DictError::Read {
            path: dir.to_path_buf(),
            error,
        };
        let mut names = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(read_error)? {
            let path = entry.map_err(read_error)?.path();
            if path.is_file() {
                names.push(path);
            }
        }
        names.sort();
        let lower = |p: &Path| {
            p.file_name()
                .map(|n| n.to_string_lossy().to_lowercase())
                .unwrap_or_default()
        };
        let find = |test: &dyn Fn(&str) -> bool| names.iter().find(|p| test(&lower(p))).cloned();
        let missing = |what: &'static str| DictError::Incomplete {
            set: dir.display().to_string(),
            missing: what,
            hint: "a PETRARCH folder holds CAMEO.2.0.txt (or *verbs*.txt), *.actors.txt and \
                   *agents*.txt; a petrel folder holds *.toml files",
        };
        let verbs =
            find(&|n| n.ends_with(".txt") && (n.contains("verbs") || n.starts_with("cameo")))
                .ok_or_else(|| missing("verbs file"))?;
        let actors: Vec<PathBuf> = names
            .iter()
            .filter(|p| lower(p).ends_with("actors.txt"))
            .cloned()
            .collect();
        if actors.is_empty() {
            return Err(missing("actors file"));
        }
        let agents = find(&|n| n.ends_with(".txt") && n.contains("agents"))
            .ok_or_else(|| missing("agents file"))?;
        Ok(PetrarchPaths {
            verbs,
            actors,
            agents,
            discards: find(&|n| n.ends_with(".txt") && n.contains("discards")),
            issues: find(&|n| n.ends_with(".txt") && n.contains("issue")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("petrel-dict-set-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_set_without_verbs_is_an_error_naming_them() {
        let dir = temp_dir("noverbs");
        std::fs::write(
            dir.join("countries.toml"),
            "[[country]]\ncode = \"AVL\"\nnames = [\"Avalon\"]\n",
        )
        .unwrap();
        let error = load(&dir.display().to_string()).unwrap_err();
        assert!(
            matches!(
                error,
                DictError::Incomplete {
                    missing: "verb patterns",
                    ..
                }
            ),
            "{error}"
        );
    }

    #[test]
    fn exported_files_are_found_by_name() {
        let dir = temp_dir("export");
        for name in [
            "petrel.actors.txt",
            "petrel.agents.txt",
            "petrel.verbs.txt",
            "petrel.discards.txt",
            "petrel.issues.txt",
        ] {
            std::fs::write(dir.join(name), "").unwrap();
        }
        let paths = PetrarchPaths::discover(&dir).unwrap();
        assert!(paths.verbs.ends_with("petrel.verbs.txt"));
        assert_eq!(paths.actors.len(), 1);
        assert!(paths
            .issues
            .is_some_and(|p| p.ends_with("petrel.issues.txt")));
        std::fs::remove_file(dir.join("petrel.verbs.txt")).unwrap();
        let error = PetrarchPaths::discover(&dir).unwrap_err();
        assert!(error.to_string().contains("no verbs file"), "{error}");
    }
}
