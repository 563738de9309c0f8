//! Writing coded stories: idempotent ingest and re-coding.
//!
//! [`ingest_stream`] is `petrel ingest`: it drops inputs already stored (same id, or same text
//! under another id) before they are coded, codes the rest with the facade's
//! `corpus::code_stream`, and writes each story with its events in the same transaction, a few
//! hundred stories a transaction, on a writer thread of its own so that writing overlaps coding. A crash loses at most the open transaction, and never leaves a
//! story without its events; running the same command again finishes the job. [`recode`] codes
//! stored stories again and swaps all their events in one transaction.

use crate::{Store, StoreError};
use petrel::corpus::{CorpusOptions, Outcome, Summary};
use petrel::pipeline::Pipeline;
use petrel_output::EventRecord;
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};
use std::cell::Cell;
use std::path::Path;
use std::sync::{mpsc, Mutex};
use std::time::{Duration, Instant};

/// Stories written per transaction at most.
pub const BATCH_STORIES: usize = 256;
/// A transaction is committed at least this often, so readers see progress.
pub const BATCH_TIME: Duration = Duration::from_millis(500);

/// Which dictionaries and model coded a story, recorded beside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Versions {
    pub dictionaries: String,
    pub model: String,
}

/// A coded story ready to store.
pub struct CodedStory<'a> {
    pub document: &'a petrel::core::Document,
    /// The date the story was coded with (its own, or the fallback).
    pub date: Option<String>,
    pub records: &'a [EventRecord],
}

/// The totals of an ingest run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IngestSummary {
    /// Stories written with their events.
    pub stored: usize,
    pub events: usize,
    /// Inputs skipped because a story with the same id or text was already stored.
    pub duplicates: usize,
    /// The coding run's totals (skipped inputs by reason, sentences, time).
    pub coding: Summary,
}

/// The SHA-256 of a story's clean text, hex: the key that finds the same story under another id.
pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The page cache of a connection that writes batches of stories, in KiB (SQLite's default is
/// 2 MiB): a batch of a few hundred stories dirties pages of the stories table, its FTS5 index,
/// the events table and its ten indexes, and a cache that holds them all reads each page once.
pub const BATCH_CACHE_KIB: i64 = 32 * 1024;

impl Store {
    /// Sets this connection up for writing batches of stories: a page cache of
    /// [`BATCH_CACHE_KIB`] (memory is taken only as pages are used), and statement journals in
    /// memory. Every insert that fires triggers (FTS5, daily counts) or checks foreign keys keeps
    /// a statement journal of the pages it changes, so that it can be undone alone; in a
    /// temporary file that was 210,000 of the 226,000 writes SQLite made to ingest 2,000 stories.
    /// Neither setting touches the database's durability: the WAL and its commits are as before.
    pub fn tune_for_batches(&self) -> Result<(), StoreError> {
        self.conn()
            .pragma_update(None, "cache_size", -BATCH_CACHE_KIB)?;
        self.conn().pragma_update(None, "temp_store", "MEMORY")?;
        Ok(())
    }

    /// True when a story with this id or this content hash is stored.
    pub fn contains(&self, id: &str, hash: &str) -> Result<bool, StoreError> {
        contains(self.conn(), id, hash)
    }

    /// Writes stories and their events in one transaction; a story whose id or text is already
    /// stored is skipped. Returns (stories written, events written, duplicates skipped).
    pub fn insert_stories(
        &mut self,
        stories: &[CodedStory<'_>],
        versions: &Versions,
    ) -> Result<(usize, usize, usize), StoreError> {
        let tx = self.conn.transaction()?;
        let mut counts = (0, 0, 0);
        for story in stories {
            let doc = story.document;
            let hash = content_hash(&doc.text);
            if contains(&tx, &doc.id, &hash)? {
                counts.2 += 1;
                continue;
            }
            tx.prepare_cached(
                "INSERT INTO stories (id, url, title, date, date_precision, dateline, publisher, text, content_hash, dict_version, model_version)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                doc.id,
                doc.url,
                doc.title,
                story.date,
                doc.date_precision.as_str(),
                doc.dateline,
                doc.publisher,
                doc.text,
                hash,
                versions.dictionaries,
                versions.model
            ])?;
            let sid = tx.last_insert_rowid();
            counts.1 += insert_events(&tx, sid, story.records)?;
            counts.0 += 1;
        }
        tx.commit()?;
        Ok(counts)
    }
}

fn contains(conn: &Connection, id: &str, hash: &str) -> Result<bool, StoreError> {
    let found: Option<i64> = conn
        .prepare_cached("SELECT 1 FROM stories WHERE id = ?1 OR content_hash = ?2 LIMIT 1")?
        .query_row(params![id, hash], |r| r.get(0))
        .optional()?;
    Ok(found.is_some())
}

fn insert_events(
    conn: &Connection,
    sid: i64,
    records: &[EventRecord],
) -> Result<usize, StoreError> {
    let mut insert = conn.prepare_cached(
        "INSERT INTO events (id, sid, date, source_code, source_country, target_code, target_country,
                             cameo, cameo_root, goldstein, quad_class, plover, plover_mode, modality,
                             place, place_country, lat, lon)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    )?;
    let mut insert_record =
        conn.prepare_cached("INSERT INTO event_records (eid, record) VALUES (?1, ?2)")?;
    for r in records {
        let target = r.target.as_ref();
        let location = r.location.as_ref();
        insert.execute(params![
            r.id,
            sid,
            r.date,
            r.source.code,
            r.source.country,
            target.map(|t| t.code.as_str()),
            target.and_then(|t| t.country.as_deref()),
            r.cameo,
            r.cameo_root,
            f64::from(r.goldstein),
            r.quad_class,
            r.plover.as_ref().map(|p| p.event),
            r.plover.as_ref().and_then(|p| p.mode),
            r.modality,
            location.map(|l| l.name.as_str()),
            location.and_then(|l| l.country.as_deref()),
            location.map(|l| l.lat),
            location.map(|l| l.lon),
        ])?;
        insert_record.execute(params![conn.last_insert_rowid(), r.to_json()])?;
    }
    Ok(records.len())
}

