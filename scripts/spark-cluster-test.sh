#!/usr/bin/env bash
# A real standalone Spark cluster on 127.0.0.1 (one master, two workers of one core each) codes a
# JSONL of stories made from the examples with petrel.spark; the event count must equal what
# `petrel code --threads 2` gives on the same file. Prints both times and rows/s, then stops the
# cluster (also on failure).
#
#   VENV=/path/to/venv scripts/spark-cluster-test.sh [COUNT]
#
# VENV is a virtual environment with the petrel wheel and pyspark installed (as .ci/run makes);
# COUNT is the number of stories (default 100000). Needs Java 17 and target/release/petrel.
set -euo pipefail
cd "$(dirname "$0")/.."

COUNT="${1:-100000}"
: "${VENV:?set VENV to a virtual environment with petrel and pyspark installed}"
PY="$VENV/bin/python"
PETREL="${PETREL_BIN:-target/release/petrel}"
SPARK_HOME="$("$PY" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')"
export SPARK_HOME PYSPARK_PYTHON="$PY" PYSPARK_DRIVER_PYTHON="$PY" SPARK_LOCAL_IP=127.0.0.1
WORK="$(mktemp -d)"
export SPARK_LOG_DIR="$WORK/logs" SPARK_PID_DIR="$WORK/pids" SPARK_WORKER_DIR="$WORK/work"
MASTER=spark://127.0.0.1:7077

stop_cluster() {
    for i in 1 2; do
        "$SPARK_HOME/sbin/spark-daemon.sh" stop org.apache.spark.deploy.worker.Worker "$i" || true
    done
    "$SPARK_HOME/sbin/spark-daemon.sh" stop org.apache.spark.deploy.master.Master 1 || true
}
trap 'stop_cluster; rm -rf "$WORK"' EXIT

"$PY" scripts/make-stories.py --count "$COUNT" --out "$WORK/stories.jsonl"
echo "spark-cluster-test: $COUNT stories, $(du -h "$WORK/stories.jsonl" | cut -f1)"

start=$(date +%s.%N)
"$PETREL" code --threads 2 --format jsonl --quiet "$WORK/stories.jsonl" >"$WORK/cli.jsonl" 2>"$WORK/cli.err"
cli_seconds=$(echo "$(date +%s.%N) - $start" | bc)
cli_events=$(wc -l <"$WORK/cli.jsonl")
tail -1 "$WORK/cli.err"

"$SPARK_HOME/sbin/spark-daemon.sh" start org.apache.spark.deploy.master.Master 1 \
    --host 127.0.0.1 --port 7077 --webui-port 18080
for i in 1 2; do
    "$SPARK_HOME/sbin/spark-daemon.sh" start org.apache.spark.deploy.worker.Worker "$i" \
        --host 127.0.0.1 --webui-port $((18080 + i)) --cores 1 --memory 2g "$MASTER"
done
# The workers register with the master within seconds; wait until both are alive.
alive=0
for _ in $(seq 60); do
    alive=$(cat "$SPARK_LOG_DIR"/*Worker*.out 2>/dev/null | grep -c "Successfully registered with master" || true)
    [ "$alive" -ge 2 ] && break
    sleep 1
done
[ "$alive" -ge 2 ] || { echo "spark-cluster-test: workers did not register" >&2; tail -20 "$SPARK_LOG_DIR"/*; exit 1; }

start=$(date +%s.%N)
"$SPARK_HOME/bin/spark-submit" --master "$MASTER" \
    --conf spark.executor.cores=1 --conf spark.cores.max=2 --conf spark.executor.memory=1g \
    --conf spark.driver.host=127.0.0.1 --conf spark.ui.enabled=false \
    crates/python/examples/spark_code_stories.py "$WORK/stories.jsonl" "$WORK/events.parquet" \
    >"$WORK/spark.json" 2>"$WORK/spark.err" || { tail -40 "$WORK/spark.err" >&2; exit 1; }
spark_seconds=$(echo "$(date +%s.%N) - $start" | bc)
cat "$WORK/spark.json"
spark_events=$("$PY" -c 'import json, sys; print(json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])["events"])' "$WORK/spark.json")

printf 'petrel code --threads 2: %d events, %.1f s, %.0f stories/s\n' "$cli_events" "$cli_seconds" "$(echo "$COUNT / $cli_seconds" | bc -l)"
printf 'spark (2 workers x 1 core): %d events, %.1f s with spark-submit start-up, %.0f stories/s\n' \
    "$spark_events" "$spark_seconds" "$(echo "$COUNT / $spark_seconds" | bc -l)"
if [ "$spark_events" != "$cli_events" ]; then
    echo "spark-cluster-test: FAILED: spark wrote $spark_events events, petrel code $cli_events" >&2
    exit 1
fi
echo "spark-cluster-test: ok, the same $cli_events events"
