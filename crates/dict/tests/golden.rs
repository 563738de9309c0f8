//! Golden tests: every `testdata/{ok,err}/<reader>/<case>.txt` is read by its reader and rendered
//! as a summary plus diagnostics, compared with `<case>.expected`. `PETREL_BLESS=1` rewrites the
//! expectations. Cases under `ok/` must load without diagnostics, cases under `err/` with some.

use petrel_dict::petrarch::{actors, agents, discards, issues, verbs};
use petrel_dict::{DateRange, Diagnostic, IssueKind, Slot, TransformedCode, VerbRef, Vocabulary};
use std::fmt::Write;
use std::path::{Path, PathBuf};

const READERS: [&str; 5] = ["verbs", "actors", "agents", "discards", "issues"];

fn words(vocabulary: &Vocabulary, words: &[petrel_dict::Word]) -> String {
    words
        .iter()
        .map(|w| vocabulary.text(*w))
        .collect::<Vec<_>>()
        .join(" ")
}

fn render_verbs(name: &str, text: &[u8]) -> (String, Vec<Diagnostic>) {
    let mut vocabulary = Vocabulary::new();
    let (verbs, diagnostics) = verbs::read(name, text, &mut vocabulary);
    let mut out = String::new();
    writeln!(out, "grammar {:?}", verbs.grammar()).unwrap();
    for synset in verbs.synsets() {
        let members: Vec<String> = synset
            .phrases
            .iter()
            .map(|p| words(&vocabulary, p))
            .collect();
        writeln!(
            out,
            "synset &{} (line {}): {}",
            synset.name,
            synset.source.line,
            members.join(" | ")
        )
        .unwrap();
    }
    for block in verbs.blocks() {
        writeln!(
            out,
            "block {} [{}] (line {})",
            block.name, block.code, block.source.line
        )
        .unwrap();
        for &id in &block.verbs {
            let verb = verbs.verb(id).unwrap();
            let mut forms: Vec<String> = verbs
                .all_forms()
                .flat_map(|(word, forms)| {
                    forms
                        .iter()
                        .filter(|f| f.verb == id)
                        .map(move |f| (word, f))
                })
                .map(|(word, form)| {
                    let mut all: Vec<petrel_dict::Word> = form.before.to_vec();
                    all.push(word);
                    all.extend(form.after.iter());
                    words(&vocabulary, &all)
                })
                .collect();
            forms.sort();
            writeln!(
                out,
                "  verb {} (verb word {}) [{}] (line {}): {}",
                words(&vocabulary, &verb.lemma),
                verb.verb_at,
                verb.code,
                verb.source.line,
                forms.join(" | ")
            )
            .unwrap();
        }
        for pattern in &block.patterns {
            writeln!(
                out,
                "  pattern (line {}): {}",
                pattern.source.line,
                verbs.pattern_text(pattern, &vocabulary)
            )
            .unwrap();
        }
    }
    for t in verbs.transformations() {
        let slot = |s: Slot| match s {
            Slot::Actor(c) => c.to_string(),
            Slot::Unspecified => ".".into(),
            Slot::Absent => "_".into(),
        };
        let verb = |v: &VerbRef| match v {
            VerbRef::Verb(w) => words(&vocabulary, w),
            VerbRef::Any => "Q".into(),
        };
        let code = match t.result_code {
            TransformedCode::Code(c) => c.to_string(),
            TransformedCode::Lower => "Q".into(),
        };
        writeln!(
            out,
            "transformation (line {}): {} ({} {} {}) {} = {} {} {}",
            t.source.line,
            slot(t.upper_source),
            slot(t.lower_source),
            slot(t.lower_target),
            verb(&t.lower_verb),
            verb(&t.upper_verb),
            slot(t.result_source),
            slot(t.result_target),
            code
        )
        .unwrap();
    }
    (out, diagnostics)
}

fn render_actors(name: &str, text: &[u8]) -> (String, Vec<Diagnostic>) {
    let mut vocabulary = Vocabulary::new();
    let (actors, diagnostics) = actors::read(name, text, &mut vocabulary);
    let mut out = String::new();
    for actor in actors.iter() {
        let default = actor
            .default
            .map_or("none".to_string(), |d| format!("{d:?}"));
        writeln!(
            out,
            "actor {} (line {}) default {}",
            actor.name, actor.source.line, default
        )
        .unwrap();
        for dated in &actor.dated {
            let when = match dated.when {
                DateRange::Always => "always".to_string(),
                DateRange::Before(d) => format!("<= {d}"),
                DateRange::After(d) => format!(">= {d}"),
                DateRange::Between(a, b) => format!("{a} .. {b}"),
            };
            writeln!(
                out,
                "  {:?} {} (line {})",
                dated.coding, when, dated.source.line
            )
            .unwrap();
        }
        let phrases: Vec<String> = actors
            .phrases()
            .filter(|(_, a)| a.id == actor.id)
            .map(|(p, _)| words(&vocabulary, p))
            .collect();
        writeln!(out, "  phrases: {}", phrases.join(" | ")).unwrap();
    }
    (out, diagnostics)
}

