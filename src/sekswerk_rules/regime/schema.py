"""A regime file's schema: its limits and the pydantic models of the file, a version and a rule's common keys."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool
from pydantic_core import PydanticCustomError

from ..case import IsoDate
from ..rules import Basis

NATIONAL = "nationaal"
#: A regime file is a few kilobytes; anything near this limit is not a regime file.
MAX_BYTES = 256 * 1024
MAX_VERSIONS = 1000
#: Own files in one ``extends`` chain (shipped regimes not counted).
MAX_DEPTH = 8
#: Problems listed in one error; the rest are counted.
MAX_PROBLEMS = 50


def _uncertainty(value: Any) -> Any:
    """``uncertain`` is ``"date"``, ``"transition"`` or ``false``: never ``0`` or ``"no"``."""
    if value is None or type(value) is bool or isinstance(value, str):
        return value
    raise PydanticCustomError("literal_error", "invalid value", {"expected": "'date', 'transition' or false"})


class _VersionFile(BaseModel):
    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True)
    valid_from: IsoDate
    note: str | None = None
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)


class _RegimeFile(BaseModel):
    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True)
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)
    name: str
    cbs_code: str | None = Field(default=None, pattern=r"^GM\d{4}$")
    extends: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)
    description: str | None = None
    #: For policy staff, in Dutch: what the regime encodes and which readings it chose.
    toelichting: str | None = None
    versions: list[_VersionFile] = Field(min_length=1)


class _Common(BaseModel):
    """Keys every rule table may have besides the rule's own parameters (types strict)."""

    model_config = ConfigDict(extra="ignore", hide_input_in_errors=True)
    enabled: StrictBool = True
    basis: list[Basis] | None = None
    #: ``"date"``: the entry into force on this date is not certain (text or date not
    #: found); ``"transition"``: a transition period may exempt the person. ``false``: certain.
    uncertain: Annotated[Literal["date", "transition", False] | None, BeforeValidator(_uncertainty)] = None

    @property
    def reason(self) -> str | None:
        return self.uncertain or None


_COMMON = ("enabled", "basis", "uncertain")
