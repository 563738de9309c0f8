//! petrel's own event corpus: JSONL files of sentences with gold events (`docs/corpus-format.md`).
//!
//! Every line is checked as it is read: a line that does not parse, a mention or trigger that is
//! not in the text, a CAMEO code the taxonomy does not know, a duplicate id — each is a
//! [`Problem`] naming file and line, and the line is left out; the rest of the corpus loads. The
//! frozen test split is fixed by position: the line with 0-based index `i % 3 == 2` of each file.

use super::{find_span, EvalType, GoldActor, GoldError, GoldEvent, GoldSentence};
use petrel_core::{CameoCode, Date};
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

/// A corpus line is at most this long; a longer one is reported, not parsed.
const MAX_LINE: usize = 64 * 1024;

/// The corpus as read: its sentences and the problems of the lines left out.
#[derive(Debug, Default)]
pub struct Corpus {
    pub sentences: Vec<GoldSentence>,
    /// For each sentence, the name of the file it came from (`written-1.jsonl`).
    pub files: Vec<String>,
    pub problems: Vec<Problem>,
}

/// One line left out of the corpus, with why.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub path: String,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.path, self.line, self.message)
    }
}

impl Corpus {
    /// The training sentences (not in the frozen test split).
    pub fn train(&self) -> impl Iterator<Item = &GoldSentence> {
        self.sentences.iter().filter(|s| !s.frozen)
    }

    /// Counts for `petrel corpus check`: sentences and events by origin file, split, CAMEO root.
    pub fn counts(&self) -> CorpusCounts {
        let mut c = CorpusCounts::default();
        for (s, file) in self.sentences.iter().zip(&self.files) {
            let f = c.files.entry(file.clone()).or_default();
            f.sentences += 1;
            f.events += s.events.len();
            if s.events.is_empty() {
                f.no_event += 1;
            }
            if s.frozen {
                f.test += 1;
            }
            for e in &s.events {
                let root = e
                    .cameo
                    .as_ref()
                    .and_then(|c| c.root())
                    .map_or_else(|| "??".to_string(), |r| format!("{r:02}"));
                *c.roots.entry(root).or_default() += 1;
                if let Some(code) = &e.cameo {
                    *c.codes.entry(code.to_string()).or_default() += 1;
                }
            }
        }
        c
    }
}

/// What the corpus holds, for a summary.
#[derive(Debug, Default)]
pub struct CorpusCounts {
    pub files: BTreeMap<String, FileCounts>,
    pub roots: BTreeMap<String, usize>,
    pub codes: BTreeMap<String, usize>,
}

#[derive(Debug, Default)]
pub struct FileCounts {
    pub sentences: usize,
    pub events: usize,
    pub no_event: usize,
    pub test: usize,
}

/// Reads every `*.jsonl` file of `dir` (sorted by name), or the one file `dir` names.
pub fn read(dir: &Path) -> Result<Corpus, GoldError> {
    let files: Vec<PathBuf> = if dir.is_file() {
        vec![dir.to_path_buf()]
    } else {
        let entries = std::fs::read_dir(dir).map_err(|source| GoldError::Io {
            path: dir.display().to_string(),
            source,
        })?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "jsonl") && p.is_file())
            .collect();
        files.sort();
        files
    };
    if files.is_empty() {
        return Err(GoldError::File {
            path: dir.display().to_string(),
            message: "no .jsonl files; the corpus is a folder of JSONL files".to_string(),
        });
    }
    let mut corpus = Corpus::default();
    let mut ids = HashSet::new();
    for path in files {
        let text = std::fs::read_to_string(&path).map_err(|source| GoldError::Io {
            path: path.display().to_string(),
            source,
        })?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        parse_file(
            &text,
            &path.display().to_string(),
            &name,
            &mut ids,
            &mut corpus,
        );
    }
    Ok(corpus)
}

/// Adds the lines of one corpus file to `corpus`.
pub fn parse_file(
    text: &str,
    path: &str,
    name: &str,
    ids: &mut HashSet<String>,
    corpus: &mut Corpus,
) {
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let problem = |message: String| Problem {
            path: path.to_string(),
            line: index + 1,
            message,
        };
        if line.len() > MAX_LINE {
            corpus.problems.push(problem(format!(
                "line of {} bytes, over the {MAX_LINE}-byte limit; one sentence a line",
                line.len()
            )));
            continue;
        }
        match parse_line(line, index % 3 == 2) {
            Ok(mut sentence) => {
                if !ids.insert(sentence.id.clone()) {
                    corpus.problems.push(problem(format!(
                        "id `{}` is used before; ids are unique in the corpus",
                        sentence.id
                    )));
                    continue;
                }
                sentence.origin = format!("{path}:{}", index + 1);
                corpus.sentences.push(sentence);
                corpus.files.push(name.to_string());
            }
            Err(message) => corpus.problems.push(problem(message)),
        }
    }
}

