#!/usr/bin/env python3
"""Sentences per second of `Coder.code_many` against `petrel code` on the same stories and threads.

    python scripts/bench-python.py [--stories 4000] [--threads 2] [--rounds 2]

Run it with the Python of a virtual environment where the petrel wheel is installed, from the
repository root, after `cargo build --release` (or set PETREL_BIN). The stories are made from the
examples by scripts/make-stories.py. Both sides include loading the model and dictionaries, read
the same JSONL, and report the sentences they coded; the best of --rounds runs counts. The target
is code_many >= 90 % of the command. Prints one JSON object.
"""

import argparse
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]


def run_cli(petrel: str, path: pathlib.Path, threads: int) -> tuple[float, int, int]:
    started = time.perf_counter()
    done = subprocess.run(
        [petrel, "code", "--threads", str(threads), "--format", "jsonl", "--quiet", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - started
    summary = done.stderr.strip().splitlines()[-1]
    m = re.search(r"(\d+) documents, (\d+) sentences, (\d+) events", summary)
    if not m:
        sys.exit(f"bench-python: cannot read the command's summary: {summary}")
    return seconds, int(m.group(2)), int(m.group(3))


def run_python(path: pathlib.Path, threads: int) -> tuple[float, int, int]:
    import petrel

    started = time.perf_counter()
    coder = petrel.Coder()
    with path.open(encoding="utf-8") as lines:
        stream = coder.code_many((json.loads(line) for line in lines), threads=threads)
        events = sum(1 for _ in stream)
    seconds = time.perf_counter() - started
    return seconds, stream.summary["sentences"], events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=4000)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    petrel_bin = os.environ.get("PETREL_BIN", str(ROOT / "target" / "release" / "petrel"))
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "stories.jsonl"
        subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "make-stories.py"), "--count",
             str(args.stories), "--out", str(path)],
            check=True,
        )
        cli, py = [], []
        for _ in range(args.rounds):
            cli.append(run_cli(petrel_bin, path, args.threads))
            py.append(run_python(path, args.threads))
    best_cli = min(cli)
    best_py = min(py)
    if best_cli[1:] != best_py[1:]:
        sys.exit(f"bench-python: different work: command {best_cli[1:]}, python {best_py[1:]}")
    cli_rate = best_cli[1] / best_cli[0]
    py_rate = best_py[1] / best_py[0]
    print(
        json.dumps(
            {
                "stories": args.stories,
                "threads": args.threads,
                "sentences": best_cli[1],
                "events": best_cli[2],
                "cli_seconds": round(best_cli[0], 2),
                "python_seconds": round(best_py[0], 2),
                "cli_sentences_per_s": round(cli_rate),
                "python_sentences_per_s": round(py_rate),
                "python_share": round(py_rate / cli_rate, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
