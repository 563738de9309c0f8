//! End-to-end tests: run the built `petrel` binary on real files and check stdout, stderr and the
//! exit code.

mod support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn petrel() -> Command {
    Command::new(env!("CARGO_BIN_EXE_petrel"))
}

fn run_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = petrel()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("petrel-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn shared(path: &str) -> Option<PathBuf> {
    support::shared(path)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn parse_example_gives_conllu_with_offsets() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/kishida.txt");
    let out = petrel().arg("parse").arg(&path).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&path).unwrap();
    let conllu = stdout(&out);
    assert!(conllu.contains("# text = "), "{conllu}");
    let sentences = petrel_nlp::conllu::read_str(&conllu).unwrap();
    assert!(sentences.len() >= 3, "{conllu}");
    for s in &sentences {
        assert_eq!(
            s.tokens.iter().filter(|t| t.head == 0).count(),
            1,
            "one root in {}",
            s.text
        );
        for t in &s.tokens {
            let span = t.span.expect("every token has TokenRange");
            assert_eq!(
                &text[span.start..span.end],
                t.form,
                "offsets point into the input"
            );
        }
    }
    // The tagger and parser did real work on the lead sentence.
    let met = sentences[0]
        .tokens
        .iter()
        .find(|t| t.form == "met")
        .unwrap();
    assert_eq!(met.upos, petrel_core::Upos::Verb);
    assert_eq!(met.lemma, "meet");
}

#[test]
fn parse_reads_stdin() {
    let out = run_with_stdin(&["parse", "-"], b"Lavrov arrived in Tokyo.\n");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("\tLavrov\t"));
}

