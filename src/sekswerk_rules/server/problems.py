"""Errors as ``application/problem+json``, and the guard that refuses hostile requests before the application reads them."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

import anyio
from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..catalog import Catalog
from ..errors import CaseError, SekswerkRulesError
from ..errors import Problem as Found
from ..lang import Lang, pick
from ..validation import did_you_mean, short_name
from .contract import _API_HEADERS, _STATUS, _TITLES, API_VERSION, BODY_TIMEOUT, LANGS, MAX_BODY, PROBLEM


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


#: The query parameters each operation of the contract reads (by its path); other paths (the
#: pages, the OpenAPI document, an unknown path's 404) are not checked.
QUERY_PARAMETERS = (
    (re.compile(r"/v1/decisions(/batch)?"), ("date", "lang", "municipality")),
    (re.compile(r"/v1/regimes/[^/]+"), ("date", "lang")),
    (re.compile(r"/v1/regimes|/v1/schema/case"), ("lang",)),
)
#: Dutch words a caller may try for them.
_QUERY_ALIASES = {"datum": "date", "peildatum": "date", "taal": "lang", "gemeente": "municipality"}


def _query_problems(scope: Scope) -> list[Found]:
    """A query parameter the operation does not read (``?datum=`` would otherwise be passed over,
    and the case decided on its own date), or one given twice (which would leave the order to
    choose), as for a key of a JSON object. A name is shown only if it is a plain identifier."""
    path, root = scope.get("path", ""), scope.get("root_path", "")
    if root and path.startswith(root):  # mounted under a prefix, or behind --root-path: the path the routes see
        path = path[len(root) :]
    allowed = next((names for pattern, names in QUERY_PARAMETERS if pattern.fullmatch(path)), None)
    if allowed is None:
        return []
    pairs = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    names = [key for key, _ in pairs]
    found: list[Found] = []
    for name in dict.fromkeys(names):
        plain = short_name(name)
        shown = f"query.{name}" if plain else "query"
        problem = None
        if name not in allowed:
            problem = Found(shown, "unknown_field", did_you_mean(name.lower(), allowed, _QUERY_ALIASES) if plain else {})
        elif names.count(name) > 1:
            problem = Found(shown, "repeated_parameter")
        if problem is not None and problem not in found:  # two unnamed parameters make one problem
            found.append(problem)
    return found


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
        query = _query_problems(scope)
        if query:
            await problem(CaseError(query), lang)(scope, receive, send)
            return
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
