"""An HTTP interface for case systems that are not written in Python (optional extra
``[server]``: FastAPI and uvicorn). Stateless: nothing is stored, no request body or personal
value is logged, errors are ``application/problem+json`` naming fields, never values.

Versioned under ``/v1`` (Dutch API Design Rules); the OpenAPI 3.1 document is at
``/v1/openapi.json``. A small page at ``/`` tries a case in a browser.

    sekswerk-rules serve --host 127.0.0.1 --port 8000
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from . import __version__, table, web
from .case import Case, parse_day
from .decision import Decision
from .engine import evaluate
from .errors import CaseError, Lang, Problem, SekswerkRulesError
from .regime import NATIONAL, get, shipped

#: The largest request body accepted (a case is about 1 kB; a full batch about 100 kB).
MAX_BODY = 1024 * 1024
#: The most cases one batch request may hold.
MAX_BATCH = 100

PROBLEM = "application/problem+json"
_STATUS = {"unknown_municipality": 404, "too_large": 413}


def problem(error: SekswerkRulesError, lang: Lang, status: int | None = None) -> JSONResponse:
    code = error.problems[0].code if error.problems else "invalid"
    status = status or _STATUS.get(code, 400)
    body = {
        "type": f"urn:sekswerk-rules:error:{code}",
        "title": "Ongeldige invoer" if lang == "nl" else "Invalid input",
        "status": status,
        "detail": error.render(lang),
        "errors": [{"path": p.path, "code": p.code, "message": p.message(lang)} for p in error.problems],
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM)


class BodyLimit:
    """Refuse a request body over ``MAX_BODY`` before it is read into memory."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            length = dict(scope.get("headers") or []).get(b"content-length")
            if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
                error = CaseError([Problem("", "too_large", {"limit": str(MAX_BODY)})])
                lang: Lang = "en" if b"lang=en" in scope.get("query_string", b"") else "nl"
                await problem(error, lang, 413)(scope, receive, send)
                return
        await self.app(scope, receive, send)


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
app.add_middleware(BodyLimit)


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
    413: {"description": "Te groot (problem+json)", "content": {PROBLEM: {}}},
}


@app.post("/v1/decisions", response_model=Decision, responses=ERRORS, openapi_extra=CASE_BODY)
async def decide(request: Request, lang: str = LangQuery, date: str | None = DateQuery, municipality: str | None = MunicipalityQuery) -> Response:
    """Beoordeel één zaak (uitwisselformaat v1) en geef de beslissing."""
    body = await request.body()
    try:
        decision = evaluate(body, municipality=municipality, on=date, lang=lang)  # type: ignore[arg-type]
    except SekswerkRulesError as error:
        return problem(error, lang)  # type: ignore[arg-type]
    return Response(decision.model_dump_json(), media_type="application/json")


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
    try:
        data = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError):
        return problem(CaseError([Problem("", "invalid_json")]), lang)  # type: ignore[arg-type]
    if not isinstance(data, dict) or set(data) != {"cases"} or not isinstance(data["cases"], list):
        return problem(CaseError([Problem("cases", "invalid_type", {"expected_nl": "een lijst zaken", "expected_en": "a list of cases"})]), lang)  # type: ignore[arg-type]
    if len(data["cases"]) > MAX_BATCH:
        return problem(CaseError([Problem("cases", "too_many_cases", {"limit": str(MAX_BATCH)})]), lang, 400)  # type: ignore[arg-type]
    results: list[Any] = []
    for index, case in enumerate(data["cases"]):
        try:
            results.append(evaluate(case, municipality=municipality, on=date, lang=lang, advise=False).model_dump(mode="json"))  # type: ignore[arg-type]
        except SekswerkRulesError as error:
            results.append({"index": index, "errors": [{"path": p.path, "code": p.code, "message": p.message(lang)} for p in error.problems]})  # type: ignore[arg-type]
    return JSONResponse({"results": results})


@app.get("/v1/regimes", responses=ERRORS)
async def regimes() -> list[dict[str, Any]]:
    """De meegeleverde regimes: id, CBS-code, naam, versies."""
    return [{"id": r.id, "cbs_code": r.cbs_code, "name": r.name, "versions": [d.isoformat() for d in r.boundaries()]} for r in shipped() if r.id != NATIONAL]


@app.get("/v1/regimes/{regime_id}", responses=ERRORS)
async def regime(regime_id: str, date: str | None = DateQuery, lang: str = LangQuery) -> Response:
    """De beslistabel van een regime op een datum: regels, parameters, bron en vertrouwen."""
    try:
        chosen = get(regime_id)
        day = _day(date)
        return Response(table.render_table(chosen, day, "json", lang), media_type="application/json")  # type: ignore[arg-type]
    except SekswerkRulesError as error:
        return problem(error, lang)  # type: ignore[arg-type]


@app.get("/v1/schema/case", responses=ERRORS)
async def case_schema() -> dict[str, Any]:
    """Het JSON Schema van een zaak."""
    return Case.model_json_schema()


def _day(value: str | None) -> date:
    return parse_day(value, "date")


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
async def page_decision(request: Request) -> HTMLResponse:
    return HTMLResponse(web.decision_page((await request.body()).decode("utf-8", errors="replace")))


@app.get("/regimes/{regime_id}", response_class=HTMLResponse, include_in_schema=False)
async def regime_page(regime_id: str, date: str | None = DateQuery, lang: str = LangQuery) -> HTMLResponse:
    return HTMLResponse(*web.regime_page(regime_id, date, lang))  # type: ignore[arg-type]


def serve(host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the server with uvicorn; no access log (a URL is never personal here, but nothing is kept)."""
    import uvicorn

    uvicorn.run(app, host=host, port=port, access_log=False, log_level="warning")
