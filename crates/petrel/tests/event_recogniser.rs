//! The learned event recogniser, measured as a user runs it (built-in model, dictionaries and
//! recogniser): on the team corpus's frozen test split, on the PLV sentences of real news
//! (`../shared`, never trained on), and retrained from the corpus to the shipped bytes.
//!
//! Floors sit one point under what was measured (`petrel eval corpus corpus/events`,
//! `petrel eval plover ../shared/data/plover/PLV_train.tsv`); the figures print either way.

use petrel::eval::{code_gold, score, Tally};
use petrel::pipeline::Pipeline;
use std::path::Path;

#[path = "../../../tests/support/mod.rs"]
mod support;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/events");

fn pipeline(learned: bool) -> Pipeline {
    let model = petrel::nlp::model::Model::builtin().expect("the built-in model loads");
    let (dictionaries, _) = petrel::dict::native::builtin();
    let coder = petrel::code::Coder::new(dictionaries, petrel::code::CoderOptions::default());
    let coder = if learned {
        coder
            .with_recogniser(petrel::events_model::builtin().expect("the shipped recogniser loads"))
    } else {
        coder
    };
    Pipeline::new(model, coder)
}

/// The event of `events` whose trigger is `trigger`; fails the test when there is none.
fn event_for<'e>(events: &'e [petrel_core::Event], trigger: &str) -> &'e petrel_core::Event {
    events
        .iter()
        .find(|e| e.trigger.text == trigger)
        .unwrap_or_else(|| panic!("no event for {trigger:?}: {events:?}"))
}

fn show(name: &str, t: &Tally) {
    eprintln!(
        "{name}: type right {:.1} %, type + dyad {:.1} %, no event {:.1} %, precision {:.1} %, \
         false alarms {:.1} %",
        t.type_right_pct(),
        t.dyad_right_pct(),
        t.silent_pct(),
        t.type_precision_pct(),
        t.false_alarm_pct()
    );
}

#[test]
fn the_corpus_test_split_holds_its_figures() {
    let corpus = petrel::gold::team::read(Path::new(CORPUS)).expect("the corpus reads");
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    let test: Vec<_> = corpus
        .sentences
        .iter()
        .filter(|s| s.frozen)
        .cloned()
        .collect();
    assert!(test.len() > 3000, "{} test sentences", test.len());
    let date = petrel::events_model::default_date();
    let learned = score(&test, &code_gold(&pipeline(true), &test, date, 0)).all;
    let rules = score(&test, &code_gold(&pipeline(false), &test, date, 0)).all;
    show("corpus test, learned", &learned);
    show("corpus test, rules", &rules);
    // Measured on the test split of the 35,571-sentence corpus (session 12): 61.6 % type + dyad,
    // 7.3 % false alarms and 40.8 % of coded events with their actors' countries.
    assert!(
        learned.countries_right_pct() >= 39.8,
        "{:.1}",
        learned.countries_right_pct()
    );
    assert!(
        learned.dyad_right_pct() >= 60.6,
        "{:.1}",
        learned.dyad_right_pct()
    );
    assert!(
        learned.false_alarm_pct() <= 8.4,
        "{:.1}",
        learned.false_alarm_pct()
    );
    assert!(learned.dyad_right_pct() > rules.dyad_right_pct());
}

#[test]
fn real_news_it_was_never_trained_on_holds_its_figures() {
    // Skips with a message on a developer's machine without ../shared; fails under CI.
    let Some(plv) = support::shared("data/plover/PLV_train.tsv") else {
        return;
    };
    let gold = petrel::gold::plv::read(&plv).expect("the PLV file reads");
    let date = petrel::core::Date::from_ymd(2018, 1, 1).expect("a date");
    let report = score(&gold, &code_gold(&pipeline(true), &gold, date, 0));
    show("PLV all", &report.all);
    show("PLV frozen third", &report.frozen);
    // Measured (session 12): 74.3 % type right, 57.8 % type + dyad, 7.5 % no event, 68.8 %
    // precision; the frozen third 76.0 % and 58.3 %. The rules alone: 42.2 %, 35.3 %, 38.8 %,
    // 66.3 % (session 10).
    let t = &report.all;
    assert!(t.type_right_pct() >= 73.3, "{:.1}", t.type_right_pct());
    assert!(t.dyad_right_pct() >= 56.8, "{:.1}", t.dyad_right_pct());
    assert!(t.silent_pct() <= 8.5, "{:.1}", t.silent_pct());
    assert!(
        t.type_precision_pct() >= 67.8,
        "{:.1}",
        t.type_precision_pct()
    );
    assert!(report.frozen.dyad_right_pct() >= 57.3);
}

