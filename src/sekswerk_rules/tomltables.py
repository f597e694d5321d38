"""Writing :mod:`sekswerk_rules._tomlread_tables`: the parsed value of each shipped TOML file
as Python literals, under the digest of its text (read by :mod:`sekswerk_rules.tomlread`)::

    python -m sekswerk_rules.tomltables
"""

from __future__ import annotations

import datetime
import sys
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from .tomlread import digest, shipped_files


def _literal(value: Any) -> str:
    """``value`` as Python source; only what TOML gives and the shipped files use."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key!r}: {_literal(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_literal(item) for item in value) + "]"
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return f"date({value.year}, {value.month}, {value.day})"
    if isinstance(value, (str, bool, int)) or (isinstance(value, float) and value == value and abs(value) != float("inf")):
        return repr(value)
    raise TypeError(f"no table for a value of type {type(value).__name__}")


def tables_source() -> str:
    """The text of :mod:`sekswerk_rules._tomlread_tables` for the files as they are now."""
    root = resources.files("sekswerk_rules")
    lines = [
        '"""The parsed values of the shipped TOML files, by digest of their text (see :mod:`sekswerk_rules.tomlread`).',
        "",
        "Written by ``python -m sekswerk_rules.tomltables``; do not edit.",
        '"""',
        "",
        "from collections.abc import Callable",
        "from datetime import date",
        "from typing import Any",
        "",
        "# fmt: off",
        "TABLES: dict[str, Callable[[], dict[str, Any]]] = {",
    ]
    for name in shipped_files():
        text = root.joinpath(name).read_text("utf-8")
        lines.append(f"    # {name}")
        lines.append(f"    {digest(text)!r}: lambda: {_literal(tomllib.loads(text))},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> int:
    """Write the tables beside this module."""
    target = Path(__file__).with_name("_tomlread_tables.py")
    target.write_text(tables_source(), encoding="utf-8")
    print(f"{target}: {len(shipped_files())} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
