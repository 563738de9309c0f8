//! The `/api/` handlers and `/healthz`.

use crate::error::ApiError;
use crate::params::{Params, FILTER_PARAMS};
use crate::State;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{Path, RawQuery};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use petrel_store::query::{EventPage, SeriesRow};
use petrel_store::Store;
use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::{json, Value};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;

type Shared = Arc<State>;

/// The most stories one POST may carry.
pub const MAX_POSTED_STORIES: usize = 10_000;

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/healthz", get(healthz).fallback(method_not_allowed))
        .route(
            "/api/openapi.json",
            get(openapi).fallback(method_not_allowed),
        )
        .route("/api/events", get(events).fallback(method_not_allowed))
        .route("/api/events/{*id}", get(event).fallback(method_not_allowed))
        .route(
            "/api/stories",
            get(stories).post(post_stories).fallback(method_not_allowed),
        )
        .route(
            "/api/stories/{*id}",
            get(story).fallback(method_not_allowed),
        )
        .route(
            "/api/stats/timeseries",
            get(timeseries).fallback(method_not_allowed),
        )
        .route("/api/stats/dyads", get(dyads).fallback(method_not_allowed))
        .route(
            "/api/stats/places",
            get(places).fallback(method_not_allowed),
        )
        .route(
            "/api/stats/summary",
            get(summary).fallback(method_not_allowed),
        )
}

pub async fn not_found() -> ApiError {
    ApiError::not_found("no such path; the API is described at /api/openapi.json")
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "this method is not allowed here; see /api/openapi.json",
    )
}

thread_local! {
    /// Each blocking thread keeps its own read-only connection (and its prepared statements).
    static STORE: RefCell<Option<(PathBuf, Store)>> = const { RefCell::new(None) };
}

/// Runs `f` on a blocking thread with a read-only store.
async fn with_store<T: Send + 'static>(
    state: &Shared,
    f: impl FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let db = state.config.db.clone();
    tokio::task::spawn_blocking(move || {
        STORE.with(|cell| {
            let mut slot = cell.borrow_mut();
            let reuse = matches!(slot.as_ref(), Some((path, _)) if *path == db);
            if !reuse {
                *slot = Some((db.clone(), Store::open_read_only(&db)?));
            }
            match slot.as_ref() {
                Some((_, store)) => f(store),
                None => Err(ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "no store connection",
                )),
            }
        })
    })
    .await
    .map_err(|e| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the request failed: {e}"),
        )
    })?
}

async fn healthz(state: axum::extract::State<Shared>) -> Result<Json<Value>, ApiError> {
    let version = with_store(&state, |s| Ok(s.schema_version()?)).await?;
    Ok(Json(json!({ "status": "ok", "schema_version": version })))
}

async fn openapi() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        crate::assets::OPENAPI,
    )
        .into_response()
}

async fn summary(
    state: axum::extract::State<Shared>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    Params::parse(q.as_deref(), &[])?;
    let s = with_store(&state, |s| Ok(s.summary()?)).await?;
    Ok(Json(json!({
        "stories": s.stories,
        "events": s.events,
        "first_date": s.first_date,
        "last_date": s.last_date,
        "schema_version": s.schema_version,
    })))
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Json,
    Jsonl,
    Csv,
}

/// The columns of `format=csv`.
const CSV_COLUMNS: &[&str] = &[
    "id",
    "date",
    "source",
    "source_country",
    "target",
    "target_country",
    "cameo",
    "cameo_root",
    "quad_class",
    "goldstein",
    "plover",
    "modality",
    "place",
    "lat",
    "lon",
    "doc_id",
    "sentence_text",
];

