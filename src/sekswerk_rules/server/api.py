"""The API under ``/v1``: decisions (one or a batch), the regimes, the case schema."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from ..case import Case, parse_day
from ..decision import Decision
from ..engine import evaluate
from ..errors import CaseError, SekswerkRulesError, relocated
from ..errors import Problem as Found
from ..jsontext import loads, take_id
from ..lang import Lang
from ..presentation import table
from ..validation import did_you_mean, short_name
from .contract import MAX_BATCH, PROBLEM, BatchResponse, RegimeSummary, RegimeTable
from .problems import _catalog, _lang, _message, problem


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

router = APIRouter()


def _is_json(request: Request) -> bool:
    kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    return kind == "application/json" or (kind.startswith("application/") and kind.endswith("+json"))


def _not_json(lang: Lang) -> JSONResponse:
    return problem(CaseError([Found("", "unsupported_media_type", {"expected": "application/json"})]), lang)


#: Where a day before the regime came from when ``?date=`` was given (it wins over the case's own).
_DATE = "query.date"


def _on(value: str | None, lang: Lang) -> date | None:
    """The ``date`` query parameter, reported as itself (not as the case's reference date)."""
    return None if value is None else parse_day(value, _DATE, lang=lang)


def _municipality(value: str | None, lang: Lang) -> str | None:
    """The ``municipality`` query parameter; given empty, refused as itself (never passed over for the case's own)."""
    if value is not None and not value.strip():
        raise CaseError(
            [Found("query.municipality", "invalid_argument", {"expected_nl": "een CBS-code of regime-id", "expected_en": "a CBS code or regime id"})], lang=lang
        )
    return value


def _object(data: Any, lang: Lang) -> dict[str, Any]:
    """A case is a JSON object; a string holding JSON text (a case encoded twice) is not one."""
    if not isinstance(data, dict):
        raise CaseError([Found("", "not_an_object")], lang=lang)
    return data


def _errors(error: SekswerkRulesError, lang: Lang) -> list[dict[str, str]]:
    return [{"path": p.path, "code": p.code, "message": _message(p, lang)} for p in error.problems]


@router.post(
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
        decision = evaluate(data, municipality=_municipality(municipality, chosen), on=_on(date, chosen), lang=chosen, regimes=_catalog(request))
    except SekswerkRulesError as error:
        return problem(relocated(error, "date_before_regime", _DATE if date is not None else None), chosen)
    return Response(decision.model_dump_json(), media_type="application/json")


@router.post(
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
        municipality = _municipality(municipality, chosen)
    except SekswerkRulesError as error:
        return problem(error, chosen)
    if isinstance(data, dict) and set(data) - {"cases"}:  # each key the body may not have, named if it is a plain name
        found: list[Found] = []
        for key in data:
            if key != "cases" and (unknown := _unknown_key(key)) not in found:  # two unnamed keys make one problem
                found.append(unknown)
        return problem(CaseError(found), chosen)
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
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
            results.append({"index": index, "id": own, "errors": _errors(relocated(error, "date_before_regime", _DATE if on is not None else None), chosen)})
            continue
        except MemoryError:
            raise
        except Exception:  # a bug in deciding this case: its record says so (never the error's text), the rest are decided
            results.append({"index": index, "id": own, "errors": _errors(SekswerkRulesError([Found("", "internal_error")]), chosen)})
            continue
        results.append({"index": index, **decided.model_dump(mode="json")})
    return JSONResponse({"results": results})


def _unknown_key(key: str) -> Found:
    return Found(key, "unknown_field", did_you_mean(key, ("cases",))) if short_name(key) else Found("", "unknown_field")


@router.get(
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


@router.get(
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
        day = parse_day(date, _DATE, lang=chosen)
        found.resolve(day, path=_DATE)  # a day before the regime is named as the parameter
        return Response(table.render_table(found, day, "json", chosen), media_type="application/json")
    except SekswerkRulesError as error:
        return problem(error, chosen)


@router.get(
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
