//! The place test set (crates/geo/testdata/places.tsv): news sentences of our own with their gold
//! event place, parsed by petrel's own tagger and parser and resolved through the built-in
//! gazetteer exactly as `petrel code` resolves them, with the accuracy floors of the issue.

use petrel::geo::{event_location, normalize, Gazetteer, Location, StoryContext};
use petrel::nlp::model::Model;

const PLACES: &str = include_str!("../../geo/testdata/places.tsv");

struct Case<'t> {
    line: usize,
    context: &'t str,
    sentence: &'t str,
    gold_name: &'t str,
    gold_country: &'t str,
    gold_id: Option<u32>,
}

fn cases() -> Vec<Case<'static>> {
    PLACES
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
        .map(|(i, l)| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(
                f.len(),
                5,
                "places.tsv:{}: expected 5 tab-separated fields",
                i + 1
            );
            Case {
                line: i + 1,
                context: f[0],
                sentence: f[1],
                gold_name: f[2],
                gold_country: f[3],
                gold_id: f[4].parse().ok(),
            }
        })
        .collect()
}

fn context_for(gazetteer: &Gazetteer, field: &str) -> StoryContext {
    if field == "-" {
        return StoryContext::new();
    }
    if let Some(dateline) = field.strip_prefix('@') {
        let mut context = StoryContext::new();
        assert!(
            context.set_dateline(gazetteer, dateline).is_some(),
            "dateline {dateline:?} resolves"
        );
        return context;
    }
    let codes: Vec<&str> = field.split(',').collect();
    StoryContext::with_countries(gazetteer, &codes).expect("test contexts use known codes")
}

/// Parses the sentence with the built-in model and locates the event of its main verb, as the
/// pipeline does for an event whose trigger is that verb.
fn locate(model: &Model, gazetteer: &Gazetteer, case: &Case<'_>) -> Option<Location> {
    let sentences = model.parse_text(case.sentence);
    let sentence = sentences.first()?;
    let root = sentence
        .tokens
        .iter()
        .position(|t| t.head == 0)
        .map_or(0, |i| i as u32 + 1);
    let context = context_for(gazetteer, case.context);
    let places = gazetteer.resolve_story(std::slice::from_ref(sentence), &context);
    let mentions = places.sentence_mentions(0);
    event_location(sentence, root, &mentions, &places.context)
}

#[test]
fn place_test_set_meets_the_accuracy_floors() {
    let gazetteer = Gazetteer::builtin();
    let model = Model::builtin().expect("the built-in model loads");
    let cases = cases();
    assert!(cases.len() >= 250, "the set has {} sentences", cases.len());
    let (mut right_place, mut right_country) = (0, 0);
    let mut misses = Vec::new();
    for case in &cases {
        let location = locate(&model, gazetteer, case);
        let place = location.as_ref().map(|l| &l.place);
        let country = place.and_then(|p| p.country).map(|c| c.iso2().to_string());
        let place_ok = place.is_some_and(|p| match case.gold_id {
            Some(id) => p.geonameid == Some(id),
            None => normalize(&p.name) == normalize(case.gold_name),
        });
        let country_ok = place.is_some() && country.as_deref().unwrap_or("-") == case.gold_country;
        right_place += usize::from(place_ok);
        right_country += usize::from(country_ok);
        if !place_ok {
            misses.push(format!(
                "places.tsv:{}: {:?}: gold {} ({}), got {}",
                case.line,
                case.sentence,
                case.gold_name,
                case.gold_country,
                place.map_or("nothing".to_string(), |p| format!(
                    "{} ({}, {}, {:?})",
                    p.name,
                    country.as_deref().unwrap_or("-"),
                    p.kind,
                    p.geonameid
                )),
            ));
        }
    }
    let total = cases.len() as f64;
    let place_rate = right_place as f64 / total;
    let country_rate = right_country as f64 / total;
    for miss in &misses {
        eprintln!("{miss}");
    }
    eprintln!(
        "places: {right_place}/{} right place ({:.1} %), {right_country} right country ({:.1} %)",
        cases.len(),
        place_rate * 100.0,
        country_rate * 100.0
    );
    assert!(place_rate >= 0.90, "right place {:.3} < 0.90", place_rate);
    assert!(
        country_rate >= 0.97,
        "right country {:.3} < 0.97",
        country_rate
    );
}
