#!/usr/bin/env python3
"""Writes a JSONL of N stories made from the bundled examples, with new ids, for load tests.

Each record is {"id", "text", "date", "title"}: the example stories in turn (story files as their
text, the JSONL example's records as they are), numbered s000001, s000002, ... Every record has a
date (its own, else 2017-03-20), so `petrel code` and the Spark job read each one the same way,
as a dated JSONL record.

    python3 scripts/make-stories.py --count 100000 --out /tmp/stories.jsonl
"""

import argparse
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[1]
FALLBACK_DATE = "2017-03-20"


def read_text(path: pathlib.Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def examples() -> list[dict]:
    out = []
    for path in sorted((ROOT / "examples").iterdir()):
        if not path.is_file() or path.name.endswith(".json"):
            continue
        if path.suffix == ".jsonl":
            for line in read_text(path).splitlines():
                if line.strip():
                    r = json.loads(line)
                    out.append({"text": r["text"], "date": r.get("date"), "title": r.get("title")})
        else:
            out.append({"text": read_text(path), "date": None, "title": None})
    for r in out:
        r["date"] = r["date"] or FALLBACK_DATE
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--out", type=pathlib.Path, required=True)
    args = parser.parse_args()
    stories = examples()
    with args.out.open("w", encoding="utf-8") as out:
        for n in range(args.count):
            story = stories[n % len(stories)]
            record = {"id": f"s{n + 1:06}", **story}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
