//! Prints the places a name may mean, most likely first, as `petrel geo NAME` will:
//! `cargo run --release -p petrel-geo --example geo_lookup -- NAME [COUNTRY]`.

use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(name) = args.first() else {
        eprintln!("petrel: usage: geo_lookup NAME [COUNTRY]");
        std::process::exit(2);
    };
    let gazetteer = petrel_geo::Gazetteer::builtin();
    let mut out = std::io::stdout().lock();
    for place in gazetteer
        .lookup(name, args.get(1).map(String::as_str))
        .iter()
        .take(10)
    {
        // A closed pipe ends the listing quietly.
        let written = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{:.3}\t{:.3}\t{}\t{:?}",
            place.name,
            place.kind,
            place
                .country
                .map_or("-".to_string(), |c| c.iso3().to_string()),
            place
                .admin1
                .as_deref()
                .or(place.admin1_code.as_deref())
                .unwrap_or("-"),
            place.lat,
            place.lon,
            place.population,
            place.geonameid
        );
        if written.is_err() {
            return;
        }
    }
}
