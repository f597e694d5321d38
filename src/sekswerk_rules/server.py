"""An HTTP interface for case systems that are not written in Python (optional extra
``[server]``: FastAPI and uvicorn). Stateless: nothing is stored, no request body or personal
value is logged, errors are ``application/problem+json`` naming fields, never values.

Hostile clients get a 4xx, never a 5xx or a log line with their input: the body is counted
while it streams (chunked too) and refused at 1 MiB (413) without reading the rest; a body
that does not arrive within :data:`BODY_TIMEOUT` seconds gets 408; a body that is not
``application/json`` gets 415 (a web page elsewhere cannot post a "simple" cross-site
request here); duplicate keys and nesting deeper than 64 are refused (400). Whatever else
goes wrong is a 500 problem+json without details, and the server logs no traceback.

The contract follows the Dutch API Design Rules where they apply (``docs/ontwikkelaars/http.md``
says which and why not the others): versioned under ``/v1``, an ``API-Version`` header on every
response (:data:`API_VERSION`, the version of this contract, not of the library), problem+json
for every error including 404 and 405, no redirect for a trailing slash, and the OpenAPI 3.1
document at ``/v1/openapi.json`` (readable cross-origin). ``lang`` is ``nl`` or ``en`` wherever
it is given; anything else is a 400. A small page at ``/`` tries a case in a browser.

    sekswerk-rules serve --host 127.0.0.1 --port 8000 --lang nl
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from datetime import date as Day  # a field of RegimeTable is called ``date``
from pathlib import Path
from typing import Any, Literal
from urllib.parse import parse_qsl

import anyio
from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .case import Case, parse_day
from .catalog import Catalog, catalog
from .decision import Decision
from .engine import evaluate
from .errors import CaseError, SekswerkRulesError
from .errors import Problem as Found
from .jsontext import loads, take_id
from .lang import Lang, pick
from .presentation import table, web
from .sources import Basis

#: The version of the HTTP contract (semantic versioning; the major is the ``/v1`` in every
#: path). It changes with the contract only; the library's version is in every decision's
#: ``provenance.library_version``.
API_VERSION = "1.0.0"
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


# --------------------------------------------------------------------------- the contract's models


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


# --------------------------------------------------------------------------- problems


def _message(found: Found, lang: Lang) -> str:
    return found.message(lang)


def problem(error: SekswerkRulesError | list[Found], lang: Lang, status: int | None = None, headers: dict[str, str] | None = None) -> JSONResponse:
    """The problem+json response for an error (or for problems whose codes are still pending)."""
    found = error if isinstance(error, list) else error.problems
    code = found[0].code if found else "invalid"
    status = status or _STATUS.get(code, 400)
    errors = [{"path": p.path, "code": p.code, "message": _message(p, lang)} for p in found]
    body = {
        "type": f"urn:sekswerk-rules:error:{code}",
        "title": pick(_TITLES.get(status, _TITLES[400]), lang),
        "status": status,
        "detail": "\n".join(e["message"] for e in errors),
        "errors": errors,
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


def _given_langs(scope: Scope) -> list[str]:
    """Every ``lang`` query parameter given; the application reads the last one."""
    pairs = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    return [value for key, value in pairs if key == "lang"]


def _bad_lang() -> CaseError:
    return CaseError([Found("query.lang", "invalid_choice", {"allowed": ", ".join(LANGS)})])


class Guard:
    """The outermost layer of the application (inside Starlette's own error layer, which it
    leaves nothing to): stamps every response with ``API-Version``; refuses a ``lang`` other
    than ``nl`` or ``en`` on any path; reads a request body while counting its bytes, refuses
    it at ``MAX_BODY`` (413) or after ``BODY_TIMEOUT`` seconds (408), then hands the buffered
    body on; any exception becomes a 500 problem+json without details, and is neither raised
    nor logged. ``GET`` and ``HEAD`` bodies are never read."""

    def __init__(self, app: ASGIApp, lang: Lang = "nl") -> None:
        self.app = app
        self.lang: Lang = lang

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _stamped(send, scope.get("path", ""))
        given = _given_langs(scope)
        if any(value not in LANGS for value in given):  # a repeated lang must be valid each time
            await problem(_bad_lang(), self.lang)(scope, receive, send)
            return
        lang: Lang = given[-1] if given else self.lang  # type: ignore[assignment]
        if scope.get("method") == "HEAD":  # HEAD is GET without the body (RFC 9110 §9.3.2)
            scope, send = {**scope, "method": "GET"}, _headless(send)
        if scope.get("method") not in ("GET", "HEAD"):
            body = await _read(scope, receive, send, lang)
            if body is None:
                return
            receive = _replay(body, receive)
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception:  # the one place: never a traceback, never the input
            if not started:
                await _refuse(Found("", "internal_error"), lang, scope, receive, send)


def _stamped(send: Send, path: str) -> Send:
    extra = [(b"api-version", API_VERSION.encode())] + (_API_HEADERS if path.startswith("/v1/") else [])

    async def stamp(message: Message) -> None:
        if message["type"] == "http.response.start":
            have = {name.lower() for name, _ in message.get("headers", [])}
            message = {**message, "headers": [*message.get("headers", []), *(h for h in extra if h[0] not in have)]}
        await send(message)

    return stamp


def _headless(send: Send) -> Send:
    async def head(message: Message) -> None:
        await send({**message, "body": b""} if message["type"] == "http.response.body" else message)

    return head


async def _read(scope: Scope, receive: Receive, send: Send, lang: Lang) -> bytes | None:
    """The whole body, or ``None`` once the client has gone or been refused."""
    length = dict(scope.get("headers") or []).get(b"content-length")
    if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
        await _refuse(Found("", "too_large", {"limit": str(MAX_BODY)}), lang, scope, receive, send)
        return None
    chunks: list[bytes] = []
    size = 0
    try:
        with anyio.fail_after(BODY_TIMEOUT):
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return None  # the client has gone: nothing to answer, nothing to log
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > MAX_BODY:
                    await _refuse(Found("", "too_large", {"limit": str(MAX_BODY)}), lang, scope, receive, send)
                    return None
                chunks.append(chunk)
                if not message.get("more_body", False):
                    return b"".join(chunks)
    except TimeoutError:
        await _refuse(Found("", "request_timeout", {"seconds": str(int(BODY_TIMEOUT))}), lang, scope, receive, send)
        return None


def _replay(body: bytes, receive: Receive) -> Receive:
    given = False

    async def replay() -> Message:
        nonlocal given
        if not given:
            given = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _refuse(found: Found, lang: Lang, scope: Scope, receive: Receive, send: Send) -> None:
    await problem(CaseError([found]), lang)(scope, receive, send)


def _catalog(request: Request) -> Catalog:
    """The regimes this application knows (``create_app(regimes=...)``)."""
    found: Catalog = request.app.state.catalog
    return found


def _lang(request: Request) -> Lang:
    """The language of this request: its ``lang`` (checked by :class:`Guard`) or the server's."""
    given = request.query_params.get("lang")
    return given if given in LANGS else request.app.state.lang