/// Coded stories waiting for the writer at most: enough to keep it busy while the coding threads
/// finish a window, few enough that memory stays small.
pub const CHANNEL_STORIES: usize = 2 * BATCH_STORIES;

/// A coded story on its way to the writer thread.
struct Pending {
    document: Box<petrel::core::Document>,
    date: Option<String>,
    records: Vec<EventRecord>,
}

/// Codes `inputs` into the store at `db`, skipping stories it already holds. `progress` is
/// called, on the calling thread, after batches are committed.
///
/// Coding and writing overlap: the coding threads hand each story to a writer thread through a
/// bounded channel, and the writer commits a transaction every [`BATCH_STORIES`] stories or
/// [`BATCH_TIME`], whichever comes first. A story and its events are always in the same
/// transaction, so a killed ingest leaves whole stories only; what was still in the channel is
/// coded again on the next run.
pub fn ingest_stream(
    db: &Path,
    pipeline: &Pipeline,
    inputs: impl Iterator<Item = Result<petrel::core::Document, petrel::ingest::Skip>>,
    options: &CorpusOptions,
    versions: &Versions,
    mut progress: impl FnMut(&IngestSummary),
    mut on_skip: impl FnMut(&str),
) -> Result<IngestSummary, StoreError> {
    let mut store = Store::open(db)?;
    store.tune_for_batches()?;
    // A second connection answers "already stored?" for the reader side of the stream, while the
    // first one writes; it sees committed stories, and `insert_stories` catches the rest.
    let lookup = Store::open(db)?;
    let duplicates = Cell::new(0usize);
    let lookup_error: Cell<Option<StoreError>> = Cell::new(None);
    let fresh = inputs.filter(|item| {
        let Ok(doc) = item else { return true };
        match lookup.contains(&doc.id, &content_hash(&doc.text)) {
            Ok(true) => {
                duplicates.set(duplicates.get() + 1);
                false
            }
            Ok(false) => true,
            Err(e) => {
                lookup_error.set(Some(e));
                false
            }
        }
    });
    let fallback = options
        .fallback_date
        .map(|d| format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()));
    // What the writer has committed so far, and how many commits, for `progress`.
    let committed: Mutex<(IngestSummary, usize)> = Mutex::new(Default::default());
    let (result, written) = std::thread::scope(|scope| {
        let (sender, receiver) = mpsc::sync_channel::<Pending>(CHANNEL_STORIES);
        let committed = &committed;
        let writer = scope.spawn(move || write_stream(&mut store, receiver, versions, committed));
        let mut reported = 0usize;
        let result = petrel::corpus::code_stream(
            pipeline,
            fresh,
            options,
            |outcome: &Outcome, _: &Summary| -> Result<(), StoreError> {
                match outcome {
                    Outcome::Skipped(skip) => on_skip(&skip.message),
                    Outcome::Coded { coded, .. } => {
                        for w in &coded.warnings {
                            on_skip(w);
                        }
                        if let Some(doc) = &coded.document {
                            let date = doc.date.map(|d| d.to_string()).or_else(|| fallback.clone());
                            let pending = Pending {
                                document: doc.clone(),
                                date,
                                records: coded.records.clone(),
                            };
                            // The writer only hangs up when it failed; its error is returned below.
                            sender.send(pending).map_err(|_| {
                                StoreError::Coding("the store writer stopped".into())
                            })?;
                        }
                    }
                }
                let snapshot = committed
                    .lock()
                    .ok()
                    .filter(|c| c.1 != reported)
                    .map(|c| (c.0.clone(), c.1));
                if let Some((summary, commits)) = snapshot {
                    reported = commits;
                    progress(&summary);
                }
                Ok(())
            },
        );
        drop(sender);
        let written = writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (result, written)
    });
    written?;
    let coding = match result {
        Ok(coding) => coding,
        Err(petrel::corpus::CorpusError::Sink(e)) => return Err(e),
        Err(e) => return Err(StoreError::Coding(e.to_string())),
    };
    if let Some(e) = lookup_error.take() {
        return Err(e);
    }
    let mut summary = committed.into_inner().map(|c| c.0).unwrap_or_default();
    progress(&summary);
    summary.duplicates += duplicates.get();
    summary.coding = coding;
    Ok(summary)
}

