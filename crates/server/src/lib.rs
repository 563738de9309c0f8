//! petrel's HTTP API and dashboard over one event store.
//!
//! `petrel serve --db FILE` runs [`serve`]: an axum server with read-only JSON endpoints under
//! `/api/` (events with filters and cursor paging, one event with its evidence, stories by
//! full-text search, time series, the dyad network, places), `POST /api/stories` to code and
//! store new stories (with the bearer token from `--token-file`), `/api/openapi.json` describing
//! all of it, `/healthz`, and the dashboard at `/`, whose every asset is compiled into the binary.
//!
//! Why it is shaped so: the store does the work and SQLite binds every value, so a handler is a
//! parameter check and a query; each request runs on a blocking thread with that thread's own
//! read-only connection, so readers never wait for each other or for an ingest. Every failure is
//! a JSON error with a 4xx status the caller can act on (unknown parameter, bad date, missing
//! token, body too large); a 500 would mean a bug or a broken disk, never bad input.
//!
//! What it does not do: listen anywhere but the address it is given (127.0.0.1 by default),
//! serve files from disk, or fetch anything from the network.
//!
//! ```no_run
//! let config = petrel_server::Config::new("events.db".into());
//! let app = petrel_server::router(std::sync::Arc::new(petrel_server::State::new(config)));
//! # let _ = app;
//! ```

mod api;
mod assets;
pub mod error;
mod params;

use axum::extract::DefaultBodyLimit;
use axum::Router;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// The largest request body accepted (8 MiB): a POST of stories beyond it is a 413.
pub const DEFAULT_BODY_LIMIT: usize = 8 * 1024 * 1024;

/// How to run the server.
#[derive(Clone, Debug)]
pub struct Config {
    pub db: PathBuf,
    pub addr: SocketAddr,
    /// The bearer token POST requests must carry; None turns POST off.
    pub token: Option<String>,
    pub body_limit: usize,
}

impl Config {
    pub fn new(db: PathBuf) -> Config {
        Config {
            db,
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            token: None,
            body_limit: DEFAULT_BODY_LIMIT,
        }
    }
}

/// What every handler shares.
pub struct State {
    pub config: Config,
    /// Loaded on the first POST: the model and dictionaries take a moment and most servers only
    /// read.
    pipeline: OnceLock<petrel::pipeline::Pipeline>,
}

impl State {
    pub fn new(config: Config) -> State {
        State {
            config,
            pipeline: OnceLock::new(),
        }
    }

    fn pipeline(&self) -> Result<&petrel::pipeline::Pipeline, error::ApiError> {
        if let Some(p) = self.pipeline.get() {
            return Ok(p);
        }
        let model = petrel::nlp::model::Model::builtin().map_err(|e| {
            error::ApiError::new(
                axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                format!("cannot load the built-in model: {e}"),
            )
        })?;
        let (dictionaries, _) = petrel::dict::native::builtin();
        let coder = petrel::code::Coder::new(dictionaries, petrel::code::CoderOptions::default());
        Ok(self
            .pipeline
            .get_or_init(|| petrel::pipeline::Pipeline::new(model, coder)))
    }
}

/// The routes: API, health check, dashboard and its assets.
pub fn router(state: Arc<State>) -> Router {
    let limit = state.config.body_limit;
    api::routes()
        .merge(assets::routes())
        .fallback(api::not_found)
        .layer(DefaultBodyLimit::max(limit))
        .with_state(state)
}

/// Why the server could not run.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Store(#[from] petrel_store::StoreError),
    #[error("{addr}: cannot listen: {source}; pick another --addr")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("the server stopped: {0}")]
    Io(#[from] std::io::Error),
}

/// Runs the server until Ctrl-C; `ready` is called with the bound address (useful with port 0).
pub fn serve(config: Config, ready: impl FnOnce(SocketAddr)) -> Result<(), ServeError> {
    // Fail before listening if the store cannot be read.
    petrel_store::Store::open_read_only(&config.db)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|source| ServeError::Bind {
                addr: config.addr,
                source,
            })?;
        ready(listener.local_addr()?);
        let app = router(Arc::new(State::new(config)));
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        Ok(())
    })
}