async fn events(
    state: axum::extract::State<Shared>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(
        q.as_deref(),
        &[FILTER_PARAMS, &["cursor", "limit", "format"]],
    )?;
    let format = match p.get("format") {
        None | Some("json") => Format::Json,
        Some("jsonl") => Format::Jsonl,
        Some("csv") => Format::Csv,
        Some(other) => {
            return Err(ApiError::bad_request(format!(
                "format={}: expected json, jsonl or csv",
                other.chars().take(20).collect::<String>()
            )))
        }
    };
    let filter = p.filter()?;
    let page = with_store(&state, move |s| Ok(s.events(&filter)?)).await?;
    let next = page.next.as_ref().map(|c| c.to_string());
    let mut response = match format {
        Format::Json => page_json(&page)?,
        Format::Jsonl => {
            let mut body = String::new();
            for r in &page.rows {
                body.push_str(&r.record);
                body.push('\n');
            }
            ([(header::CONTENT_TYPE, "application/x-ndjson")], body).into_response()
        }
        Format::Csv => {
            let columns: Vec<String> = CSV_COLUMNS.iter().map(|c| c.to_string()).collect();
            let mut body = petrel_output::tabular::csv_line(&columns);
            body.push('\n');
            for r in &page.rows {
                let v: Value = serde_json::from_str(&r.record).unwrap_or(Value::Null);
                body.push_str(&petrel_output::tabular::csv_line(&csv_row(&v)));
                body.push('\n');
            }
            ([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], body).into_response()
        }
    };
    if let Some(next) = next.and_then(|n| HeaderValue::from_str(&n).ok()) {
        response.headers_mut().insert("x-next-cursor", next);
    }
    Ok(response)
}

fn page_json(page: &EventPage) -> Result<Response, ApiError> {
    #[derive(Serialize)]
    struct Page {
        events: Vec<Box<RawValue>>,
        next: Option<String>,
        limit: usize,
    }
    let events = page
        .rows
        .iter()
        .map(|r| raw(&r.record))
        .collect::<Result<_, _>>()?;
    let body = Page {
        events,
        next: page.next.as_ref().map(|c| c.to_string()),
        limit: page.limit,
    };
    json_body(&body)
}

/// Writes a body holding stored records as they are: through `Value` their keys would be
/// re-ordered, and the record's key order is part of the event format.
fn json_body<T: Serialize>(body: &T) -> Result<Response, ApiError> {
    let text = serde_json::to_string(body).map_err(|e| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("cannot write the answer: {e}"),
        )
    })?;
    Ok(([(header::CONTENT_TYPE, "application/json")], text).into_response())
}

fn raw(record: &str) -> Result<Box<RawValue>, ApiError> {
    RawValue::from_string(record.to_string()).map_err(|e| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("a stored record is not JSON: {e}"),
        )
    })
}

fn csv_row(v: &Value) -> Vec<String> {
    let s = |p: &str| match v.pointer(p) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    };
    vec![
        s("/id"),
        s("/date"),
        s("/source/code"),
        s("/source/country"),
        s("/target/code"),
        s("/target/country"),
        s("/cameo"),
        s("/cameo_root"),
        s("/quad_class"),
        s("/goldstein"),
        s("/plover/event"),
        s("/modality"),
        s("/location/name"),
        s("/location/lat"),
        s("/location/lon"),
        s("/doc_id"),
        s("/sentence_text"),
    ]
}

fn path_id(path: Result<Path<String>, PathRejection>) -> Result<String, ApiError> {
    path.map(|Path(id)| id)
        .map_err(|e| ApiError::bad_request(format!("bad id in the path: {e}")))
}

async fn event(
    state: axum::extract::State<Shared>,
    path: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    Params::parse(q.as_deref(), &[])?;
    let id = path_id(path)?;
    let d = with_store(&state, move |s| Ok(s.event(&id)?)).await?;
    #[derive(Serialize)]
    struct Detail {
        event: Box<RawValue>,
        story: Value,
        sentence_start: Option<usize>,
        versions: Value,
    }
    let detail = Detail {
        event: raw(&d.record)?,
        story: json!({ "id": d.story_id, "title": d.story_title, "url": d.story_url }),
        sentence_start: d.sentence_start,
        versions: json!({ "dictionaries": d.dict_version, "model": d.model_version }),
    };
    json_body(&detail)
}

async fn stories(
    state: axum::extract::State<Shared>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let p = Params::parse(q.as_deref(), &[&["q", "limit"]])?;
    let Some(text) = p.get("q").map(str::to_string) else {
        return Err(ApiError::bad_request(
            "q is required: the words to search story titles and texts for",
        ));
    };
    let limit = p.number("limit")?.unwrap_or(20);
    let hits = with_store(&state, move |s| Ok(s.search_stories(&text, limit)?)).await?;
    let stories: Vec<Value> = hits
        .iter()
        .map(|h| {
            json!({
                "id": h.id,
                "title": h.title,
                "date": h.date,
                "events": h.events,
                "snippet": snippet_parts(&h.snippet),
            })
        })
        .collect();
    Ok(Json(json!({ "stories": stories })))
}