async def _invalid_request(request: Request, exc: Exception) -> JSONResponse:
    """A bad query parameter or path: problem+json naming the parameter, never its value."""
    assert isinstance(exc, RequestValidationError)
    problems = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error.get("loc", ()))
        code = "invalid_date" if where.endswith("date") else "invalid_choice" if where.endswith("lang") else "invalid_type"
        params = {"allowed": ", ".join(LANGS)} if code == "invalid_choice" else {"expected_nl": "een geldige waarde", "expected_en": "a valid value"}
        problems.append(Found(where, code, params))
    return problem(CaseError(problems), _lang(request))


async def _http_error(request: Request, exc: Exception) -> Response:
    """Starlette's own 404 (no such path; a trailing slash too) and 405 (no such method), as problem+json."""
    assert isinstance(exc, HTTPException)
    lang = _lang(request)
    if exc.status_code == 405:
        allowed = (exc.headers or {}).get("Allow", "")
        return problem([Found("", "method_not_allowed", {"allowed": allowed})], lang, 405, {"Allow": allowed})
    if exc.status_code == 404:
        return problem([Found("", "not_found")], lang, 404)
    title = pick(_TITLES.get(exc.status_code, _TITLES[400]), lang)
    body = {"type": "about:blank", "title": title, "status": exc.status_code, "detail": title, "errors": []}
    return JSONResponse(body, status_code=exc.status_code, media_type=PROBLEM, headers=exc.headers)


# --------------------------------------------------------------------------- the API


