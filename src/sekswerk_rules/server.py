"""An HTTP interface for case systems that are not written in Python (optional extra
``[server]``: FastAPI and uvicorn). Stateless: nothing is stored, no request body or personal
value is logged, errors are ``application/problem+json`` naming fields, never values.

Hostile clients get a 4xx, never a 5xx or a log line with their input: the body is counted
while it streams (chunked too) and refused at 1 MiB (413) without reading the rest; a body
that does not arrive within :data:`BODY_TIMEOUT` seconds gets 408; a body that is not
``application/json`` gets 415 (a web page elsewhere cannot post a "simple" cross-site
request here); duplicate keys and nesting deeper than 64 are refused (400). Whatever else
goes wrong is a 500 problem+json without details, and the server logs no traceback.

Versioned under ``/v1`` (Dutch API Design Rules); the OpenAPI 3.1 document is at
``/v1/openapi.json``. A small page at ``/`` tries a case in a browser.

    sekswerk-rules serve --host 127.0.0.1 --port 8000
"""

from __future__ import annotations

import json
import logging
from datetime import date
from typing import Any

import anyio
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import __version__, table, web
from .case import Case, parse_day
from .decision import Decision
from .engine import evaluate
from .errors import CaseError, Lang, Problem, SekswerkRulesError
from .jsontext import LocalProblem, loads, take_id
from .regime import NATIONAL, get, shipped

#: The largest request body accepted (a case is about 1 kB; a full batch about 100 kB).
MAX_BODY = 1024 * 1024
#: The most cases one batch request may hold.
MAX_BATCH = 100
#: Seconds a client may take to send its whole body.
BODY_TIMEOUT = 10.0
#: Seconds an idle kept-alive connection stays open.
KEEP_ALIVE = 5

PROBLEM = "application/problem+json"
_STATUS = {"unknown_municipality": 404, "too_large": 413, "unsupported_media_type": 415, "request_timeout": 408, "internal_error": 500}
_TITLES = {
    404: ("Niet gevonden", "Not found"),
    408: ("Te traag", "Request timeout"),
    413: ("Te groot", "Too large"),
    415: ("Verkeerd mediatype", "Unsupported media type"),
    500: ("Interne fout", "Internal error"),
}
_KNOWS_ID = "id" in Case.model_fields
_DECISION_ID = "id" in Decision.model_fields


def problem(error: SekswerkRulesError, lang: Lang, status: int | None = None) -> JSONResponse:
    code = error.problems[0].code if error.problems else "invalid"
    status = status or _STATUS.get(code, 400)
    body = {
        "type": f"urn:sekswerk-rules:error:{code}",
        "title": _TITLES.get(status, ("Ongeldige invoer", "Invalid input"))[0 if lang == "nl" else 1],
        "status": status,
        "detail": error.render(lang),
        "errors": [{"path": p.path, "code": p.code, "message": p.message(lang)} for p in error.problems],
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM)


def _lang_of(scope: Scope) -> Lang:
    return "en" if b"lang=en" in scope.get("query_string", b"") else "nl"


