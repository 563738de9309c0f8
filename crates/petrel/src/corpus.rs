//! Coding a stream of stories on several threads, in input order, with bounded memory.
//!
//! [`code_stream`] is `petrel code`'s driver. It reads a window of documents from the input (a few
//! per thread, and never more than [`WINDOW_BYTES`] of text), codes the window in parallel with
//! rayon, and hands each result to the caller's sink in the order the documents came in, before
//! reading the next window. The output is therefore the same whatever the number of threads, and
//! memory holds one window, whatever the size of the corpus.

use crate::pipeline::{CodedDocument, Pipeline};
use petrel_core::{Date, Document};
use petrel_ingest::{Skip, SkipKind};
use std::collections::{BTreeMap, HashSet};
use std::hash::{Hash, Hasher};
use std::time::{Duration, Instant};

/// Documents per thread in one window: enough that a long story does not leave the other threads
/// idle for long at the end of a window, few enough to keep memory small.
pub const DOCUMENTS_PER_THREAD: usize = 16;

/// The most story text one window holds (64 MiB); a window closes early when it reaches this, so a
/// corpus of 10 MiB stories is held a few at a time.
pub const WINDOW_BYTES: usize = 64 * 1024 * 1024;

/// How to run a corpus.
#[derive(Clone, Debug)]
pub struct CorpusOptions {
    /// Worker threads; 1 codes on the calling thread without a pool, 0 means all cores.
    pub threads: usize,
    /// The date of stories that carry none; without it they are skipped.
    pub fallback_date: Option<Date>,
    /// Code only documents `i, i+n, ...` of the input (counting skipped inputs too).
    pub shard: Option<(usize, usize)>,
    /// What to do with a story whose id an earlier story of the run already has.
    pub duplicate_ids: DuplicateIds,
}

impl Default for CorpusOptions {
    fn default() -> Self {
        CorpusOptions {
            threads: 1,
            fallback_date: None,
            shard: None,
            duplicate_ids: DuplicateIds::Rename,
        }
    }
}

/// Event ids are `doc_id:sentence:ordinal` and promised unique within a run
/// (docs/event-format.md), so two stories with one id cannot both keep it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DuplicateIds {
    /// Give the later story `id~2` (or the next free number) and warn.
    Rename,
    /// Skip the later story (`--strict`).
    Skip,
}

/// What became of one input, in input order.
#[derive(Debug)]
pub enum Outcome {
    /// A coded story (possibly with no events); its warnings include what ingest noticed.
    Coded {
        doc_id: String,
        coded: CodedDocument,
    },
    /// An input that gave no story: unreadable, empty, too large, or without a date.
    Skipped(SkippedInput),
}

/// An input that was not coded, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkippedInput {
    /// `path`, `path:line` or `-`.
    pub origin: String,
    /// A short name of the reason, for the summary: `invalid record`, `empty`, `too large`,
    /// `binary`, `truncated gzip`, `unreadable`, `no date`.
    pub reason: &'static str,
    /// The full message, `origin: what is wrong; what to do`.
    pub message: String,
}

/// The totals of a run, for the closing summary.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    pub documents: usize,
    pub sentences: usize,
    pub events: usize,
    /// Coded stories that gave no event.
    pub without_events: usize,
    /// Skipped inputs by reason.
    pub skips: BTreeMap<&'static str, usize>,
    pub elapsed: Duration,
}

impl Summary {
    pub fn skipped(&self) -> usize {
        self.skips.values().sum()
    }

    /// Adds one outcome to the totals.
    pub fn count(&mut self, outcome: &Outcome) {
        match outcome {
            Outcome::Coded { coded, .. } => {
                self.documents += 1;
                self.sentences += coded.sentences;
                self.events += coded.records.len();
                self.without_events += usize::from(coded.records.is_empty());
            }
            Outcome::Skipped(s) => *self.skips.entry(s.reason).or_default() += 1,
        }
    }
}

/// Why `code_stream` stopped early: the sink's error, or a thread pool that could not start.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError<E: std::error::Error + 'static> {
    #[error(transparent)]
    Sink(E),
    #[error("cannot start {threads} worker threads: {detail}; pass a smaller --threads")]
    Pool { threads: usize, detail: String },
}

/// The short name of a skip's reason.
pub fn skip_reason(kind: &SkipKind) -> &'static str {
    match kind {
        SkipKind::Record(_) => "invalid record",
        SkipKind::Empty => "empty",
        SkipKind::TooLarge { .. } => "too large",
        SkipKind::Binary { .. } => "binary",
        SkipKind::Truncated { .. } => "truncated gzip",
        SkipKind::Io { .. } => "unreadable",
        SkipKind::AlreadyRead { .. } => "already read",
        SkipKind::TooDeep { .. } => "too deep",
        SkipKind::NotGzip => "not gzip",
        SkipKind::DuplicateId { .. } => "duplicate id",
    }
}

fn skipped(skip: Skip) -> Outcome {
    Outcome::Skipped(SkippedInput {
        reason: skip_reason(&skip.kind),
        message: skip.to_string(),
        origin: skip.origin,
    })
}

