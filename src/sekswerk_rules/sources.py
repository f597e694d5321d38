"""Bronnenregister: every legal source a rule stands on, written once, opened and checked.

A source is one document (one article, where a law has many that rules cite separately): what
kind of text it is, its official identifier (BWB id of a law, CVDR id of an APV or policy rule,
ECLI of a ruling, CELEX number of a treaty, Kamerstuk number), the article, the date of the text
version cited, a link to *that* document and, where the text is public, a short quote. Where no
public text was found the source says so (``public = false``) instead of linking a homepage. Each
entry records how and when it was verified.

The registry lives in ``data/sources/*.toml``, one file per area; regimes refer to a source by key:
``basis = [{ source = "sr-273f", confidence = "high", detail = "lid 1 sub 2°" }]``. A municipality's
own regime file may also give a source inline, with the same fields and a ``kind``.

*The source registry: structured, verifiable citations.*

>>> source("sr-273f").kind, source("sr-273f").identifier
('law', 'BWBR0001854')
>>> check_url("https://lokaleregelgeving.overheid.nl/")
'a link to a site’s homepage or search page is not a source; link the document itself'
>>> check_url("https://wetten.overheid.nl/BWBR0001854") is None
True
"""

from __future__ import annotations

import difflib
import re
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, StrictBool, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from . import tomlread

Kind = Literal["law", "bylaw", "policy", "ruling", "parliamentary", "treaty", "model", "news", "report", "government"]

#: Dutch names of the kinds, for pages and explanations.
KIND_NAMES: dict[str, tuple[str, str]] = {
    "law": ("wet of besluit", "statute or decree"),
    "bylaw": ("gemeentelijke verordening (APV)", "municipal bylaw (APV)"),
    "policy": ("beleidsregel", "policy rule"),
    "ruling": ("uitspraak", "court ruling"),
    "parliamentary": ("Kamerstuk", "parliamentary paper"),
    "treaty": ("verdrag of EU-recht", "treaty or EU law"),
    "model": ("modelverordening (VNG)", "model bylaw (VNG)"),
    "news": ("nieuwsbericht", "news article"),
    "report": ("rapport", "report"),
    "government": ("overheidspublicatie", "government publication"),
}

#: The form of an identifier per kind; kinds not listed take any identifier or none.
IDENTIFIER_FORMS: dict[str, str] = {
    "law": r"BWBR\d{7}",
    # a CVDR id, or the Gemeenteblad publication where the consolidated text has none
    "bylaw": r"CVDR\d+(/\d+)?|gmb-\d{4}-\d+",
    "policy": r"CVDR\d+(/\d+)?|gmb-\d{4}-\d+",
    # an ECLI, or the Raad van State case number where no ECLI could be confirmed
    "ruling": r"ECLI:[A-Z]{2}:[A-Z0-9]+:\d{4}:[A-Z0-9.]+|\d{9}/\d+/[A-Z0-9]+",
    "treaty": r"\d[0-9A-Z()/]+",
    "parliamentary": r"\d{5}(-[A-Z0-9]+)?, nr\. [0-9A-Z]+",
}
#: Kinds that must carry an identifier where the text is public: it has an official number.
NEEDS_IDENTIFIER = frozenset({"law", "bylaw", "ruling", "treaty", "parliamentary"})


#: Why a link cannot serve as a source, by error code.
URL_PROBLEMS = {
    "source_url": "a source link must be an https address",
    "source_homepage": "a link to a site’s homepage or search page is not a source; link the document itself",
}
_SEARCH_PAGES = {"", "search", "zoeken", "zoekresultaat", "zoek"}


def url_problem(url: str) -> str | None:
    """The code of what is wrong with ``url`` as a link to a source (``URL_PROBLEMS``), or ``None``.

    Only ``https`` links to a document: never a site's homepage (no path) or a bare search page.
    """
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.netloc or any(c.isspace() for c in url):
        return "source_url"
    path = parts.path.strip("/").lower()
    if path in _SEARCH_PAGES and not (path == "" and parts.query):
        return "source_homepage"
    return None


def check_url(url: str) -> str | None:
    """Why ``url`` cannot serve as a link to a source, in words, or ``None`` if it can."""
    code = url_problem(url)
    return URL_PROBLEMS[code] if code else None


