//! Store tests on real SQLite files: ingest, idempotency, re-coding, views and queries.

use crate::ingest::{CodedStory, Versions};
use crate::query::{Dedup, EventFilter, Interval, SeriesBy, Side};
use crate::Store;
use petrel::core::Document;
use petrel_output::{
    ActorRecord, EventRecord, LocationRecord, PloverRecord, ProvenanceRecord, SourceLine,
    TriggerRecord,
};

fn actor(code: &str, start: usize) -> ActorRecord {
    ActorRecord {
        code: code.to_string(),
        country: Some(code[..3].to_string()),
        sectors: vec![],
        text: code.to_string(),
        start,
        end: start + 3,
        entity: None,
    }
}

fn record(doc: &str, n: usize, date: &str, source: &str, target: &str, cameo: &str) -> EventRecord {
    let root = cameo[..2].to_string();
    let quad = match root.as_str() {
        "01" | "02" | "03" | "04" | "05" => 1,
        "06" | "07" | "08" => 2,
        "09" | "10" | "11" | "12" | "13" | "14" | "15" | "16" => 3,
        _ => 4,
    };
    EventRecord {
        id: format!("{doc}:0:{n}"),
        doc_id: doc.to_string(),
        sentence_index: 0,
        sentence_text: format!("{source} acted on {target}."),
        date: date.to_string(),
        date_precision: "day".to_string(),
        source: actor(source, 0),
        target: Some(actor(target, 10)),
        cameo: cameo.to_string(),
        cameo_root: Some(root),
        goldstein: if quad <= 2 { 3.0 } else { -5.0 },
        quad_class: quad,
        plover: Some(PloverRecord {
            event: "CONSULT",
            mode: None,
        }),
        modality: "asserted",
        trigger: TriggerRecord {
            text: "acted".into(),
            start: 4,
            end: 9,
        },
        location: Some(LocationRecord {
            name: "Tokyo".into(),
            country: Some("JPN".into()),
            lat: 35.7,
            lon: 139.7,
            geonameid: Some(1850147),
            precision: "city".into(),
        }),
        issues: vec![],
        provenance: ProvenanceRecord {
            verb: Some(SourceLine {
                file: "verbs.txt".into(),
                line: 1,
                text: "ACT [040]".into(),
            }),
            actors: vec![],
            recogniser: None,
            rules: vec![],
            parse_repairs: vec![],
        },
    }
}

fn doc(id: &str, text: &str) -> Document {
    Document {
        id: id.to_string(),
        origin: id.to_string(),
        title: Some(format!("Title of {id}")),
        text: text.to_string(),
        ..Document::default()
    }
}

fn versions() -> Versions {
    Versions {
        dictionaries: "test-dicts".into(),
        model: "test-model".into(),
    }
}

fn store() -> Store {
    let dir = crate::tests_support::tempdir();
    Store::open(&dir.join("t.db")).unwrap()
}

/// Three stories: two about Japan and Russia on the same day, one about Ukraine later.
fn filled() -> Store {
    let mut s = store();
    let a = doc("a", "Japan met Russia in Tokyo about the missile test.");
    let b = doc(
        "b",
        "Japan and Russia met again; the missile was discussed.",
    );
    let c = doc("c", "Russia attacked Ukraine near Kyiv.");
    let ra = vec![
        record("a", 0, "2017-03-20", "JPNGOV", "RUSGOV", "040"),
        record("a", 1, "2017-03-20", "JPNGOV", "RUSGOV", "040"),
    ];
    let rb = vec![record("b", 0, "2017-03-20", "JPNGOV", "RUSGOV", "040")];
    let rc = vec![record("c", 0, "2017-04-02", "RUSMIL", "UKRMIL", "190")];
    let stories = [
        CodedStory {
            document: &a,
            date: Some("2017-03-20".into()),
            records: &ra,
        },
        CodedStory {
            document: &b,
            date: Some("2017-03-20".into()),
            records: &rb,
        },
        CodedStory {
            document: &c,
            date: Some("2017-04-02".into()),
            records: &rc,
        },
    ];
    assert_eq!(s.insert_stories(&stories, &versions()).unwrap(), (3, 4, 0));
    s
}