/// Codes one document, turning a story the pipeline cannot date into a skip.
fn code_one(pipeline: &Pipeline, doc: Document, fallback: Option<Date>) -> Outcome {
    let mut coded = pipeline.code_document(&doc, fallback);
    if doc.date.is_none() && fallback.is_none() {
        // Why the story has no date (a "date" field that is not one) belongs in the message.
        let mut message = coded.warnings.join("; ");
        if !doc.warnings.is_empty() {
            message = format!("{message} ({})", doc.warnings.join("; "));
        }
        return Outcome::Skipped(SkippedInput {
            reason: "no date",
            message,
            origin: doc.origin,
        });
    }
    // What ingest noticed (a guessed encoding, blanked bytes) is reported with the story, so no
    // repair goes unsaid.
    let mut warnings: Vec<String> = doc
        .warnings
        .iter()
        .map(|w| format!("{}: {w}", doc.origin))
        .collect();
    warnings.append(&mut coded.warnings);
    coded.warnings = warnings;
    let doc_id = doc.id.clone();
    coded.document = Some(Box::new(doc));
    Outcome::Coded { doc_id, coded }
}

/// The ids the run has given out, as 64-bit hashes so that memory stays small on a corpus of
/// millions (two different ids share a hash with odds near 1e-6 at ten million stories; the worse
/// that does is rename a story that did not need it).
#[derive(Default)]
struct SeenIds(HashSet<u64>);

impl SeenIds {
    fn hash(id: &str) -> u64 {
        // `DefaultHasher::new` has fixed keys, so the same ids give the same renames every run.
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        id.hash(&mut hasher);
        hasher.finish()
    }

    /// Lets a document in under its id, or under a fresh one with a warning, or refuses it.
    fn admit(&mut self, mut doc: Document, mode: DuplicateIds) -> Result<Document, Skip> {
        if self.0.insert(Self::hash(&doc.id)) {
            return Ok(doc);
        }
        if mode == DuplicateIds::Skip {
            return Err(Skip {
                origin: doc.origin,
                kind: SkipKind::DuplicateId { id: doc.id },
            });
        }
        let mut n = 2u64;
        let renamed = loop {
            let candidate = format!("{}~{n}", doc.id);
            if self.0.insert(Self::hash(&candidate)) {
                break candidate;
            }
            n += 1;
        };
        doc.warnings.push(format!(
            "id {:?} is already used by an earlier story; this one is {renamed:?} (event ids must be unique in a run)",
            doc.id
        ));
        doc.id = renamed;
        Ok(doc)
    }
}

/// The worker threads `threads` asks for: 0 means all cores.
pub fn resolve_threads(threads: usize) -> usize {
    match threads {
        0 => std::thread::available_parallelism().map_or(1, usize::from),
        n => n,
    }
}

