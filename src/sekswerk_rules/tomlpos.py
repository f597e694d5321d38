"""Find the line of a key path in TOML text, so that a schema error can name it.

``tomllib`` keeps no positions, so this reads the text itself. It understands the shapes
regime files use (top-level keys, ``[[versions]]``, ``[versions.rules.KEY]`` tables and
inline tables); where it cannot find a key it answers ``None`` and the error names the path
only.

>>> text = '''id = "x"
... [[versions]]
... valid_from = 2000-10-01
... [[versions]]
... valid_from = 2016-06-01
... [versions.rules.minimumleeftijd]
... age = 17
... '''
>>> locate(text, ("versions", 1, "rules", "minimumleeftijd", "age"))
7
>>> locate(text, ("id",)), locate(text, ("versions", 0, "valid_from")), locate(text, ("nope",))
(1, 3, None)
"""

from __future__ import annotations

import re
from collections.abc import Sequence


def _key(name: str) -> str:
    return rf'(?:{re.escape(name)}|"{re.escape(name)}")'


def locate(text: str, path: Sequence[str | int]) -> int | None:
    lines = text.splitlines()
    start, end = 0, len(lines)
    found: int | None = None
    parts = list(path)
    # The top level ends at the first table header.
    header = re.compile(r"^\s*\[")
    if parts and parts[0] == "versions" and len(parts) > 1 and isinstance(parts[1], int):
        index = parts[1]
        heads = [i for i, line in enumerate(lines) if re.match(r"^\s*\[\[\s*versions\s*\]\]", line)]
        if index >= len(heads):
            return None
        start = heads[index]
        end = heads[index + 1] if index + 1 < len(heads) else len(lines)
        found = start + 1
        parts = parts[2:]
        if len(parts) >= 2 and parts[0] == "rules":
            table = re.compile(rf"^\s*\[\s*versions\s*\.\s*rules\s*\.\s*{_key(str(parts[1]))}\s*\]")
            inline = re.compile(rf"^\s*{_key(str(parts[1]))}\s*=")
            for i in range(start, end):
                if table.match(lines[i]) or inline.match(lines[i]):
                    found, start = i + 1, i
                    nxt = next((j for j in range(i + 1, end) if header.match(lines[j])), end)
                    end = nxt if table.match(lines[i]) else i + 1
                    break
            else:
                return found
            parts = parts[2:]
    else:
        end = next((i for i, line in enumerate(lines) if header.match(line)), len(lines))
    if parts and isinstance(parts[0], str):
        assign = re.compile(rf"(^|[{{,]\s*){_key(parts[0])}\s*=")
        for i in range(start, end):
            if assign.search(lines[i]):
                return i + 1
        return found
    return found
