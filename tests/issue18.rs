//! Regression tests for issue 18 (fail loudly, never loop, never lose a story): one test or more
//! per numbered item, each running the built `petrel` binary where a user meets the problem.

mod support;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn petrel() -> Command {
    Command::new(env!("CARGO_BIN_EXE_petrel"))
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh, empty folder for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("petrel-issue18-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs a command, failing the test (and killing the command) if it runs past `limit`: the bugs
/// of item 1 are runs that never end.
fn run_within(mut cmd: Command, limit: Duration) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Drain both pipes on threads, so a chatty child never blocks on a full pipe.
    let mut out_pipe = child.stdout.take().unwrap();
    let mut err_pipe = child.stderr.take().unwrap();
    let out_thread = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut out_pipe, &mut v).map(|_| v)
    });
    let err_thread = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut err_pipe, &mut v).map(|_| v)
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?} still running after {limit:?}: it loops");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    Output {
        status,
        stdout: out_thread.join().unwrap().unwrap(),
        stderr: err_thread.join().unwrap().unwrap(),
    }
}

const DATED_STORY: &str = "20.03.2017\n\nJapan protested against China on Monday.\n";

fn copy_dictionaries(to: &Path) {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let path = entry.unwrap().path();
            let target = to.join(path.file_name().unwrap());
            if path.is_dir() {
                copy(&path, &target);
            } else {
                std::fs::copy(&path, &target).unwrap();
            }
        }
    }
    copy(&root().join("dictionaries"), to);
}

fn tokyo() -> PathBuf {
    root().join("examples/tokyo-missile-protest.txt")
}

// ---- 1. Symlink loops ------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn issue_18_1_a_folder_with_link_loops_codes_each_story_once() {
    // `up -> ..` leads to the test's own folder, which holds only this one.
    let dir = temp_dir("loop").join("news");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("story.txt"), DATED_STORY).unwrap();
    std::os::unix::fs::symlink(".", dir.join("self")).unwrap();
    std::os::unix::fs::symlink("..", dir.join("up")).unwrap();
    std::os::unix::fs::symlink("story.txt", dir.join("again.txt")).unwrap();
    let mut cmd = petrel();
    cmd.args(["code", "--format", "jsonl"]).arg(&dir);
    let out = run_within(cmd, Duration::from_secs(120));
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let events: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
    assert_eq!(events.len(), 1, "one story, one event: {events:?}");
    assert!(
        err.contains("already read"),
        "the links are reported: {err}"
    );
    assert!(err.contains("1 document,"), "{err}");
}

#[cfg(unix)]
#[test]
fn issue_18_1_dictionary_folders_with_link_loops_load_once() {
    let dir = temp_dir("dictloop");
    copy_dictionaries(&dir);
    std::os::unix::fs::symlink(".", dir.join("self")).unwrap();
    std::os::unix::fs::symlink(".", dir.join("people/back")).unwrap();
    let mut cmd = petrel();
    cmd.args(["dict", "stats", "--dicts"]).arg(&dir);
    let stats = run_within(cmd, Duration::from_secs(120));
    assert!(stats.status.success(), "{}", stderr(&stats));
    let mut cmd = petrel();
    cmd.arg("dict").arg("stats");
    let builtin = run_within(cmd, Duration::from_secs(120));
    assert_eq!(
        stdout(&stats),
        stdout(&builtin),
        "each file counted once: {}",
        stderr(&stats)
    );
    let mut cmd = petrel();
    // The rules' coder: the count says every verb pattern loaded once.
    cmd.args(["code", "--coder", "rules", "--format", "jsonl", "--dicts"])
        .arg(&dir)
        .arg(tokyo());
    let out = run_within(cmd, Duration::from_secs(120));
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 3, "{}", stderr(&out));
}

// ---- 2. Broken dictionaries ------------------------------------------------------------------