#[test]
fn a_story_stored_by_id_or_by_text_is_skipped() {
    let mut s = filled();
    let same_id = doc("a", "Different text.");
    let same_text = doc("z", "Russia attacked Ukraine near Kyiv.");
    let fresh = doc("d", "China met India.");
    let r = vec![record("d", 0, "2017-05-01", "CHNGOV", "INDGOV", "040")];
    let stories = [
        CodedStory {
            document: &same_id,
            date: None,
            records: &[],
        },
        CodedStory {
            document: &same_text,
            date: None,
            records: &[],
        },
        CodedStory {
            document: &fresh,
            date: Some("2017-05-01".into()),
            records: &r,
        },
    ];
    assert_eq!(s.insert_stories(&stories, &versions()).unwrap(), (1, 1, 2));
    assert_eq!(s.counts().unwrap(), (4, 5));
}

#[test]
fn filters_page_and_clamp() {
    let s = filled();
    let all = s.events(&EventFilter::default()).unwrap();
    assert_eq!(all.rows.len(), 4);
    assert!(all.rows[0].date >= all.rows[3].date, "newest first");
    let ukr = s
        .events(&EventFilter {
            country: Some("UKR".into()),
            side: Side::Target,
            ..EventFilter::default()
        })
        .unwrap();
    assert_eq!(ukr.rows.len(), 1);
    let none = s
        .events(&EventFilter {
            country: Some("UKR".into()),
            side: Side::Source,
            ..EventFilter::default()
        })
        .unwrap();
    assert!(none.rows.is_empty());
    // Paging: two pages of two, then nothing.
    let mut f = EventFilter {
        limit: Some(2),
        ..EventFilter::default()
    };
    let p1 = s.events(&f).unwrap();
    assert_eq!(p1.rows.len(), 2);
    f.cursor = p1.next.clone();
    let p2 = s.events(&f).unwrap();
    assert_eq!(p2.rows.len(), 2);
    assert!(p2.next.is_none());
    let ids: std::collections::BTreeSet<i64> =
        p1.rows.iter().chain(&p2.rows).map(|r| r.eid).collect();
    assert_eq!(ids.len(), 4);
    let huge = s
        .events(&EventFilter {
            limit: Some(1_000_000_000),
            ..EventFilter::default()
        })
        .unwrap();
    assert_eq!(huge.limit, crate::query::MAX_LIMIT);
}

#[test]
fn an_injection_attempt_is_only_a_value() {
    let s = filled();
    for evil in [
        "JPN' OR '1'='1",
        "x\"; DROP TABLE events; --",
        "%",
        "_",
        "') OR 1=1 --",
    ] {
        let page = s
            .events(&EventFilter {
                place: Some(evil.into()),
                actor: Some(evil.into()),
                q: Some(evil.into()),
                ..EventFilter::default()
            })
            .unwrap();
        assert!(page.rows.is_empty(), "{evil}");
    }
    assert_eq!(s.counts().unwrap(), (3, 4));
}

#[test]
fn full_text_search_finds_stories_and_filters_events() {
    let s = filled();
    let hits = s.search_stories("missile", 10).unwrap();
    let ids: Vec<&str> = hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&"a") && ids.contains(&"b"));
    assert!(hits.iter().all(|h| h.snippet.contains('\u{1}')));
    let events = s
        .events(&EventFilter {
            q: Some("Kyiv".into()),
            ..EventFilter::default()
        })
        .unwrap();
    assert_eq!(events.rows.len(), 1);
    assert!(s.search_stories("()*", 10).is_err());
}

#[test]
fn dedup_views_count_mentions_and_stories() {
    let s = filled();
    let per_story = s
        .events(&EventFilter {
            dedup: Dedup::Story,
            ..EventFilter::default()
        })
        .unwrap();
    assert_eq!(per_story.rows.len(), 3, "story a's two events are one");
    let per_day = s
        .events(&EventFilter {
            dedup: Dedup::Day,
            ..EventFilter::default()
        })
        .unwrap();
    assert_eq!(per_day.rows.len(), 2);
    let rows = s.one_a_day(10).unwrap();
    let meeting = rows.iter().find(|r| r.cameo == "040").unwrap();
    assert_eq!((meeting.mentions, meeting.story_count), (3, 2));
    let mut stories = meeting.stories.clone();
    stories.sort();
    assert_eq!(stories, vec!["a", "b"]);
}