/// Splits an FTS snippet at its `\u{1}`…`\u{2}` marks into `{text, hit}` parts, so the client
/// never has to treat stored text as markup.
fn snippet_parts(snippet: &str) -> Vec<Value> {
    let mut parts = Vec::new();
    let mut hit = false;
    let mut current = String::new();
    for c in snippet.chars() {
        match c {
            '\u{1}' | '\u{2}' => {
                if !current.is_empty() {
                    parts.push(json!({ "text": current, "hit": hit }));
                    current = String::new();
                }
                hit = c == '\u{1}';
            }
            _ => current.push(c),
        }
    }
    if !current.is_empty() {
        parts.push(json!({ "text": current, "hit": hit }));
    }
    parts
}

async fn story(
    state: axum::extract::State<Shared>,
    path: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    Params::parse(q.as_deref(), &[])?;
    let id = path_id(path)?;
    let s = with_store(&state, move |s| Ok(s.story(&id)?)).await?;
    #[derive(Serialize)]
    struct Story {
        id: String,
        url: Option<String>,
        title: Option<String>,
        date: Option<String>,
        dateline: Option<String>,
        publisher: Option<String>,
        text: String,
        content_hash: String,
        versions: Value,
        events: Vec<Box<RawValue>>,
    }
    let events = s.events.iter().map(|r| raw(r)).collect::<Result<_, _>>()?;
    let body = Story {
        id: s.id,
        url: s.url,
        title: s.title,
        date: s.date,
        dateline: s.dateline,
        publisher: s.publisher,
        text: s.text,
        content_hash: s.content_hash,
        versions: json!({ "dictionaries": s.dict_version, "model": s.model_version }),
        events,
    };
    json_body(&body)
}

async fn timeseries(
    state: axum::extract::State<Shared>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let p = Params::parse(q.as_deref(), &[FILTER_PARAMS, &["interval", "by"]])?;
    let filter = p.filter()?;
    let interval = p.interval()?;
    let by = p.series_by()?;
    let rows = with_store(&state, move |s| Ok(s.timeseries(&filter, interval, by)?)).await?;
    let (buckets, series) = dense(&rows);
    Ok(Json(json!({
        "interval": p.get("interval").unwrap_or("day"),
        "by": p.get("by").unwrap_or("quad"),
        "buckets": buckets,
        "series": series,
    })))
}

/// Turns (bucket, key) rows into one dense array a key over the sorted buckets.
fn dense(rows: &[SeriesRow]) -> (Vec<String>, Vec<Value>) {
    let buckets: Vec<String> = rows
        .iter()
        .map(|r| r.bucket.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let index: BTreeMap<&str, usize> = buckets
        .iter()
        .enumerate()
        .map(|(i, b)| (b.as_str(), i))
        .collect();
    let mut by_key: BTreeMap<&str, (Vec<u64>, Vec<f64>)> = BTreeMap::new();
    for r in rows {
        let entry = by_key
            .entry(r.key.as_str())
            .or_insert_with(|| (vec![0; buckets.len()], vec![0.0; buckets.len()]));
        if let Some(&i) = index.get(r.bucket.as_str()) {
            entry.0[i] = r.count;
            entry.1[i] = (r.goldstein_sum * 100.0).round() / 100.0;
        }
    }
    let series = by_key
        .into_iter()
        .map(|(key, (counts, goldstein))| {
            json!({ "key": key, "counts": counts, "goldstein_sum": goldstein })
        })
        .collect();
    (buckets, series)
}

async fn dyads(
    state: axum::extract::State<Shared>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let p = Params::parse(q.as_deref(), &[FILTER_PARAMS, &["limit"]])?;
    let mut filter = p.filter()?;
    filter.limit = Some(p.number("limit")?.unwrap_or(30));
    let rows = with_store(&state, move |s| Ok(s.dyads(&filter)?)).await?;
    let mut nodes: BTreeMap<&str, u64> = BTreeMap::new();
    for r in &rows {
        *nodes.entry(r.source.as_str()).or_default() += r.count;
        *nodes.entry(r.target.as_str()).or_default() += r.count;
    }
    let nodes: Vec<Value> = nodes
        .into_iter()
        .map(|(id, count)| json!({ "id": id, "count": count }))
        .collect();
    let edges: Vec<Value> = rows
        .iter()
        .map(|r| {
            json!({
                "source": r.source,
                "target": r.target,
                "count": r.count,
                "mean_goldstein": (r.mean_goldstein * 100.0).round() / 100.0,
            })
        })
        .collect();
    Ok(Json(json!({ "nodes": nodes, "edges": edges })))
}

async fn places(
    state: axum::extract::State<Shared>,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let p = Params::parse(q.as_deref(), &[FILTER_PARAMS, &["limit"]])?;
    let mut filter = p.filter()?;
    filter.limit = Some(p.number("limit")?.unwrap_or(500));
    let rows = with_store(&state, move |s| Ok(s.places(&filter)?)).await?;
    let places: Vec<Value> = rows
        .iter()
        .map(|r| {
            json!({
                "name": r.name,
                "country": r.country,
                "lat": r.lat,
                "lon": r.lon,
                "count": r.count,
                "mean_goldstein": (r.mean_goldstein * 100.0).round() / 100.0,
            })
        })
        .collect();
    Ok(Json(json!({ "places": places })))
}

/// Compares the bearer token in constant time.
fn authorized(state: &State, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(expected) = state.config.token.as_deref() else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "this server takes no stories; start it with --token-file to allow POST",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    let same = given.len() == expected.len()
        && given
            .bytes()
            .zip(expected.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    if same {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "POST needs the header `Authorization: Bearer TOKEN` with the token of --token-file",
        ))
    }
}

