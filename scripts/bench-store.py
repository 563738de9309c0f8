#!/usr/bin/env python3
"""Benchmark of the event store and its API (issue 16). Python standard library only.

1. Codes a corpus (the bundled .txt examples repeated with new ids, STORIES stories) with
   `petrel code` and with `petrel ingest`, and reports ingest throughput relative to coding.
2. Grows that store to at least TARGET events by copying its coded stories and events under new
   ids, each copy shifted by some days (so the dates spread over years), and reports the database
   size per million events.
3. Serves it with `petrel serve` and times, over loopback, `GET /api/events` with two filters
   (p50/p95 over many requests with varied values) and the full time series.

Usage: nice python3 scripts/bench-store.py [--petrel target/release/petrel] [--stories 2000]
       [--target 1000000] [--threads 2] [--work DIR]
       python3 scripts/bench-store.py --ingest-ratio [--rounds 5] [--stories 2000] [--threads 2]
Prints one JSON object; keeps nothing unless --work is given.

--ingest-ratio measures only part 1, the figure issue 16 asks for (ingest throughput >= 85 % of
`petrel code` alone): ROUNDS rounds, each timing `petrel code` and then `petrel ingest` into a fresh
store on the same corpus, and reports every round's ratio, their median, and the load average
before and after (the ratio is only meaningful on a quiet machine).
"""
import argparse, json, os, random, shutil, sqlite3, statistics, subprocess, sys, tempfile, time, urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus(path, n):
    texts = sorted(p.read_text(encoding="utf-8", errors="replace") for p in (ROOT / "examples").glob("*.txt"))
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            text = texts[i % len(texts)] + f"\n\nRef {i}."
            out.write(json.dumps({"id": f"s{i}", "date": "2017-03-20", "text": text}) + "\n")


def timed(cmd, **kw):
    t = time.perf_counter()
    r = subprocess.run(cmd, **kw)
    if r.returncode != 0:
        sys.exit(f"failed: {' '.join(map(str, cmd))}\n{r.stderr.decode() if r.stderr else ''}")
    return time.perf_counter() - t, r


