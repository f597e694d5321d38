"""Regimes: a municipality's rules as a TOML file, a validated diff over its parent.

A regime file ``extends`` another (in the end the VNG Model-APV, which extends national
law), overrides only what differs, and carries ``[[versions]]`` with a ``valid_from`` date.
Versions are cumulative and half-open: a version holds from its ``valid_from`` until the
next one starts. A file only selects and parametrises rules the library knows; it can never
run code. National law (``nationaal.*`` rules) cannot be changed or switched off.

National law always runs. The id ``nationaal`` is reserved: only the shipped file may carry
it. ``extends`` naming a shipped regime (``nationaal``, ``model-apv``, ``leeuwarden``...)
always means the shipped one; a file beside the user's own file is read only for an id that
is not shipped (a municipality's own chain of files), so no file can slip in under a shipped
name. Every chain therefore ends in the shipped ``nationaal``, and no version starts before
2000-10-01. A user's file may carry a shipped municipality's id (its own edited APV, loaded
explicitly with ``--regime``), but a shipped municipality's CBS code only together with that
municipality's id. A regime has no rules before its own first version: a date before it is
an error naming that date, never the parent's rules under the municipality's name.

Limits, each with its own message: a file of at most 256 KiB, at most 1,000 versions, at
most 8 own files in one ``extends`` chain; at most 50 problems are listed (then how many
more). Validation is linear in the size of the file.

>>> leeuwarden = get("GM0080")
>>> leeuwarden.id, leeuwarden.name
('leeuwarden', 'Leeuwarden')
>>> from datetime import date
>>> [r.rule.key for r in leeuwarden.resolve(date(2024, 5, 1)).rules][-2:]
['kvk-inschrijving', 'bsn']
>>> leeuwarden.first_day  # every chain starts with national law on the lifting of the brothel ban
datetime.date(2000, 10, 1)
>>> [r.id for r in leeuwarden.chain()]
['leeuwarden', 'model-apv', 'nationaal']
"""

from __future__ import annotations

from .files import _codes, _shipped
from .load import _shipped_regime, get, load, loads, shipped
from .model import ActiveRule, Regime, Resolved
from .schema import MAX_BYTES, MAX_DEPTH, MAX_PROBLEMS, MAX_VERSIONS, NATIONAL

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_PROBLEMS",
    "MAX_VERSIONS",
    "NATIONAL",
    "ActiveRule",
    "Regime",
    "Resolved",
    "_codes",
    "_shipped",
    "_shipped_regime",
    "get",
    "load",
    "loads",
    "shipped",
]