#[test]
fn aggregates_count_what_the_filter_keeps() {
    let s = filled();
    let series = s
        .timeseries(&EventFilter::default(), Interval::Month, SeriesBy::Quad)
        .unwrap();
    let total: u64 = series.iter().map(|r| r.count).sum();
    assert_eq!(total, 4);
    assert!(series
        .iter()
        .any(|r| r.bucket == "2017-04" && r.key == "4" && r.count == 1));
    let weekly = s
        .timeseries(&EventFilter::default(), Interval::Week, SeriesBy::None)
        .unwrap();
    // 2017-03-20 is a Monday; 2017-04-02 a Sunday, in the week of 2017-03-27.
    let buckets: Vec<&str> = weekly.iter().map(|r| r.bucket.as_str()).collect();
    assert_eq!(buckets, vec!["2017-03-20", "2017-03-27"]);
    let dyads = s.dyads(&EventFilter::default()).unwrap();
    assert_eq!(
        (
            dyads[0].source.as_str(),
            dyads[0].target.as_str(),
            dyads[0].count
        ),
        ("JPNGOV", "RUSGOV", 3)
    );
    let places = s.places(&EventFilter::default()).unwrap();
    assert_eq!(places[0].count, 4);
    let summary = s.summary().unwrap();
    assert_eq!(summary.first_date.as_deref(), Some("2017-03-20"));
}

#[test]
fn event_and_story_lookups() {
    let s = filled();
    let e = s.event("c:0:0").unwrap();
    assert_eq!(e.story_id, "c");
    assert_eq!(e.dict_version, "test-dicts");
    assert!(e.record.contains("\"cameo\":\"190\""));
    assert!(matches!(
        s.event("nope"),
        Err(crate::StoreError::NotFound(_))
    ));
    let story = s.story("a").unwrap();
    assert_eq!(story.events.len(), 2);
    assert_eq!(story.content_hash.len(), 64);
}

#[test]
fn a_read_only_store_refuses_writes() {
    let dir = crate::tests_support::tempdir();
    let path = dir.join("ro.db");
    drop(Store::open(&path).unwrap());
    let mut ro = Store::open_read_only(&path).unwrap();
    let d = doc("x", "text");
    let err = ro.insert_stories(
        &[CodedStory {
            document: &d,
            date: None,
            records: &[],
        }],
        &versions(),
    );
    assert!(err.is_err());
}

#[test]
fn parquet_export_reads_back_by_month() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let s = filled();
    let dir = crate::tests_support::tempdir().join("parquet");
    let summary = s.export_parquet(&dir).unwrap();
    assert_eq!(summary.events, 4);
    let march = dir.join("year=2017/month=03/part-0.parquet");
    let april = dir.join("year=2017/month=04/part-0.parquet");
    assert_eq!(summary.files, vec![march.clone(), april.clone()]);
    let reader = SerializedFileReader::new(std::fs::File::open(&march).unwrap()).unwrap();
    let meta = reader.metadata();
    assert_eq!(meta.file_metadata().num_rows(), 3);
    let columns: Vec<String> = meta
        .file_metadata()
        .schema_descr()
        .columns()
        .iter()
        .map(|c| c.name().to_string())
        .collect();
    assert_eq!(columns.len(), 20);
    assert_eq!(columns[0], "id");
    assert_eq!(columns[19], "record");
    let rows: Vec<String> = reader
        .get_row_iter(None)
        .unwrap()
        .map(|r| r.unwrap().to_string())
        .collect();
    assert!(rows[0].contains("id: \"a:0:0\""), "{}", rows[0]);
    assert!(rows[0].contains("quad_class: 1"), "{}", rows[0]);
    assert!(rows[0].contains("lat: 35.7"), "{}", rows[0]);
    let reader = SerializedFileReader::new(std::fs::File::open(&april).unwrap()).unwrap();
    assert_eq!(reader.metadata().file_metadata().num_rows(), 1);
}

