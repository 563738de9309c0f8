//! The dashboard in a real headless Chromium: `tests/dashboard/dashboard.mjs` (playwright-core
//! driving Debian's `chromium`) against `petrel serve` on a store coded from the bundled
//! examples. Needs `chromium` and `npm ci` in tests/dashboard; `.ci/run` installs both. Without
//! them the test fails under CI=true and is reported as not run elsewhere.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// What the browser test needs, or why it cannot run.
fn requirements() -> Result<(PathBuf, PathBuf), String> {
    let chromium = std::env::var_os("PETREL_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if !chromium.exists() {
        return Err(format!(
            "{} is missing: apt-get install -y chromium",
            chromium.display()
        ));
    }
    let node = PathBuf::from("node");
    if Command::new(&node).arg("--version").output().is_err() {
        return Err("node is missing: apt-get install -y nodejs npm".to_string());
    }
    if !root()
        .join("tests/dashboard/node_modules/playwright-core")
        .is_dir()
    {
        return Err("playwright-core is missing: cd tests/dashboard && npm ci".to_string());
    }
    Ok((chromium, node))
}

#[test]
fn the_dashboard_draws_filters_and_shows_evidence_in_chromium() {
    let (chromium, node) = match requirements() {
        Ok(r) => r,
        Err(why) if std::env::var("CI").as_deref() != Ok("true") => {
            eprintln!("dashboard browser test NOT RUN: {why}");
            return;
        }
        Err(why) => panic!("the dashboard browser test cannot run under CI: {why}"),
    };
    let dir = std::env::temp_dir().join(format!("petrel-dashboard-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("examples.db");
    let ingest = Command::new(env!("CARGO_BIN_EXE_petrel"))
        .args(["ingest", "--quiet", "--date", "2017-03-20", "--db"])
        .arg(&db)
        .arg(root().join("examples"))
        .output()
        .unwrap();
    assert!(
        ingest.status.success(),
        "{}",
        String::from_utf8_lossy(&ingest.stderr)
    );

    let mut server = Command::new(env!("CARGO_BIN_EXE_petrel"))
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
    let Some(base) = line
        .split("http://")
        .nth(1)
        .map(|s| format!("http://{}", s.trim_end_matches('/')))
    else {
        let _ = server.kill();
        panic!("petrel serve printed no address: {line:?}");
    };
    let shot = std::env::var_os("PETREL_SCREENSHOT")
        .map(PathBuf::from)
        .unwrap_or_else(|| dir.join("dashboard.png"));
    let run = Command::new(node)
        .arg(root().join("tests/dashboard/dashboard.mjs"))
        .arg(&base)
        .arg(&shot)
        .env("PETREL_CHROMIUM", &chromium)
        .output();
    let _ = server.kill();
    let _ = server.wait();
    let run = run.unwrap();
    let out = String::from_utf8_lossy(&run.stdout);
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "browser test failed:\n{out}\n{err}");
    let png = std::fs::read(&shot).unwrap();
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "a real screenshot"
    );
}