def _problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    texts = {
        400: "Ongeldige invoer of parameter / invalid input or parameter",
        404: "Onbekende gemeente of regime / unknown municipality or regime",
        408: "De invoer kwam niet binnen 10 seconden binnen / the body did not arrive in time",
        413: "Groter dan 1 MiB / larger than 1 MiB",
        415: "Geen application/json / not application/json",
        500: "Interne fout; niets bewaard of gelogd / internal error; nothing kept or logged",
    }
    schema = {"$ref": "#/components/schemas/Problem"}
    return {s: {"description": texts[s], "content": {PROBLEM: {"schema": schema}}} for s in statuses}


LANG_DESCRIPTION = "Taal van uitleg en fouten (standaard die van de server: serve --lang, anders nl). / Language of explanations and errors."
LangParam = Query(None, description=LANG_DESCRIPTION)
DateParam = Query(
    None,
    pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    description="Peildatum JJJJ-MM-DD; wint van de zaak. / Reference date; wins over the case's.",
    examples=["2024-05-01"],
)
MunicipalityParam = Query(
    None, max_length=64, description="CBS-code of regime-id; wint van de zaak. / CBS code or regime id; wins over the case's.", examples=["GM0080"]
)
CASE_BODY = {"requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Case"}}}}}
BATCH_BODY = {"requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/BatchRequest"}}}}}

api = APIRouter()


def _is_json(request: Request) -> bool:
    kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    return kind == "application/json" or (kind.startswith("application/") and kind.endswith("+json"))


def _not_json(lang: Lang) -> JSONResponse:
    return problem(CaseError([Found("", "unsupported_media_type", {"expected": "application/json"})]), lang)


def _on(value: str | None, lang: Lang) -> date | None:
    """The ``date`` query parameter, reported as itself (not as the case's reference date)."""
    return None if value is None else parse_day(value, "query.date", lang=lang)


def _object(data: Any, lang: Lang) -> dict[str, Any]:
    """A case is a JSON object; a string holding JSON text (a case encoded twice) is not one."""
    if not isinstance(data, dict):
        raise CaseError([Found("", "not_an_object")], lang=lang)
    return data


def _errors(error: SekswerkRulesError, lang: Lang) -> list[dict[str, str]]:
    return [{"path": p.path, "code": p.code, "message": _message(p, lang)} for p in error.problems]


@api.post(
    "/v1/decisions",
    operation_id="decide",
    tags=["decisions"],
    summary="Beoordeel één zaak / Decide one case",
    response_model=Decision,
    response_description="De beslissing / the decision",
    responses=_problems(400, 404, 408, 413, 415, 500),
    openapi_extra=CASE_BODY,
)
async def decide(request: Request, lang: Lang | None = LangParam, date: str | None = DateParam, municipality: str | None = MunicipalityParam) -> Response:
    """Beoordeel één zaak (uitwisselformaat v1) en geef de beslissing, met de eigen `id` van de zaak
    en de herkomst (bibliotheekversie, digest van het regime).

    Decide one case (interchange format v1); the decision carries the case's own `id` and its provenance."""
    chosen = _lang(request)
    if not _is_json(request):
        return _not_json(chosen)
    try:
        data = _object(loads(await request.body(), lang=chosen), chosen)
        decision = evaluate(data, municipality=municipality, on=_on(date, chosen), lang=chosen, regimes=_catalog(request))
    except SekswerkRulesError as error:
        return problem(error, chosen)
    return Response(decision.model_dump_json(), media_type="application/json")


@api.post(
    "/v1/decisions/batch",
    operation_id="decideBatch",
    tags=["decisions"],
    summary="Beoordeel tot 100 zaken / Decide up to 100 cases",
    response_model=BatchResponse,
    response_description="Eén record per zaak, in volgorde / one record per case, in order",
    responses=_problems(400, 408, 413, 415, 500),
    openapi_extra=BATCH_BODY,
)
async def decide_batch(request: Request, lang: Lang | None = LangParam, date: str | None = DateParam, municipality: str | None = MunicipalityParam) -> Response:
    """Beoordeel tot 100 zaken. Elk record draagt `index` (de plaats in `cases`) en `id`; een zaak
    die niet beoordeeld kan worden (ook een onbekende gemeente) geeft `errors` op haar plaats, de rest
    wordt beoordeeld. Een verzoek dat als geheel niet klopt is een 400.

    Decide up to 100 cases; every record has `index` and `id`, and either a decision or `errors`."""
    chosen = _lang(request)
    if not _is_json(request):
        return _not_json(chosen)
    try:
        data = loads(await request.body(), lang=chosen)
        on = _on(date, chosen)
    except SekswerkRulesError as error:
        return problem(error, chosen)
    if not isinstance(data, dict) or set(data) != {"cases"} or not isinstance(data["cases"], list):
        return problem(CaseError([Found("cases", "invalid_type", {"expected_nl": "een lijst zaken", "expected_en": "a list of cases"})]), chosen)
    if len(data["cases"]) > MAX_BATCH:
        return problem(CaseError([Found("cases", "too_many_cases", {"limit": str(MAX_BATCH)})]), chosen, 400)
    results: list[dict[str, Any]] = []
    for index, case in enumerate(data["cases"]):
        own = None
        try:
            own = take_id(case, known=True, lang=chosen)
            decided = evaluate(_object(case, chosen), municipality=municipality, on=on, lang=chosen, advise=False, regimes=_catalog(request))
        except SekswerkRulesError as error:
            results.append({"index": index, "id": own, "errors": _errors(error, chosen)})
            continue
        results.append({"index": index, **decided.model_dump(mode="json")})
    return JSONResponse({"results": results})


