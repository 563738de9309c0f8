"""Codes a JSONL of stories on Spark and writes the events as Parquet.

    spark-submit crates/python/examples/spark_code_stories.py STORIES.jsonl OUT_DIR

Each line of STORIES.jsonl is {"id", "text", "date", "title"} (date and title may be null). The
events have the columns of petrel's CSV layout (petrel.COLUMNS). Prints one line of JSON:
stories, events, seconds.
"""

import json
import sys
import time

from pyspark.sql import SparkSession

import petrel.spark


def main() -> None:
    stories_path, out_path = sys.argv[1], sys.argv[2]
    spark = SparkSession.builder.appName("petrel-code-stories").getOrCreate()
    started = time.time()
    stories = spark.read.schema("id string, text string, date string, title string").json(
        stories_path
    )
    events = petrel.spark.code_stories(stories, title="title")
    events.write.mode("overwrite").parquet(out_path)
    seconds = time.time() - started
    written = spark.read.parquet(out_path)
    print(
        json.dumps(
            {
                "stories": stories.count(),
                "events": written.count(),
                "documents": written.select("doc_id").distinct().count(),
                "seconds": round(seconds, 1),
            }
        )
    )
    spark.stop()


if __name__ == "__main__":
    main()
