"""The HTTP contract's constants and models: what a client sends and receives (OpenAPI components)."""

from __future__ import annotations

from datetime import date
from datetime import date as Day  # a field of RegimeTable is called ``date``
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..case import Case
from ..decision import Decision
from ..lang import Lang
from ..sources import Basis

#: The version of the HTTP contract (semantic versioning; the major is the ``/v1`` in every
#: path). It changes with the contract only; the library's version is in every decision's
#: ``provenance.library_version``.
API_VERSION = "1.1.0"
#: The largest request body accepted (a case is about 1 kB; a full batch about 100 kB).
MAX_BODY = 1024 * 1024
#: The most cases one batch request may hold.
MAX_BATCH = 100
#: Seconds a client may take to send its whole body.
BODY_TIMEOUT = 10.0
#: Seconds an idle kept-alive connection stays open.
KEEP_ALIVE = 5
#: Who answers for the contract (``info.contact``); a URL or e-mail address once the project has a public home.
CONTACT = {"name": "sekswerk-rules developers"}
SERVERS = [
    {"url": "/", "description": "Deze server / this server"},
    {"url": "http://127.0.0.1:8000", "description": "sekswerk-rules serve, standaardadres / default address"},
]

PROBLEM = "application/problem+json"
LANGS: tuple[Lang, ...] = ("nl", "en")
_STATUS = {
    "unknown_municipality": 404,
    "not_found": 404,
    "method_not_allowed": 405,
    "too_large": 413,
    "unsupported_media_type": 415,
    "request_timeout": 408,
    "internal_error": 500,
}
_TITLES = {
    400: ("Ongeldige invoer", "Invalid input"),
    404: ("Niet gevonden", "Not found"),
    405: ("Methode niet toegestaan", "Method not allowed"),
    408: ("Te traag", "Request timeout"),
    413: ("Te groot", "Too large"),
    415: ("Verkeerd mediatype", "Unsupported media type"),
    500: ("Interne fout", "Internal error"),
}
#: Headers on every response of the JSON API (``/v1``).
_API_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"cache-control", b"no-store")]


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ProblemItem(_Out):
    """Eén fout: het veld (pad), de code uit docs/foutcodes.md en een zin. / One error: field path, code, sentence."""

    path: str = Field(
        description="Veldpad (person.bsn, query.lang) of leeg voor het hele verzoek / field path, or empty for the request", examples=["person.bsn"]
    )
    code: str = Field(
        description="Foutcode (docs/foutcodes.md); nieuwe codes kunnen erbij komen / error code; new codes may be added", examples=["invalid_bsn"]
    )
    message: str = Field(
        description="De fout in de gevraagde taal, zonder ingevoerde waarde / the error in the language asked for, never a value",
        examples=["person.bsn: geen geldig BSN (9 cijfers die de 11-proef doorstaan)."],
    )


class Problem(_Out):
    """Een fout als application/problem+json (RFC 9457). / An error as problem+json."""

    type: str = Field(pattern=r"^(urn:sekswerk-rules:error:[a-z_]+|about:blank)$", examples=["urn:sekswerk-rules:error:invalid_bsn"])
    title: str = Field(examples=["Ongeldige invoer"])
    status: int = Field(ge=400, le=599, examples=[400])
    detail: str = Field(description="Alle fouten, één per regel / every error, one per line")
    errors: list[ProblemItem]


class BatchDecision(Decision):
    """Een beslissing in een batch, met haar plaats in het verzoek. / A decision in a batch, with its index."""

    index: int = Field(ge=0, description="Plaats van de zaak in 'cases', vanaf 0 / position in 'cases', from 0")


class BatchError(_Out):
    """Een zaak die niet beoordeeld kon worden, op haar plaats. / A case that could not be decided, in its place."""

    index: int = Field(ge=0, description="Plaats van de zaak in 'cases', vanaf 0 / position in 'cases', from 0")
    id: str | None = Field(description="De eigen referentie van de zaak, als die geldig was / the case's own id, if valid")
    errors: list[ProblemItem]


class BatchResponse(_Out):
    """Eén record per zaak, in volgorde: een beslissing of fouten. / One record per case, in order."""

    results: list[BatchDecision | BatchError]


class BatchRequest(_Out):
    """Tot 100 zaken. Een zaak die niet geldig is geeft een fout op haar plaats; de andere worden beoordeeld."""

    cases: list[Case] = Field(max_length=MAX_BATCH)


class RegimeSummary(_Out):
    """Een regime: id, CBS-code, naam en de dagen waarop een versie ingaat. / A regime and its versions."""

    id: str = Field(examples=["groningen"])
    cbs_code: str | None = Field(examples=["GM0014"])
    name: str = Field(examples=["Groningen"])
    versions: list[date]


class RegimeRule(_Out):
    """Een regel die op de datum van kracht is. / A rule in force on the date."""

    key: str = Field(examples=["minimumleeftijd"])
    title: str
    national: bool = Field(description="Landelijk recht (geldt overal) / national law")
    params: dict[str, Any] = Field(description="De parameters van de regel in dit regime / the rule's parameters")
    basis: list[Basis]
    uncertain: Literal["date", "transition"] | None = Field(description="Waarom onzeker is of de regel geldt / why it is uncertain the rule applies")


class RegimeTable(_Out):
    """De beslistabel van een regime op een datum. / A regime's decision table on a date."""

    id: str = Field(examples=["groningen"])
    name: str
    cbs_code: str | None
    date: Day = Field(description="De gevraagde datum / the date asked for")
    version: Day = Field(description="De versie die op de datum geldt / the version in force on the date")
    rules: list[RegimeRule]