#[test]
fn daily_counts_follow_inserts_and_deletes() {
    let s = filled();
    let series = |s: &Store| {
        s.timeseries(&EventFilter::default(), Interval::Day, SeriesBy::None)
            .unwrap()
            .iter()
            .map(|r| (r.bucket.clone(), r.count))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        series(&s),
        vec![("2017-03-20".to_string(), 3), ("2017-04-02".to_string(), 1)]
    );
    // A filter the daily counts cannot answer reads the events and agrees with them.
    let jpn = s
        .timeseries(
            &EventFilter {
                country: Some("JPN".into()),
                ..EventFilter::default()
            },
            Interval::Day,
            SeriesBy::None,
        )
        .unwrap();
    assert_eq!(jpn.iter().map(|r| r.count).sum::<u64>(), 3);
    s.conn
        .execute("DELETE FROM stories WHERE id = 'c'", [])
        .unwrap();
    assert_eq!(series(&s), vec![("2017-03-20".to_string(), 3)]);
    assert_eq!(s.counts().unwrap(), (2, 3));
    let orphans: i64 = s
        .conn
        .query_row(
            "SELECT count(*) FROM event_records WHERE eid NOT IN (SELECT eid FROM events)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0, "records go with their events");
}

#[test]
fn either_side_pages_merge_both_sides_once() {
    let s = filled();
    // JPN is the source of three events; RUS the target of three and the source of one.
    let mut f = EventFilter {
        country: Some("RUS".into()),
        limit: Some(1),
        ..EventFilter::default()
    };
    let mut seen = Vec::new();
    loop {
        let page = s.events(&f).unwrap();
        seen.extend(page.rows.iter().map(|r| r.eid));
        match page.next {
            Some(c) => f.cursor = Some(c),
            None => break,
        }
    }
    let mut unique = seen.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), seen.len(), "no event twice: {seen:?}");
    assert_eq!(seen.len(), 4);
}

/// Dated stories for `ingest_stream`, as ingest reads them.
fn stories(n: usize) -> Vec<Result<Document, petrel::ingest::Skip>> {
    (0..n)
        .map(|i| {
            let text = format!("20.03.2017\n\nJapan met China on Monday about {i} ships.");
            petrel::ingest::read_story(&format!("story-{i}.txt"), text.as_bytes())
        })
        .collect()
}

fn pipeline() -> petrel::pipeline::Pipeline {
    let model = petrel::nlp::model::Model::builtin().unwrap();
    let (dictionaries, _) = petrel::dict::native::builtin();
    let coder = petrel::code::Coder::new(dictionaries, petrel::code::CoderOptions::default());
    petrel::pipeline::Pipeline::new(model, coder)
}

#[test]
fn the_writer_thread_stores_every_story_and_reports_commits() {
    let dir = crate::tests_support::tempdir();
    let db = dir.join("w.db");
    let options = petrel::corpus::CorpusOptions {
        threads: 2,
        ..Default::default()
    };
    let mut reports = Vec::new();
    let s = crate::ingest::ingest_stream(
        &db,
        &pipeline(),
        stories(40).into_iter(),
        &options,
        &versions(),
        |s| reports.push(s.stored),
        |_| {},
    )
    .unwrap();
    assert_eq!((s.stored, s.duplicates), (40, 0));
    assert_eq!(reports.last(), Some(&40), "{reports:?}");
    assert!(reports.windows(2).all(|w| w[0] <= w[1]), "{reports:?}");
    let again = crate::ingest::ingest_stream(
        &db,
        &pipeline(),
        stories(40).into_iter(),
        &options,
        &versions(),
        |_| {},
        |_| {},
    )
    .unwrap();
    assert_eq!((again.stored, again.duplicates), (0, 40));
    assert_eq!(Store::open(&db).unwrap().counts().unwrap().0, 40);
}

#[test]
fn a_failing_writer_ends_the_ingest_with_its_error() {
    let dir = crate::tests_support::tempdir();
    let db = dir.join("f.db");
    let store = Store::open(&db).unwrap();
    store
        .conn()
        .execute_batch(
            "CREATE TRIGGER refuse BEFORE INSERT ON stories BEGIN SELECT RAISE(ABORT, 'disk says no'); END;",
        )
        .unwrap();
    drop(store);
    let err = crate::ingest::ingest_stream(
        &db,
        &pipeline(),
        // More stories than the channel holds, so the coding side meets the stopped writer.
        stories(crate::ingest::CHANNEL_STORIES + 50).into_iter(),
        &petrel::corpus::CorpusOptions::default(),
        &versions(),
        |_| {},
        |_| {},
    )
    .unwrap_err();
    assert!(err.to_string().contains("disk says no"), "{err}");
}
