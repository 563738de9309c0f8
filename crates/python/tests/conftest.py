"""Shared fixtures: the repository root, the built `petrel` command, one loaded coder."""

import json
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]

# Stories that carry no date of their own are coded on this date, by the command (`--date`) and
# by Python (`date=`) alike.
FALLBACK_DATE = "2017-03-20"


def petrel_bin() -> str:
    """The `petrel` command to compare with: $PETREL_BIN, else the release build, else debug."""
    given = os.environ.get("PETREL_BIN")
    if given:
        return given
    for profile in ("release", "debug"):
        path = ROOT / "target" / profile / "petrel"
        if path.exists():
            return str(path)
    raise RuntimeError("no petrel binary: run `cargo build --release` or set PETREL_BIN")


def run_cli(*args: str) -> tuple[list[dict], str]:
    """Runs `petrel ARGS` in the repository root; returns its JSONL events and its stderr."""
    done = subprocess.run(
        [petrel_bin(), *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    events = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    return events, done.stderr


def examples() -> list[pathlib.Path]:
    """The bundled example stories (not their expectations), by name."""
    return sorted(
        p for p in (ROOT / "examples").iterdir() if p.is_file() and not p.name.endswith(".json")
    )


def read_text(path: pathlib.Path) -> str:
    """A story file's text: UTF-8, else Windows-1252 (the one example in a legacy encoding)."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def jsonl_records(path: pathlib.Path) -> list[dict]:
    return [json.loads(line) for line in read_text(path).splitlines() if line.strip()]


@pytest.fixture(scope="session")
def coder():
    import petrel

    return petrel.Coder()
