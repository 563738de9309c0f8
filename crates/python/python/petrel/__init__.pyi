"""Type stubs for the petrel package."""

from typing import Any, Optional

from ._petrel import (
    COLUMNS as COLUMNS,
    FORMAT_VERSION as FORMAT_VERSION,
    DictionaryError as DictionaryError,
    EventStream as EventStream,
    PetrelError as PetrelError,
    SkipError as SkipError,
    parse as parse,
)
from ._petrel import Coder as _Coder, DateLike

class Coder(_Coder):
    def actor(self, phrase: str, date: DateLike = None) -> dict[str, Any]: ...
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
        """A ``pyarrow.Table`` (or pandas DataFrame) of stories to a ``pyarrow.Table`` of events."""

def arrow_schema() -> Any: ...
