//! The place test set (testdata/places.tsv): news sentences of our own with their gold event
//! place, resolved through the builtin gazetteer, with accuracy floors.
//!
//! Proper nouns are decided here by a capitalisation heuristic, because the resolution API takes
//! whatever `Upos::Propn` the caller set; the lead will switch this test to the real tagger.

use petrel_core::{Sentence, Span, Token, Upos};
use petrel_geo::{event_location, normalize, Gazetteer, Location, StoryContext};

const PLACES: &str = include_str!("../testdata/places.tsv");

/// Capitalised words that open a sentence without being names.
const COMMON_OPENERS: &[&str] = &[
    "a",
    "an",
    "the",
    "protesters",
    "police",
    "floods",
    "thousands",
    "gunmen",
    "militants",
    "heavy",
    "students",
    "student",
    "officials",
    "migrants",
    "fighting",
    "wildfires",
    "soldiers",
    "separatist",
    "riots",
    "rebels",
    "hurricane",
    "farmers",
    "explosions",
    "ethnic",
    "aid",
    "voters",
    "villagers",
    "union",
    "typhoon",
    "two",
    "troops",
    "tens",
    "tech",
    "tankers",
    "supporters",
    "ships",
    "shelling",
    "settlers",
    "rockets",
    "rioters",
    "residents",
    "refugees",
    "pro-democracy",
    "power",
    "paramilitary",
    "opposition",
    "oil",
    "monsoon",
    "lawmakers",
    "jihadists",
    "hundreds",
    "gangs",
    "former",
    "forest",
    "election",
    "doctors",
    "diplomats",
    "delegates",
    "clashes",
    "cartel",
    "bushfires",
    "authorities",
    "anti-mafia",
    "saudi-led",
    "in",
    "at",
    "on",
    "after",
    "during",
];

/// Splits a sentence into tokens with spans, peeling punctuation and the possessive `'s`, and
/// tags capitalised words as proper nouns.
fn tokenize(text: &str) -> Sentence {
    let mut sentence = Sentence::new(text);
    let mut offset = 0;
    for word in text.split(' ') {
        let start = offset;
        offset += word.len() + 1;
        let mut pieces: Vec<(usize, &str)> = Vec::new();
        let mut core = word;
        let mut core_start = start;
        while let Some(rest) = core.strip_prefix(['"', '(']) {
            pieces.push((core_start, &core[..1]));
            core = rest;
            core_start += 1;
        }
        let mut tail: Vec<(usize, &str)> = Vec::new();
        while let Some(last) = core.chars().last() {
            // "D.C." keeps its final dot; a sentence's last dot does not.
            let abbreviation =
                last == '.' && core.len() > 2 && core[..core.len() - 1].contains('.');
            if !matches!(last, ',' | '.' | ';' | ':' | '!' | '?' | '"' | ')') || abbreviation {
                break;
            }
            let cut = core.len() - last.len_utf8();
            tail.push((core_start + cut, &core[cut..]));
            core = &core[..cut];
        }
        for possessive in ["'s", "’s"] {
            if let Some(stem) = core.strip_suffix(possessive) {
                if !stem.is_empty() {
                    tail.push((core_start + stem.len(), &core[stem.len()..]));
                    core = stem;
                }
            }
        }
        if !core.is_empty() {
            pieces.push((core_start, core));
        }
        pieces.extend(tail.into_iter().rev());
        let count = pieces.len();
        for (i, (at, form)) in pieces.into_iter().enumerate() {
            let first_word = sentence.tokens.is_empty();
            // "ez-Zor", "al-Shifa": a hyphenated word with a capitalised part is a name too.
            let capitalised = form.chars().next().is_some_and(char::is_uppercase)
                || form
                    .split('-')
                    .skip(1)
                    .any(|p| p.chars().next().is_some_and(char::is_uppercase));
            let upos = if form.starts_with('\'') || form.starts_with('’') {
                Upos::Part
            } else if form.chars().all(|c| c.is_ascii_punctuation()) {
                Upos::Punct
            } else if capitalised
                && !(first_word && COMMON_OPENERS.contains(&form.to_lowercase().as_str()))
            {
                Upos::Propn
            } else {
                Upos::X
            };
            let mut token = Token::new(form)
                .with_upos(upos)
                .with_span(Span::new(at, at + form.len()));
            token.space_after = i + 1 == count;
            sentence.tokens.push(token);
        }
    }
    sentence
}

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

fn locate(gazetteer: &Gazetteer, case: &Case<'_>) -> Option<Location> {
    let sentence = tokenize(case.sentence);
    let mut context = context_for(gazetteer, case.context);
    let mentions = gazetteer.resolve_mentions(&sentence, &context);
    context.note_mentions(&mentions);
    event_location(&sentence, 0, &mentions, &context)
}

#[test]
fn place_test_set_meets_the_accuracy_floors() {
    let gazetteer = Gazetteer::builtin();
    let cases = cases();
    assert!(cases.len() >= 250, "the set has {} sentences", cases.len());
    let (mut right_place, mut right_country) = (0, 0);
    let mut misses = Vec::new();
    for case in &cases {
        let location = locate(gazetteer, case);
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

#[test]
fn the_heuristic_tokenizer_keeps_spans_and_splits_possessives() {
    let sentence = tokenize("Kinshasa's streets, in Washington, D.C.");
    let forms: Vec<&str> = sentence.tokens.iter().map(|t| t.form.as_str()).collect();
    assert_eq!(
        forms,
        [
            "Kinshasa",
            "'s",
            "streets",
            ",",
            "in",
            "Washington",
            ",",
            "D.C."
        ]
    );
    for t in &sentence.tokens {
        assert_eq!(
            t.span.and_then(|s| s.slice(&sentence.text)),
            Some(t.form.as_str())
        );
    }
    assert_eq!(sentence.tokens[0].upos, Upos::Propn);
    assert_eq!(sentence.tokens[2].upos, Upos::X);
}
