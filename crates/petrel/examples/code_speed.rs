//! Coding speed with given parses: the PETRARCH validation sentences (unit tests and GSR), coded
//! repeatedly on one thread with the full Phoenix dictionaries for about three seconds.
//!
//! Run with `cargo run --release -p petrel --example code_speed`. Prints wall-clock and CPU-time
//! rates (CPU time from `/proc/self/stat` where available): on a shared machine the wall rate
//! understates the coder.

use petrel::code::{Coder, CoderOptions};
use petrel_dict::PetrarchPaths;
use std::path::Path;
use std::time::Instant;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/petrarch");

/// This process's CPU seconds (user + system), when the platform tells.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit(')').next()?.split_whitespace().collect();
    let user: f64 = fields.get(11)?.parse().ok()?;
    let system: f64 = fields.get(12)?.parse().ok()?;
    Some((user + system) / 100.0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut sentences = Vec::new();
    for xml in [
        "PETR2_GSR_validation.ud.xml",
        "PETR.UnitTest.records.ud.xml",
    ] {
        let text = std::fs::read_to_string(format!("{DATA}/validation/{xml}"))?;
        let file = petrel::code::validate::read_str(xml, &text)?;
        sentences.extend(
            file.records
                .iter()
                .filter_map(|r| petrel::validate::given_parse(r).ok()),
        );
    }
    let started = Instant::now();
    let dictionaries = PetrarchPaths::phoenix(Path::new(&format!("{DATA}/dictionaries")));
    let (dictionaries, _) = petrel_dict::load_petrarch(&dictionaries)?;
    let load = started.elapsed();
    let coder = Coder::new(dictionaries, CoderOptions::default());
    let date = petrel::core::Date::from_ymd(2014, 6, 7)?;
    let cpu_start = cpu_seconds();
    let started = Instant::now();
    let (mut coded, mut events) = (0usize, 0usize);
    while started.elapsed().as_secs_f64() < 3.0 {
        for sentence in &sentences {
            events += coder.code_sentence(sentence, 0, date).len();
            coded += 1;
        }
    }
    let wall = started.elapsed().as_secs_f64();
    let cpu = cpu_start.zip(cpu_seconds()).map(|(a, b)| b - a);
    println!(
        "{{\"dictionary_load_ms\": {}, \"sentences\": {coded}, \"events\": {events}, \
         \"wall_s\": {wall:.2}, \"sentences_per_s\": {:.0}, \"sentences_per_cpu_s\": {}}}",
        load.as_millis(),
        coded as f64 / wall,
        cpu.filter(|c| *c > 0.0)
            .map_or("null".to_string(), |c| format!("{:.0}", coded as f64 / c)),
    );
    Ok(())
}