fn render_agents(name: &str, text: &[u8]) -> (String, Vec<Diagnostic>) {
    let mut vocabulary = Vocabulary::new();
    let (agents, diagnostics) = agents::read(name, text, &mut vocabulary);
    let mut out = String::new();
    for agent in agents.iter() {
        let phrases: Vec<String> = agents
            .phrases()
            .filter(|(_, a)| a.id == agent.id)
            .map(|(p, _)| words(&vocabulary, p))
            .collect();
        writeln!(
            out,
            "agent {} {} {:?}{} (line {}): {}",
            agent.name,
            agent.code,
            agent.placement,
            if agent.gapped { " gapped" } else { "" },
            agent.source.line,
            phrases.join(" | ")
        )
        .unwrap();
    }
    (out, diagnostics)
}

fn render_discards(name: &str, text: &[u8]) -> (String, Vec<Diagnostic>) {
    let (discards, diagnostics) = discards::read(name, text);
    let mut out = String::new();
    for discard in discards.iter() {
        writeln!(
            out,
            "discard {:?} {:?} {:?} (line {})",
            discard.phrase, discard.scope, discard.end, discard.source.line
        )
        .unwrap();
    }
    (out, diagnostics)
}

fn render_issues(name: &str, text: &[u8]) -> (String, Vec<Diagnostic>) {
    let (issues, diagnostics) = issues::read(name, text);
    let mut out = String::new();
    for issue in issues.iter() {
        let kind = match &issue.kind {
            IssueKind::Code(code) => code.to_string(),
            IssueKind::Ignore => "ignore".into(),
        };
        writeln!(
            out,
            "issue {:?} -> {} category {} (line {})",
            issue.phrase,
            kind,
            issue.category.as_deref().unwrap_or("-"),
            issue.source.line
        )
        .unwrap();
    }
    writeln!(out, "forms {}", issues.form_count()).unwrap();
    (out, diagnostics)
}

fn render(reader: &str, name: &str, text: &[u8]) -> (String, Vec<Diagnostic>) {
    match reader {
        "verbs" => render_verbs(name, text),
        "actors" => render_actors(name, text),
        "agents" => render_agents(name, text),
        "discards" => render_discards(name, text),
        _ => render_issues(name, text),
    }
}

/// Compares `actual` with the file at `expected`, or rewrites it under `PETREL_BLESS=1`.
fn check(expected: &Path, actual: &str) -> Result<(), String> {
    if std::env::var_os("PETREL_BLESS").is_some() {
        std::fs::write(expected, actual).map_err(|e| format!("{}: {e}", expected.display()))?;
        return Ok(());
    }
    let want = std::fs::read_to_string(expected).map_err(|e| {
        format!(
            "{}: {e}; run with PETREL_BLESS=1 to create it",
            expected.display()
        )
    })?;
    if want != actual {
        return Err(format!(
            "{}: output differs; run with PETREL_BLESS=1 to accept\n--- expected\n{want}\n--- actual\n{actual}",
            expected.display()
        ));
    }
    Ok(())
}

fn cases(kind: &str, reader: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata")
        .join(kind)
        .join(reader);
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    cases.sort();
    cases
}

fn run(kind: &str) {
    let mut failures = Vec::new();
    let mut count = 0;
    for reader in READERS {
        for case in cases(kind, reader) {
            count += 1;
            let text = std::fs::read(&case).unwrap();
            let name = case.file_name().unwrap().to_string_lossy().to_string();
            let (mut summary, diagnostics) = render(reader, &name, &text);
            match (kind, diagnostics.is_empty()) {
                ("ok", false) => failures.push(format!(
                    "{}: ok case has diagnostics: {diagnostics:?}",
                    case.display()
                )),
                ("err", true) => {
                    failures.push(format!("{}: err case has no diagnostics", case.display()))
                }
                _ => {}
            }
            if !diagnostics.is_empty() {
                summary.push_str("diagnostics:\n");
                for d in &diagnostics {
                    writeln!(summary, "{:?} {d}", d.kind).unwrap();
                }
            }
            if let Err(message) = check(&case.with_extension("expected"), &summary) {
                failures.push(message);
            }
        }
    }
    assert!(count >= READERS.len(), "no {kind} cases found");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn ok_cases_match_their_summaries() {
    run("ok");
}

#[test]
fn err_cases_emit_the_expected_diagnostics() {
    run("err");
}
