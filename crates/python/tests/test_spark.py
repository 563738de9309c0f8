"""petrel.spark on a real local Spark (local[2]): the same events as the `petrel` command."""

import pytest

import json
import os
import sys

import petrel

from conftest import FALLBACK_DATE, examples, jsonl_records, read_text, run_cli

pyspark = pytest.importorskip("pyspark")


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    # The Python workers run this interpreter, the one with the petrel wheel installed.
    os.environ["PYSPARK_PYTHON"] = sys.executable

    session = (
        SparkSession.builder.master("local[2]")
        .appName("petrel-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_code_stories_equals_the_command_on_the_examples(spark, tmp_path):
    import petrel.spark

    # Each example as petrel code reads it: a story file (on the fallback date when it carries
    # none), and the JSONL example's records with the fields code_stories reads (id, text, date,
    # title).
    want, rows = [], []
    for path in examples():
        if path.suffix == ".jsonl":
            records = [
                {k: r.get(k) for k in ("id", "text", "date", "title")} for r in jsonl_records(path)
            ]
            jsonl = tmp_path / "records.jsonl"
            jsonl.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
            events, _ = run_cli("code", "--format", "jsonl", str(jsonl))
            rows.extend(records)
        else:
            name = str(path.relative_to(path.parents[1]))
            events, stderr = run_cli("code", "--format", "jsonl", name)
            date = None
            if not events and "the story has no date" in stderr:
                date = FALLBACK_DATE
                events, _ = run_cli("code", "--format", "jsonl", "--date", date, name)
            rows.append({"id": name, "text": read_text(path), "date": date, "title": None})
        want.extend(events)
    assert len(want) > 20

    rows = [(r["id"], r["text"], r["date"], r["title"]) for r in rows]
    df = spark.createDataFrame(rows, "id string, text string, date string, title string")
    df = df.repartition(2)
    events = petrel.spark.code_stories(df, title="title").collect()

    # Spark does not keep the input order across partitions: compare by event id.
    got = {row["id"]: row.asDict() for row in events}
    assert len(got) == len(events) == len(want)
    for w in want:
        g = got[w["id"]]
        assert g["doc_id"] == w["doc_id"]
        assert g["sentence_index"] == w["sentence_index"]
        assert g["date"] == w["date"]
        assert g["source_code"] == w["source"]["code"]
        assert g["target_code"] == (w["target"]["code"] if w["target"] else None)
        assert g["cameo"] == w["cameo"]
        assert g["goldstein"] == w["goldstein"]
        assert g["quad_class"] == w["quad_class"]
        assert g["modality"] == w["modality"]
        assert g["trigger"] == w["trigger"]["text"]
        assert g["location"] == (w["location"]["name"] if w["location"] else None)


def test_a_missing_column_is_named(spark):
    import petrel.spark

    df = spark.createDataFrame([("a", "Japan met China.")], "id string, body string")
    with pytest.raises(KeyError, match="no column 'text'"):
        petrel.spark.code_stories(df, date=None)


def test_the_stores_parquet_export_reads_as_it_is_in_spark(spark, tmp_path):
    # `petrel ingest` the examples into a real SQLite store, export it as Parquet in Hive layout,
    # and read the folder with Spark as it is: every stored event, partitioned by year and month.
    import subprocess

    from conftest import ROOT, petrel_bin

    db = tmp_path / "events.db"
    out = tmp_path / "parquet"
    for args in (
        ["ingest", "examples", "--db", str(db), "--date", FALLBACK_DATE],
        ["export", "--db", str(db), "--parquet", str(out)],
    ):
        done = subprocess.run(
            [petrel_bin(), *args], cwd=ROOT, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
    import sqlite3

    with sqlite3.connect(db) as conn:
        (stored,) = conn.execute("SELECT count(*) FROM events").fetchone()
        years = {y for (y,) in conn.execute("SELECT DISTINCT substr(date, 1, 4) FROM events")}
    assert stored > 0
    frame = spark.read.parquet(str(out))
    assert frame.count() == stored
    assert {"year", "month", "cameo"} <= set(frame.columns)
    assert {str(r["year"]) for r in frame.select("year").distinct().collect()} == years