def ingest_ratio(a, src, db):
    """Times `petrel code` and `petrel ingest` ROUNDS times, alternating; returns the figures."""
    threads = ["--threads", str(a.threads)]
    load_before = os.getloadavg()
    rounds = []
    for _ in range(a.rounds):
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        code_s, r = timed([a.petrel, "code", "--format", "jsonl", "--quiet", *threads, str(src)],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        ingest_s, _ = timed([a.petrel, "ingest", "--quiet", *threads, "--db", str(db), str(src)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        stored = sqlite3.connect(db).execute("SELECT count(*) FROM stories").fetchone()[0]
        if stored != a.stories:
            sys.exit(f"ingest stored {stored} stories of {a.stories}")
        rounds.append({"code_s": round(code_s, 3), "ingest_s": round(ingest_s, 3),
                       "ratio": round(code_s / ingest_s, 3)})
    return {
        "machine": os.uname().nodename, "cpus": os.cpu_count(), "corpus_stories": a.stories,
        "corpus_events": r.stdout.count(b"\n"), "threads": a.threads, "rounds": rounds,
        "median_code_s": round(statistics.median(x["code_s"] for x in rounds), 3),
        "median_ingest_s": round(statistics.median(x["ingest_s"] for x in rounds), 3),
        "median_ratio": round(statistics.median(x["ratio"] for x in rounds), 3),
        "load_before": [round(x, 2) for x in load_before],
        "load_after": [round(x, 2) for x in os.getloadavg()],
    }


def grow(db, target):
    """Copies the coded stories and events under new ids until the store holds `target` events."""
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=WAL")
    (base_stories, stride) = con.execute("SELECT count(*), max(sid) FROM stories").fetchone()
    (base_events, estride) = con.execute("SELECT count(*), max(eid) FROM events").fetchone()
    copies = -(-target // base_events) - 1
    t = time.perf_counter()
    for k in range(1, copies + 1):
        shift = f"+{(k * 7) % 2900} days"
        con.execute("BEGIN")
        con.execute(
            """INSERT INTO stories (sid, id, url, title, date, date_precision, dateline, publisher, text,
                                    content_hash, dict_version, model_version)
               SELECT sid + ?1 * ?2, id || '~' || ?1, url, title, date(date, ?3), date_precision, dateline,
                      publisher, text, content_hash || '~' || ?1, dict_version, model_version
               FROM stories WHERE sid <= ?2""", (k, stride, shift))
        con.execute(
            """INSERT INTO events (eid, id, sid, date, source_code, source_country, target_code, target_country,
                                   cameo, cameo_root, goldstein, quad_class, plover, plover_mode, modality,
                                   place, place_country, lat, lon)
               SELECT e.eid + ?1 * ?4, e.id || '~' || ?1, e.sid + ?1 * ?2, date(e.date, ?3), source_code,
                      source_country, target_code, target_country, cameo, cameo_root, goldstein, quad_class,
                      plover, plover_mode, modality, place, place_country, lat, lon
               FROM events e WHERE e.sid <= ?2""", (k, stride, shift, estride))
        con.execute(
            """INSERT INTO event_records (eid, record)
               SELECT r.eid + ?1 * ?4, json_set(r.record, '$.id', e.id || '~' || ?1, '$.doc_id', s.id || '~' || ?1,
                                                '$.date', date(e.date, ?3))
               FROM event_records r JOIN events e ON e.eid = r.eid JOIN stories s ON s.sid = e.sid
               WHERE e.sid <= ?2""", (k, stride, shift, estride))
        con.execute("COMMIT")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("ANALYZE")
    (events,) = con.execute("SELECT count(*) FROM events").fetchone()
    (stories,) = con.execute("SELECT count(*) FROM stories").fetchone()
    con.close()
    return {"copies": copies, "stories": stories, "events": events, "grow_s": round(time.perf_counter() - t, 1)}


def get(url):
    t = time.perf_counter()
    with urllib.request.urlopen(url) as r:
        body = r.read()
        status = r.status
    ms = (time.perf_counter() - t) * 1000
    if status != 200:
        sys.exit(f"{url}: {status}")
    return ms, body


def pct(xs, p):
    xs = sorted(xs)
    return round(xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))], 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--petrel", default=str(ROOT / "target/release/petrel"))
    ap.add_argument("--stories", type=int, default=2000)
    ap.add_argument("--target", type=int, default=1_000_000)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--work")
    ap.add_argument("--ingest-ratio", action="store_true",
                    help="only time code against ingest, --rounds times, and report the median ratio")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--serve-only", action="store_true",
                    help="only time the API over the store an earlier run left in --work")
    a = ap.parse_args()
    work = Path(a.work) if a.work else Path(tempfile.mkdtemp(prefix="petrel-bench-store-"))
    work.mkdir(parents=True, exist_ok=True)
    src = work / "corpus.jsonl"
    db = work / "bench.db"
    if a.serve_only:
        result = {"machine": os.uname().nodename, "cpus": os.cpu_count(), "events": sqlite3.connect(db).execute("SELECT count(*) FROM events").fetchone()[0]}
        serve(a, db, result)
        return
    corpus(src, a.stories)
    if a.ingest_ratio:
        result = ingest_ratio(a, src, db)
        if not a.work:
            shutil.rmtree(work, ignore_errors=True)
        print(json.dumps(result, indent=1))
        return
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    threads = ["--threads", str(a.threads)]
    code_s, r = timed([a.petrel, "code", "--format", "jsonl", "--quiet", *threads, str(src)],
                      stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    coded_events = r.stdout.count(b"\n")
    ingest_s, _ = timed([a.petrel, "ingest", "--quiet", *threads, "--db", str(db), str(src)],
                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    result = {
        "machine": os.uname().nodename, "cpus": os.cpu_count(),
        "corpus_stories": a.stories, "corpus_events": coded_events, "threads": a.threads,
        "code_s": round(code_s, 2), "ingest_s": round(ingest_s, 2),
        "ingest_vs_code": round(code_s / ingest_s, 3),
    }
    result.update(grow(db, a.target))
    size = sum(os.path.getsize(str(db) + s) for s in ("", "-wal") if os.path.exists(str(db) + s))
    result["db_bytes"] = size
    result["mb_per_million_events"] = round(size / 1e6 / (result["events"] / 1e6), 1)
    serve(a, db, result)


def serve(a, db, result):
    server = subprocess.Popen([a.petrel, "serve", "--addr", "127.0.0.1:0", "--db", str(db)],
                              stderr=subprocess.PIPE)
    try:
        line = server.stderr.readline().decode()
        base = "http://" + line.split("http://")[1].strip().rstrip("/")
        _, body = get(base + "/api/events?limit=1000")
        sample = json.loads(body)["events"]
        countries = sorted({e["source"]["country"] for e in sample if e["source"]["country"]})
        roots = sorted({e["cameo_root"] for e in sample if e["cameo_root"]})
        rng = random.Random(7)
        for _ in range(20):  # warm up
            get(f"{base}/api/events?country={rng.choice(countries)}&root={rng.choice(roots)}")
        times = []
        for _ in range(a.requests):
            ms, _ = get(f"{base}/api/events?country={rng.choice(countries)}&root={rng.choice(roots)}")
            times.append(ms)
        result["events_two_filters_ms"] = {"requests": a.requests, "p50": pct(times, 50), "p95": pct(times, 95), "max": round(max(times), 1)}
        for interval in ("month", "day"):
            ts = []
            for _ in range(10):
                ms, body = get(f"{base}/api/stats/timeseries?interval={interval}&by=quad")
                ts.append(ms)
            result[f"timeseries_{interval}_ms"] = {"median": round(statistics.median(ts), 1), "max": round(max(ts), 1), "buckets": len(json.loads(body)["buckets"])}
        ms, _ = get(f"{base}/api/stats/dyads?limit=25")
        result["dyads_ms"] = round(ms, 1)
        ms, _ = get(f"{base}/api/stats/places?limit=300")
        result["places_ms"] = round(ms, 1)
    finally:
        server.terminate()
        server.wait()
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