#[test]
fn parse_empty_file_says_so_and_succeeds() {
    let path = temp_file("empty.txt", b"");
    let out = petrel().arg("parse").arg(&path).output().unwrap();
    assert!(out.status.success());
    assert!(stdout(&out).is_empty());
    assert!(
        stderr(&out).contains("no text to parse"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn parse_skips_invalid_utf8_lines_naming_them() {
    let path = temp_file(
        "bad-utf8.txt",
        b"Good line here.\nBad \xff\xfe line.\nAnother good line.\n",
    );
    let out = petrel().arg("parse").arg(&path).output().unwrap();
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(err.contains("bad-utf8.txt:2: invalid UTF-8"), "{err}");
    assert!(stdout(&out).contains("Another"));
    assert!(!stdout(&out).contains("Bad"));
}

#[test]
fn parse_refuses_binary_input_clearly() {
    let mut garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    garbage[100] = 0;
    let path = temp_file("garbage.bin", &garbage);
    let out = petrel().arg("parse").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with("petrel: ") && err.contains("garbage.bin") && err.contains("binary"),
        "{err}"
    );
    assert!(!err.contains("panicked"));
}

#[test]
fn parse_survives_a_megabyte_line_without_punctuation() {
    let line = "word ".repeat(210_000);
    let out = run_with_stdin(&["parse"], line.as_bytes());
    assert!(out.status.success(), "{}", stderr(&out));
    let conllu = stdout(&out);
    let sentences = petrel_nlp::conllu::read_str(&conllu).unwrap();
    assert_eq!(
        sentences.iter().map(|s| s.tokens.len()).sum::<usize>(),
        210_000
    );
    assert!(sentences
        .iter()
        .all(|s| s.tokens.len() <= petrel_nlp::tokenize::MAX_SENTENCE_TOKENS));
}

#[test]
fn parse_closed_pipe_is_quiet() {
    let mut child = petrel()
        .arg("parse")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let text = "The minister spoke. ".repeat(20_000);
    let _ = child.stdin.take().unwrap().write_all(text.as_bytes());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn missing_file_is_an_error_naming_it() {
    let out = petrel()
        .args(["parse", "/nonexistent/story.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("/nonexistent/story.txt"));
}

#[test]
fn nlp_eval_prints_json_with_the_agreed_keys() {
    let Some(dev) = shared("data/ud-english-ewt/en_ewt-ud-dev.conllu") else {
        return;
    };
    // A slice keeps the test quick.
    let text = std::fs::read_to_string(dev).unwrap();
    let slice: String = text
        .split("\n\n")
        .take(200)
        .collect::<Vec<_>>()
        .join("\n\n")
        + "\n\n";
    let path = temp_file("dev-slice.conllu", slice.as_bytes());
    let out = petrel()
        .args(["nlp", "eval", "--json"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // Only the JSON object is on stdout.
    let last = stdout(&out).trim().to_string();
    let json: serde_json::Value = serde_json::from_str(&last).unwrap();
    for key in [
        "upos",
        "lemma",
        "uas",
        "las",
        "tokens_per_sec",
        "tokens_f1",
        "sentences_f1",
    ] {
        assert!(json[key].is_number(), "{key} in {last}");
    }
    // The shipped model on dev sentences: floors well under what it measures, so only a broken
    // model or pipeline fails them.
    assert!(json["upos"].as_f64().unwrap() > 90.0, "{last}");
    assert!(json["uas"].as_f64().unwrap() > 80.0, "{last}");
    assert!(json["lemma"].as_f64().unwrap() > 94.0, "{last}");
    assert!(json["tokens_f1"].as_f64().unwrap() > 95.0, "{last}");
}

#[test]
fn nlp_eval_scores_gum_per_genre() {
    let Some(dev) = shared("data/ud-english-gum/en_gum-ud-dev.conllu") else {
        return;
    };
    // The first documents of GUM dev, enough for two genres.
    let text = std::fs::read_to_string(dev).unwrap();
    let mut genres = 0;
    let mut slice = String::new();
    for block in text.split("\n\n") {
        if block.contains("# newdoc id = ") {
            genres += 1;
            if genres > 3 {
                break;
            }
        }
        slice.push_str(block);
        slice.push_str("\n\n");
    }
    let path = temp_file("gum-slice.conllu", slice.as_bytes());
    let out = petrel()
        .args(["nlp", "eval", "--json"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    let by_genre = json["genres"].as_object().unwrap();
    assert!(by_genre.len() >= 2, "{json}");
    let words: u64 = by_genre
        .values()
        .map(|g| g["words"].as_u64().unwrap())
        .sum();
    assert_eq!(words, json["words"].as_u64().unwrap());
    for g in by_genre.values() {
        assert!(g["uas"].as_f64().unwrap() > 50.0, "{json}");
    }
    let table = petrel().args(["nlp", "eval"]).arg(&path).output().unwrap();
    assert!(stdout(&table).contains("genre"), "{}", stdout(&table));
}

#[test]
fn nlp_train_on_two_treebanks_records_them() {
    let (Some(ewt), Some(gum)) = (
        shared("data/ud-english-ewt/en_ewt-ud-dev.conllu"),
        shared("data/ud-english-gum/en_gum-ud-dev.conllu"),
    ) else {
        return;
    };
    let out_dir = std::env::temp_dir().join(format!("petrel-cli-train-{}", std::process::id()));
    let out = petrel()
        .args([
            "nlp", "train", "--limit", "40", "--epochs", "1", "--folds", "0",
        ])
        .args(["--parser-seeds", "2", "--threads", "2", "--train"])
        .arg(&ewt)
        .arg("--train")
        .arg(&gum)
        .arg("--out")
        .arg(&out_dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let record = std::fs::read_to_string(out_dir.join("training.txt")).unwrap();
    assert!(
        record.contains("treebank en_ewt-ud-dev.conllu sentences 40 "),
        "{record}"
    );
    assert!(
        record.contains("treebank en_gum-ud-dev.conllu sentences 40 "),
        "{record}"
    );
    assert!(record.contains("parser_seeds=2"), "{record}");
    // The model it wrote loads and parses.
    let eval = petrel()
        .args(["nlp", "eval", "--json", "--model"])
        .arg(&out_dir)
        .arg(&ewt)
        .output()
        .unwrap();
    assert!(eval.status.success(), "{}", stderr(&eval));
    let _ = std::fs::remove_dir_all(&out_dir);
}

#[test]
fn nlp_train_records_optional_features_and_refuses_unknown_ones() {
    let Some(ewt) = shared("data/ud-english-ewt/en_ewt-ud-dev.conllu") else {
        return;
    };
    let out_dir =
        std::env::temp_dir().join(format!("petrel-cli-train-features-{}", std::process::id()));
    let out = petrel()
        .args([
            "nlp", "train", "--limit", "40", "--epochs", "1", "--folds", "0",
        ])
        .args(["--tagger-features", "ambiguity", "--tagger-seeds", "2"])
        .args(["--parser-features", "lemmas", "--train"])
        .arg(&ewt)
        .arg("--out")
        .arg(&out_dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let record = std::fs::read_to_string(out_dir.join("training.txt")).unwrap();
    assert!(
        record.contains("tagger_features=ambiguity tagger_seeds=2 parser_features=lemmas"),
        "{record}"
    );
    let eval = petrel()
        .args(["nlp", "eval", "--json", "--model"])
        .arg(&out_dir)
        .arg(&ewt)
        .output()
        .unwrap();
    assert!(eval.status.success(), "{}", stderr(&eval));
    let _ = std::fs::remove_dir_all(&out_dir);
    let bad = petrel()
        .args(["nlp", "train", "--tagger-features", "clusters", "--train"])
        .arg(&ewt)
        .arg("--out")
        .arg(&out_dir)
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("\"clusters\""), "{}", stderr(&bad));
    assert!(!out_dir.exists());
}

#[test]
fn malformed_conllu_names_file_and_line() {
    let path = temp_file(
        "bad.conllu",
        b"# text = a b\n1\ta\ta\tNOUN\tNN\t_\t0\troot\t_\t_\n2\tb\tb\n",
    );
    let out = petrel().args(["nlp", "eval"]).arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("bad.conllu") && err.contains("line 3"),
        "{err}"
    );
}

#[test]
fn code_example_gives_valid_jsonl_events_with_provenance() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/tokyo-missile-protest.txt");
    let out = petrel()
        .args(["code", "--format", "jsonl"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
    assert!(!lines.is_empty(), "no events; stderr: {}", stderr(&out));
    for line in &lines {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        for key in [
            "id",
            "doc_id",
            "sentence_index",
            "sentence_text",
            "date",
            "date_precision",
            "source",
            "target",
            "cameo",
            "cameo_root",
            "goldstein",
            "quad_class",
            "plover",
            "modality",
            "trigger",
            "location",
            "issues",
            "provenance",
        ] {
            assert!(v.get(key).is_some(), "{key} missing in {line}");
        }
        // A dictionary line fired, or the recogniser chose the code and says why.
        let verb_file = v["provenance"]["verb"]["file"].as_str().unwrap_or("");
        assert!(
            verb_file.ends_with(".toml")
                || (verb_file == "recogniser" && v["provenance"]["recogniser"]["root"].is_string()),
            "{line}"
        );
    }
    // The lead sentence: Japan protested to North Korea.
    assert!(lines.iter().any(|l| l.contains("\"PRK")), "{lines:?}");
    assert!(stderr(&out).contains("1 document,"), "{}", stderr(&out));
}

#[test]
fn code_skips_a_story_without_a_date_unless_given_one() {
    let path = temp_file(
        "nodate.txt",
        b"Japan protested to North Korea over the missile launch.\n",
    );
    let out = petrel()
        .args(["code", "--format", "jsonl", "--strict"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("no date"), "{}", stderr(&out));
    let out = petrel()
        .args(["code", "--format", "csv", "--date", "2017-03-06"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("id,doc_id,"), "{}", stdout(&out));
}

#[test]
fn code_reports_bad_jsonl_lines_and_goes_on() {
    let path = temp_file("mixed.jsonl", b"{\"id\":\"a\",\"date\":\"2017-03-06\",\"text\":\"Japan protested to North Korea.\"}\nnot json\n{\"id\":\"b\",\"date\":\"2017-03-06\",\"text\":\"China criticized Japan.\"}\n");
    let out = petrel()
        .args(["code", "--format", "jsonl"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("mixed.jsonl:2"), "{err}");
    assert!(
        err.contains("2 documents") && err.contains("1 skipped"),
        "{err}"
    );
}

#[test]
fn doc_json_has_the_agreed_keys() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/kishida.txt");
    let out = petrel()
        .args(["doc", "--json"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(stdout(&out).lines().next().unwrap()).unwrap();
    for key in [
        "id",
        "title",
        "date",
        "dateline",
        "publisher",
        "text",
        "sentences",
        "warnings",
    ] {
        assert!(v.get(key).is_some(), "{key}");
    }
    assert_eq!(v["dateline"], "TOKYO");
    assert_eq!(v["sentences"].as_array().unwrap().len(), 3);
}

#[test]
fn geo_looks_up_places() {
    let out = petrel().args(["geo", "Paris", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v[0]["country"], "FRA");
    let out = petrel()
        .args(["geo", "Paris", "--country", "US", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v[0]["country"], "USA");
}

#[test]
fn dict_check_is_clean_on_what_we_ship() {
    let out = petrel().args(["dict", "check"]).output().unwrap();
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let out = petrel().args(["dict", "stats"]).output().unwrap();
    assert!(stdout(&out).contains("people "), "{}", stdout(&out));
}

#[test]
fn validate_prints_the_closing_line_and_json() {
    let Some(xml) = shared("data/petrarch/validation/PETR2_GSR_validation.ud.xml") else {
        return;
    };
    let out = petrel().arg("validate").arg(&xml).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let last = stdout(&out).lines().last().unwrap().to_string();
    assert!(
        last.ends_with("failed") && last.contains(" passed, "),
        "{last}"
    );
    let out = petrel()
        .args(["validate", "--json"])
        .arg(&xml)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(stdout(&out).lines().last().unwrap()).unwrap();
    assert_eq!(v["records"], 78);
    assert!(v["results"][0]["expected"].is_array());
}

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

#[test]
fn code_threads_do_not_change_the_output() {
    let run = |threads: &str| {
        petrel()
            .args([
                "code",
                "--format",
                "jsonl",
                "--date",
                "2017-03-20",
                "--threads",
                threads,
            ])
            .arg(examples_dir())
            .output()
            .unwrap()
    };
    let (one, two) = (run("1"), run("2"));
    assert!(one.status.success(), "{}", stderr(&one));
    assert!(two.status.success(), "{}", stderr(&two));
    assert!(stdout(&one).lines().count() >= 10, "{}", stdout(&one));
    assert_eq!(stdout(&one), stdout(&two));
    // Piped stderr gets the summary and no progress line.
    assert!(stderr(&two).contains("documents,"), "{}", stderr(&two));
    assert!(!stderr(&two).contains('\r'), "{}", stderr(&two));
}

/// Issue 5, item 7: one bad input beside a good story. The bad one is reported with its location
/// and counted by reason, the good one is still coded, and `--strict` turns the skip into exit 1.
fn check_bad_input(name: &str, bytes: &[u8], location: &str, reason: &str) {
    let dir = std::env::temp_dir().join(format!("petrel-bad-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("good.txt"),
        "20.03.2017\n\nJapan criticized China on Monday.\n",
    )
    .unwrap();
    std::fs::write(dir.join(name), bytes).unwrap();
    for strict in [false, true] {
        let mut cmd = petrel();
        cmd.args(["code", "--format", "jsonl"]);
        if strict {
            cmd.arg("--strict");
        }
        let out = cmd.arg(&dir).output().unwrap();
        let err = stderr(&out);
        assert_eq!(
            out.status.code(),
            Some(if strict { 1 } else { 0 }),
            "{name}: {err}"
        );
        assert!(err.contains(location), "{name}: no {location} in {err}");
        assert!(
            err.contains("1 document,") && err.contains(&format!("1 skipped (1 {reason})")),
            "{name}: {err}"
        );
        assert_eq!(stdout(&out).lines().count(), 1, "{name}: {}", stdout(&out));
        assert!(!err.contains("panicked"), "{name}: {err}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn issue_5_an_invalid_json_line_is_skipped_with_its_line() {
    check_bad_input(
        "wire.jsonl",
        b"\n{\"id\": \"b\", \"text\": \n",
        "wire.jsonl:2",
        "invalid record",
    );
}

#[test]
fn issue_5_binary_bytes_are_skipped_with_their_offset() {
    check_bad_input(
        "scan.txt",
        b"20.03.2017\n\nJapan \x00\x01\x02 China\n",
        "scan.txt: binary data (a NUL byte at byte 18)",
        "binary",
    );
}

#[test]
fn issue_5_an_empty_story_is_skipped() {
    check_bad_input("blank.txt", b"\n\n   \n", "blank.txt: empty story", "empty");
}

#[test]
fn issue_5_a_story_over_10_mb_is_skipped() {
    let mut big = b"20.03.2017\n\n".to_vec();
    while big.len() <= 10 * 1024 * 1024 {
        big.extend_from_slice(b"Japan criticized China on Monday. ");
    }
    check_bad_input(
        "huge.txt",
        &big,
        "huge.txt: story is over 10485760 bytes",
        "too large",
    );
}

#[test]
fn issue_5_a_truncated_gz_is_skipped() {
    // A gzip member holding one stored deflate block, cut off in the middle of the block.
    let story = b"20.03.2017\n\nJapan criticized China on Monday. Russia met Ukraine.\n";
    let mut gz = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    let len = story.len() as u16;
    gz.push(1);
    gz.extend_from_slice(&len.to_le_bytes());
    gz.extend_from_slice(&(!len).to_le_bytes());
    gz.extend_from_slice(&story[..story.len() / 2]);
    check_bad_input(
        "cut.txt.gz",
        &gz,
        "cut.txt.gz: the gzip stream ends early",
        "truncated gzip",
    );
}

#[test]
fn issue_5_undecodable_bytes_in_a_record_are_decoded_and_reported() {
    let path = temp_file(
        "latin.jsonl",
        // The undecodable bytes stand after the object: between subject and verb ("Japan éè
        // criticized") the EWT + GUM tagger reads the stray word as an auxiliary, a passive that
        // codes no event; this test is about decoding, not about that parse.
        b"{\"id\":\"a\",\"date\":\"2017-03-20\",\"text\":\"Japan criticized China \xe9\xe8.\"}\n",
    );
    let out = petrel()
        .args(["code", "--format", "jsonl", "--strict"])
        .arg(&path)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("latin.jsonl:1: input is not UTF-8"), "{err}");
    assert!(
        err.contains("1 document,") && err.contains("0 skipped"),
        "{err}"
    );
    assert_eq!(stdout(&out).lines().count(), 1, "{}", stdout(&out));
}

#[test]
fn actor_resolves_titles_dated_roles_and_nothing() {
    let json = |args: &[&str]| -> serde_json::Value {
        let out = petrel()
            .arg("actor")
            .args(args)
            .arg("--json")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        serde_json::from_str(stdout(&out).trim()).unwrap()
    };
    let v = json(&["Japanese Foreign Minister", "--date", "2024-06-01"]);
    assert_eq!(v["code"], "JPNGOV");
    assert_eq!(v["country"], "JPN");
    assert_eq!(v["sectors"], serde_json::json!(["GOV"]));
    let matches = v["matches"].as_array().unwrap();
    assert!(matches.len() >= 2, "{v}");
    for m in matches {
        assert!(m["file"].as_str().unwrap().ends_with(".toml"), "{m}");
        assert!(m["line"].as_u64().unwrap() > 0, "{m}");
        assert!(!m["text"].as_str().unwrap().is_empty(), "{m}");
    }
    // A person codes by the role held on the date, and as a former official after it.
    let v = json(&["Shinzo Abe", "--date", "2015-01-01"]);
    assert_eq!(v["code"], "JPNGOV");
    assert_eq!(v["entity"], "SHINZO ABE");
    let v = json(&["Shinzo Abe", "--date", "2021-01-01"]);
    assert_eq!(v["code"], "JPNELI");
    // Nothing resolves: a null code, and still success.
    let v = json(&["purple teapot", "--date", "2024-06-01"]);
    assert!(v["code"].is_null(), "{v}");
    assert_eq!(v["matches"], serde_json::json!([]));
    // The readable report names the code and the entries.
    let out = petrel()
        .args(["actor", "the Kremlin", "--date", "2024-06-01"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("code     RUSGOV"), "{}", stdout(&out));
    assert!(stdout(&out).contains("matched  "), "{}", stdout(&out));
    // A bad date is an error naming the flag.
    let out = petrel()
        .args(["actor", "Japan", "--date", "2024-13-40"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--date 2024-13-40"),
        "{}",
        stderr(&out)
    );
}
