//! Measures the builtin gazetteer's load time and the cost of a lookup:
//! `cargo run --release -p petrel-geo --example geo_timing`.

use std::time::Instant;

fn main() {
    let started = Instant::now();
    let gazetteer = petrel_geo::Gazetteer::builtin();
    let load = started.elapsed();
    let names = [
        "Paris",
        "Kyiv",
        "Rio de Janeiro",
        "Springfield",
        "Atlantis",
        "Gaza Strip",
    ];
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|r| r.parse().ok())
        .unwrap_or(20_000);
    let started = Instant::now();
    let mut found = 0usize;
    for _ in 0..rounds {
        for name in names {
            found += gazetteer.lookup(name, None).len();
        }
    }
    let per_lookup = started.elapsed().as_secs_f64() / (rounds * names.len()).max(1) as f64;
    let texts = [
        "Russian missiles struck an apartment block in Kharkiv overnight , officials said .",
        "Thousands marched in Mexico City to defend the electoral institute .",
        "The Rapid Support Forces besieged El Fasher in North Darfur .",
        "President Biden met Prime Minister Kishida at the White House on Friday .",
    ];
    let sentences: Vec<petrel_core::Sentence> = texts
        .iter()
        .map(|text| {
            let mut sentence = petrel_core::Sentence::new(text);
            for word in text.split(' ') {
                let upos = if word.chars().next().is_some_and(char::is_uppercase) {
                    petrel_core::Upos::Propn
                } else {
                    petrel_core::Upos::X
                };
                sentence
                    .tokens
                    .push(petrel_core::Token::new(word).with_upos(upos));
            }
            sentence
        })
        .collect();
    let context = petrel_geo::StoryContext::new();
    let started = Instant::now();
    let mut mentions = 0usize;
    for _ in 0..rounds {
        for sentence in &sentences {
            let found = gazetteer.resolve_mentions(sentence, &context);
            mentions += found.len();
            let _ = petrel_geo::event_location(sentence, 0, &found, &context);
        }
    }
    let per_sentence = started.elapsed().as_secs_f64() / (rounds * sentences.len()).max(1) as f64;
    println!(
        "{{\"resolve_us_per_sentence\": {:.2}, \"mentions\": {}}}",
        per_sentence * 1e6,
        mentions
    );
    println!(
        "{{\"places\": {}, \"names\": {}, \"load_ms\": {:.1}, \"lookup_us\": {:.2}, \"found\": {}}}",
        gazetteer.len(),
        gazetteer.name_count(),
        load.as_secs_f64() * 1e3,
        per_lookup * 1e6,
        found
    );
}
