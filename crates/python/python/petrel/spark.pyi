from typing import Any, Optional

def schema() -> Any: ...
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
) -> Any: ...
