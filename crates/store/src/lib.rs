//! petrel's event store: coded stories and their events in one SQLite file.
//!
//! `petrel ingest` codes stories and keeps them here; `petrel serve` answers questions from here;
//! `petrel export --parquet` copies the events out for Spark or DuckDB. The store is a plain SQLite
//! database (the library is compiled in, so nothing needs installing) in WAL mode, so one writer
//! and many readers work at once and a reader always sees whole stories.
//!
//! What it holds:
//! - `stories`: id, url, title, date, dateline, publisher, clean text, a SHA-256 of the text, and
//!   the dictionary and model versions that coded it; `stories_fts` indexes titles and texts.
//! - `events`: one row an event, with the columns filters need and, in `record`, the event's wire
//!   record exactly as `petrel-output` writes it (every field of docs/event-format.md).
//! - Views `events_one_a_story` and `events_one_a_day`, the deduplications the field uses.
//!
//! Why it is shaped so: a story and its events are written in one transaction, and a story
//! already stored (same id or same text) is skipped, so a killed ingest restarts where it left off
//! with nothing doubled and nothing half-written. The schema carries its version
//! ([`schema::MIGRATIONS`]); a newer petrel migrates an older file forward on open.
//!
//! What it does not do: code text (the caller hands it coded stories, see [`ingest`]), or
//! serialize events itself (the JSON in `record` comes from `petrel-output`).
//!
//! ```no_run
//! let mut store = petrel_store::Store::open(std::path::Path::new("events.db"))?;
//! let page = store.events(&petrel_store::query::EventFilter::default())?;
//! println!("{} events on the first page", page.rows.len());
//! # Ok::<(), petrel_store::StoreError>(())
//! ```

pub mod export;
pub mod ingest;
pub mod query;
pub mod schema;
#[cfg(test)]
mod tests;

pub use rusqlite;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a connection waits for another's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// What can go wrong with a store. Kinds stay matchable so the server can pick a status code.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: cannot open the store: {source}; check the path and its permissions")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("{path}: the store has schema version {found}, newer than this petrel knows ({known}); use a newer petrel")]
    TooNew {
        path: PathBuf,
        found: u32,
        known: u32,
    },
    #[error("{path}: migration {version} ({name}) failed: {source}")]
    Migration {
        path: PathBuf,
        version: u32,
        name: &'static str,
        source: rusqlite::Error,
    },
    #[error("{0}")]
    BadQuery(String),
    #[error("coding failed: {0}")]
    Coding(String),
    #[error("not found: {0}")]
    NotFound(String),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("{path}: {what}: {source}")]
    Io {
        path: PathBuf,
        what: &'static str,
        source: std::io::Error,
    },
    #[error("{path}: cannot write Parquet: {detail}")]
    Parquet { path: PathBuf, detail: String },
}

/// An open store: one SQLite connection.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) a store for reading and writing, migrating it to the current
    /// schema version.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open(path).map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        let mut store = Store::configure(conn, path)?;
        store.migrate(schema::MIGRATIONS.len())?;
        Ok(store)
    }

    /// Opens an existing store for reading only; it must already be at the current version.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        let found = store.schema_version()?;
        if found != schema::current_version() {
            return Err(StoreError::BadQuery(format!(
                "{}: the store has schema version {found}, this petrel reads {}; run `petrel ingest --db {}` once to migrate it",
                path.display(),
                schema::current_version(),
                path.display()
            )));
        }
        Ok(store)
    }

    /// Opens a store and applies only the first `upto` migrations: how tests build an old file.
    pub fn open_at_version(path: &Path, upto: usize) -> Result<Store, StoreError> {
        let conn = Connection::open(path).map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        let mut store = Store::configure(conn, path)?;
        store.migrate(upto.min(schema::MIGRATIONS.len()))?;
        Ok(store)
    }

    fn configure(conn: Connection, path: &Path) -> Result<Store, StoreError> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // WAL: readers never block the writer and always see whole transactions; NORMAL
        // synchronisation keeps every committed transaction across a process crash (only a power
        // loss can lose the last ones, never corrupt the file).
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// The schema version recorded in the file.
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get::<_, u32>(0))?)
    }

    fn migrate(&mut self, upto: usize) -> Result<(), StoreError> {
        let found = self.schema_version()?;
        let known = schema::current_version();
        if found > known {
            return Err(StoreError::TooNew {
                path: self.path.clone(),
                found,
                known,
            });
        }
        let tx = self.conn.transaction()?;
        for (i, m) in schema::MIGRATIONS
            .iter()
            .enumerate()
            .take(upto)
            .skip(found as usize)
        {
            let version = i as u32 + 1;
            let fail = |source| StoreError::Migration {
                path: self.path.clone(),
                version,
                name: m.name,
                source,
            };
            tx.execute_batch(m.sql).map_err(fail)?;
            tx.pragma_update(None, "user_version", version)
                .map_err(fail)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The file this store lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The number of stories and events stored.
    pub fn counts(&self) -> Result<(u64, u64), StoreError> {
        let stories = self
            .conn
            .query_row("SELECT count(*) FROM stories", [], |r| r.get(0))?;
        let events = self
            .conn
            .query_row("SELECT count(*) FROM events", [], |r| r.get(0))?;
        Ok((stories, events))
    }

    /// The underlying connection, for the modules of this crate.
    fn conn(&self) -> &Connection {
        &self.conn
    }
}

#[cfg(test)]
mod open_tests {
    use super::*;

    #[test]
    fn a_new_store_is_at_the_current_version_and_in_wal_mode() {
        let dir = tempdir();
        let path = dir.join("new.db");
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), schema::current_version());
        let mode: String = store
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
    }

    #[test]
    fn an_old_store_migrates_forward_on_open() {
        let dir = tempdir();
        let path = dir.join("old.db");
        {
            let old = Store::open_at_version(&path, 1).unwrap();
            assert_eq!(old.schema_version().unwrap(), 1);
            let views: u32 = old
                .conn
                .query_row(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'view'",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(views, 0);
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), schema::current_version());
        let views: u32 = store
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'view'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(views, 2);
    }

    #[test]
    fn a_store_from_a_newer_petrel_is_refused() {
        let dir = tempdir();
        let path = dir.join("future.db");
        {
            let store = Store::open(&path).unwrap();
            store
                .conn
                .pragma_update(None, "user_version", 99u32)
                .unwrap();
        }
        let err = Store::open(&path).err().unwrap();
        assert!(matches!(err, StoreError::TooNew { found: 99, .. }), "{err}");
    }

    pub(crate) use super::tests_support::tempdir;
}

#[cfg(test)]
pub(crate) mod tests_support {
    use std::path::PathBuf;

    /// A fresh folder under the system's temporary folder, unique to this process and call.
    pub(crate) fn tempdir() -> PathBuf {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "petrel-store-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}

impl Store {
    /// Writes a compact copy of the store to `path` (SQLite's `VACUUM INTO`).
    pub fn vacuum_into(&self, path: &Path) -> Result<(), StoreError> {
        let target = path.to_string_lossy().to_string();
        self.conn.execute("VACUUM INTO ?1", [target])?;
        Ok(())
    }
}
