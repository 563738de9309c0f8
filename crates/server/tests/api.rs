//! Every endpoint of the API and its bad inputs, over a real store coded from the bundled
//! examples by the real pipeline.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use tower::ServiceExt;

const TOKEN: &str = "test-token-0123456789abcdef";

fn examples() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the examples folder exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| !p.to_string_lossy().ends_with(".expected.json"))
        .collect();
    files.sort();
    files
}

/// A store coded from the examples once for the whole test binary; each test that writes gets
/// its own copy.
fn fixture() -> &'static PathBuf {
    static DB: OnceLock<PathBuf> = OnceLock::new();
    DB.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("petrel-server-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("examples.db");
        let model = petrel::nlp::model::Model::builtin().unwrap();
        let (dictionaries, _) = petrel::dict::native::builtin();
        let coder = petrel::code::Coder::new(dictionaries, petrel::code::CoderOptions::default());
        let pipeline = petrel::pipeline::Pipeline::new(model, coder);
        let options = petrel::corpus::CorpusOptions {
            threads: 2,
            fallback_date: petrel::core::Date::from_ymd(2017, 3, 20).ok(),
            shard: None,
            ..Default::default()
        };
        let s = petrel_store::ingest::ingest_stream(
            &db,
            &pipeline,
            petrel::ingest::Inputs::open(examples()),
            &options,
            &petrel_store::ingest::builtin_versions(),
            |_| {},
            |_| {},
        )
        .unwrap();
        assert!(s.stored >= 10 && s.events >= 20, "{s:?}");
        db
    })
}

fn app_with(db: PathBuf, token: Option<&str>, body_limit: usize) -> axum::Router {
    let mut config = petrel_server::Config::new(db);
    config.token = token.map(str::to_string);
    config.body_limit = body_limit;
    petrel_server::router(Arc::new(petrel_server::State::new(config)))
}

fn app() -> axum::Router {
    app_with(fixture().clone(), None, petrel_server::DEFAULT_BODY_LIMIT)
}

async fn send(app: axum::Router, req: Request<Body>) -> (StatusCode, String, Option<String>) {
    let res = app.oneshot(req).await.unwrap();
    let status = res.status();
    let ctype = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let body = res.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&body).into_owned(), ctype)
}

async fn get(uri: &str) -> (StatusCode, Value) {
    let (status, body, _) = send(app(), Request::get(uri).body(Body::empty()).unwrap()).await;
    let json: Value =
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("{uri}: not JSON ({e}): {body}"));
    (status, json)
}

