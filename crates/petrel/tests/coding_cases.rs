//! The coding cases (`testdata/coding-cases.txt`): raw news sentences parsed by petrel's built-in
//! model and coded with the built-in dictionaries, as `petrel code` would, each compared with the
//! events a CAMEO coder would assign. The file's header documents its format.

use petrel::code::validate::triple;
use petrel::code::{Coder, CoderOptions};
use petrel::core::{Date, Sentence, Span};
use petrel::nlp::model::Model;
use std::collections::BTreeSet;

/// The share of cases that must pass, in percent.
const FLOOR_PERCENT: usize = 94;
/// The fewest cases the file may hold, and the fewest cases each CAMEO root must be expected in.
const MIN_CASES: usize = 300;
const MIN_PER_ROOT: usize = 8;

/// An event as the cases write it: source, CAMEO code, target.
type Triple = (String, String, String);

/// One case: where it is, its sentence and date, and the events it expects.
struct Case {
    line: usize,
    date: Date,
    sentence: String,
    expected: BTreeSet<Triple>,
}

/// Reads the cases; a malformed line fails the test naming it.
fn read_cases(text: &str) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut date: Option<Date> = None;
    let mut pending: Option<(usize, String)> = None;
    for (index, raw) in text.lines().enumerate() {
        let number = index + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix('@') {
            let parsed = rest
                .trim()
                .parse()
                .unwrap_or_else(|e| panic!("coding-cases.txt:{number}: {e}; write @ YYYY-MM-DD"));
            date = Some(parsed);
            continue;
        }
        if let Some(rest) = line.strip_prefix("=>") {
            let Some((case_line, sentence)) = pending.take() else {
                panic!("coding-cases.txt:{number}: `=>` without a sentence before it");
            };
            let Some(date) = date else {
                panic!("coding-cases.txt:{number}: no `@ YYYY-MM-DD` line before this case");
            };
            cases.push(Case {
                line: case_line,
                date,
                sentence,
                expected: read_events(rest.trim(), number),
            });
            continue;
        }
        if let Some((case_line, _)) = &pending {
            panic!("coding-cases.txt:{case_line}: sentence without a `=>` line after it");
        }
        pending = Some((number, line.to_string()));
    }
    if let Some((case_line, _)) = pending {
        panic!("coding-cases.txt:{case_line}: sentence without a `=>` line after it");
    }
    cases
}

/// `none`, or events `SOURCE CODE TARGET` separated by `;`.
fn read_events(text: &str, number: usize) -> BTreeSet<Triple> {
    if text == "none" {
        return BTreeSet::new();
    }
    text.split(';')
        .map(|event| {
            let fields: Vec<&str> = event.split_whitespace().collect();
            let [source, code, target] = fields.as_slice() else {
                panic!("coding-cases.txt:{number}: {event:?} is not SOURCE CODE TARGET");
            };
            assert!(
                code.len() >= 3 && code.chars().all(|c| c.is_ascii_digit()),
                "coding-cases.txt:{number}: {code:?} is not a CAMEO event code"
            );
            (source.to_string(), code.to_string(), target.to_string())
        })
        .collect()
}

/// The sentence tokenized, tagged and parsed as one sentence.
fn parse(model: &Model, coder: &Coder, text: &str) -> Sentence {
    let mut sentence = Sentence::new(text);
    sentence.span = Some(Span::new(0, text.len()));
    sentence.tokens = petrel::nlp::tokenize::tokens(text);
    model.annotate_with_names(&mut sentence, |s| coder.known_names(s));
    sentence
}

fn show(events: &BTreeSet<Triple>) -> String {
    if events.is_empty() {
        return "none".to_string();
    }
    events
        .iter()
        .map(|(s, c, t)| format!("{s} {c} {t}"))
        .collect::<Vec<_>>()
        .join("; ")
}

#[test]
fn coding_cases_code_as_cameo_would() {
    let cases = read_cases(include_str!("../testdata/coding-cases.txt"));
    let started = std::time::Instant::now();
    let (dictionaries, _) = petrel::dict::native::builtin();
    let loaded = started.elapsed();
    let coder = Coder::new(dictionaries, CoderOptions::default());
    // Reported, not asserted: timings depend on the machine (issue 4 asks for under 300 ms).
    println!(
        "built-in dictionaries compiled in {} ms, coder ready after {} ms",
        loaded.as_millis(),
        started.elapsed().as_millis()
    );
    let model = Model::builtin().expect("the built-in model is embedded in the binary");
    let started = std::time::Instant::now();

    let mut per_root = [0usize; 21];
    let mut no_event = 0;
    for case in &cases {
        if case.expected.is_empty() {
            no_event += 1;
        }
        let roots: BTreeSet<usize> = case
            .expected
            .iter()
            .filter_map(|(_, code, _)| code.get(..2).and_then(|r| r.parse().ok()))
            .collect();
        for root in roots {
            if let Some(n) = per_root.get_mut(root) {
                *n += 1;
            }
        }
    }
    let mut failures = Vec::new();
    for case in &cases {
        let sentence = parse(&model, &coder, &case.sentence);
        let produced: BTreeSet<Triple> = coder
            .code_sentence(&sentence, 0, case.date)
            .iter()
            .map(|e| {
                let t = triple(e);
                (t.source, t.code, t.target)
            })
            .collect();
        if produced != case.expected {
            // What the coder saw, to tell a parse error from a dictionary gap.
            let parse: Vec<String> = sentence
                .tokens
                .iter()
                .map(|t| format!("{}/{}>{}:{}", t.form, t.upos, t.head, t.deprel))
                .collect();
            let verbs = coder
                .explain_sentence(&sentence, case.date)
                .join("\n      ");
            failures.push(format!(
                "coding-cases.txt:{}: {}\n    expected {}\n    got      {}\n    parse    {}\n    verbs    {}",
                case.line,
                case.sentence,
                show(&case.expected),
                show(&produced),
                parse.join(" "),
                verbs
            ));
        }
    }
    let elapsed = started.elapsed();
    let passed = cases.len() - failures.len();
    for failure in &failures {
        println!("FAIL {failure}");
    }
    println!(
        "{} sentences parsed and coded in {} ms",
        cases.len(),
        elapsed.as_millis()
    );
    println!(
        "coding cases: {passed}/{} pass ({:.1} %); {no_event} expect no event; cases per root: {:?}",
        cases.len(),
        passed as f64 * 100.0 / cases.len().max(1) as f64,
        per_root.get(1..).unwrap_or(&[])
    );
    assert!(
        cases.len() >= MIN_CASES,
        "only {} coding cases",
        cases.len()
    );
    for (root, &n) in per_root.iter().enumerate().skip(1) {
        assert!(
            n >= MIN_PER_ROOT,
            "root {root:02} is expected in {n} cases, fewer than {MIN_PER_ROOT}"
        );
    }
    assert!(
        passed * 100 >= cases.len() * FLOOR_PERCENT,
        "{passed}/{} pass, below {FLOOR_PERCENT} %",
        cases.len()
    );
}
