"""One bounded memo for the caches of the engine and the advice: a value made once per key and
shared; the table is emptied when it is full (a full table is rare, and cheap to fill again).

>>> table: dict[str, list[int]] = {}
>>> memo(table, 2, "a", lambda: [1]) is memo(table, 2, "a", lambda: [2])
True
>>> memo(table, 2, "b", list), memo(table, 2, "c", list), sorted(table)
([], [], ['c'])
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

_T = TypeVar("_T")


def memo(table: dict[Any, Any], bound: int, key: Any, make: Callable[[], _T]) -> _T:
    """``table[key]``, made by ``make()`` the first time; the table is emptied when it holds ``bound``."""
    found: _T | None = table.get(key)
    if found is None:
        if len(table) >= bound:
            table.clear()
        found = table[key] = make()
    return found