class Guard:
    """The outermost layer of the application (inside Starlette's own error layer, which it
    leaves nothing to): reads the body while counting its bytes, refuses it at ``MAX_BODY``
    (413) or after ``BODY_TIMEOUT`` seconds (408), then hands the buffered body on; any
    exception becomes a 500 problem+json without details, and is neither raised nor logged."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        lang = _lang_of(scope)
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            await _refuse(LocalProblem("", "too_large", {"limit": str(MAX_BODY)}), lang, scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        try:
            with anyio.fail_after(BODY_TIMEOUT):
                while True:
                    message = await receive()
                    if message["type"] == "http.disconnect":
                        return  # the client has gone: nothing to answer, nothing to log
                    chunk = message.get("body", b"")
                    size += len(chunk)
                    if size > MAX_BODY:
                        await _refuse(LocalProblem("", "too_large", {"limit": str(MAX_BODY)}), lang, scope, receive, send)
                        return
                    chunks.append(chunk)
                    if not message.get("more_body", False):
                        break
        except TimeoutError:
            await _refuse(LocalProblem("", "request_timeout", {"seconds": str(int(BODY_TIMEOUT))}), lang, scope, receive, send)
            return
        body = b"".join(chunks)
        del chunks
        given = False

        async def replay() -> Message:
            nonlocal given
            if not given:
                given = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, replay, watch)
        except Exception:  # the one place: never a traceback, never the input
            if not started:
                await _refuse(LocalProblem("", "internal_error"), lang, scope, receive, send)


async def _refuse(found: Problem, lang: Lang, scope: Scope, receive: Receive, send: Send) -> None:
    await problem(CaseError([found]), lang)(scope, receive, send)


def _case_schema() -> dict[str, Any]:
    return Case.model_json_schema(ref_template="#/components/schemas/{model}")


app = FastAPI(
    title="sekswerk-rules",
    version=__version__,
    summary="Is dit sekswerk legaal volgens de APV en het landelijk recht? / Is this sex work legal under the APV and national law?",
    openapi_url="/v1/openapi.json",
    docs_url=None,  # the hosted documentation UIs load scripts from a CDN; this server loads nothing external
    redoc_url=None,
)
app.add_middleware(Guard)


@app.exception_handler(RequestValidationError)
async def _invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
    """A bad query parameter or path: problem+json naming the parameter, never its value."""
    lang: Lang = "en" if request.query_params.get("lang") == "en" else "nl"
    problems = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error.get("loc", ()))
        code = "invalid_date" if where.endswith("date") else "invalid_choice" if where.endswith("lang") else "invalid_type"
        params = {"allowed": "nl, en"} if code == "invalid_choice" else {"expected_nl": "een geldige waarde", "expected_en": "a valid value"}
        problems.append(Problem(where, code, params))
    return problem(CaseError(problems), lang)


LangQuery = Query("nl", pattern="^(nl|en)$", description="Taal van uitleg en fouten / language")
DateQuery = Query(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="Peildatum JJJJ-MM-DD; wint van de zaak")
MunicipalityQuery = Query(None, max_length=64, description="CBS-code of regime-id; wint van de zaak")
CASE_BODY = {"requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Case"}}}}}
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "Ongeldige invoer (problem+json)", "content": {PROBLEM: {}}},
    404: {"description": "Onbekende gemeente (problem+json)", "content": {PROBLEM: {}}},
    408: {"description": "De invoer kwam niet op tijd binnen (problem+json)", "content": {PROBLEM: {}}},
    413: {"description": "Te groot (problem+json)", "content": {PROBLEM: {}}},
    415: {"description": "Geen application/json (problem+json)", "content": {PROBLEM: {}}},
}


def _is_json(request: Request) -> bool:
    kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    return kind == "application/json" or (kind.startswith("application/") and kind.endswith("+json"))


def _not_json(lang: Lang) -> JSONResponse:
    return problem(CaseError([LocalProblem("", "unsupported_media_type", {"expected": "application/json"})]), lang)


def _on(value: str | None, lang: Lang) -> date | None:
    """The ``date`` query parameter, reported as itself (not as the case's reference date)."""
    return None if value is None else parse_day(value, "query.date", lang=lang)


def _errors(error: SekswerkRulesError, lang: Lang) -> list[dict[str, str]]:
    return [{"path": p.path, "code": p.code, "message": p.message(lang)} for p in error.problems]


@app.post("/v1/decisions", response_model=Decision, responses=ERRORS, openapi_extra=CASE_BODY)
async def decide(request: Request, lang: str = LangQuery, date: str | None = DateQuery, municipality: str | None = MunicipalityQuery) -> Response:
    """Beoordeel één zaak (uitwisselformaat v1) en geef de beslissing."""
    chosen: Lang = lang  # type: ignore[assignment]
    if not _is_json(request):
        return _not_json(chosen)
    try:
        data = loads(await request.body(), lang=chosen)
        own = take_id(data, known=_KNOWS_ID, lang=chosen)
        decision = evaluate(data, municipality=municipality, on=_on(date, chosen), lang=chosen)
    except SekswerkRulesError as error:
        return problem(error, chosen)
    body = decision.model_dump_json()
    if own is not None and not _DECISION_ID:
        body = f'{{"id":{json.dumps(own)},{body[1:]}'
    return Response(body, media_type="application/json")


BATCH_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["cases"],
                    "properties": {
                        "cases": {
                            "type": "array",
                            "maxItems": MAX_BATCH,
                            "items": {
                                "description": "Een zaak (schema Case). Een ongeldige zaak geeft een fout op haar plaats; de andere worden beoordeeld.",
                            },
                        }
                    },
                }
            }
        },
    }
}


