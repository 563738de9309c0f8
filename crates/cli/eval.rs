//! `petrel eval`: score petrel against gold sets; `petrel eval geo` for geoparsing.

use anyhow::Context;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum Command {
    /// Score the geoparser on a gold file in the GeoVirus layout.
    #[command(
        long_about = "Geoparse every article of a gold file in the GeoVirus XML layout (articles \
                      with text and locations: name, start, end, lat, lon) with the whole pipeline, \
                      exactly as `petrel geo --doc` and `petrel code` do, and score it: the share \
                      of gold toponyms found (a mention overlaps the span), acc@161 km and exact \
                      match (within 10 km) on the found toponyms and on all, mean and median error \
                      in km. Reported for all articles, the tuning part and the frozen part (every \
                      third article, 0-based index 2 modulo 3), which is kept for checking only."
    )]
    Geo(GeoArgs),
}

#[derive(clap::Args)]
pub struct GeoArgs {
    /// The gold file (e.g. ../shared/data/geo/GeoVirus.xml).
    file: PathBuf,
    /// Print the scores as one JSON object.
    #[arg(long)]
    json: bool,
    /// The date the articles are coded at (actor codes depend on it); YYYY-MM-DD.
    #[arg(long, default_value = "2015-01-01")]
    date: String,
}

pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    let Command::Geo(args) = command;
    let started = std::time::Instant::now();
    let size = std::fs::metadata(&args.file)
        .with_context(|| format!("reading {}", args.file.display()))?
        .len();
    anyhow::ensure!(
        size <= petrel::geo::gold::MAX_GOLD_BYTES,
        "{}: {size} bytes is more than a gold file may have ({} bytes)",
        args.file.display(),
        petrel::geo::gold::MAX_GOLD_BYTES
    );
    let xml = std::fs::read_to_string(&args.file)
        .with_context(|| format!("reading {}", args.file.display()))?;
    let articles = petrel::geo::gold::read_geovirus(&xml, &args.file.display().to_string())?;
    let date = crate::code::parse_date(&args.date)?;
    let dictionaries = crate::code::load_dictionaries("builtin")?;
    let model = crate::load_model(None)?;
    let coder = petrel::code::Coder::new(dictionaries, petrel::code::CoderOptions::default());
    let pipeline = petrel::pipeline::Pipeline::new(model, coder);
    let eval = petrel::places::evaluate(&pipeline, &articles, date);
    let record = petrel::output::places::GeoEvalRecord {
        file: args.file.display().to_string(),
        seconds: (started.elapsed().as_secs_f64() * 100.0).round() / 100.0,
        parts: eval.records(),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        writeln!(out, "{}", record.to_json())?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "{:<8} {:>8} {:>6} {:>6} {:>7} {:>9} {:>8} {:>9} {:>8} {:>9} {:>10}",
        "part",
        "articles",
        "gold",
        "found",
        "found%",
        "acc161/f",
        "acc161",
        "exact/f",
        "exact",
        "mean km",
        "median km"
    )?;
    for p in &record.parts {
        writeln!(
            out,
            "{:<8} {:>8} {:>6} {:>6} {:>6.1}% {:>8.1}% {:>7.1}% {:>8.1}% {:>7.1}% {:>9.0} {:>10.1}",
            p.part,
            p.articles,
            p.gold,
            p.found,
            100.0 * p.found_share,
            100.0 * p.acc161_found,
            100.0 * p.acc161_all,
            100.0 * p.exact_found,
            100.0 * p.exact_all,
            p.mean_error_km,
            p.median_error_km
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
