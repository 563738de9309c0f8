//! Prints the counts of petrel's built-in dictionaries and how long compiling them takes:
//! `cargo run --release -p petrel-dict --example native_dicts`.

use petrel_dict::native;
use std::time::Instant;

fn main() {
    // The best of five runs: the machine may be shared, and the best run is the least disturbed.
    let mut best = std::time::Duration::MAX;
    let mut compiled = None;
    for _ in 0..5 {
        let start = Instant::now();
        let result = native::builtin();
        best = best.min(start.elapsed());
        compiled = Some(result);
    }
    let Some((dictionaries, diagnostics)) = compiled else {
        return;
    };
    let elapsed = best;
    let (set, _) = native::builtin_set();
    print!("{}", native::stats(&set));
    println!("diagnostics {}", diagnostics.len());
    println!("check_findings {}", native::check(&set).len());
    println!(
        "compiled: {} actors, {} actor phrases, {} agents, {} agent phrases, {} verb patterns",
        dictionaries.actors.len(),
        dictionaries.actors.phrase_count(),
        dictionaries.agents.len(),
        dictionaries.agents.phrase_count(),
        dictionaries.verbs.pattern_count()
    );
    println!("builtin_load_ms {:.1}", elapsed.as_secs_f64() * 1000.0);
    let start = Instant::now();
    let (set, _) = native::builtin_set();
    let read = start.elapsed();
    let start = Instant::now();
    let _ = native::compile(&set);
    let compiled = start.elapsed();
    println!(
        "read_ms {:.1} compile_ms {:.1}",
        read.as_secs_f64() * 1000.0,
        compiled.as_secs_f64() * 1000.0
    );
}
