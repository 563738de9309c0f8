//! A stable-Rust randomized smoke test beside the cargo-fuzz targets in `fuzz/`: a few thousand
//! mutated lines of each real dictionary file (or of the golden snippets when `../shared` is
//! absent) go through each reader with a fixed seed. Readers must not panic, every diagnostic must
//! point at a line of the input, and every entry's provenance must too.

use petrel_dict::petrarch::{actors, agents, discards, issues, verbs};
use petrel_dict::{Diagnostic, Vocabulary};
use std::path::{Path, PathBuf};

/// xorshift64*: deterministic and dependency-free; the test must repeat exactly.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Bytes that carry meaning in some dictionary grammar, plus bytes that break UTF-8.
const SPECIAL: &[u8] = b"[]{}()_+-~&$%^*#!<>:;=.\t \r\n\"/?0123456789\xff\xc3\xef\xbb\xbf";

fn mutate(line: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = line.to_vec();
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(out.len() + 1);
        match rng.below(7) {
            0 if !out.is_empty() => {
                out.remove(at.min(out.len() - 1));
            }
            1 => out.insert(at, SPECIAL[rng.below(SPECIAL.len())]),
            2 => out.truncate(at),
            3 => {
                let copy = out.clone();
                out.extend_from_slice(&copy);
            }
            4 => out.insert(at, b'A' + rng.below(26) as u8),
            5 => out.splice(at..at, b"<!--".iter().copied()).for_each(drop),
            _ => out.insert(at, rng.next() as u8),
        }
    }
    out
}

/// Documents of mutated lines drawn from `source`: `documents` of `lines_each` lines.
fn documents(source: &[u8], seed: u64, documents: usize, lines_each: usize) -> Vec<Vec<u8>> {
    let lines: Vec<&[u8]> = source.split(|&b| b == b'\n').collect();
    let mut rng = Rng(seed);
    (0..documents)
        .map(|_| {
            let start = rng.below(lines.len());
            let mut document = Vec::new();
            for i in 0..lines_each {
                let line = lines.get((start + i) % lines.len()).copied().unwrap_or(b"");
                if rng.below(3) == 0 {
                    document.extend(mutate(line, &mut rng));
                } else {
                    document.extend_from_slice(line);
                }
                document.push(b'\n');
            }
            document
        })
        .collect()
}

fn check_lines(document: &[u8], diagnostics: &[Diagnostic], entry_lines: &[u32]) {
    let lines = document.split(|&b| b == b'\n').count() as u32;
    for diagnostic in diagnostics {
        assert!(
            (1..=lines).contains(&diagnostic.line),
            "{diagnostic} is outside the {lines}-line input"
        );
        assert!(!diagnostic.message.is_empty());
    }
    for &line in entry_lines {
        assert!(
            (1..=lines).contains(&line),
            "entry at line {line} of {lines}"
        );
    }
}

fn source(real: &str, fallback: &str) -> Vec<u8> {
    let shared = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/petrarch/dictionaries"
    ))
    .join(real);
    std::fs::read(&shared).unwrap_or_else(|_| {
        let local = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("testdata")
            .join(fallback);
        std::fs::read(&local).unwrap_or_else(|e| panic!("{}: {e}", local.display()))
    })
}

const DOCUMENTS: usize = 60;
const LINES_EACH: usize = 160;

#[test]
fn verbs_reader_survives_mutations() {
    for (seed, file, fallback) in [
        (1, "CAMEO.2.0.txt", "ok/verbs/petrarch2.txt"),
        (2, "PETR.Validate.verbs.txt", "ok/verbs/tabari.txt"),
    ] {
        for document in documents(&source(file, fallback), seed, DOCUMENTS, LINES_EACH) {
            let mut vocabulary = Vocabulary::new();
            let (verbs, diagnostics) = verbs::read("m.txt", &document, &mut vocabulary);
            let mut entry_lines: Vec<u32> = verbs.verbs().iter().map(|v| v.source.line).collect();
            for block in verbs.blocks() {
                entry_lines.extend(block.patterns.iter().map(|p| p.source.line));
                for pattern in &block.patterns {
                    assert!(verbs.pattern_text(pattern, &vocabulary).ends_with(']'));
                }
            }
            check_lines(&document, &diagnostics, &entry_lines);
        }
    }
}

#[test]
fn actors_reader_survives_mutations() {
    let text = source("Phoenix.Countries.actors.txt", "ok/actors/basic.txt");
    for document in documents(&text, 3, DOCUMENTS, LINES_EACH) {
        let mut vocabulary = Vocabulary::new();
        let (actors, diagnostics) = actors::read("m.txt", &document, &mut vocabulary);
        let mut entry_lines: Vec<u32> = actors.iter().map(|a| a.source.line).collect();
        entry_lines.extend(
            actors
                .iter()
                .flat_map(|a| a.dated.iter().map(|d| d.source.line)),
        );
        check_lines(&document, &diagnostics, &entry_lines);
        for (phrase, actor) in actors.phrases() {
            let found = actors.longest_match(phrase.iter().map(|w| Some(*w)));
            assert_eq!(
                found.map(|(n, a)| (n, a.id)),
                Some((phrase.len(), actor.id))
            );
        }
    }
}

#[test]
fn agents_reader_survives_mutations() {
    let text = source("Phoenix.agents.txt", "ok/agents/basic.txt");
    for document in documents(&text, 4, DOCUMENTS, LINES_EACH) {
        let mut vocabulary = Vocabulary::new();
        let (agents, diagnostics) = agents::read("m.txt", &document, &mut vocabulary);
        let entry_lines: Vec<u32> = agents.iter().map(|a| a.source.line).collect();
        check_lines(&document, &diagnostics, &entry_lines);
    }
}

#[test]
fn discards_reader_survives_mutations() {
    let text = source("Phoenix.discards.txt", "ok/discards/basic.txt");
    for document in documents(&text, 5, DOCUMENTS, LINES_EACH) {
        let (discards, diagnostics) = discards::read("m.txt", &document);
        let entry_lines: Vec<u32> = discards.iter().map(|d| d.source.line).collect();
        check_lines(&document, &diagnostics, &entry_lines);
        let as_text = String::from_utf8_lossy(&document);
        if let Some(found) = discards.find(&as_text) {
            assert!(as_text.get(found.start..found.end).is_some());
        }
    }
}

#[test]
fn issues_reader_survives_mutations() {
    let text = source("Phoenix.IssueCoding.txt", "ok/issues/basic.txt");
    for document in documents(&text, 6, DOCUMENTS, LINES_EACH) {
        let (issues, diagnostics) = issues::read("m.txt", &document);
        let entry_lines: Vec<u32> = issues.iter().map(|i| i.source.line).collect();
        check_lines(&document, &diagnostics, &entry_lines);
        let as_text = String::from_utf8_lossy(&document);
        issues.scan(&as_text, |found| {
            assert!(as_text.get(found.start..found.end).is_some());
        });
    }
}
