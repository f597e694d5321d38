"""Writing the tables start-up reads instead of parsing or loading their sources; a test
checks each equals its source::

    python -m sekswerk_rules.tables

- :mod:`sekswerk_rules._tomlread_tables`: the parsed value of each shipped TOML file as
  Python literals, under the digest of its text (read by :mod:`sekswerk_rules.tomlread`).
- :mod:`sekswerk_rules._country_tables`: pycountry's ISO 3166-1 codes and the countries'
  names in Dutch and English (read by :mod:`sekswerk_rules.countries`).
"""

from __future__ import annotations

import datetime
import sys
import tomllib
from importlib import resources
from importlib.metadata import version
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
        "Written by ``python -m sekswerk_rules.tables``; do not edit.",
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


def country_tables_source() -> str:
    """The text of :mod:`sekswerk_rules._country_tables` for the installed pycountry."""
    import pycountry

    from .countries import _dutch

    codes: dict[str, str] = {}
    names: dict[str, tuple[str, str]] = {}
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        alpha_2 = str(country.alpha_2)
        codes[alpha_2] = codes[str(country.alpha_3)] = alpha_2
        english = str(getattr(country, "common_name", None) or country.name)
        names[alpha_2] = (_dutch().gettext(str(country.name)), english)
    lines = [
        '"""ISO 3166-1 codes and country names from pycountry (see :mod:`sekswerk_rules.countries`).',
        "",
        f"Written by ``python -m sekswerk_rules.tables`` from pycountry {version('pycountry')}; do not edit.",
        '"""',
        "",
        "# fmt: off",
        "#: An alpha-2 or alpha-3 code (upper case) -> its alpha-2 code.",
        f"ALPHA2: dict[str, str] = {_literal(codes)}",
        "",
        "#: An alpha-2 code -> the country's common name in Dutch and in English.",
        "NAMES: dict[str, tuple[str, str]] = {" + ", ".join(f"{code!r}: ({nl!r}, {en!r})" for code, (nl, en) in names.items()) + "}",
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    """Write the tables beside this module."""
    here = Path(__file__).parent
    (here / "_tomlread_tables.py").write_text(tables_source(), encoding="utf-8")
    (here / "_country_tables.py").write_text(country_tables_source(), encoding="utf-8")
    print(f"{here}: _tomlread_tables.py ({len(shipped_files())} files), _country_tables.py")
    return 0


if __name__ == "__main__":
    sys.exit(main())
