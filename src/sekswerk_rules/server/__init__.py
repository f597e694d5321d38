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
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException

from ..case import Case
from ..catalog import Catalog, catalog
from ..errors import CaseError, SekswerkRulesError
from ..errors import Problem as Found
from ..lang import Lang
from . import api, pages
from .contract import API_VERSION, KEEP_ALIVE, LANGS, MAX_BATCH, MAX_BODY
from .openapi import _openapi
from .pages import _document
from .problems import Guard, _http_error, _invalid_request


def create_app(lang: Lang = "nl", regimes: Catalog | str | Path | None = None) -> FastAPI:
    """The application; ``lang`` is the language of explanations and errors when a request does not ask.
    ``regimes`` (a :class:`Catalog` or a folder of regime files) adds regimes to the shipped ones and
    those of installed packages: the API, the decisions and the page all know them. An invalid regime
    file, or an installed regime package that cannot be loaded, is a :class:`RegimeError` here, before
    the server starts, not in a request."""
    if lang not in LANGS:
        raise CaseError([Found("lang", "invalid_choice", {"allowed": ", ".join(LANGS)})])
    try:
        known = catalog(regimes)
        known.regimes()  # read and validate every regime file (folders and packages) now, not in a request
    except SekswerkRulesError as exc:
        exc.lang = lang  # told in the server's language
        raise
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
    application.include_router(api.router)
    application.include_router(pages.router)
    application.add_api_route("/v1/openapi.json", _document, methods=["GET"], include_in_schema=False)
    build: Callable[[], dict[str, Any]] = lambda: _openapi(application)  # noqa: E731
    application.openapi = build  # type: ignore[method-assign]
    return application


def __getattr__(name: str) -> Any:
    """``app``, the application with the defaults (``uvicorn sekswerk_rules.server:app``), made when
    first asked for: a broken regime package stops that start, not the import of this module."""
    if name == "app":
        made = globals()["app"] = create_app()
        return made
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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


#: What other modules and tests take from here.
__all__ = ["API_VERSION", "MAX_BATCH", "MAX_BODY", "Case", "CaseError", "app", "create_app", "serve"]
