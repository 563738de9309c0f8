"""petrel: political event data from raw news text, from Python.

One wheel of the same Rust pipeline the ``petrel`` command runs::

    import petrel

    coder = petrel.Coder()                      # model, dictionaries, gazetteer: loaded once
    events = coder.code(text, doc_id="story-1") # list of dicts, the fields of a JSONL line
    for event in coder.code_many(stories, threads=4):
        ...
    table = coder.code_arrow(pyarrow_table)     # pyarrow in, pyarrow out (CSV layout columns)

``petrel.spark.code_stories`` runs the same coder on every Spark executor.
See docs/python.md and docs/spark.md.
"""

from __future__ import annotations

import datetime as _datetime
from typing import Any, Iterable, Optional

from . import _petrel
from ._petrel import (
    COLUMNS,
    FORMAT_VERSION,
    DictionaryError,
    EventStream,
    PetrelError,
    SkipError,
    parse,
)

__all__ = [
    "COLUMNS",
    "FORMAT_VERSION",
    "Coder",
    "DictionaryError",
    "EventStream",
    "PetrelError",
    "SkipError",
    "parse",
]


class Coder(_petrel.Coder):
    """A loaded model, dictionaries and gazetteer: build one, code many stories.

    ``dicts`` is ``"builtin"`` (petrel's own dictionaries) or a folder, as ``petrel code --dicts``;
    ``coder`` names the event coder (``None`` is the default of ``petrel code``).
    """

    def actor(self, phrase: str, date: Any = None) -> dict:
        """What ``petrel actor --json`` prints for ``phrase`` read on ``date`` (default today)."""
        if date is None:
            date = _datetime.date.today()
        return super().actor(phrase, date)

    def code_arrow(
        self,
        table: Any,
        text: str = "text",
        date: Optional[str] = "date",
        id: Optional[str] = "id",
        title: Optional[str] = None,
        threads: Optional[int] = None,
        errors: str = "warn",
    ) -> Any:
        """Codes the stories of a ``pyarrow.Table`` (or a pandas DataFrame, through pyarrow).

        ``text``, ``date``, ``id`` and ``title`` name the columns to read; ``None`` leaves one
        out. Returns a ``pyarrow.Table`` of events with the columns of the CSV layout
        (``petrel.COLUMNS``), one row per event, in input order.
        """
        import pyarrow as pa

        if not isinstance(table, (pa.Table, pa.RecordBatch)):
            table = pa.Table.from_pandas(table, preserve_index=False)
        return _code_table(self, table, text, date, id, title, threads, errors)


def arrow_schema() -> Any:
    """The ``pyarrow.Schema`` of ``code_arrow``'s tables (``petrel.COLUMNS``, all nullable)."""
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64()}
    return pa.schema([pa.field(name, types[kind]) for name, kind in COLUMNS])


def _column(table: Any, name: Optional[str], role: str) -> Optional[list]:
    if name is None:
        return None
    names = table.schema.names
    if name not in names:
        raise KeyError(
            f"the table has no column {name!r} for the story {role} (columns: {', '.join(names)}); "
            f"pass {role}= the right name, or {role}=None to leave it out"
        )
    return table.column(name).to_pylist()


def _code_table(coder: Any, table: Any, text, date, id, title, threads, errors) -> Any:
    import pyarrow as pa

    texts = _column(table, text, "text")
    columns = coder._code_columns(
        texts,
        ids=_column(table, id, "id"),
        dates=_column(table, date, "date"),
        titles=_column(table, title, "title"),
        threads=threads,
        errors=errors,
    )
    schema = arrow_schema()
    return pa.Table.from_pydict(columns, schema=schema)


def _batch(coder: Any, batch: Any, text, date, id, title, threads, errors) -> Any:
    """One Arrow record batch of stories to one record batch of events (the Spark job's step)."""
    import pyarrow as pa

    table = pa.Table.from_batches([batch])
    events = _code_table(coder, table, text, date, id, title, threads, errors)
    return events.combine_chunks().to_batches()
