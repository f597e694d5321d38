"""The JSON Schema of a regime file, for editors that complete and check TOML keys.

Even Better TOML (taplo) reads a JSON Schema named in the file's first line::

    #:schema https://…/regime.schema.json

or through its settings. The schema is generated from the same models the loader validates
with (the regime file, each rule's parameters, the common keys and a basis), so it cannot say
anything the loader does not; ``data/schemas/regime.schema.json`` is that output, and a test
keeps it equal. ``sekswerk-rules schema --regime-file`` prints it.

>>> schema = regime_file_schema()
>>> schema["properties"]["extends"]["examples"][:2]
['model-apv', 'amsterdam']
>>> sorted(schema["$defs"]["rules"]["properties"])[:3]
['aangewezen-zone', 'bsn', 'intake-en-pas']
"""

from __future__ import annotations

import copy
import json
from importlib import resources
from typing import Any

from .law import first_day
from .regime import _shipped
from .rules import RULES
from .sources import KIND_NAMES, Basis, keys

SCHEMA_FILE = ("data", "schemas", "regime.schema.json")


def _inline(schema: dict[str, Any]) -> dict[str, Any]:
    """A model's schema with its own ``$defs`` resolved in place (taplo follows no nested refs)."""
    defs = schema.pop("$defs", {})

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/"):
                return walk(copy.deepcopy(defs[ref.removeprefix("#/$defs/")]))
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(schema)  # type: ignore[no-any-return]


def _basis() -> dict[str, Any]:
    registry = {
        "type": "object",
        "description": "Een bron uit het bronnenregister. / A source of the registry.",
        "properties": {
            "source": {"type": "string", "enum": keys()},
            "detail": {"type": "string", "description": "lid, sub of onderdeel, bijvoorbeeld 'lid 2'"},
            "confidence": {"enum": ["high", "medium", "low"]},
        },
        "required": ["source", "confidence"],
        "additionalProperties": False,
    }
    inline = _inline(Basis.model_json_schema())
    inline["properties"].pop("citation", None)
    inline["properties"].pop("source", None)
    inline["properties"]["title"] = {"type": "string", "description": "de titel van het document"}
    inline["properties"]["detail"] = {"type": "string"}
    inline["properties"]["kind"]["description"] = "; ".join(f"{k}: {v[0]}" for k, v in KIND_NAMES.items())
    inline["required"] = ["kind", "title", "confidence"]
    inline["description"] = "Een bron beschreven in dit bestand (met link, of public = false). / A source described here."
    return {"oneOf": [registry, inline]}


def _rule(key: str) -> dict[str, Any]:
    rule = RULES[key]
    params = _inline(rule.Params.model_json_schema())
    properties = {
        "enabled": {"type": "boolean", "description": "aan of uit / on or off"},
        "uncertain": {"enum": ["date", "transition", False], "description": "datum of overgangsregeling onzeker / uncertain date or transition"},
        "basis": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/basis"}},
        **params.get("properties", {}),
    }
    return {"type": "object", "title": rule.title[0], "properties": properties, "additionalProperties": False}


def regime_file_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a regime file."""
    national = [k for k, r in RULES.items() if r.national]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "sekswerk-rules regimebestand / regime file",
        "type": "object",
        "properties": {
            "id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$", "maxLength": 64},
            "name": {"type": "string"},
            "cbs_code": {"type": "string", "pattern": "^GM[0-9]{4}$"},
            "extends": {
                "type": "string",
                "pattern": "^[a-z0-9][a-z0-9-]*$",
                "examples": ["model-apv", *sorted(i for i in _shipped() if i not in ("model-apv", "nationaal"))],
            },
            "description": {"type": "string"},
            "toelichting": {"type": "string", "description": "Voor beleidsmedewerkers: wat het regime codeert en welke lezing het kiest."},
            "versions": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "properties": {
                        "valid_from": {"type": "string", "format": "date", "description": f"eerste dag van deze versie (niet vóór {first_day().isoformat()})"},
                        "note": {"type": "string"},
                        "rules": {"$ref": "#/$defs/rules"},
                    },
                    "required": ["valid_from"],
                    "additionalProperties": False,
                },
            },
        },
        "required": ["id", "name", "versions"],
        "additionalProperties": False,
        "$defs": {
            "basis": _basis(),
            "rules": {
                "type": "object",
                "description": f"Regels per sleutel; landelijke regels ({', '.join(national)}) kan een gemeente niet wijzigen.",
                "properties": {key: _rule(key) for key in sorted(RULES) if key not in national},
                "additionalProperties": False,
            },
        },
    }


def shipped_schema_text() -> str:
    """The schema as shipped in ``data/schemas/regime.schema.json``."""
    return resources.files("sekswerk_rules").joinpath(*SCHEMA_FILE).read_text("utf-8")


def render() -> str:
    return json.dumps(regime_file_schema(), indent=2, ensure_ascii=False) + "\n"