/// A JSON error with a message: what every bad input must get.
fn assert_error(status: StatusCode, body: &Value, expected: StatusCode, words: &str) {
    assert_eq!(status, expected, "{body}");
    let message = body["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains(words), "{message:?} lacks {words:?}");
    assert_eq!(body["error"]["status"], expected.as_u16());
}

#[tokio::test]
async fn healthz_and_openapi() {
    let (status, body) = get("/healthz").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["status"], "ok");
    let (status, doc) = get("/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    let paths = doc["paths"].as_object().unwrap();
    for p in [
        "/healthz",
        "/api/events",
        "/api/events/{id}",
        "/api/stories",
        "/api/stories/{id}",
        "/api/stats/timeseries",
        "/api/stats/dyads",
        "/api/stats/places",
        "/api/stats/summary",
        "/api/openapi.json",
    ] {
        assert!(paths.contains_key(p), "openapi lacks {p}");
    }
}

#[tokio::test]
async fn events_filter_page_and_format() {
    let (status, all) = get("/api/events?limit=1000").await;
    assert_eq!(status, StatusCode::OK);
    let events = all["events"].as_array().unwrap();
    assert!(events.len() >= 20);
    // Every field of the wire record is there.
    for key in [
        "id",
        "doc_id",
        "sentence_text",
        "source",
        "cameo",
        "provenance",
        "trigger",
    ] {
        assert!(events[0].get(key).is_some(), "record lacks {key}");
    }
    let country = events[0]["source"]["country"].as_str().unwrap().to_string();
    let (_, some) = get(&format!(
        "/api/events?country={country}&side=source&limit=1000"
    ))
    .await;
    let some = some["events"].as_array().unwrap();
    assert!(!some.is_empty() && some.len() <= events.len());
    assert!(some
        .iter()
        .all(|e| e["source"]["country"] == country.as_str()));
    // Two filters at once.
    let root = events[0]["cameo_root"].as_str().unwrap().to_string();
    let (_, two) = get(&format!("/api/events?country={country}&root={root}")).await;
    assert!(two["events"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["cameo_root"] == root.as_str()));
    // Paging walks every event exactly once.
    let mut seen = std::collections::BTreeSet::new();
    let mut uri = "/api/events?limit=7".to_string();
    loop {
        let (_, page) = get(&uri).await;
        for e in page["events"].as_array().unwrap() {
            assert!(seen.insert(e["id"].as_str().unwrap().to_string()));
        }
        match page["next"].as_str() {
            Some(next) => uri = format!("/api/events?limit=7&cursor={next}"),
            None => break,
        }
    }
    assert_eq!(seen.len(), events.len());
    // Other formats.
    let (status, csv, ctype) = send(
        app(),
        Request::get("/api/events?format=csv&limit=5")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(ctype.unwrap().starts_with("text/csv"));
    assert!(csv.starts_with("id,date,source,"));
    assert_eq!(csv.lines().count(), 6);
    let (_, jsonl, _) = send(
        app(),
        Request::get("/api/events?format=jsonl&limit=3")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(jsonl.lines().count(), 3);
    assert!(jsonl
        .lines()
        .all(|l| serde_json::from_str::<Value>(l).is_ok()));
    // Date range and full text.
    let (status, ranged) = get("/api/events?from=2017-01-01&to=2017-12-31&limit=1000").await;
    assert_eq!(status, StatusCode::OK);
    assert!(ranged["events"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["date"].as_str().unwrap().starts_with("2017")));
    let (status, _) = get("/api/events?q=minister&dedup=story&bbox=-180,-90,180,90").await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn bad_inputs_are_clear_json_errors() {
    let (s, b) = get("/api/events?contry=USA").await;
    assert_error(s, &b, StatusCode::BAD_REQUEST, "unknown parameter `contry`");
    let (s, b) = get("/api/events?from=2017-02-30").await;
    assert_error(s, &b, StatusCode::BAD_REQUEST, "from=2017-02-30");
    let (s, b) = get("/api/events?from=yesterday").await;
    assert_error(s, &b, StatusCode::BAD_REQUEST, "YYYY-MM-DD");
    let (s, b) = get("/api/events?country=USA%27%20OR%20%271%27%3D%271").await;
    assert_error(s, &b, StatusCode::BAD_REQUEST, "country=");
    let (s, b) = get("/api/events?quad=9").await;
    assert_error(s, &b, StatusCode::BAD_REQUEST, "quad=9");
    let (s, b) = get("/api/events?format=xml").await;
    assert_error(s, &b, StatusCode::BAD_REQUEST, "format=xml");
    let (s, b) = get("/api/events?cursor=abc").await;
    assert_error(s, &b, StatusCode::BAD_REQUEST, "cursor");
    let (s, b) = get("/api/events?limit=-1").await;
    assert_error(s, &b, StatusCode::BAD_REQUEST, "limit=-1");
    let (s, b) = get("/api/stats/timeseries?interval=hour").await;
    assert_error(s, &b, StatusCode::BAD_REQUEST, "interval=hour");
    let (s, b) = get("/api/stories").await;
    assert_error(s, &b, StatusCode::BAD_REQUEST, "q is required");
    let (s, b) = get("/api/events/no-such-event").await;
    assert_error(s, &b, StatusCode::NOT_FOUND, "no event");
    let (s, b) = get("/api/stories/no-such-story").await;
    assert_error(s, &b, StatusCode::NOT_FOUND, "no story");
    let (s, b) = get("/api/nothing").await;
    assert_error(s, &b, StatusCode::NOT_FOUND, "no such path");
    let (s, b) = get("/assets/../Cargo.toml").await;
    assert_eq!(s, StatusCode::NOT_FOUND, "{b}");
    let (s, b) = get("/assets/..%2F..%2FCargo.toml").await;
    assert_error(s, &b, StatusCode::NOT_FOUND, "no asset");
    let (s, b) = get("/assets/%2Fetc%2Fpasswd").await;
    assert_error(s, &b, StatusCode::NOT_FOUND, "no asset");
    let (s, b, _) = send(
        app(),
        Request::delete("/api/events").body(Body::empty()).unwrap(),
    )
    .await;
    let b: Value = serde_json::from_str(&b).unwrap();
    assert_error(s, &b, StatusCode::METHOD_NOT_ALLOWED, "not allowed");
}

#[tokio::test]
async fn a_huge_limit_is_clamped_and_an_injection_is_a_value() {
    let (status, page) = get("/api/events?limit=1000000000").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["limit"], 1000);
    let (status, _) = get("/api/stats/dyads?limit=1000000000").await;
    assert_eq!(status, StatusCode::OK);
    // Free-text filters are bound values: an attack finds nothing and breaks nothing.
    let (status, page) =
        get("/api/events?place=x%27%29%20OR%201%3D1%3B%20DROP%20TABLE%20events%3B--").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["events"].as_array().unwrap().len(), 0);
    let (status, hits) = get("/api/stories?q=%22%29%20OR%20*%20NEAR").await;
    assert_eq!(status, StatusCode::OK, "{hits}");
    let (_, after) = get("/api/events?limit=1").await;
    assert_eq!(after["events"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn one_event_with_its_evidence_and_its_story() {
    let (_, page) = get("/api/events?limit=1").await;
    let id = page["events"][0]["id"].as_str().unwrap().to_string();
    let encoded: String = id
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    let (status, detail) = get(&format!("/api/events/{encoded}")).await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    assert_eq!(detail["event"]["id"], id.as_str());
    assert!(detail["event"]["provenance"]["verb"].is_object());
    assert!(detail["sentence_start"].is_u64());
    assert_eq!(
        detail["versions"]["dictionaries"],
        petrel_store::ingest::builtin_versions().dictionaries
    );
    let story_id = detail["story"]["id"].as_str().unwrap().to_string();
    let encoded: String = story_id
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    let (status, story) = get(&format!("/api/stories/{encoded}")).await;
    assert_eq!(status, StatusCode::OK);
    let text: Vec<char> = story["text"].as_str().unwrap().chars().collect();
    // The event spans index the story text: the trigger's offsets give its words.
    for e in story["events"].as_array().unwrap() {
        let (start, end) = (
            e["trigger"]["start"].as_u64().unwrap() as usize,
            e["trigger"]["end"].as_u64().unwrap() as usize,
        );
        let found: String = text[start..end].iter().collect();
        assert_eq!(found, e["trigger"]["text"].as_str().unwrap());
    }
}

#[tokio::test]
async fn story_search_has_snippets() {
    let (status, res) = get("/api/stories?q=minister&limit=5").await;
    assert_eq!(status, StatusCode::OK);
    let stories = res["stories"].as_array().unwrap();
    assert!(!stories.is_empty());
    let parts = stories[0]["snippet"].as_array().unwrap();
    assert!(parts.iter().any(|p| p["hit"] == true
        && p["text"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("minister")));
}

#[tokio::test]
async fn stats_endpoints() {
    let (status, ts) = get("/api/stats/timeseries?interval=month&by=quad").await;
    assert_eq!(status, StatusCode::OK);
    let buckets = ts["buckets"].as_array().unwrap().len();
    assert!(buckets >= 1);
    let total: u64 = ts["series"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| {
            s["counts"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_u64().unwrap())
        })
        .sum();
    let (_, summary) = get("/api/stats/summary").await;
    assert_eq!(total, summary["events"].as_u64().unwrap());
    for by in ["root", "dyad", "none"] {
        let (status, _) = get(&format!("/api/stats/timeseries?interval=week&by={by}")).await;
        assert_eq!(status, StatusCode::OK);
    }
    let (status, net) = get("/api/stats/dyads?limit=10").await;
    assert_eq!(status, StatusCode::OK);
    let edges = net["edges"].as_array().unwrap();
    assert!(!edges.is_empty() && edges.len() <= 10);
    let nodes: Vec<&str> = net["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert!(edges
        .iter()
        .all(|e| nodes.contains(&e["source"].as_str().unwrap())));
    let (status, places) = get("/api/stats/places").await;
    assert_eq!(status, StatusCode::OK);
    assert!(places["places"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["lat"].is_f64() && p["count"].as_u64().unwrap() >= 1));
}

#[tokio::test]
async fn dashboard_and_assets_are_served_from_the_binary() {
    let (status, html, ctype) = send(app(), Request::get("/").body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(ctype.unwrap().starts_with("text/html"));
    for src in [
        "/assets/app.js",
        "/assets/vendor/uPlot.iife.min.js",
        "/assets/vendor/d3-geo.min.js",
        "/assets/vendor/topojson-client.min.js",
    ] {
        assert!(html.contains(src), "{src}");
        let (status, body, _) = send(app(), Request::get(src).body(Body::empty()).unwrap()).await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.len() > 1000);
    }
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no CDN"
    );
}

fn copy_fixture(name: &str) -> PathBuf {
    let src = fixture();
    let dst = src.with_file_name(format!("{name}.db"));
    let store = petrel_store::Store::open(src).unwrap();
    let _ = std::fs::remove_file(&dst);
    store.vacuum_into(&dst).unwrap();
    dst
}

#[tokio::test]
async fn posting_stories_needs_the_token_and_a_small_body() {
    let db = copy_fixture("post");
    let story = r#"[{"id":"posted-1","date":"2017-03-21","text":"Japan's foreign minister met Russia's foreign minister in Tokyo on Tuesday."}]"#;
    let post = |token: Option<&str>, body: String| {
        let mut req =
            Request::post("/api/stories").header(header::CONTENT_TYPE, "application/json");
        if let Some(t) = token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        req.body(Body::from(body)).unwrap()
    };
    let app = app_with(db.clone(), Some(TOKEN), 4096);
    let (s, b, _) = send(app.clone(), post(None, story.to_string())).await;
    assert_error(
        s,
        &serde_json::from_str(&b).unwrap(),
        StatusCode::UNAUTHORIZED,
        "Bearer",
    );
    let (s, b, _) = send(
        app.clone(),
        post(Some("wrong-token-0123456789abcde"), story.to_string()),
    )
    .await;
    assert_error(
        s,
        &serde_json::from_str(&b).unwrap(),
        StatusCode::UNAUTHORIZED,
        "Bearer",
    );
    let big = format!(
        r#"[{{"id":"big","date":"2017-03-21","text":"{}"}}]"#,
        "Japan met Russia. ".repeat(400)
    );
    let (s, b, _) = send(app.clone(), post(Some(TOKEN), big)).await;
    assert_error(
        s,
        &serde_json::from_str(&b).unwrap(),
        StatusCode::PAYLOAD_TOO_LARGE,
        "larger than 4096",
    );
    let (s, b, _) = send(app.clone(), post(Some(TOKEN), "{not json".to_string())).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{b}");
    let (s, b, _) = send(app.clone(), post(Some(TOKEN), story.to_string())).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let r: Value = serde_json::from_str(&b).unwrap();
    assert_eq!(r["stored"], 1);
    assert!(r["events"].as_u64().unwrap() >= 1);
    // The same story again is a duplicate, not a second copy.
    let (_, b, _) = send(app.clone(), post(Some(TOKEN), story.to_string())).await;
    let r: Value = serde_json::from_str(&b).unwrap();
    assert_eq!(
        (r["stored"].as_u64(), r["duplicates"].as_u64()),
        (Some(0), Some(1))
    );
    let (s, b, _) = send(
        app.clone(),
        Request::get("/api/stories/posted-1")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    // A server without a token file takes no POST at all.
    let read_only = app_with(db, None, 4096);
    let (s, b, _) = send(read_only, post(Some(TOKEN), story.to_string())).await;
    assert_error(
        s,
        &serde_json::from_str(&b).unwrap(),
        StatusCode::FORBIDDEN,
        "--token-file",
    );
}

#[tokio::test]
async fn records_keep_the_key_order_of_the_event_format() {
    let (_, body, _) = send(
        app(),
        Request::get("/api/events?limit=1")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    let id = body.find("\"id\"").unwrap();
    let doc = body.find("\"doc_id\"").unwrap();
    let provenance = body.find("\"provenance\"").unwrap();
    assert!(id < doc && doc < provenance, "{body}");
}
