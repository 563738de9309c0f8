//! `petrel export`: events out of a store for other tools.

use anyhow::Context;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The store to read.
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
    /// Write Parquet under DIR, partitioned `year=YYYY/month=MM/`.
    #[arg(
        long,
        value_name = "DIR",
        long_help = "Write every event as Parquet under DIR in Hive layout \
                       (DIR/year=2017/month=03/part-0.parquet), readable as it is by Spark \
                       (spark.read.parquet(DIR)) and DuckDB (read_parquet('DIR/**/*.parquet', \
                       hive_partitioning=true)). The columns are listed in docs/event-format.md."
    )]
    parquet: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = petrel_store::Store::open_read_only(&args.db)
        .with_context(|| format!("opening {}", args.db.display()))?;
    let s = store
        .export_parquet(&args.parquet)
        .with_context(|| format!("exporting {}", args.db.display()))?;
    eprintln!(
        "petrel: {} events written to {} files under {}",
        s.events,
        s.files.len(),
        args.parquet.display()
    );
    Ok(ExitCode::SUCCESS)
}