@api.get(
    "/v1/regimes",
    operation_id="listRegimes",
    tags=["regimes"],
    summary="De regimes / the regimes",
    response_model=list[RegimeSummary],
    responses=_problems(400, 500),
)
async def list_regimes(request: Request, lang: Lang | None = LangParam) -> list[dict[str, Any]]:
    """De regimes die een zaak kan noemen: de meegeleverde, die van geïnstalleerde pakketten en die uit
    `serve --regimes`; met id, CBS-code, naam en de ingangsdagen van hun versies.

    The regimes a case can name: shipped, from installed packages and from `serve --regimes`."""
    return [{"id": r.id, "cbs_code": r.cbs_code, "name": r.name, "versions": [d.isoformat() for d in r.boundaries()]} for r in _catalog(request).regimes()]


@api.get(
    "/v1/regimes/{regime_id}",
    operation_id="getRegime",
    tags=["regimes"],
    summary="De beslistabel van een regime / a regime's decision table",
    response_model=RegimeTable,
    responses=_problems(400, 404, 500),
)
async def get_regime(request: Request, regime_id: str, date: str | None = DateParam, lang: Lang | None = LangParam) -> Response:
    """De regels van een regime op een datum (standaard vandaag): parameters, bron en vertrouwen.
    `regime_id` is een regime-id of CBS-code. / A regime's rules on a date, with parameters, source and confidence."""
    chosen = _lang(request)
    try:
        found = _catalog(request).get(regime_id, lang=chosen)
        day = parse_day(date, "query.date", lang=chosen)
        return Response(table.render_table(found, day, "json", chosen), media_type="application/json")
    except SekswerkRulesError as error:
        return problem(error, chosen)


@api.get(
    "/v1/schema/case",
    operation_id="getCaseSchema",
    tags=["schemas"],
    summary="Het JSON Schema van een zaak / the case's JSON Schema",
    response_model=dict[str, Any],
    responses=_problems(400, 500),
)
async def get_case_schema(lang: Lang | None = LangParam) -> dict[str, Any]:
    """Het JSON Schema (2020-12) van een zaak, uitwisselformaat v1. / The JSON Schema of a case."""
    return Case.model_json_schema()


# --------------------------------------------------------------------------- the page (not part of the contract)

pages = APIRouter(include_in_schema=False)


@pages.get("/", response_class=HTMLResponse)
async def page(request: Request, lang: Lang | None = LangParam) -> HTMLResponse:
    return HTMLResponse(web.form_page(_lang(request), regimes=_catalog(request)))


@pages.post("/", response_class=HTMLResponse)
async def page_decision(request: Request) -> Response:
    kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        return problem(CaseError([Found("", "unsupported_media_type", {"expected": "application/x-www-form-urlencoded"})]), _lang(request))
    return HTMLResponse(*web.decision_page((await request.body()).decode("utf-8", errors="replace"), regimes=_catalog(request)))


@pages.get("/regimes/{regime_id}", response_class=HTMLResponse)
async def regime_page(request: Request, regime_id: str, date: str | None = DateParam, lang: Lang | None = LangParam) -> HTMLResponse:
    return HTMLResponse(*web.regime_page(regime_id, date, _lang(request), regimes=_catalog(request)))


async def _document(request: Request) -> JSONResponse:
    """The OpenAPI document; any origin may read it (Dutch API Design Rules, API-51)."""
    return JSONResponse(request.app.openapi(), headers={"Access-Control-Allow-Origin": "*"})


