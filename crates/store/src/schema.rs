//! The database layout as an ordered list of forward migrations.
//!
//! The database's `PRAGMA user_version` is the number of migrations applied. Opening a store runs
//! the ones it lacks, in order, in one transaction; a database written by a newer petrel (a
//! version above `MIGRATIONS.len()`) is refused rather than guessed at. A migration, once
//! released, is never edited: a change is a new entry at the end.

/// One step of the layout: a name for messages and the SQL that takes the previous version to it.
pub struct Migration {
    pub name: &'static str,
    pub sql: &'static str,
}

/// Every migration, oldest first; the schema version is the length of this list.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        name: "stories, events and full-text search",
        sql: r#"
CREATE TABLE stories (
    sid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    url TEXT,
    title TEXT,
    date TEXT,
    date_precision TEXT,
    dateline TEXT,
    publisher TEXT,
    text TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    dict_version TEXT NOT NULL,
    model_version TEXT NOT NULL,
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE events (
    eid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    sid INTEGER NOT NULL REFERENCES stories(sid) ON DELETE CASCADE,
    date TEXT NOT NULL,
    source_code TEXT NOT NULL,
    source_country TEXT,
    target_code TEXT,
    target_country TEXT,
    cameo TEXT NOT NULL,
    cameo_root TEXT,
    goldstein REAL NOT NULL,
    quad_class INTEGER NOT NULL,
    plover TEXT,
    plover_mode TEXT,
    modality TEXT NOT NULL,
    place TEXT,
    place_country TEXT,
    lat REAL,
    lon REAL
);
-- The wire record apart from the filter columns, so that scans over events stay narrow.
CREATE TABLE event_records (
    eid INTEGER PRIMARY KEY REFERENCES events(eid) ON DELETE CASCADE,
    record TEXT NOT NULL
);
CREATE INDEX events_sid ON events(sid);
CREATE INDEX events_date ON events(date, quad_class, goldstein);
CREATE INDEX events_source_country ON events(source_country, date);
CREATE INDEX events_target_country ON events(target_country, date);
CREATE INDEX events_source_code ON events(source_code, date);
CREATE INDEX events_target_code ON events(target_code, date);
CREATE INDEX events_root ON events(cameo_root, date);
CREATE INDEX events_source_country_root ON events(source_country, cameo_root, date);
CREATE INDEX events_target_country_root ON events(target_country, cameo_root, date);
CREATE INDEX events_plover ON events(plover, date);
-- Events a day by quad class and root, kept by triggers: the unfiltered time series reads this
-- instead of every event.
CREATE TABLE daily_counts (
    date TEXT NOT NULL,
    quad_class INTEGER NOT NULL,
    cameo_root TEXT NOT NULL,
    n INTEGER NOT NULL,
    goldstein REAL NOT NULL,
    PRIMARY KEY (date, quad_class, cameo_root)
) WITHOUT ROWID;
CREATE TRIGGER daily_counts_insert AFTER INSERT ON events BEGIN
    INSERT INTO daily_counts (date, quad_class, cameo_root, n, goldstein)
    VALUES (new.date, new.quad_class, coalesce(new.cameo_root, '-'), 1, new.goldstein)
    ON CONFLICT (date, quad_class, cameo_root)
    DO UPDATE SET n = n + 1, goldstein = goldstein + excluded.goldstein;
END;
CREATE TRIGGER daily_counts_delete AFTER DELETE ON events BEGIN
    UPDATE daily_counts SET n = n - 1, goldstein = goldstein - old.goldstein
    WHERE date = old.date AND quad_class = old.quad_class
      AND cameo_root = coalesce(old.cameo_root, '-');
END;
CREATE VIRTUAL TABLE stories_fts USING fts5(title, text, content='stories', content_rowid='sid');
CREATE TRIGGER stories_fts_insert AFTER INSERT ON stories BEGIN
    INSERT INTO stories_fts(rowid, title, text) VALUES (new.sid, new.title, new.text);
END;
CREATE TRIGGER stories_fts_delete AFTER DELETE ON stories BEGIN
    INSERT INTO stories_fts(stories_fts, rowid, title, text) VALUES ('delete', old.sid, old.title, old.text);
END;
"#,
    },
    Migration {
        name: "deduplicated views: one event a story, one a day",
        sql: r#"
CREATE VIEW events_one_a_story AS
    SELECT e.* FROM events e
    WHERE e.eid IN (
        SELECT min(eid) FROM events
        GROUP BY sid, date, source_code, coalesce(target_code, ''), cameo
    );
CREATE VIEW events_one_a_day AS
    SELECT e.date, e.source_code, e.target_code, e.cameo,
           min(e.eid) AS first_eid,
           count(*) AS mentions,
           count(DISTINCT e.sid) AS story_count,
           group_concat(DISTINCT s.id) AS stories
    FROM events e JOIN stories s ON s.sid = e.sid
    GROUP BY e.date, e.source_code, coalesce(e.target_code, ''), e.cameo;
"#,
    },
];

/// The schema version this build writes and reads.
pub fn current_version() -> u32 {
    MIGRATIONS.len() as u32
}