/// The writer thread of [`ingest_stream`]: stores what arrives on `receiver`, a transaction every
/// [`BATCH_STORIES`] stories or [`BATCH_TIME`], until the sender hangs up; adds each commit's
/// totals to `committed`.
fn write_stream(
    store: &mut Store,
    receiver: mpsc::Receiver<Pending>,
    versions: &Versions,
    committed: &Mutex<(IngestSummary, usize)>,
) -> Result<(), StoreError> {
    let mut pending: Vec<Pending> = Vec::with_capacity(BATCH_STORIES);
    let mut opened = Instant::now();
    let mut flush = |pending: &mut Vec<Pending>| -> Result<(), StoreError> {
        if pending.is_empty() {
            return Ok(());
        }
        let batch: Vec<CodedStory<'_>> = pending
            .iter()
            .map(|p| CodedStory {
                document: &p.document,
                date: p.date.clone(),
                records: &p.records,
            })
            .collect();
        let (stored, events, dups) = store.insert_stories(&batch, versions)?;
        pending.clear();
        if let Ok(mut c) = committed.lock() {
            c.0.stored += stored;
            c.0.events += events;
            c.0.duplicates += dups;
            c.1 += 1;
        }
        Ok(())
    };
    loop {
        if pending.is_empty() {
            // Nothing waits to be committed: the next story opens the batch and its clock.
            match receiver.recv() {
                Ok(story) => pending.push(story),
                Err(_) => break,
            }
            opened = Instant::now();
        } else {
            match receiver.recv_timeout(BATCH_TIME.saturating_sub(opened.elapsed())) {
                Ok(story) => pending.push(story),
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
        if pending.len() >= BATCH_STORIES || opened.elapsed() >= BATCH_TIME {
            flush(&mut pending)?;
        }
    }
    flush(&mut pending)
}

/// The totals of a re-coding run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RecodeSummary {
    pub stories: usize,
    pub events_before: u64,
    pub events_after: usize,
}

/// Codes every stored story again with `pipeline` and replaces all their events, and the
/// versions recorded beside them, in one transaction: a reader sees the old events or the new,
/// never a mix.
pub fn recode(
    db: &Path,
    pipeline: &Pipeline,
    options: &CorpusOptions,
    versions: &Versions,
) -> Result<RecodeSummary, StoreError> {
    let mut store = Store::open(db)?;
    store.tune_for_batches()?;
    let reader = Store::open(db)?;
    let mut summary = RecodeSummary {
        events_before: store.counts()?.1,
        ..RecodeSummary::default()
    };
    let tx = store.conn.transaction()?;
    let read_error: Cell<Option<StoreError>> = Cell::new(None);
    let stories = StoredStories {
        conn: reader.conn(),
        after: 0,
        buffer: Vec::new(),
        error: &read_error,
    };
    let options = CorpusOptions {
        fallback_date: None,
        shard: None,
        ..options.clone()
    };
    let result = petrel::corpus::code_stream(
        pipeline,
        stories,
        &options,
        |outcome: &Outcome, _: &Summary| -> Result<(), StoreError> {
            let Outcome::Coded { doc_id, coded } = outcome else {
                return Ok(());
            };
            let sid: i64 = tx
                .prepare_cached("SELECT sid FROM stories WHERE id = ?1")?
                .query_row([doc_id], |r| r.get(0))?;
            tx.prepare_cached("DELETE FROM events WHERE sid = ?1")?
                .execute([sid])?;
            summary.events_after += insert_events(&tx, sid, &coded.records)?;
            tx.prepare_cached(
                "UPDATE stories SET dict_version = ?1, model_version = ?2 WHERE sid = ?3",
            )?
            .execute(params![versions.dictionaries, versions.model, sid])?;
            summary.stories += 1;
            Ok(())
        },
    );
    match result {
        Ok(_) => {}
        Err(petrel::corpus::CorpusError::Sink(e)) => return Err(e),
        Err(e) => return Err(StoreError::Coding(e.to_string())),
    }
    if let Some(e) = read_error.take() {
        return Err(e);
    }
    tx.commit()?;
    Ok(summary)
}

/// Stored stories as documents, read a page at a time so memory stays small.
struct StoredStories<'a> {
    conn: &'a Connection,
    after: i64,
    buffer: Vec<petrel::core::Document>,
    error: &'a Cell<Option<StoreError>>,
}