/// The builtin set with one TOML syntax error in verbs.toml, in the first `[[verb]]` table after
/// the 2000th byte; returns the folder and the broken line's number.
fn broken_verbs() -> (PathBuf, usize) {
    let dir = temp_dir("brokenverbs");
    copy_dictionaries(&dir);
    let path = dir.join("verbs.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let at = 2000 + text[2000..].find("[[verb]]\nname = \"").unwrap();
    let name_line = at + "[[verb]]\n".len();
    let broken = format!(
        "{}name = \"unterminated{}",
        &text[..name_line],
        &text[name_line + "name = \"".len()..].replacen('"', "", 1)
    );
    std::fs::write(&path, broken).unwrap();
    let line = text[..name_line].matches('\n').count() + 1;
    (dir, line)
}

#[test]
fn issue_18_2_one_bad_line_costs_its_entry_not_the_file() {
    let (dir, line) = broken_verbs();
    let out = petrel()
        .args(["code", "--coder", "rules", "--format", "jsonl", "--dicts"])
        .arg(&dir)
        .arg(tokyo())
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains(&format!("verbs.toml:{line}:")), "{err}");
    assert_eq!(
        stdout(&out).lines().count(),
        3,
        "the good verbs still code: {err}"
    );

    let strict = petrel()
        .args(["code", "--strict", "--format", "jsonl", "--dicts"])
        .arg(&dir)
        .arg(tokyo())
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(2), "{}", stderr(&strict));
    assert!(stdout(&strict).is_empty());

    let check = petrel()
        .args(["dict", "check", "--dicts"])
        .arg(&dir)
        .output()
        .unwrap();
    let err = stderr(&check);
    assert_eq!(check.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("verbs.toml:{line}:")), "{err}");
    assert!(!err.contains("no problems found"), "{err}");
}

#[test]
fn issue_18_2_a_set_without_verbs_or_actors_is_an_error() {
    let only_countries = temp_dir("onlycountries");
    std::fs::copy(
        root().join("dictionaries/countries.toml"),
        only_countries.join("countries.toml"),
    )
    .unwrap();
    let empty_petrarch = temp_dir("emptypetrarch");
    for name in [
        "CAMEO.2.0.txt",
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
        "Phoenix.agents.txt",
        "Phoenix.discards.txt",
        "Phoenix.IssueCoding.txt",
    ] {
        std::fs::write(empty_petrarch.join(name), "").unwrap();
    }
    let no_actors = temp_dir("noactors");
    std::fs::copy(
        root().join("dictionaries/verbs.toml"),
        no_actors.join("verbs.toml"),
    )
    .unwrap();
    for (dir, missing) in [
        (&only_countries, "verb patterns"),
        (&empty_petrarch, "verb patterns"),
        (&no_actors, "actors"),
    ] {
        let out = petrel()
            .args(["code", "--format", "jsonl", "--dicts"])
            .arg(dir)
            .arg(tokyo())
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{}: {err}", dir.display());
        assert!(err.contains(&format!("no {missing}")), "{err}");
        let check = petrel()
            .args(["dict", "check", "--dicts"])
            .arg(dir)
            .output()
            .unwrap();
        assert_ne!(check.status.code(), Some(0), "{}", stderr(&check));
    }
}

