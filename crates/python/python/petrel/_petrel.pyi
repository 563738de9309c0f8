"""Type stubs for petrel's extension module (the Rust pipeline)."""

from typing import Any, Iterable, Iterator, Optional, Sequence, Union
import datetime

DateLike = Union[str, datetime.date, None]
TextLike = Union[str, bytes]

COLUMNS: list[tuple[str, str]]
"""``(name, kind)`` of each column of the CSV layout; kind is ``"str"``, ``"int"`` or ``"float"``."""

FORMAT_VERSION: str
"""The version of the event record (docs/event-format.md)."""

class PetrelError(Exception):
    """Something petrel could not do; the message says what and what to do."""

class SkipError(PetrelError):
    """A story petrel cannot code (empty, binary, too large, undated)."""
    reason: str
    origin: str

class DictionaryError(PetrelError):
    """The dictionaries ``dicts`` names cannot be loaded."""

def parse(text: TextLike) -> list[dict[str, Any]]:
    """Sentences with tokens (character offsets, UPOS, XPOS, lemma, head, deprel)."""

class EventStream(Iterator[dict[str, Any]]):
    """The events of ``Coder.code_many``, in input order."""
    def __iter__(self) -> "EventStream": ...
    def __next__(self) -> dict[str, Any]: ...
    @property
    def summary(self) -> dict[str, Any]:
        """``documents``, ``sentences``, ``events``, ``skipped`` and ``skips`` by reason, so far."""

class Coder:
    def __init__(self, dicts: str = "builtin", coder: Optional[str] = None) -> None: ...
    @property
    def warnings(self) -> list[str]: ...
    def code(
        self,
        text: TextLike,
        date: DateLike = None,
        doc_id: Optional[Union[str, int]] = None,
        title: Optional[str] = None,
    ) -> list[dict[str, Any]]: ...
    def code_many(
        self,
        stories: Iterable[Union[dict[str, Any], tuple, str]],
        threads: Optional[int] = None,
        errors: str = "warn",
    ) -> EventStream: ...
    def _code_columns(
        self,
        texts: Sequence[Any],
        ids: Optional[Sequence[Any]] = None,
        dates: Optional[Sequence[Any]] = None,
        titles: Optional[Sequence[Any]] = None,
        threads: Optional[int] = None,
        errors: str = "warn",
    ) -> dict[str, list[Any]]: ...
    def actor(self, phrase: str, date: DateLike) -> dict[str, Any]: ...