/// One corpus line; `frozen` says whether its position puts it in the test split.
fn parse_line(line: &str, frozen: bool) -> Result<GoldSentence, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("not a JSON object: {e}"))?;
    let obj = value
        .as_object()
        .ok_or_else(|| "not a JSON object; one object a line".to_string())?;
    let string = |field: &str| -> Result<&str, String> {
        match obj.get(field) {
            Some(Value::String(s)) if !s.trim().is_empty() => Ok(s),
            Some(Value::String(_)) => Err(format!("`{field}` is empty")),
            Some(other) => Err(format!("`{field}` is {other}, expected a string")),
            None => Err(format!("no `{field}` field")),
        }
    };
    let id = string("id")?.to_string();
    let text = string("text")?.to_string();
    let date = match obj.get("date") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(
            s.parse::<Date>()
                .map_err(|e| format!("`date` {s:?}: {e}; write YYYY-MM-DD"))?,
        ),
        Some(other) => return Err(format!("`date` is {other}, expected \"YYYY-MM-DD\"")),
    };
    let events = obj
        .get("events")
        .and_then(Value::as_array)
        .ok_or_else(|| "no `events` array; write [] for a sentence without events".to_string())?;
    let mut gold = Vec::with_capacity(events.len());
    for (i, e) in events.iter().enumerate() {
        gold.push(parse_event(e, &text, frozen).map_err(|m| format!("event {}: {m}", i + 1))?);
    }
    Ok(GoldSentence {
        id,
        origin: String::new(),
        text,
        date,
        events: gold,
        frozen,
    })
}

fn parse_event(e: &Value, text: &str, frozen: bool) -> Result<GoldEvent, String> {
    let obj = e.as_object().ok_or("not an object")?;
    let code_text = obj
        .get("cameo")
        .and_then(Value::as_str)
        .ok_or("no `cameo` code string")?;
    let cameo: CameoCode = code_text
        .parse()
        .map_err(|_| format!("`cameo` {code_text:?} is not a CAMEO code"))?;
    if !petrel_code::taxonomy::codes().any(|c| c == cameo.as_str()) {
        return Err(format!("`cameo` {code_text:?} is not in the CAMEO table"));
    }
    let kind = EvalType::from_cameo(&cameo)
        .ok_or_else(|| format!("`cameo` {code_text:?} has no PLOVER type petrel scores"))?;
    let mention = |field: &str| -> Result<GoldActor, String> {
        match obj.get(field) {
            None | Some(Value::Null) => Ok(GoldActor::Unnamed),
            Some(Value::String(s)) => find_span(text, s)
                .map(GoldActor::At)
                .ok_or_else(|| format!("`{field}` {s:?} is not in the text")),
            Some(other) => Err(format!("`{field}` is {other}, expected a string or null")),
        }
    };
    let trigger = match obj.get("trigger") {
        Some(Value::String(s)) => {
            Some(find_span(text, s).ok_or_else(|| format!("`trigger` {s:?} is not in the text"))?)
        }
        _ => return Err("no `trigger` string".to_string()),
    };
    let code = |field: &str| -> Result<Option<String>, String> {
        match obj.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.is_empty() => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(format!("`{field}` is {other}, expected a string or null")),
        }
    };
    Ok(GoldEvent {
        kind,
        cameo: Some(cameo),
        source: mention("source")?,
        target: mention("target")?,
        trigger,
        source_code: code("source_actor")?,
        target_code: code("target_actor")?,
        frozen,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Corpus {
        let mut corpus = Corpus::default();
        parse_file(text, "c.jsonl", "c.jsonl", &mut HashSet::new(), &mut corpus);
        corpus
    }

    #[test]
    fn lines_load_with_spans_and_every_third_is_frozen() {
        let corpus = load(concat!(
            r#"{"id":"a","date":"2017-03-20","text":"Arnor met Gondor.","events":[{"cameo":"040","source":"Arnor","target":"Gondor","trigger":"met"}]}"#,
            "\n",
            r#"{"id":"b","date":null,"text":"Rain fell.","events":[]}"#,
            "\n",
            r#"{"id":"c","date":null,"text":"Rohan shelled Gondor.","events":[{"cameo":"195","source":null,"target":"Gondor","trigger":"shelled"}]}"#,
            "\n"
        ));
        assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
        assert_eq!(corpus.sentences.len(), 3);
        let a = &corpus.sentences[0];
        assert_eq!(a.events[0].kind, EvalType::Consult);
        assert_eq!(a.events[0].trigger, Some(petrel_core::Span::new(6, 9)));
        assert!(!a.frozen && !corpus.sentences[1].frozen && corpus.sentences[2].frozen);
        assert_eq!(corpus.sentences[2].events[0].source, GoldActor::Unnamed);
        assert_eq!(corpus.train().count(), 2);
    }

    #[test]
    fn bad_lines_are_problems_with_file_and_line_and_the_rest_loads() {
        let corpus = load(concat!(
            r#"{"id":"a","text":"Arnor met Gondor.","events":[{"cameo":"040","source":"Rohan","target":"Gondor","trigger":"met"}]}"#,
            "\n",
            r#"{"id":"b","text":"Arnor met Gondor.","events":[{"cameo":"999","source":null,"target":null,"trigger":"met"}]}"#,
            "\n",
            "not json\n",
            r#"{"id":"d","text":"Rain fell.","events":[]}"#,
            "\n",
            r#"{"id":"d","text":"Rain fell again.","events":[]}"#,
            "\n"
        ));
        let messages: Vec<String> = corpus.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(messages.len(), 4, "{messages:?}");
        assert!(
            messages[0].starts_with("c.jsonl:1: event 1: `source` \"Rohan\" is not in the text")
        );
        assert!(messages[1].contains("c.jsonl:2:"), "{messages:?}");
        assert!(messages[2].starts_with("c.jsonl:3: not a JSON object"));
        assert!(messages[3].starts_with("c.jsonl:5: id `d` is used before"));
        assert_eq!(corpus.sentences.len(), 1);
    }
}
