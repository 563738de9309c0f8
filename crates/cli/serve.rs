//! `petrel serve`: the HTTP API and dashboard over an event store.

use anyhow::Context;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The store to serve (made by `petrel ingest`).
    #[arg(long, value_name = "FILE", required_unless_present = "demo")]
    db: Option<PathBuf>,
    /// The address to listen on.
    #[arg(
        long,
        value_name = "IP:PORT",
        default_value = "127.0.0.1:8080",
        long_help = "The address to listen on (default 127.0.0.1:8080, this machine only). Port 0 \
                       picks a free port; the address is printed on stderr."
    )]
    addr: SocketAddr,
    /// A file holding the bearer token that `POST /api/stories` must carry.
    #[arg(
        long,
        value_name = "FILE",
        long_help = "A file whose first line is the bearer token that `POST /api/stories` \
                       needs (`Authorization: Bearer TOKEN`). Without it the server is read-only."
    )]
    token_file: Option<PathBuf>,
    /// Build a store from the bundled examples (examples/) and serve it.
    #[arg(
        long,
        long_help = "Code the bundled example stories (the examples/ folder of the petrel \
                       source tree) into a fresh store in the temporary folder and serve it: the \
                       quickest look at the dashboard."
    )]
    demo: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let db = match (&args.db, args.demo) {
        (_, true) => demo_store()?,
        (Some(db), false) => db.clone(),
        (None, false) => anyhow::bail!("give --db FILE or --demo"),
    };
    let token = match &args.token_file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("--token-file {}", path.display()))?;
            let token = text.lines().next().unwrap_or("").trim().to_string();
            anyhow::ensure!(
                token.len() >= 16,
                "--token-file {}: the token must be at least 16 characters on the first line",
                path.display()
            );
            Some(token)
        }
        None => None,
    };
    let mut config = petrel_server::Config::new(db.clone());
    config.addr = args.addr;
    config.token = token;
    petrel_server::serve(config, |addr| {
        eprintln!("petrel: serving {} on http://{addr}/", db.display());
    })
    .with_context(|| format!("serving {}", db.display()))?;
    Ok(ExitCode::SUCCESS)
}

/// Codes the bundled examples into a fresh store in the temporary folder.
fn demo_store() -> anyhow::Result<PathBuf> {
    let here = PathBuf::from("examples");
    let examples = if here.is_dir() {
        here
    } else {
        PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"))
    };
    anyhow::ensure!(
        examples.is_dir(),
        "--demo needs the examples/ folder of the petrel source tree; run it from there"
    );
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&examples)
        .with_context(|| format!("reading {}", examples.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            !p.to_string_lossy().ends_with(".expected.json")
                && p.extension()
                    .is_some_and(|x| x == "txt" || x == "html" || x == "jsonl")
        })
        .collect();
    inputs.sort();
    let db = std::env::temp_dir().join(format!("petrel-demo-{}.db", std::process::id()));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let pipeline = crate::code::pipeline(&crate::code::CodingArgs {
        dicts: "builtin".to_string(),
        coder: "learned".to_string(),
    })?;
    let options = petrel::corpus::CorpusOptions {
        threads: 0,
        fallback_date: petrel::core::Date::from_ymd(2017, 3, 20).ok(),
        shard: None,
        ..Default::default()
    };
    let s = crate::ingest::ingest(
        &db,
        &pipeline,
        inputs,
        &options,
        &petrel_store::ingest::builtin_versions(),
        true,
    )?;
    eprintln!(
        "petrel: demo store {} holds {} stories and {} events",
        db.display(),
        s.stored,
        s.events
    );
    Ok(db)
}
