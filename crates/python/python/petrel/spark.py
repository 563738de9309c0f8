"""petrel on Spark: a DataFrame of stories in, a DataFrame of events out.

``code_stories`` runs ``DataFrame.mapInArrow``: record batches of stories cross from the JVM to
each executor's Python workers as Arrow, each worker loads the coder once (the first batch it
sees) and keeps it for every later batch and task, and the events come back as Arrow with the
columns of the CSV layout (``petrel.COLUMNS``). It works on any cluster where the ``petrel``
wheel is installed on the executors, or shipped with ``spark.archives`` (docs/spark.md).
"""

from __future__ import annotations

from typing import Any, Dict, Iterator, Optional, Tuple

import petrel

# One coder per Python worker process and configuration: loading the model and dictionaries
# takes about a second, a batch far less.
_CODERS: Dict[Tuple[str, Optional[str]], petrel.Coder] = {}


def _coder(dicts: str, coder: Optional[str]) -> petrel.Coder:
    key = (dicts, coder)
    loaded = _CODERS.get(key)
    if loaded is None:
        loaded = petrel.Coder(dicts=dicts, coder=coder)
        _CODERS[key] = loaded
    return loaded


def schema() -> Any:
    """The Spark schema of ``code_stories``'s DataFrame: ``petrel.COLUMNS``, all nullable."""
    from pyspark.sql.types import DoubleType, LongType, StringType, StructField, StructType

    types = {"str": StringType(), "int": LongType(), "float": DoubleType()}
    return StructType([StructField(name, types[kind], True) for name, kind in petrel.COLUMNS])


def code_stories(
    df: Any,
    text: str = "text",
    date: Optional[str] = "date",
    id: Optional[str] = "id",
    title: Optional[str] = None,
    dicts: str = "builtin",
    coder: Optional[str] = None,
    threads: int = 1,
    errors: str = "warn",
) -> Any:
    """The events of a DataFrame of stories, as a DataFrame with the columns of the CSV layout.

    ``text``, ``date``, ``id`` and ``title`` name the story columns (``None`` leaves one out; a
    date column may hold ``YYYY-MM-DD`` strings, dates or timestamps). ``dicts`` and ``coder`` are
    those of ``petrel.Coder``, loaded on each Python worker: a ``dicts`` folder must exist at that
    path on every executor. ``threads`` is per Python worker: Spark already runs one task per
    executor core. A story petrel cannot code is logged on the executor (``errors="warn"``) or
    fails the task (``errors="raise"``).
    """
    wanted = [c for c in (text, date, id, title) if c is not None]
    missing = [c for c in wanted if c not in df.columns]
    if missing:
        raise KeyError(
            f"the DataFrame has no column {', '.join(map(repr, missing))} "
            f"(columns: {', '.join(df.columns)}); name the story columns with text=, date=, id=, title="
        )
    # Only the story columns cross to Python.
    stories = df.select(*dict.fromkeys(wanted))

    def code_batches(batches: Iterator[Any]) -> Iterator[Any]:
        loaded = _coder(dicts, coder)
        for batch in batches:
            yield from petrel._batch(loaded, batch, text, date, id, title, threads, errors)

    return stories.mapInArrow(code_batches, schema())