#[test]
fn issue_18_2_dict_stats_reads_petrarch_folders_too() {
    let dir = temp_dir("statsexport");
    let export = petrel()
        .args(["dict", "export", "--out"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(export.status.success(), "{}", stderr(&export));
    let out = petrel()
        .args(["dict", "stats", "--dicts"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let counts: Vec<(String, usize)> = stdout(&out)
        .lines()
        .filter_map(|l| {
            let (name, n) = l.split_once(' ')?;
            Some((name.to_string(), n.parse().ok()?))
        })
        .collect();
    for name in ["actors", "agents", "patterns", "verbs"] {
        assert!(
            counts.iter().any(|(n, c)| n == name && *c > 0),
            "{name} counted: {}",
            stdout(&out)
        );
    }
}

// ---- 3. Missing inputs -----------------------------------------------------------------------

#[test]
fn issue_18_3_a_named_input_that_cannot_be_read_is_an_error() {
    let missing = std::env::temp_dir().join("petrel-issue18-nonexistent.txt");
    for command in ["code", "doc"] {
        let out = petrel().arg(command).arg(&missing).output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{command}: {err}");
        assert!(err.contains("petrel-issue18-nonexistent.txt"), "{err}");
        assert!(stdout(&out).is_empty());
    }
    // --strict keeps its meaning for records skipped inside a readable input.
    let dir = temp_dir("strict");
    let path = dir.join("wire.jsonl");
    std::fs::write(
        &path,
        "{\"id\": \"a\", \"date\": \"2017-03-20\", \"text\": \"Japan protested against China.\"}\n{\"id\": \n",
    )
    .unwrap();
    let out = petrel()
        .args(["code", "--strict", "--format", "jsonl"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 1);
}

// ---- 4. Duplicate ids ------------------------------------------------------------------------

#[test]
fn issue_18_4_duplicate_ids_are_made_unique_or_refused() {
    let dir = temp_dir("dupids");
    let path = dir.join("wire.jsonl");
    let line =
        "{\"id\": \"a\", \"date\": \"2017-03-20\", \"text\": \"Japan protested against China.\"}\n";
    std::fs::write(&path, line.repeat(3)).unwrap();
    let out = petrel()
        .args(["code", "--format", "jsonl"])
        .arg(&path)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let ids: Vec<String> = stdout(&out)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["id"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(ids.len(), 3, "{err}");
    let unique: std::collections::BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), 3, "event ids must be unique: {ids:?}");
    assert!(
        err.contains("wire.jsonl:2") && err.contains("already used"),
        "{err}"
    );

    let strict = petrel()
        .args(["code", "--strict", "--format", "jsonl"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
    assert_eq!(stdout(&strict).lines().count(), 1);
    assert!(
        stderr(&strict).contains("2 skipped (2 duplicate id)"),
        "{}",
        stderr(&strict)
    );
}

// ---- 5. Bad JSONL values ---------------------------------------------------------------------

#[test]
fn issue_18_5_values_of_the_wrong_type_or_shape_are_reported_with_line_and_field() {
    let dir = temp_dir("badvalues");
    let path = dir.join("wire.jsonl");
    std::fs::write(
        &path,
        concat!(
            "{\"id\": \"a\", \"date\": \"2017-13-45\", \"text\": \"Japan protested against China.\"}\n",
            "{\"id\": \"b\", \"date\": 20170306, \"text\": \"Japan protested against China.\"}\n",
            "{\"id\": \"c\", \"text\": 12345}\n",
        ),
    )
    .unwrap();
    let out = petrel()
        .args(["code", "--format", "jsonl"])
        .arg(&path)
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(
        err.contains("wire.jsonl:1") && err.contains("\"date\" \"2017-13-45\" is not a date"),
        "{err}"
    );
    assert!(
        err.contains("wire.jsonl:2") && err.contains("\"date\" is a number"),
        "{err}"
    );
    assert!(
        err.contains("wire.jsonl:3") && err.contains("\"text\" is a number"),
        "{err}"
    );
    assert!(!err.contains("empty story"), "{err}");
    // With --date the undated stories are coded, and the bad date is still reported.
    let dated = petrel()
        .args(["code", "--format", "jsonl", "--date", "2017-03-20"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(stdout(&dated).lines().count(), 2, "{}", stderr(&dated));
    assert!(stderr(&dated).contains("2017-13-45"), "{}", stderr(&dated));

    // Random bytes named .gz are not a story, and not "empty".
    let mut state = 0x1234_5678_u64;
    let noise: Vec<u8> = (0..100)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as u8 | 1
        })
        .collect();
    let gz = dir.join("noise.jsonl.gz");
    std::fs::write(&gz, noise).unwrap();
    let out = petrel().args(["code"]).arg(&gz).output().unwrap();
    let err = stderr(&out);
    assert!(
        err.contains("noise.jsonl.gz") && err.contains("not gzip"),
        "{err}"
    );
}

// ---- 6. Long single lines --------------------------------------------------------------------

#[test]
fn issue_18_6_a_long_line_without_punctuation_is_coded_in_bounded_parts() {
    let dir = temp_dir("longline");
    let path = dir.join("line.txt");
    // 300 KB on one line, no full stop: the clause repeats, so events are found all along.
    let text = "Japan protested against China on Monday and ".repeat(7000);
    std::fs::write(&path, &text).unwrap();
    let mut cmd = petrel();
    cmd.args(["code", "--format", "jsonl", "--date", "2017-03-20"])
        .arg(&path);
    let out = run_within(cmd, Duration::from_secs(300));
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("coded in") && err.contains("parts"), "{err}");
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!lines.is_empty(), "{err}");
    // Offsets from every part still point into the whole input (all ASCII: chars are bytes).
    for event in &lines {
        let trigger = &event["trigger"];
        let (start, end) = (
            trigger["start"].as_u64().unwrap() as usize,
            trigger["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[start..end], trigger["text"].as_str().unwrap());
    }
    let ids: std::collections::BTreeSet<&str> =
        lines.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), lines.len(), "ids stay unique across parts");
}

// ---- 7. validate -----------------------------------------------------------------------------

#[test]
fn issue_18_7_an_empty_or_non_xml_validation_file_is_an_error() {
    let dir = temp_dir("validate");
    for (name, bytes) in [("empty.xml", ""), ("prose.xml", "Japan protested.\n")] {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = petrel().arg("validate").arg(&path).output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(
            err.contains(name) && err.contains("no <Sentence> records"),
            "{err}"
        );
        assert!(!stdout(&out).contains("0 passed"), "{}", stdout(&out));
    }
}

#[test]
fn issue_18_7_validate_warns_about_a_verbs_file_of_the_older_grammar() {
    let Some(xml) = support::shared("data/petrarch/validation/PETR.UnitTest.records.ud.xml") else {
        return;
    };
    let out = petrel().arg("validate").arg(&xml).output().unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("older TABARI grammar")
            && err.contains("--verbs")
            && err.contains("PETR.Validate.verbs.2.0.txt"),
        "{err}"
    );
    let verbs = xml
        .parent()
        .unwrap()
        .join("../dictionaries/PETR.Validate.verbs.2.0.txt");
    let chosen = petrel()
        .arg("validate")
        .arg(&xml)
        .arg("--verbs")
        .arg(&verbs)
        .output()
        .unwrap();
    assert!(!stderr(&chosen).contains("older TABARI grammar"));
}

// ---- 8. Round trips and flags ----------------------------------------------------------------

#[test]
fn issue_18_8_dict_export_loads_back_as_it_is() {
    let dir = temp_dir("export");
    let export = petrel()
        .args(["dict", "export", "--dicts", "builtin", "--out"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(export.status.success(), "{}", stderr(&export));
    let code = |dicts: &Path| {
        petrel()
            .args(["code", "--format", "jsonl", "--dicts"])
            .arg(dicts)
            .arg(tokyo())
            .output()
            .unwrap()
    };
    let back = code(&dir);
    assert!(back.status.success(), "{}", stderr(&back));
    let events = |o: &Output| -> Vec<String> {
        stdout(o)
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                format!(
                    "{} {} {}",
                    v["source"]["code"], v["cameo"], v["target"]["code"]
                )
            })
            .collect()
    };
    let builtin = code(Path::new("builtin"));
    assert_eq!(events(&back), events(&builtin), "{}", stderr(&back));
}

#[test]
fn issue_18_8_one_dictionary_flag_and_checked_layouts() {
    for args in [
        &["dict", "stats", "--dicts", "builtin"][..],
        &["dict", "check", "--dicts", "builtin"][..],
    ] {
        let out = petrel().args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    for format in ["jsonl", "table"] {
        let out = petrel()
            .args(["code", "--layout", "phoenix", "--format", format])
            .arg(tokyo())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{format}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("--layout phoenix"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn issue_18_8_parse_reads_gzip() {
    let dir = temp_dir("parsegz");
    let text = std::fs::read(tokyo()).unwrap();
    let gz = dir.join("story.txt.gz");
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(&text).unwrap();
    std::fs::write(&gz, encoder.finish().unwrap()).unwrap();
    let plain = petrel().arg("parse").arg(tokyo()).output().unwrap();
    let zipped = petrel().arg("parse").arg(&gz).output().unwrap();
    assert!(zipped.status.success(), "{}", stderr(&zipped));
    assert!(stdout(&plain).contains("# text = "));
    assert_eq!(stdout(&zipped), stdout(&plain));
}

#[test]
fn issue_18_8_code_ends_quietly_on_a_closed_pipe() {
    let dir = temp_dir("pipe");
    let story = std::fs::read_to_string(tokyo()).unwrap();
    let mut lines = String::new();
    for i in 0..60 {
        let record =
            serde_json::json!({"id": format!("s{i}"), "date": "2017-03-06", "text": story});
        lines.push_str(&format!("{record}\n"));
    }
    let path = dir.join("wire.jsonl");
    std::fs::write(&path, lines).unwrap();
    let mut child = petrel()
        .args(["code", "--format", "jsonl", "--threads", "1"])
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is dropped here: `petrel code ... | head -1`.
    assert!(first.starts_with('{'), "{first}");
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.to_lowercase().contains("broken pipe"), "{err}");
}

// ---- 9. Messages -----------------------------------------------------------------------------

#[test]
fn issue_18_9_each_thing_is_said_once() {
    let missing = "/petrel-issue18-nowhere";
    for args in [
        vec!["code", "--dicts", missing, "-"],
        vec!["dict", "stats", "--dicts", missing],
        vec!["validate", missing, "--parse", "given"],
        vec!["parse", missing],
        vec!["code", missing],
    ] {
        let out = petrel().args(&args).stdin(Stdio::null()).output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.matches(missing).count(), 1, "{args:?}: {err}");
        assert!(
            err.matches("No such file or directory").count() == 1,
            "{args:?}: {err}"
        );
    }
}

#[test]
fn issue_18_9_summary_table_and_country_messages() {
    let out = petrel()
        .args(["code", "--coder", "rules", "--format", "table"])
        .arg(tokyo())
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let table = stdout(&out);
    let header = table.lines().next().unwrap_or("");
    for column in ["date", "source", "code", "target", "sentence"] {
        assert!(header.contains(column), "header row: {table}");
    }
    assert_eq!(table.lines().count(), 4, "{table}");
    assert!(err.contains("1 document,"), "{err}");
    assert!(!err.contains("1 documents"), "{err}");
    assert!(err.contains("0 without events"), "{err}");

    // A story that gives no event is counted as such.
    let dir = temp_dir("noevents");
    std::fs::write(
        dir.join("quiet.txt"),
        "20.03.2017\n\nThe weather was mild.\n",
    )
    .unwrap();
    let out = petrel()
        .args(["code", "--format", "jsonl"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains("1 without events"),
        "{}",
        stderr(&out)
    );

    let geo = petrel()
        .args(["geo", "Paris", "--country", "ZZ"])
        .output()
        .unwrap();
    let err = stderr(&geo);
    assert_ne!(geo.status.code(), Some(0), "{err}");
    assert!(
        err.contains("ZZ") && err.contains("unknown country code"),
        "{err}"
    );
}
