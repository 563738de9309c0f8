//! Loads a PETRARCH dictionary set, prints its size, load time and diagnostics per file.
//!
//! `cargo run --release -p petrel-dict --example load_petrarch -- DIR [phoenix|validate|validate2] [list|bench]`
//!
//! `list` prints every diagnostic; `bench` times the lookups the coder makes per sentence.

use petrel_dict::{load_petrarch, PetrarchPaths};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "../shared/data/petrarch/dictionaries".into()),
    );
    let set = args.next().unwrap_or_else(|| "phoenix".into());
    let mode = args.next().unwrap_or_default();
    let verbose = mode == "list";
    let paths = match set.as_str() {
        "validate" => PetrarchPaths::validate(&dir, "PETR.Validate.verbs.txt"),
        "validate2" => PetrarchPaths::validate(&dir, "PETR.Validate.verbs.2.0.txt"),
        _ => PetrarchPaths::phoenix(&dir),
    };
    let started = Instant::now();
    let (dictionaries, diagnostics) = load_petrarch(&paths)?;
    let elapsed = started.elapsed();
    println!("loaded {set} in {:.1} ms", elapsed.as_secs_f64() * 1000.0);
    println!(
        "vocabulary {} words; verbs: grammar {:?}, {} synsets, {} blocks, {} verbs, {} patterns, {} transformations, {} verb words",
        dictionaries.vocabulary.len(),
        dictionaries.verbs.grammar(),
        dictionaries.verbs.synsets().len(),
        dictionaries.verbs.blocks().len(),
        dictionaries.verbs.verbs().len(),
        dictionaries.verbs.pattern_count(),
        dictionaries.verbs.transformations().len(),
        dictionaries.verbs.form_word_count(),
    );
    println!(
        "actors {} ({} phrases); agents {} ({} phrases); discards {}; issues {} ({} forms)",
        dictionaries.actors.len(),
        dictionaries.actors.phrase_count(),
        dictionaries.agents.len(),
        dictionaries.agents.phrase_count(),
        dictionaries.discards.len(),
        dictionaries.issues.len(),
        dictionaries.issues.form_count(),
    );
    let mut per_file: BTreeMap<(String, String), usize> = BTreeMap::new();
    for diagnostic in &diagnostics {
        *per_file
            .entry((
                diagnostic.file.to_string(),
                format!("{:?}", diagnostic.kind),
            ))
            .or_default() += 1;
        if verbose {
            println!("{diagnostic}");
        }
    }
    for ((file, kind), count) in per_file {
        println!("{file}: {count} {kind}");
    }
    if mode == "bench" {
        bench(&dictionaries);
    }
    Ok(())
}

/// Times, per sentence of a sample, what a coder does: map tokens to words, look for an actor and
/// an agent at every token, look up every token as a verb, scan for discards and issues.
fn bench(dictionaries: &petrel_dict::Dictionaries) {
    let sentence = "Japanese Foreign Minister Fumio Kishida met Russian Foreign Minister Sergei Lavrov in Moscow on Tuesday and agreed to resume talks on a peace treaty , the foreign ministry of Japan said .";
    let tokens: Vec<&str> = sentence.split(' ').collect();
    let rounds = 20_000;
    let started = Instant::now();
    let mut found = 0usize;
    let mut words = Vec::with_capacity(tokens.len());
    for _ in 0..rounds {
        words.clear();
        words.extend(tokens.iter().map(|t| dictionaries.vocabulary.get(t)));
        for start in 0..words.len() {
            let rest = words.get(start..).unwrap_or(&[]);
            found += dictionaries
                .actors
                .longest_match(rest.iter().copied())
                .is_some() as usize;
            found += dictionaries
                .agents
                .longest_match(rest.iter().copied())
                .is_some() as usize;
            if let Some(Some(word)) = words.get(start) {
                found += dictionaries.verbs.forms(*word).len();
            }
        }
        found += dictionaries.discards.find(sentence).is_some() as usize;
        found += dictionaries.issues.code_text(sentence).len();
    }
    let elapsed = started.elapsed().as_secs_f64();
    println!(
        "bench: {} tokens/sentence, {:.0} sentences/s of dictionary lookups ({:.2} us each; {found} hits)",
        tokens.len(),
        rounds as f64 / elapsed,
        elapsed / rounds as f64 * 1e6
    );
}
