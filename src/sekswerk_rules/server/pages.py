"""The page at ``/`` and the regime pages (not part of the contract)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from ..errors import CaseError
from ..errors import Problem as Found
from ..lang import Lang
from ..presentation import web
from .api import DateParam, LangParam
from .problems import _catalog, _lang, problem

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
async def page(request: Request, lang: Lang | None = LangParam) -> HTMLResponse:
    return HTMLResponse(web.form_page(_lang(request), regimes=_catalog(request)))


@router.post("/", response_class=HTMLResponse)
async def page_decision(request: Request) -> Response:
    kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        return problem(CaseError([Found("", "unsupported_media_type", {"expected": "application/x-www-form-urlencoded"})]), _lang(request))
    body = (await request.body()).decode("utf-8", errors="replace")
    return HTMLResponse(*web.decision_page(body, regimes=_catalog(request), lang=_lang(request)))


@router.get("/regimes/{regime_id}", response_class=HTMLResponse)
async def regime_page(request: Request, regime_id: str, date: str | None = DateParam, lang: Lang | None = LangParam) -> HTMLResponse:
    return HTMLResponse(*web.regime_page(regime_id, date, _lang(request), regimes=_catalog(request)))


async def _document(request: Request) -> JSONResponse:
    """The OpenAPI document; any origin may read it (Dutch API Design Rules, API-51)."""
    return JSONResponse(request.app.openapi(), headers={"Access-Control-Allow-Origin": "*"})