async fn post_stories(
    state: axum::extract::State<Shared>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    authorized(&state, &headers)?;
    Params::parse(q.as_deref(), &[])?;
    let body = body.map_err(|e| {
        let status = e.status();
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                status,
                format!(
                    "the body is larger than {} bytes; send fewer stories a request",
                    state.config.body_limit
                ),
            )
        } else {
            ApiError::new(status, format!("cannot read the body: {e}"))
        }
    })?;
    let lines = story_lines(&body)?;
    let state = state.0.clone();
    let result = tokio::task::spawn_blocking(move || -> Result<Value, ApiError> {
        let pipeline = state.pipeline()?;
        let mut documents = Vec::new();
        let mut skipped = Vec::new();
        for (n, line) in lines.iter().enumerate() {
            let origin = format!("POST body, story {}", n + 1);
            match petrel::ingest::inputs::read_story_as(
                &origin,
                &origin,
                line.as_bytes(),
                petrel::ingest::Format::Jsonl,
            ) {
                Ok(doc) => documents.push(Ok(doc)),
                Err(skip) => skipped.push(skip.to_string()),
            }
        }
        if !skipped.is_empty() && documents.is_empty() {
            return Err(ApiError::bad_request(skipped.join("; ")));
        }
        let options = petrel::corpus::CorpusOptions::default();
        let summary = petrel_store::ingest::ingest_stream(
            &state.config.db,
            pipeline,
            documents.into_iter(),
            &options,
            &petrel_store::ingest::builtin_versions(),
            |_| {},
            |message| skipped.push(message.to_string()),
        )?;
        Ok(json!({
            "stored": summary.stored,
            "events": summary.events,
            "duplicates": summary.duplicates,
            "skipped": skipped,
        }))
    })
    .await
    .map_err(|e| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the ingest failed: {e}"),
        )
    })??;
    Ok(Json(result))
}

/// The stories of a POST body, one JSON object a string: a JSON array of story objects, or JSONL
/// (one object a line), each as `petrel code` reads JSONL (`id`, `text`, optional `title`,
/// `date`, `url`, `source`).
fn story_lines(body: &[u8]) -> Result<Vec<String>, ApiError> {
    let text = std::str::from_utf8(body)
        .map_err(|e| ApiError::bad_request(format!("the body is not UTF-8: {e}")))?;
    let lines: Vec<String> = if text.trim_start().starts_with('[') {
        let items: Vec<Value> = serde_json::from_str(text).map_err(|e| {
            ApiError::bad_request(format!(
                "the body is not a JSON array of stories: {e}; send [{{\"id\":…,\"text\":…}}] or JSONL"
            ))
        })?;
        items.iter().map(Value::to_string).collect()
    } else {
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect()
    };
    if lines.is_empty() {
        return Err(ApiError::bad_request(
            "the body holds no stories; send a JSON array or JSONL of {\"id\", \"text\", \"date\"}",
        ));
    }
    if lines.len() > MAX_POSTED_STORIES {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("more than {MAX_POSTED_STORIES} stories in one request; split it"),
        ));
    }
    Ok(lines)
}