#[test]
fn training_on_the_corpus_reproduces_the_shipped_recogniser() {
    let corpus = petrel::gold::team::read(Path::new(CORPUS)).expect("the corpus reads");
    let pipeline = pipeline(false);
    let options = petrel::code::recogniser::TrainOptions {
        margin: petrel::events_model::SHIPPED_MARGIN,
        target_margin: petrel::events_model::SHIPPED_TARGET_MARGIN,
        prior: Some(petrel::code::recogniser::sentence::SentencePrior {
            weight: petrel::events_model::SHIPPED_SENTENCE_WEIGHT,
            fill_margin: petrel::events_model::SHIPPED_FILL_MARGIN,
        }),
        about: format!(
            "{} training sentences of corpus/events; epochs 12, seed 7, dictionaries builtin",
            corpus.train().count()
        ),
        ..Default::default()
    };
    let model = petrel::events_model::train(&pipeline, &corpus, &options, 0);
    let shipped = petrel::events_model::builtin().expect("the shipped recogniser loads");
    assert_eq!(model.len(), shipped.len());
    assert!(
        model == shipped,
        "the recogniser trained from corpus/events differs from models/events/recogniser.bin; \
         run `petrel train events corpus/events` and commit the model"
    );
}

/// `future-act-is-intent`: an act its actor announces for the future is the intent to do it (03)
/// or the threat of it (13), asserted; the same act reported as done keeps its own family.
#[test]
fn an_act_announced_for_the_future_is_coded_as_its_intent() {
    let pipeline = pipeline(true);
    let date: petrel_core::Date = "2019-05-01".parse().expect("a date");
    let announced = pipeline.code_text(
        "Russian President Vladimir Putin will visit Turkey next week for talks with Recep Tayyip Erdogan.",
        date,
    );
    let intent = event_for(&announced, "visit");
    assert!(intent.cameo.is_intent(), "{}", intent.cameo);
    assert_eq!(intent.modality, petrel_core::Modality::Asserted);
    assert!(intent.provenance.rules.contains(&"future-act-is-intent"));
    let done = pipeline.code_text(
        "Russian President Vladimir Putin visited Turkey on Monday for talks with Recep Tayyip Erdogan.",
        date,
    );
    let visit = event_for(&done, "visited");
    assert!(!visit.cameo.is_intent(), "{}", visit.cameo);
    assert!(!visit.provenance.rules.contains(&"future-act-is-intent"));
}

/// `named-in-sentence`: an actor found through a reference is given by the words that name it
/// in the same sentence; the coref entry keeps the reference.
#[test]
fn a_reference_is_given_by_the_words_that_name_it_in_its_sentence() {
    let pipeline = pipeline(true);
    let date: petrel_core::Date = "2018-01-01".parse().expect("a date");
    let text = "Hungary says it will not accept asylum seekers returned from Germany.";
    let events = pipeline.code_text(text, date);
    let refusal = event_for(&events, "accept");
    assert_eq!(refusal.source.text, "Hungary");
    assert_eq!(refusal.source.span.start, 0);
    assert_eq!(refusal.source.country.as_deref(), Some("HUN"));
    assert!(refusal.provenance.rules.contains(&"named-in-sentence"));
    assert!(refusal
        .provenance
        .actors
        .iter()
        .any(|a| a.file == "coref" && a.text == "it = Hungary"));
}

/// `named-in-sentence` for a role coded by the phrase that holds it: the event names the whole
/// phrase, not the holder alone.
#[test]
fn a_role_coded_by_its_holder_is_given_by_the_whole_phrase() {
    let pipeline = pipeline(true);
    let date: petrel_core::Date = "2021-03-01".parse().expect("a date");
    let text = "Security forces fired tear gas at demonstrators in Bamako who were demanding the president's resignation.";
    let events = pipeline.code_text(text, date);
    let fired = event_for(&events, "fired");
    let target = fired.target.as_ref().expect("a target");
    assert!(target.text.contains("demonstrators"), "{}", target.text);
    assert_eq!(target.country.as_deref(), Some("MLI"));
}

/// `partners-not-their-place`: partners of a mutual act act on each other, not on the place.
#[test]
fn partners_who_met_somewhere_met_each_other() {
    let pipeline = pipeline(true);
    let date: petrel_core::Date = "2022-03-10".parse().expect("a date");
    let text = "Russian Foreign Minister Sergei Lavrov and Ukrainian Foreign Minister Dmytro Kuleba met in the Turkish resort of Antalya.";
    let events = pipeline.code_text(text, date);
    let dyads: Vec<(String, String)> = events
        .iter()
        .filter(|e| e.trigger.text == "met")
        .map(|e| {
            let target = e.target.as_ref().map_or("-".into(), |t| t.petrarch_code());
            (e.source.petrarch_code(), target)
        })
        .collect();
    assert!(
        dyads.contains(&("RUSGOV".into(), "UKRGOV".into())),
        "{dyads:?}"
    );
    assert!(!dyads.iter().any(|(_, t)| t == "TUR"), "{dyads:?}");
    // The place may be said of what they did there rather than of the verb.
    let text = "Ethiopia and Eritrea signed a peace agreement in Jeddah.";
    let events = pipeline.code_text(text, date);
    let dyads: Vec<(String, String)> = events
        .iter()
        .map(|e| {
            let target = e.target.as_ref().map_or("-".into(), |t| t.petrarch_code());
            (e.source.petrarch_code(), target)
        })
        .collect();
    assert!(dyads.contains(&("ETH".into(), "ERI".into())), "{dyads:?}");
    assert!(!dyads.iter().any(|(_, t)| t == "SAU"), "{dyads:?}");
}