# --------------------------------------------------------------------------- the OpenAPI document

DESCRIPTION = """Beslist of sekswerk door een persoon, op een werkplek, op een datum legaal is volgens de APV van
een gemeente en het landelijk recht, en legt uit waarom, artikel voor artikel. Staatloos: niets wordt
bewaard of gelogd. Elke fout is `application/problem+json` met de velden die niet kloppen (nooit hun
waarde). Elk antwoord draagt de kop `API-Version` (de versie van dit contract; de versie van de
bibliotheek staat in `provenance.library_version` van elke beslissing). Veldnamen zijn Engels: zij zijn
het uitwisselformaat.

Decides whether sex work is legal under a municipality's APV and national law, and explains why.
Stateless; every error is problem+json naming fields, never values; every response carries `API-Version`."""

TAGS = [
    {"name": "decisions", "description": "Beslissingen / decisions"},
    {"name": "regimes", "description": "Gemeentelijke regimes en hun beslistabellen / municipal regimes"},
    {"name": "schemas", "description": "Het uitwisselformaat / the interchange format"},
]
_DATE = {"pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
#: (component, property) -> (keywords for the value's own schema, examples). Where case.py
#: gains the same metadata, its own wins (nothing here overwrites a keyword already there).
_CASE_FIELDS: dict[tuple[str, str], tuple[dict[str, Any], list[Any]]] = {
    ("Case", "id"): ({"pattern": r"^[A-Za-z0-9._:/-]{1,64}$", "maxLength": 64}, ["Z-2025-001"]),
    ("Case", "municipality"): ({}, ["GM0080", "leeuwarden"]),
    ("Case", "reference_date"): (_DATE, ["2024-05-01"]),
    ("Person", "birth_date"): (_DATE, ["1990-01-31"]),
    ("Person", "age"): ({}, [30]),
    ("Person", "nationalities"): ({"items": {"type": "string", "pattern": "^[A-Za-z]{2,3}$"}}, [["NL"], ["RO", "BG"]]),
    ("Person", "bsn"): ({"pattern": "^[0-9]{9}$"}, ["123456782"]),
    ("Kvk", "number"): ({"pattern": "^[0-9]{8}$"}, ["12345678"]),
}
#: Parts of a case where ``null`` is read as ``{}`` (nothing known).
_NULL_IS_EMPTY = {("Case", "person"), ("Case", "workplace")}
#: Facts that are checked and then dropped: a client sends them, a decision never has them.
_WRITE_ONLY = {("Person", "bsn"), ("Kvk", "number")}


def _own(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema of the value itself, inside ``anyOf: [..., {type: null}]``."""
    branches = [b for b in schema.get("anyOf", []) if b.get("type") != "null"]
    return branches[0] if len(branches) == 1 else schema


def _describe_case_fields(components: dict[str, Any]) -> None:
    for name, model in components.items():
        for prop, schema in model.get("properties", {}).items():
            own = _own(schema)
            if own.get("format") == "date":
                for key, value in _DATE.items():
                    own.setdefault(key, value)
                schema.setdefault("examples", ["2024-05-01"])
            if (name, prop) in _CASE_FIELDS:
                keywords, examples = _CASE_FIELDS[name, prop]
                for key, value in keywords.items():
                    if key == "items":
                        own.setdefault("items", {}).update({k: v for k, v in value.items() if k not in own["items"]})
                    else:
                        own.setdefault(key, value)
                schema.setdefault("examples", examples)
            if (name, prop) in _NULL_IS_EMPTY and "$ref" in schema:
                schema["anyOf"] = [{"$ref": schema.pop("$ref")}, {"type": "null"}]
                schema.setdefault("description", "null is hetzelfde als {} / null means {}")
            if (name, prop) in _WRITE_ONLY:
                schema.setdefault("writeOnly", True)


def _tidy_operation(operation: dict[str, Any]) -> None:
    """No phantom 422 (a bad parameter is a 400 problem); a query parameter is a string or absent,
    never ``null``; ``API-Version`` on every response."""
    operation["responses"].pop("422", None)
    for parameter in operation.get("parameters", []):
        schema = parameter["schema"]
        own = _own(schema)
        if own is not schema:
            parameter["schema"] = {**own, **{k: v for k, v in schema.items() if k not in ("anyOf", "title")}}
        if parameter["name"] == "lang":
            parameter["schema"] = {"$ref": "#/components/schemas/Lang"}
        if parameter["name"] == "date":
            parameter["schema"]["format"] = "date"
    header = {
        "description": "De versie van dit contract / the version of this contract",
        "required": True,
        "schema": {"type": "string", "example": API_VERSION},
    }
    for response in operation["responses"].values():
        response.setdefault("headers", {})["API-Version"] = header


def _openapi(application: FastAPI) -> dict[str, Any]:
    if application.openapi_schema:
        return application.openapi_schema
    from fastapi.openapi.utils import get_openapi

    schema = get_openapi(
        title=application.title,
        version=application.version,
        summary=application.summary,
        description=DESCRIPTION,
        routes=application.routes,
        tags=TAGS,
        servers=SERVERS,
        contact=CONTACT,
        license_info={"name": "EUPL-1.2", "identifier": "EUPL-1.2"},
    )
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for model in (Case, BatchRequest, Problem):
        found = model.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(found.pop("$defs", {}))
        components[model.__name__] = found
    components["Lang"] = {"type": "string", "enum": list(LANGS), "title": "Lang", "description": LANG_DESCRIPTION}
    for unused in ("HTTPValidationError", "ValidationError"):
        components.pop(unused, None)
    _describe_case_fields(components)
    for path in schema["paths"].values():
        for operation in path.values():
            _tidy_operation(operation)
    application.openapi_schema = schema
    return schema


def create_app(lang: Lang = "nl", regimes: Catalog | str | Path | None = None) -> FastAPI:
    """The application; ``lang`` is the language of explanations and errors when a request does not ask.
    ``regimes`` (a :class:`Catalog` or a folder of regime files) adds regimes to the shipped ones and
    those of installed packages: the API, the decisions and the page all know them. An invalid regime
    file is an error here, before the server starts, not in a request."""
    if lang not in LANGS:
        raise CaseError([Found("lang", "invalid_choice", {"allowed": ", ".join(LANGS)})])
    known = catalog(regimes)
    if regimes is not None:
        known.regimes()  # read and validate every named regime file now, not in a request
    application = FastAPI(
        title="sekswerk-rules",
        version=API_VERSION,
        summary="Is dit sekswerk legaal volgens de APV en het landelijk recht? / Is this sex work legal under the APV and national law?",
        openapi_url=None,  # served below, with CORS
        docs_url=None,  # the hosted documentation UIs load scripts from a CDN; this server loads nothing external
        redoc_url=None,
        redirect_slashes=False,  # a trailing slash is a 404, not a redirect (API-48)
    )
    application.state.lang = lang
    application.state.catalog = known
    application.add_middleware(Guard, lang=lang)
    application.add_exception_handler(RequestValidationError, _invalid_request)
    application.add_exception_handler(HTTPException, _http_error)
    application.include_router(api)
    application.include_router(pages)
    application.add_api_route("/v1/openapi.json", _document, methods=["GET"], include_in_schema=False)
    build: Callable[[], dict[str, Any]] = lambda: _openapi(application)  # noqa: E731
    application.openapi = build  # type: ignore[method-assign]
    return application


app = create_app()


class _Withheld(logging.Filter):
    """No traceback, and no text from outside uvicorn's own fixed messages, in any log line."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = record.exc_text = record.stack_info = None
        if not record.name.startswith("uvicorn"):
            record.msg, record.args = f"{record.name}: {record.levelname.lower()} (details withheld)", ()
        return True


LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"withheld": {"()": _Withheld}},
    "formatters": {"plain": {"format": "%(levelname)s: %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr", "formatter": "plain", "filters": ["withheld"]}},
    "loggers": {
        "uvicorn": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        "uvicorn.error": {"level": "WARNING"},
        "uvicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
    },
    "root": {"handlers": ["stderr"], "level": "WARNING"},
}


def serve(host: str = "127.0.0.1", port: int = 8000, *, lang: Lang = "nl", regimes: Catalog | str | Path | None = None) -> None:
    """Run the server with uvicorn: no access log, no traceback, idle connections closed;
    ``lang`` is the default language of explanations and errors (``serve --lang``); ``regimes``
    adds regimes from folders (``serve --regimes DIR``), see :func:`create_app`."""
    import uvicorn

    uvicorn.run(
        create_app(lang=lang, regimes=regimes),
        host=host,
        port=port,
        access_log=False,
        log_config=LOGGING,
        timeout_keep_alive=KEEP_ALIVE,
        limit_concurrency=100,
        timeout_graceful_shutdown=5,
        server_header=False,
    )
