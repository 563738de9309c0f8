//! Loading a pipeline, and coding the stories Python hands over a window at a time.

use petrel::code::{Coder, CoderOptions};
use petrel::corpus::{self, Outcome};
use petrel::pipeline::{DictsError, Pipeline};
use petrel::story::StoryFields;

/// Which event coder a `Coder` runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoderKind {
    /// The learned event recogniser deciding event types, the rules finding actors (`petrel
    /// code`'s default, `--coder learned`).
    Learned,
    /// The dictionary rules alone (`petrel code --coder rules`).
    Rules,
}

impl CoderKind {
    /// The coder a `coder=` argument names; `None` is the default coder of `petrel code`.
    pub fn parse(name: Option<&str>) -> Result<CoderKind, LoadError> {
        match name {
            None | Some("learned") => Ok(CoderKind::Learned),
            Some("rules") => Ok(CoderKind::Rules),
            Some(other) => Err(LoadError::Coder(other.to_string())),
        }
    }
}

/// Why a pipeline could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The `dicts` folder cannot be read.
    #[error("dicts {0}")]
    Folder(DictsError),
    /// A dictionary file is unusable (its message names the file and line).
    #[error(transparent)]
    Dicts(DictsError),
    #[error("loading the built-in model: {0}")]
    Model(String),
    #[error("coder {0}: expected learned or rules")]
    Coder(String),
    #[error("loading the built-in event recogniser: {0}")]
    Recogniser(String),
}

/// A loaded pipeline and what loading it had to say (dictionary warnings, at most the first 20
/// and a count of the rest, as `petrel code` prints them).
pub struct Loaded {
    pub pipeline: Pipeline,
    pub warnings: Vec<String>,
}

/// The most dictionary warnings reported one by one.
const MAX_WARNINGS: usize = 20;

/// Loads the model, the dictionaries `dicts` names (`builtin` or a folder, as `petrel code
/// --dicts`) and the gazetteer, for the coder `coder` names.
pub fn load(dicts: &str, coder: Option<&str>) -> Result<Loaded, LoadError> {
    let kind = CoderKind::parse(coder)?;
    let (dictionaries, diagnostics) =
        petrel::pipeline::load_dictionaries(dicts).map_err(|e| match e {
            DictsError::Folder { .. } => LoadError::Folder(e),
            DictsError::Dict(_) => LoadError::Dicts(e),
        })?;
    let mut warnings: Vec<String> = diagnostics
        .iter()
        .take(MAX_WARNINGS)
        .map(|d| d.to_string())
        .collect();
    if diagnostics.len() > MAX_WARNINGS {
        warnings.push(format!(
            "… and {} more dictionary warnings",
            diagnostics.len() - MAX_WARNINGS
        ));
    }
    let model =
        petrel::nlp::model::Model::builtin().map_err(|e| LoadError::Model(e.to_string()))?;
    let coder = Coder::new(dictionaries, CoderOptions::default());
    let pipeline = match kind {
        CoderKind::Rules => Pipeline::new(model, coder),
        CoderKind::Learned => {
            let recogniser = petrel::events_model::builtin()
                .map_err(|e| LoadError::Recogniser(e.to_string()))?;
            Pipeline::new(model, coder.with_recogniser(recogniser))
        }
    };
    Ok(Loaded { pipeline, warnings })
}

/// One story as Python hands it over, already checked (a date `petrel::story::check_date`
/// accepts, text as UTF-8): the fields of a JSONL record.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Story {
    pub id: Option<String>,
    pub text: String,
    pub date: Option<String>,
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
}

/// The origin of the `n`th story (1-based) of a stream: its id, else `-:n`, as `petrel code`
/// names the `n`th record of a JSONL read from standard input.
pub fn origin(story: &Story, n: usize) -> String {
    story.id.clone().unwrap_or_else(|| format!("-:{n}"))
}

/// How many stories a window holds for `threads` workers, and the most text it holds.
pub fn window_size(threads: usize) -> (usize, usize) {
    (
        threads.saturating_mul(corpus::DOCUMENTS_PER_THREAD).max(1),
        corpus::WINDOW_BYTES,
    )
}

/// Codes a window of `(origin, story)` on `pool` (or this thread), returning one outcome per story
/// in order: `petrel code`'s reading of a story, then its coding.
pub fn code(
    pipeline: &Pipeline,
    pool: Option<&rayon::ThreadPool>,
    stories: Vec<(String, Story)>,
) -> Vec<Outcome> {
    let documents = stories
        .iter()
        .map(|(origin, story)| {
            petrel::story::document(
                origin,
                &StoryFields {
                    id: story.id.as_deref(),
                    text: &story.text,
                    date: story.date.as_deref(),
                    title: story.title.as_deref(),
                    source: story.source.as_deref(),
                    url: story.url.as_deref(),
                    language: story.language.as_deref(),
                },
            )
        })
        .collect();
    corpus::code_batch(pipeline, pool, documents, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_coder_or_folder_is_refused() {
        assert!(matches!(
            CoderKind::parse(Some("rules")),
            Ok(CoderKind::Rules)
        ));
        let err = load("builtin", Some("neural")).err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("coder neural: expected learned or rules")
        );
        assert!(matches!(CoderKind::parse(None), Ok(CoderKind::Learned)));
        let err = load("/no/such/folder", None).err().map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.starts_with("dicts /no/such/folder: ")));
    }

    #[test]
    fn a_window_codes_in_order_with_skips_in_place() {
        let loaded = load("builtin", None).expect("the built-in pipeline loads");
        let story = |id: Option<&str>, text: &str, date: Option<&str>| Story {
            id: id.map(str::to_string),
            text: text.to_string(),
            date: date.map(str::to_string),
            ..Story::default()
        };
        let stories = vec![
            story(Some("a"), "Japan met China on Monday.", Some("2017-03-20")),
            story(None, "Japan met China on Monday.", None),
            story(None, "   ", Some("2017-03-20")),
        ];
        let stories: Vec<(String, Story)> = stories
            .into_iter()
            .enumerate()
            .map(|(i, s)| (origin(&s, i + 1), s))
            .collect();
        let pool = corpus::thread_pool(2).expect("two threads start");
        for pool in [None, pool.as_ref()] {
            let outcomes = code(&loaded.pipeline, pool, stories.clone());
            let seen: Vec<String> = outcomes
                .iter()
                .map(|o| match o {
                    Outcome::Coded { doc_id, coded } => format!("{doc_id} {}", coded.records.len()),
                    Outcome::Skipped(s) => format!("{} {}", s.origin, s.reason),
                })
                .collect();
            assert_eq!(seen, ["a 1", "-:2 no date", "-:3 empty"]);
        }
    }
}