class _Document(BaseModel):
    """The fields that describe a document, shared by the registry and a rule's basis."""

    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)

    kind: Kind
    article: str | None = Field(default=None, max_length=200)
    identifier: str | None = Field(default=None, max_length=200)
    text_date: date | None = None
    url: str | None = Field(default=None, max_length=2000)
    quote: str | None = Field(default=None, max_length=600)
    #: ``False``: no public text was found ("tekst niet openbaar gevonden"); then no link.
    public: StrictBool = True
    #: The line range in the source report (``kind = "report"``), e.g. ``"1004-1016"``.
    lines: str | None = Field(default=None, pattern=r"^\d+(-\d+)?$")

    @model_validator(mode="after")
    def _well_formed(self) -> _Document:
        if self.url is not None:
            code = url_problem(self.url)
            if code:
                raise PydanticCustomError(code, URL_PROBLEMS[code])
        form = IDENTIFIER_FORMS.get(self.kind)
        if self.identifier is None and self.kind in NEEDS_IDENTIFIER and self.public:
            raise PydanticCustomError("source_identifier", "a {kind} source needs its identifier ({form})", {"kind": self.kind, "form": form or ""})
        if self.identifier is not None and form and not re.fullmatch(form, self.identifier):
            raise PydanticCustomError("source_identifier", "the identifier of a {kind} source has the form {form}", {"kind": self.kind, "form": form})
        if self.url is None and self.public and self.kind != "report":
            raise PydanticCustomError("source_link", "a public source needs a 'url'; a source whose text is not public says public = false")
        if self.url is not None and not self.public:
            raise PydanticCustomError("source_private_link", "a source with public = false has no 'url'")
        if self.lines is not None and self.kind != "report":
            raise PydanticCustomError("source_lines", "'lines' belongs to the source report only")
        return self


class Source(_Document):
    """One entry of the registry: a document, and how and when it was verified."""

    title: str = Field(min_length=1, max_length=300)
    verified_on: date | None = None
    verified_how: str | None = None

    def citation(self, detail: str | None = None) -> str:
        """The citation as a reader sees it: title, article, detail (and lines of the report)."""
        article = " ".join(part for part in (self.article, detail) if part) or None
        lines = f"regelnummers {self.lines}" if self.lines else None
        return ", ".join(part for part in (self.title, article, lines) if part)


Confidence = Literal["high", "medium", "low"]


class Basis(_Document):
    """Where a rule comes from: a source and how sure the reading is (``confidence``).

    In a regime file a basis names a source of the registry (``source``, with an optional
    ``detail`` such as "lid 2") or, in a municipality's own file, describes one inline
    (``kind``, ``title``, ``article``, ``identifier``, ``url`` or ``public = false``, ...).
    Either way the decision shows the full source, with ``citation`` as one readable line.

    >>> Basis.model_validate({"source": "sr-273f", "detail": "lid 1", "confidence": "high"}).citation
    'Wetboek van Strafrecht, art. 273f lid 1'
    >>> Basis.model_validate({"citation": "APV Voorbeeld art. 3:8", "url": "https://example.org/apv", "confidence": "low"})
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for Basis
      a basis names a 'source' from the registry or describes one with a 'kind' ...
    """

    citation: str = Field(min_length=1, max_length=600)
    confidence: Confidence
    #: The registry key, where the source comes from the registry.
    source: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_source(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        if "citation" in data and "kind" in data:
            return data  # already resolved (a decision read back)
        data = dict(data)
        detail = data.pop("detail", None)
        if data.get("source") is not None and "kind" not in data:
            key = data["source"]
            found = registry().get(key) if isinstance(key, str) else None
            if found is None:
                close = difflib.get_close_matches(str(key), keys(), n=1, cutoff=0.6) if isinstance(key, str) else []
                hint = f"; did you mean '{close[0]}'?" if close else ""
                raise PydanticCustomError("unknown_source", "unknown source in the registry{hint}", {"hint": hint})
            if set(data) - {"source", "confidence"}:
                raise PydanticCustomError("source_fields", "a basis that names a 'source' takes only 'confidence' and 'detail' besides it")
            fields = found.model_dump(exclude={"title", "verified_on", "verified_how"})
            article = " ".join(part for part in (found.article, detail) if part) or None
            return {**fields, "article": article, "citation": found.citation(detail), "source": key, "confidence": data.get("confidence")}
        if "kind" not in data:
            raise PydanticCustomError(
                "basis_kind", "a basis names a 'source' from the registry or describes one with a 'kind' (law, bylaw, policy, ruling, ...)"
            )
        title = data.pop("title", None)
        if not isinstance(title, str) or not title.strip():
            raise PydanticCustomError("basis_title", "a basis described inline needs a 'title'")
        article = " ".join(part for part in (data.get("article"), detail) if isinstance(part, str) and part) or None
        return {**data, "article": article, "citation": ", ".join(p for p in (title, article) if p)}


@lru_cache(maxsize=1)
def registry() -> dict[str, Source]:
    """Every source of ``data/sources/*.toml`` by key; a key is unique across the files."""
    found: dict[str, Source] = {}
    folder = resources.files("sekswerk_rules").joinpath("data", "sources")
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".toml"):
            continue
        raw = tomlread.loads(entry.read_text("utf-8"))
        for key, table in raw.items():
            if key in found:
                raise ValueError(f"source '{key}' is defined twice (data/sources/{entry.name})")
            if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", key):
                raise ValueError(f"source key '{key}' is not lowercase words joined by '-' (data/sources/{entry.name})")
            try:
                found[key] = Source.model_validate(table)
            except ValidationError as exc:
                raise ValueError(f"source '{key}' in data/sources/{entry.name}: {exc.errors(include_input=False)[0]['msg']}") from None
    return found


def source(key: str) -> Source:
    """A source of the registry by key; ``KeyError`` if there is none."""
    return registry()[key]


def keys() -> list[str]:
    return sorted(registry())