@app.post("/v1/decisions/batch", responses=ERRORS, openapi_extra=BATCH_BODY)
async def decide_many(request: Request, lang: str = LangQuery, date: str | None = DateQuery, municipality: str | None = MunicipalityQuery) -> Response:
    """Beoordeel tot 100 zaken; een ongeldige zaak geeft een probleem op haar plaats, de rest wordt beoordeeld."""
    chosen: Lang = lang  # type: ignore[assignment]
    if not _is_json(request):
        return _not_json(chosen)
    try:
        data = loads(await request.body(), lang=chosen)
        on = _on(date, chosen)
    except SekswerkRulesError as error:
        return problem(error, chosen)
    if not isinstance(data, dict) or set(data) != {"cases"} or not isinstance(data["cases"], list):
        return problem(CaseError([Problem("cases", "invalid_type", {"expected_nl": "een lijst zaken", "expected_en": "a list of cases"})]), chosen)
    if len(data["cases"]) > MAX_BATCH:
        return problem(CaseError([Problem("cases", "too_many_cases", {"limit": str(MAX_BATCH)})]), chosen, 400)
    results: list[Any] = []
    for index, case in enumerate(data["cases"]):
        own = None
        try:
            own = take_id(case, known=_KNOWS_ID, lang=chosen)
            result = evaluate(case, municipality=municipality, on=on, lang=chosen, advise=False).model_dump(mode="json")
        except SekswerkRulesError as error:
            result = {"index": index, "errors": _errors(error, chosen)}
        results.append({"id": own, **result} if own is not None and "id" not in result else result)
    return JSONResponse({"results": results})


@app.get("/v1/regimes", responses=ERRORS)
async def regimes() -> list[dict[str, Any]]:
    """De meegeleverde regimes: id, CBS-code, naam, versies."""
    return [{"id": r.id, "cbs_code": r.cbs_code, "name": r.name, "versions": [d.isoformat() for d in r.boundaries()]} for r in shipped() if r.id != NATIONAL]


@app.get("/v1/regimes/{regime_id}", responses=ERRORS)
async def regime(regime_id: str, date: str | None = DateQuery, lang: str = LangQuery) -> Response:
    """De beslistabel van een regime op een datum: regels, parameters, bron en vertrouwen."""
    chosen: Lang = lang  # type: ignore[assignment]
    try:
        found = get(regime_id, lang=chosen)
        day = parse_day(date, "query.date", lang=chosen)
        return Response(table.render_table(found, day, "json", chosen), media_type="application/json")
    except SekswerkRulesError as error:
        return problem(error, chosen)


@app.get("/v1/schema/case", responses=ERRORS)
async def case_schema() -> dict[str, Any]:
    """Het JSON Schema van een zaak."""
    return Case.model_json_schema()


def _openapi() -> dict[str, Any]:
    if app.openapi_schema:
        return app.openapi_schema
    from fastapi.openapi.utils import get_openapi

    schema = get_openapi(title=app.title, version=app.version, summary=app.summary, routes=app.routes)
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    case = _case_schema()
    components.update(case.pop("$defs", {}))
    components["Case"] = case
    app.openapi_schema = schema
    return schema


app.openapi = _openapi  # type: ignore[method-assign]


@app.get("/", response_class=HTMLResponse, include_in_schema=False)
async def page(lang: str = LangQuery) -> HTMLResponse:
    return HTMLResponse(web.form_page(lang))  # type: ignore[arg-type]


@app.post("/", response_class=HTMLResponse, include_in_schema=False)
async def page_decision(request: Request) -> Response:
    kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        return problem(CaseError([LocalProblem("", "unsupported_media_type", {"expected": "application/x-www-form-urlencoded"})]), "nl")
    return HTMLResponse(*web.decision_page((await request.body()).decode("utf-8", errors="replace")))


@app.get("/regimes/{regime_id}", response_class=HTMLResponse, include_in_schema=False)
async def regime_page(regime_id: str, date: str | None = DateQuery, lang: str = LangQuery) -> HTMLResponse:
    return HTMLResponse(*web.regime_page(regime_id, date, lang))  # type: ignore[arg-type]


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


def serve(host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the server with uvicorn: no access log, no traceback, idle connections closed."""
    import uvicorn

    uvicorn.run(
        app,
        host=host,
        port=port,
        access_log=False,
        log_config=LOGGING,
        timeout_keep_alive=KEEP_ALIVE,
        limit_concurrency=100,
        timeout_graceful_shutdown=5,
        server_header=False,
    )
