"""The facts of a case: interchange format v1 as pydantic models.

Absent or ``null`` means *unknown*: no field has a default that pretends to know. A
misspelt field is an error, never silently ignored. Personal numbers are checked and then
dropped: after validation only "has a valid BSN" and "is registered with the KvK"
survive, so a ``Case`` can be logged or dumped without leaking the number itself.

>>> case = parse_case({"municipality": "GM0080",
...     "person": {"bsn": "123456782", "nationalities": ["rou", "NL"]}})
>>> case.person.has_bsn, case.person.bsn, case.person.nationalities
(True, None, ['NL', 'RO'])
>>> parse_case({"person": {"bsn": "123456789"}})
Traceback (most recent call last):
...
sekswerk_rules.errors.CaseError: person.bsn: geen geldig BSN (9 cijfers die de 11-proef doorstaan).
"""

from __future__ import annotations

from .change import with_changes, with_fact
from .contradictions import inconsistencies
from .model import (
    MAX_AGE,
    Case,
    Employment,
    HomeFacts,
    IdentityDocument,
    IdentityKind,
    Intake,
    IsoDate,
    Kvk,
    LicenceFacts,
    LicenceStatus,
    PassColour,
    Person,
    PopulationRegister,
    ResidenceDocument,
    Trafficking,
    WorkPermission,
    Workplace,
    WorkplaceKind,
)
from .parse import MAX_CASE_BYTES, parse_case, parse_day, problems_from

__all__ = [
    "MAX_AGE",
    "MAX_CASE_BYTES",
    "Case",
    "Employment",
    "HomeFacts",
    "IdentityDocument",
    "IdentityKind",
    "Intake",
    "IsoDate",
    "Kvk",
    "LicenceFacts",
    "LicenceStatus",
    "PassColour",
    "Person",
    "PopulationRegister",
    "ResidenceDocument",
    "Trafficking",
    "WorkPermission",
    "Workplace",
    "WorkplaceKind",
    "inconsistencies",
    "parse_case",
    "parse_day",
    "problems_from",
    "with_changes",
    "with_fact",
]
