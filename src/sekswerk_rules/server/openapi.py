"""The OpenAPI 3.1 document: FastAPI's, tidied to say what the contract says."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from ..case import Case
from .api import LANG_DESCRIPTION
from .contract import API_VERSION, CONTACT, LANGS, SERVERS, BatchRequest, Problem

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
