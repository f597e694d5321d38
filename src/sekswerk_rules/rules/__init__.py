"""Every rule the library knows, national law first, in the order decisions list them.

A regime file switches rules on by key and gives their parameters and legal basis; the
keys below are documented one to one in ``docs/regels.md``.
"""

from __future__ import annotations

from .age import MinimumAge, NationalMinimumAge
from .base import Basis, Context, Outcome, Rule, RuleResult
from .home import HomeWork
from .intake import IntakeAndPass
from .registration import Bsn, KvkRegistration
from .trafficking import HumanTrafficking
from .work_authorisation import WorkAuthorisation
from .workplace import DesignatedZone, Licence, WorkplaceAllowed

RULES: dict[str, Rule] = {
    rule.key: rule
    for rule in (
        NationalMinimumAge(),
        HumanTrafficking(),
        WorkAuthorisation(),
        MinimumAge(),
        WorkplaceAllowed(),
        Licence(),
        DesignatedZone(),
        HomeWork(),
        KvkRegistration(),
        Bsn(),
        IntakeAndPass(),
    )
}

#: Every rule key, sorted; the documented list must equal this.
RULE_KEYS: tuple[str, ...] = tuple(sorted(RULES))

__all__ = ["RULES", "RULE_KEYS", "Basis", "Context", "Outcome", "Rule", "RuleResult"]