/// A rayon pool of `threads` workers (after [`resolve_threads`]), or none for one thread: one
/// thread codes on the caller's thread.
pub fn thread_pool(
    threads: usize,
) -> Result<Option<rayon::ThreadPool>, rayon::ThreadPoolBuildError> {
    let threads = resolve_threads(threads);
    if threads <= 1 {
        return Ok(None);
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map(Some)
}

/// Codes one window of inputs on `pool` (or the calling thread), returning the outcomes in input
/// order. [`code_stream`] calls it window by window; a program that pulls stories itself (the
/// Python binding) calls it the same way.
pub fn code_batch(
    pipeline: &Pipeline,
    pool: Option<&rayon::ThreadPool>,
    items: Vec<Result<Document, Skip>>,
    fallback: Option<Date>,
) -> Vec<Outcome> {
    let code = |item: Result<Document, Skip>| match item {
        Ok(doc) => code_one(pipeline, doc, fallback),
        Err(skip) => skipped(skip),
    };
    match pool {
        Some(pool) => {
            use rayon::prelude::*;
            pool.install(|| items.into_par_iter().map(code).collect())
        }
        None => items.into_iter().map(code).collect(),
    }
}

/// Codes every document of `inputs` and hands each outcome to `sink` in input order; returns the
/// totals. The sink's error ends the run (a closed pipe, for example).
pub fn code_stream<E: std::error::Error + 'static>(
    pipeline: &Pipeline,
    inputs: impl Iterator<Item = Result<Document, Skip>>,
    options: &CorpusOptions,
    mut sink: impl FnMut(&Outcome, &Summary) -> Result<(), E>,
) -> Result<Summary, CorpusError<E>> {
    let started = Instant::now();
    let threads = resolve_threads(options.threads);
    let pool = thread_pool(threads).map_err(|e| CorpusError::Pool {
        threads,
        detail: e.to_string(),
    })?;
    let window_size = threads.saturating_mul(DOCUMENTS_PER_THREAD).max(1);
    let mut summary = Summary::default();
    let mut inputs = inputs.enumerate().filter(|(index, _)| match options.shard {
        Some((i, n)) => n > 0 && index % n == i,
        None => true,
    });
    let mut ids = SeenIds::default();
    let mut window: Vec<Result<Document, Skip>> = Vec::with_capacity(window_size);
    loop {
        let mut bytes = 0usize;
        while window.len() < window_size && bytes < WINDOW_BYTES {
            let Some((_, item)) = inputs.next() else {
                break;
            };
            let item = item.and_then(|doc| ids.admit(doc, options.duplicate_ids));
            if let Ok(doc) = &item {
                bytes = bytes.saturating_add(doc.text.len());
            }
            window.push(item);
        }
        if window.is_empty() {
            break;
        }
        let items = std::mem::take(&mut window);
        let outcomes = code_batch(pipeline, pool.as_ref(), items, options.fallback_date);
        for outcome in &outcomes {
            summary.count(outcome);
            summary.elapsed = started.elapsed();
            sink(outcome, &summary).map_err(CorpusError::Sink)?;
        }
    }
    summary.elapsed = started.elapsed();
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use petrel_code::{Coder, CoderOptions};

    fn pipeline() -> Pipeline {
        let model = petrel_nlp::model::Model::builtin().expect("the built-in model loads");
        let (dictionaries, _) = petrel_dict::native::builtin();
        Pipeline::new(model, Coder::new(dictionaries, CoderOptions::default()))
    }

    /// Forty stories, every third one unreadable, so skips and stories interleave across windows.
    fn inputs() -> Vec<Result<Document, Skip>> {
        (0..40)
            .map(|i| {
                let origin = format!("story-{i}.txt");
                if i % 3 == 2 {
                    return Err(Skip {
                        origin,
                        kind: SkipKind::Empty,
                    });
                }
                let text = format!("20.03.2017\n\nJapan met China on Monday. Russia accused Ukraine of shelling {i} towns.");
                petrel_ingest::read_story(&origin, text.as_bytes())
            })
            .collect()
    }

    fn run(pipeline: &Pipeline, options: &CorpusOptions) -> (Vec<String>, Summary) {
        let mut seen = Vec::new();
        let summary = code_stream(pipeline, inputs().into_iter(), options, |o, _| {
            seen.push(match o {
                Outcome::Coded { doc_id, coded } => format!("{doc_id} {}", coded.records.len()),
                Outcome::Skipped(s) => format!("{} {}", s.origin, s.reason),
            });
            Ok::<(), std::io::Error>(())
        })
        .expect("the sink never fails");
        (seen, summary)
    }

    #[test]
    fn output_is_in_input_order_whatever_the_threads() {
        let pipeline = pipeline();
        let one = run(&pipeline, &CorpusOptions::default());
        let two = run(
            &pipeline,
            &CorpusOptions {
                threads: 2,
                ..CorpusOptions::default()
            },
        );
        assert_eq!(one.0, two.0);
        assert_eq!(one.0.len(), 40);
        assert_eq!(one.0.first().map(String::as_str), Some("story-0.txt 2"));
        assert_eq!(one.1.documents, 27);
        assert_eq!(one.1.skips.get("empty"), Some(&13));
        assert_eq!(
            (one.1.sentences, one.1.events),
            (two.1.sentences, two.1.events)
        );
    }

    #[test]
    fn a_shard_takes_every_nth_input() {
        let pipeline = pipeline();
        let (seen, summary) = run(
            &pipeline,
            &CorpusOptions {
                shard: Some((1, 4)),
                ..CorpusOptions::default()
            },
        );
        assert_eq!(seen.len(), 10);
        assert!(seen.first().is_some_and(|s| s.starts_with("story-1.txt")));
        assert!(seen.get(1).is_some_and(|s| s.starts_with("story-5.txt")));
        assert_eq!(summary.documents + summary.skipped(), 10);
    }

    #[test]
    fn a_story_without_a_date_is_a_skip_unless_given_one() {
        let pipeline = pipeline();
        let undated = || {
            vec![petrel_ingest::read_story(
                "undated.txt",
                b"Japan met China on Monday.",
            )]
        };
        let mut reasons = Vec::new();
        let summary = code_stream(
            &pipeline,
            undated().into_iter(),
            &CorpusOptions::default(),
            |o, _| {
                if let Outcome::Skipped(s) = o {
                    reasons.push((s.reason, s.message.clone()));
                }
                Ok::<(), std::io::Error>(())
            },
        )
        .expect("the sink never fails");
        assert_eq!(summary.documents, 0);
        assert_eq!(reasons.len(), 1);
        assert!(reasons
            .iter()
            .all(|(r, m)| *r == "no date" && m.contains("--date")));
        let dated = CorpusOptions {
            fallback_date: Date::from_ymd(2017, 3, 20).ok(),
            ..CorpusOptions::default()
        };
        let summary = code_stream(&pipeline, undated().into_iter(), &dated, |_, _| {
            Ok::<(), std::io::Error>(())
        })
        .expect("the sink never fails");
        assert_eq!((summary.documents, summary.events), (1, 1));
    }
}
