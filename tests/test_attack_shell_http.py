"""Issue #12 against the HTTP server: every bad request is a 4xx problem+json (or a 4xx page),
never a 500; bodies are counted while they stream and cut off at 1 MiB or after a timeout;
nothing the client sent reaches a response, a traceback or a log line; the page never writes
submitted values back. The numbers that look like BSNs are synthetic."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import anyio
import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, ROOT
from sekswerk_rules import server
from sekswerk_rules.server import MAX_BODY, app

JSON = {"content-type": "application/json"}
FORM = {"content-type": "application/x-www-form-urlencoded"}
LEGAL = (EXAMPLES / "leeuwarden" / "legaal-raam.json").read_text()
SECRET = "123456782"
client = TestClient(app)


def _asgi(path: str, chunks: Iterator[bytes], headers: list[tuple[bytes, bytes]], *, pause: float = 0.0) -> tuple[int, dict[str, Any], int]:
    """Call the application directly with a streamed body; the status, the JSON and how many chunks it pulled."""
    pulled = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal pulled
        if pause:
            await anyio.sleep(pause)
        pulled += 1
        return {"type": "http.request", "body": next(chunks), "more_body": True}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http", "path": path, "raw_path": path.encode()}
    scope.update(query_string=b"", root_path="", headers=headers, client=("127.0.0.1", 1), server=("127.0.0.1", 80))
    anyio.run(app, scope, receive, send)
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return status, json.loads(body), pulled


def _endless() -> Iterator[bytes]:
    while True:
        yield b" " * 65536


# --------------------------------------------------------------------------- #12.5 bodies


def test_a_chunked_body_is_counted_while_it_streams_and_cut_off_at_1_mib():
    status, problem, pulled = _asgi("/v1/decisions", _endless(), [(b"content-type", b"application/json"), (b"transfer-encoding", b"chunked")])
    assert status == 413 and problem["errors"][0]["code"] == "too_large"
    assert pulled == MAX_BODY // 65536 + 1  # not one chunk more than needed to pass the limit


def test_a_body_that_does_not_arrive_in_time_gets_408(monkeypatch):
    monkeypatch.setattr(server.problems, "BODY_TIMEOUT", 0.3)  # the guard reads it there
    status, problem, _ = _asgi("/v1/decisions", _endless(), [(b"content-type", b"application/json")], pause=0.2)
    assert status == 408 and problem["type"] == "urn:sekswerk-rules:error:request_timeout"


def test_a_content_length_over_the_limit_is_refused_before_reading():
    status, _, pulled = _asgi("/v1/decisions", _endless(), [(b"content-type", b"application/json"), (b"content-length", b"99999999")])
    assert (status, pulled) == (413, 0)


@pytest.mark.parametrize("kind", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", None])
@pytest.mark.parametrize("path", ["/v1/decisions", "/v1/decisions/batch"])
def test_a_body_that_is_not_json_is_refused_with_415(path, kind):
    response = client.post(path, content=LEGAL, headers={"content-type": kind} if kind else {})
    assert response.status_code == 415 and response.headers["content-type"] == "application/problem+json"


def test_the_form_accepts_only_a_form_body():
    assert client.post("/", content="municipality=GM0080", headers={"content-type": "text/plain"}).status_code == 415


# --------------------------------------------------------------------------- #12.5 bad requests


@pytest.mark.parametrize(
    "field",
    ["person.age=--" + SECRET, "person.age=" + quote("²"), "person.age=" + "9" * 5000, "person.age=" + quote("٣٠"), "person.age=1e3", "lang=de", "lang=NL"],
    ids=["a double minus", "a superscript two", "5000 digits", "Arabic-Indic digits", "an exponent", "an unknown language", "a language in capitals"],
)
def test_a_bad_form_field_gives_a_400_page_without_the_value(field):
    response = client.post("/", content="municipality=GM0080&reference_date=2024-05-01&" + field, headers=FORM)
    assert response.status_code == 400 and 'id="errors"' in response.text
    assert SECRET not in response.text and "9" * 50 not in response.text


@pytest.mark.parametrize(
    "url, status, code",
    [
        ("/v1/regimes/groningen?date=1999-06-01", 400, "date_before_regime"),
        ("/v1/regimes/groningen?date=2024-02-30", 400, "invalid_date"),
        ("/v1/regimes/groningen?lang=de", 400, "invalid_choice"),
        ("/v1/regimes/nowhere", 404, "unknown_municipality"),
    ],
)
def test_a_bad_regime_request_is_a_4xx_problem(url, status, code):
    response = client.get(url)
    assert response.status_code == status and response.json()["type"] == f"urn:sekswerk-rules:error:{code}"


@pytest.mark.parametrize(
    "url, status",
    [("/regimes/groningen?date=1999-06-01", 400), ("/regimes/groningen?date=2024-02-30", 400), ("/regimes/nowhere", 404), ("/regimes/groningen?lang=de", 400)],
)
def test_a_bad_regime_page_is_a_4xx_not_a_500(url, status):
    assert client.get(url).status_code == status


@pytest.mark.parametrize(
    "path, body, code",
    [
        ("/v1/decisions", '{"municipality": "GM0080", "person": {"age": 30, "age": 17}}', "duplicate_key"),
        ("/v1/decisions/batch", '{"cases": [], "cases": [{}]}', "duplicate_key"),
        ("/v1/decisions/batch", '{"cases": ' + "[" * 100_000 + "]" * 100_000 + "}", "too_deep"),
        ("/v1/decisions", "[" * 100_000, "too_deep"),
        ("/v1/decisions", '{"municipality": "GM0080", "person": {"age": 1' + "0" * 5000 + "}}", "out_of_range"),
        ("/v1/decisions", b'{"municipality": "GM0080", "person": {"nationalities": ["\xff"]}}', "invalid_json"),
    ],
    ids=["a duplicate age", "a duplicate cases", "100,000 nested arrays in a batch", "100,000 open arrays", "a 5000-digit age", "bad UTF-8"],
)
def test_bad_json_is_a_400_problem(path, body, code):
    response = client.post(path, content=body, headers=JSON)
    assert response.status_code == 400 and response.json()["errors"][0]["code"] == code


def test_a_duplicate_key_anywhere_in_a_batch_refuses_the_request_and_names_its_place():
    body = '{"cases": [{"municipality": "GM0080"}, {"municipality": "GM0080", "municipality": "GM0014"}]}'
    response = client.post("/v1/decisions/batch?date=2024-05-01", content=body, headers=JSON)
    assert response.status_code == 400
    assert [(e["path"], e["code"]) for e in response.json()["errors"]] == [("cases[1].municipality", "duplicate_key")]


@pytest.mark.parametrize("query", ["lang=de", "lang=NL", "lang=", "date=2024-02-30", "date=1999-01-01"])
def test_a_bad_query_parameter_is_a_400_problem(query):
    response = client.post(f"/v1/decisions?{query}", content=LEGAL, headers=JSON)
    assert response.status_code == 400 and response.headers["content-type"] == "application/problem+json"


def test_a_bad_date_parameter_is_named_as_the_parameter():
    response = client.post("/v1/decisions?date=2024-02-30", content=LEGAL, headers=JSON)
    assert [e["path"] for e in response.json()["errors"]] == ["query.date"]


def test_a_date_before_the_regime_is_named_as_the_parameter_it_came_from():
    aged = {"municipality": "leeuwarden", "reference_date": "2024-05-01", "person": {"age": 30}}
    regime = client.get("/v1/regimes/leeuwarden?date=1900-01-01")
    decided = client.post("/v1/decisions?date=1900-01-01", json=aged)
    batch = client.post("/v1/decisions/batch?date=1900-01-01", json={"cases": [aged]}).json()["results"]
    assert (regime.status_code, decided.status_code) == (400, 400)
    assert [e["path"] for e in regime.json()["errors"] + decided.json()["errors"] + batch[0]["errors"]] == ["query.date"] * 3
    own = client.post("/v1/decisions", json={**aged, "reference_date": "1900-01-01"})
    assert [e["path"] for e in own.json()["errors"]] == ["reference_date"]
    page = client.get("/regimes/leeuwarden?date=1900-01-01")
    assert page.status_code == 400 and "date: geen regels" in page.text and "reference_date" not in page.text


def test_the_own_id_of_a_case_comes_back_with_its_decision():
    case = {**json.loads(LEGAL), "id": "zaak-1"}
    assert client.post("/v1/decisions", json=case).json()["id"] == "zaak-1"
    results = client.post("/v1/decisions/batch", json={"cases": [case, {"id": "zaak-2", "persn": 1}]}).json()["results"]
    assert [(r["id"], "verdict" in r) for r in results] == [("zaak-1", True), ("zaak-2", False)]


# --------------------------------------------------------------------------- #12.5 no traceback, no value


def test_an_unexpected_exception_is_a_500_problem_without_details_or_log(monkeypatch, caplog):
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError(f"person.bsn={SECRET}")

    monkeypatch.setattr(server.api, "evaluate", explode)
    caplog.set_level(logging.DEBUG)
    response = client.post("/v1/decisions", content=LEGAL, headers=JSON)
    assert response.status_code == 500 and response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "urn:sekswerk-rules:error:internal_error"
    assert SECRET not in response.text and SECRET not in caplog.text and "Traceback" not in caplog.text


def test_the_log_filter_drops_tracebacks_and_foreign_messages():
    withheld = server._Withheld()
    try:
        raise ValueError(SECRET)
    except ValueError:
        record = logging.LogRecord("asyncio", logging.ERROR, __file__, 1, "Task failed: %s", (SECRET,), sys.exc_info())
    assert withheld.filter(record)
    assert record.exc_info is None and SECRET not in record.getMessage()


# --------------------------------------------------------------------------- #12.13 the page


def test_the_page_never_writes_submitted_values_back():
    fields = {
        "municipality": "GM0080",
        "reference_date": "2024-05-01",
        "person.age": "30",
        "person.nationalities": "NL " + SECRET,  # a BSN typed into the wrong box
        "person.intake.date": "1991-07-13",
        "workplace.kind": "window",
    }
    body = "&".join(f"{k}={quote(v)}" for k, v in fields.items())
    page = client.post("/", content=body, headers=FORM).text
    assert SECRET not in page and "1991-07-13" not in page and "2024-05-01" not in page.split("<form", 1)[1]
    fields["person.nationalities"] = "NL"
    page = client.post("/", content="&".join(f"{k}={quote(v)}" for k, v in fields.items()), headers=FORM).text
    assert 'id="verdict"' in page and "1991-07-13" not in page and 'value="30"' not in page
    assert " selected" not in page.split('id="workplace.kind"', 1)[1].split("</select>", 1)[0]


# --------------------------------------------------------------------------- fuzz smoke (the long run: tests/attack-log.md)

_text = st.text(st.characters(codec="utf-8"), max_size=40)
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_text, inner, max_size=4),
    max_leaves=15,
)
_requests = st.one_of(
    st.tuples(
        st.just("POST"), st.sampled_from(["/v1/decisions", "/v1/decisions/batch"]), st.binary(max_size=300), st.sampled_from(["application/json", "text/plain"])
    ),
    st.tuples(
        st.just("POST"), st.sampled_from(["/v1/decisions", "/v1/decisions/batch"]), _json.map(lambda v: json.dumps(v).encode()), st.just("application/json")
    ),
    st.tuples(st.just("POST"), st.just("/"), _text.map(lambda t: t.encode()), st.just("application/x-www-form-urlencoded")),
    st.tuples(st.just("GET"), st.builds(lambda a, b: f"/regimes/{quote(a)}?date={quote(b)}", _text, _text), st.just(b""), st.just("")),
    st.tuples(st.just("GET"), st.builds(lambda a, b: f"/v1/regimes/{quote(a)}?date={quote(b)}", _text, _text), st.just(b""), st.just("")),
)


@given(_requests, _text, _text)
@settings(max_examples=int(os.environ.get("HTTP_FUZZ_EXAMPLES", "60")), deadline=None)
def test_random_requests_never_get_a_5xx(request, lang, date):
    method, path, body, kind = request
    query = f"lang={quote(lang)}&date={quote(date)}"
    url = f"{path}{'&' if '?' in path else '?'}{query}"
    response = client.request(method, url, content=body, headers={"content-type": kind} if kind else {})
    assert response.status_code < 500, (method, url, response.text[:300])


# --------------------------------------------------------------------------- a real server


@pytest.fixture(scope="module")
def real_server() -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen([sys.executable, "-m", "sekswerk_rules", "serve", "--port", str(port)], stderr=subprocess.PIPE, env=env)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.1)
    yield port, process
    if process.poll() is None:
        process.terminate()
        process.wait(timeout=10)


def _raw(port: int, data: bytes, *, close_after_send: bool = False) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=15) as conn:
        with contextlib.suppress(OSError):  # the server may stop reading once it has refused the body
            conn.sendall(data)
        if close_after_send:
            return b""
        answer = b""
        try:
            while chunk := conn.recv(65536):
                answer += chunk
                if b"\r\n\r\n" in answer:
                    break
        except OSError:
            pass
        return answer


def test_a_real_server_survives_hostile_clients_and_logs_nothing(real_server):
    port, process = real_server
    head = b"POST /v1/decisions HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n"
    # a chunked body far over the limit
    chunk = b"10000\r\n" + b" " * 0x10000 + b"\r\n"
    answer = _raw(port, head + b"transfer-encoding: chunked\r\n\r\n" + chunk * 40)
    assert answer.startswith(b"HTTP/1.1 413")
    # an aborted upload holding a personal number
    _raw(port, head + b"content-length: 5000\r\n\r\n" + b'{"person": {"bsn": "' + SECRET.encode(), close_after_send=True)
    # a malformed request line and header
    _raw(port, b"POST /v1/decisions HTTP/1.1\r\nbad header " + SECRET.encode() + b"\r\n\r\n")
    # a form field that used to crash the page
    form = b"municipality=GM0080&person.age=--" + SECRET.encode()
    answer = _raw(port, b"POST / HTTP/1.1\r\nhost: x\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: %d\r\n\r\n" % len(form) + form)
    assert answer.startswith(b"HTTP/1.1 400")
    time.sleep(0.5)
    process.terminate()
    _, err = process.communicate(timeout=15)
    text = err.decode(errors="replace")
    assert "Traceback" not in text and SECRET not in text, text
