//! The dashboard's files, compiled into the binary: nothing is read from disk or fetched.
//!
//! The vendored libraries under `assets/vendor/` come from the npm registry with their licence
//! files beside them (uPlot, d3-array, d3-geo, topojson-client, and world-atlas's Natural Earth
//! country outlines). A path not in [`ASSETS`] is a JSON 404, so no request can reach a file
//! outside them.

use crate::error::ApiError;
use crate::State;
use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::sync::Arc;

/// The OpenAPI description of the API.
pub const OPENAPI: &str = include_str!("../assets/openapi.json");

/// Every file the dashboard may load: path under `/assets/`, content type, bytes.
pub const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/app.js"),
    ),
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/app.css"),
    ),
    (
        "vendor/uPlot.iife.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/vendor/uPlot.iife.min.js"),
    ),
    (
        "vendor/uPlot.min.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/vendor/uPlot.min.css"),
    ),
    (
        "vendor/d3-array.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/vendor/d3-array.min.js"),
    ),
    (
        "vendor/d3-geo.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/vendor/d3-geo.min.js"),
    ),
    (
        "vendor/topojson-client.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/vendor/topojson-client.min.js"),
    ),
    (
        "vendor/countries-110m.json",
        "application/json",
        include_bytes!("../assets/vendor/countries-110m.json"),
    ),
    (
        "vendor/LICENSE.uplot",
        "text/plain; charset=utf-8",
        include_bytes!("../assets/vendor/LICENSE.uplot"),
    ),
    (
        "vendor/LICENSE.d3-array",
        "text/plain; charset=utf-8",
        include_bytes!("../assets/vendor/LICENSE.d3-array"),
    ),
    (
        "vendor/LICENSE.d3-geo",
        "text/plain; charset=utf-8",
        include_bytes!("../assets/vendor/LICENSE.d3-geo"),
    ),
    (
        "vendor/LICENSE.topojson-client",
        "text/plain; charset=utf-8",
        include_bytes!("../assets/vendor/LICENSE.topojson-client"),
    ),
    (
        "vendor/LICENSE.world-atlas",
        "text/plain; charset=utf-8",
        include_bytes!("../assets/vendor/LICENSE.world-atlas"),
    ),
];

const INDEX: &[u8] = include_bytes!("../assets/index.html");

/// Only our own files, no inline script, no network beyond this server.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'";

pub fn routes() -> Router<Arc<State>> {
    Router::new()
        .route("/", get(index))
        .route("/assets/{*path}", get(asset))
}

async fn index() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CONTENT_SECURITY_POLICY, CSP),
        ],
        INDEX,
    )
        .into_response()
}

async fn asset(path: Result<Path<String>, axum::extract::rejection::PathRejection>) -> Response {
    let path = path.map(|Path(p)| p).unwrap_or_default();
    match ASSETS.iter().find(|(name, _, _)| *name == path) {
        Some((_, content_type, bytes)) => (
            [
                (header::CONTENT_TYPE, *content_type),
                (header::CACHE_CONTROL, "public, max-age=3600"),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            ],
            *bytes,
        )
            .into_response(),
        None => ApiError::not_found(format!(
            "no asset {:?}; the dashboard is at /",
            path.chars().take(80).collect::<String>()
        ))
        .into_response(),
    }
}