impl StoredStories<'_> {
    fn fill(&mut self) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT sid, id, url, title, date, date_precision, dateline, publisher, text
             FROM stories WHERE sid > ?1 ORDER BY sid LIMIT 256",
        )?;
        let rows = stmt.query_map([self.after], |r| {
            let sid: i64 = r.get(0)?;
            let date: Option<String> = r.get(4)?;
            let precision: Option<String> = r.get(5)?;
            let doc = petrel::core::Document {
                id: r.get(1)?,
                origin: r.get(1)?,
                url: r.get(2)?,
                title: r.get(3)?,
                date: date.as_deref().and_then(|d| d.parse().ok()),
                date_precision: precision_from_str(precision.as_deref().unwrap_or("day")),
                dateline: r.get(6)?,
                publisher: r.get(7)?,
                text: r.get(8)?,
                ..petrel::core::Document::default()
            };
            Ok((sid, doc))
        })?;
        for row in rows {
            let (sid, doc) = row?;
            self.after = sid;
            self.buffer.push(doc);
        }
        self.buffer.reverse();
        Ok(())
    }
}

impl Iterator for StoredStories<'_> {
    type Item = Result<petrel::core::Document, petrel::ingest::Skip>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.buffer.is_empty() {
            if let Err(e) = self.fill() {
                self.error.set(Some(e));
                return None;
            }
        }
        self.buffer.pop().map(Ok)
    }
}

fn precision_from_str(s: &str) -> petrel::core::DatePrecision {
    use petrel::core::DatePrecision;
    match s {
        "week" => DatePrecision::Week,
        "month" => DatePrecision::Month,
        "year" => DatePrecision::Year,
        _ => DatePrecision::Day,
    }
}

/// The versions string of petrel's own dictionaries and model, for stories coded with them.
pub fn builtin_versions() -> Versions {
    Versions {
        dictionaries: format!("builtin@{}", env!("CARGO_PKG_VERSION")),
        model: format!("en-builtin@{}", env!("CARGO_PKG_VERSION")),
    }
}
