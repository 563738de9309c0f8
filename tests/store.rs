//! End-to-end tests of the event store: `petrel ingest` killed mid-run and restarted loses and
//! doubles nothing, readers see only whole stories, `--recode` swaps events, `petrel export
//! --parquet` writes Hive partitions, and `petrel serve` answers.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn petrel() -> Command {
    Command::new(env!("CARGO_BIN_EXE_petrel"))
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("petrel-store-e2e-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A JSONL corpus of `n` stories: the bundled plain-text examples repeated, each copy with a new
/// id and a closing reference line, so no two texts are the same.
fn corpus(dir: &Path, n: usize) -> PathBuf {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut texts: Vec<String> = std::fs::read_dir(&examples)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    texts.sort();
    assert!(texts.len() >= 5);
    let path = dir.join("corpus.jsonl");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    for i in 0..n {
        let text = format!("{}\n\nRef {i}.", texts[i % texts.len()]);
        let line = serde_json::json!({ "id": format!("s{i}"), "date": "2017-03-20", "text": text });
        writeln!(out, "{line}").unwrap();
    }
    out.flush().unwrap();
    path
}

/// Events a story gets from `petrel code`, by story id: what a whole story holds.
fn reference_counts(corpus: &Path) -> BTreeMap<String, u64> {
    let out = petrel()
        .args(["code", "--format", "jsonl", "--threads", "2", "--quiet"])
        .arg(corpus)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut counts = BTreeMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        *counts
            .entry(v["doc_id"].as_str().unwrap().to_string())
            .or_insert(0) += 1;
    }
    counts
}

/// Checks that every story the store shows holds exactly its reference events.
fn check_whole(db: &Path, reference: &BTreeMap<String, u64>) -> usize {
    let store = petrel_store::Store::open_read_only(db).unwrap();
    let counts = store.story_event_counts().unwrap();
    for (id, n) in &counts {
        assert_eq!(
            reference.get(id).copied().unwrap_or(0),
            *n,
            "story {id} is stored with {n} events"
        );
    }
    counts.len()
}

#[test]
fn a_killed_ingest_restarts_with_every_story_exactly_once() {
    let dir = temp_dir("crash");
    let n = 1200;
    let corpus = corpus(&dir, n);
    let reference = reference_counts(&corpus);
    assert!(
        reference.values().sum::<u64>() > n as u64,
        "the corpus codes to events"
    );
    let db = dir.join("events.db");
    let mut child = petrel()
        .args(["ingest", "--threads", "2", "--quiet", "--db"])
        .arg(&db)
        .arg(&corpus)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read while it writes: every snapshot holds whole stories. Kill it once some, not all,
    // stories are in.
    let started = Instant::now();
    let mut seen = 0;
    let mut snapshots = 0;
    loop {
        if db.exists() {
            if let Ok(store) = petrel_store::Store::open_read_only(&db) {
                drop(store);
                seen = check_whole(&db, &reference);
                snapshots += 1;
            }
        }
        if seen > 0 {
            break;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the ingest finished before it could be killed; make the corpus larger"
        );
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "no story stored after 5 minutes"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    let after_kill = check_whole(&db, &reference);
    assert!(
        after_kill < n,
        "killed before the end: {after_kill} of {n} stories"
    );
    assert!(snapshots >= 1);

    let out = petrel()
        .args(["ingest", "--threads", "2", "--quiet", "--db"])
        .arg(&db)
        .arg(&corpus)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!("{after_kill} already stored")),
        "{stderr}"
    );
    assert_eq!(check_whole(&db, &reference), n);
    let store = petrel_store::Store::open_read_only(&db).unwrap();
    let counts = store.story_event_counts().unwrap();
    let ids: std::collections::BTreeSet<&String> = counts.iter().map(|(id, _)| id).collect();
    assert_eq!(ids.len(), n, "every story exactly once");
    assert_eq!(
        store.counts().unwrap().1,
        reference.values().sum::<u64>(),
        "every event exactly once"
    );
}

#[test]
fn recode_export_and_serve() {
    let dir = temp_dir("tools");
    let corpus = corpus(&dir, 30);
    let db = dir.join("events.db");
    let ingest = petrel()
        .args(["ingest", "--quiet", "--db"])
        .arg(&db)
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(
        ingest.status.success(),
        "{}",
        String::from_utf8_lossy(&ingest.stderr)
    );
    let (stories, events) = petrel_store::Store::open_read_only(&db)
        .unwrap()
        .counts()
        .unwrap();
    assert_eq!(stories, 30);

    // Again: nothing new.
    let again = petrel()
        .args(["ingest", "--quiet", "--db"])
        .arg(&db)
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&again.stderr)
        .contains("0 stories stored with 0 events, 30 already stored"));

    let recode = petrel()
        .args(["ingest", "--recode", "--quiet", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&recode.stderr);
    assert!(recode.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "re-coded 30 stories: {events} events replaced by {events}"
        )),
        "{stderr}"
    );

    let out = dir.join("parquet");
    let export = petrel()
        .args(["export", "--db"])
        .arg(&db)
        .arg("--parquet")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        export.status.success(),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    let part = out
        .join("year=2017")
        .join("month=03")
        .join("part-0.parquet");
    let bytes = std::fs::read(&part).unwrap();
    assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));

    // The server answers on a free port and stops when killed.
    let mut server = petrel()
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(&db)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = server.stderr.take().unwrap();
    let mut line = Vec::new();
    let mut byte = [0u8; 1];
    while stderr.read(&mut byte).unwrap_or(0) == 1 && byte[0] != b'\n' {
        line.push(byte[0]);
    }
    let line = String::from_utf8_lossy(&line).into_owned();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|s| s.strip_suffix('/'))
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    let mut conn = std::net::TcpStream::connect(&addr).unwrap();
    write!(
        conn,
        "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    conn.read_to_string(&mut response).unwrap();
    server.kill().unwrap();
    server.wait().unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("\"status\":\"ok\""));
}
