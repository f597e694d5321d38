"""The same Leeuwarden decision as a GoRules ZEN (JDM) graph: one expression node whose
expressions compute each rule's outcome (true, false, or null for unknown) and the verdict."""

from __future__ import annotations

import json

from floor import FREE, LICENSED, MEDIATION


def _list(values: frozenset[str]) -> str:
    return "[" + ", ".join(f'"{v}"' for v in sorted(values)) + "]"


AGE = '$.bd != null ? d(reference_date).diff(d($.bd), "year") : person.age'
EXPRESSIONS = [
    ("bd", "person.birth_date"),
    ("age", AGE),
    ("national_age", "$.age == null ? null : $.age >= 18"),
    ("trafficking", 'person.human_trafficking == null ? null : person.human_trafficking == "not_established"'),
    ("nats", "person.nationalities"),
    ("work", "person.residence_document.work"),
    ("until", "person.residence_document.valid_until"),
    ("free_nat", f"$.nats != null and some($.nats, # in {_list(FREE)})"),
    ("doc_free", '$.work == "free" and $.until != null and date($.until) >= date(reference_date)'),
    (
        "work_ok",
        "$.free_nat or $.doc_free ? true : ($.nats == null or $.work == null ? null : "
        '($.work == "none" ? false : ($.until == null ? null : '
        '($.work == "self_employed" and date($.until) >= date(reference_date) ? null : false))))',
    ),
    ("age21", "$.age == null ? null : $.age >= 21"),
    ("kind", "workplace.kind"),
    ("place", '$.kind == null ? null : $.kind != "home"'),
    ("lic_until", "workplace.licence.valid_until"),
    ("status", "workplace.licence.status"),
    ("req", "workplace.licence.requirements_met"),
    (
        "lic_inner",
        "$.lic_until != null and date($.lic_until) < date(reference_date) ? false : "
        '($.req == false ? false : ($.status == null ? null : ($.status != "valid" ? false : $.req)))',
    ),
    ("employment", "person.employment"),
    (
        "lic_disputed",
        f'$.kind != null and $.kind in {_list(MEDIATION)} and $.lic_inner == false and $.employment != "employed"',
    ),
    (
        "licence",
        f"$.kind != null and not ($.kind in {_list(LICENSED)}) ? true : ($.kind == null and $.lic_inner != true ? null : ($.lic_disputed ? null : $.lic_inner))",
    ),
    ("in_zone", "workplace.in_designated_zone"),
    (
        "zone",
        '$.kind != null and $.kind != "street" ? true : (date(reference_date) >= date("2023-01-01") ? '
        '($.kind == null ? null : false) : ($.in_zone == false and $.kind != null ? false : null))',
    ),
    ("kvk_fact", "person.kvk.registered"),
    ("kvk", '$.kvk_fact == false and $.employment != "self_employed" ? null : $.kvk_fact'),
    ("bsn", 'person.bsn != null ? true : (person.has_bsn != null ? person.has_bsn : (person.population_register in ["brp", "rni"] ? true : null))'),
    (
        "verdict",
        "$.national_age == false or $.trafficking == false or $.work_ok == false or $.age21 == false or "
        '$.place == false or $.licence == false or $.zone == false or $.kvk == false or $.bsn == false ? "illegal" : '
        "($.national_age == null or $.trafficking == null or $.work_ok == null or $.age21 == null or "
        '$.place == null or $.licence == null or $.zone == null or $.kvk == null or $.bsn == null ? "undetermined" : "legal")',
    ),
]


def graph() -> str:
    node = {
        "id": "rules",
        "type": "expressionNode",
        "name": "Leeuwarden",
        "position": {"x": 200, "y": 0},
        "content": {"expressions": [{"id": f"e{i}", "key": k, "value": v} for i, (k, v) in enumerate(EXPRESSIONS)]},
    }
    return json.dumps(
        {
            "nodes": [
                {"id": "in", "type": "inputNode", "name": "Request", "position": {"x": 0, "y": 0}},
                node,
                {"id": "out", "type": "outputNode", "name": "Response", "position": {"x": 400, "y": 0}},
            ],
            "edges": [{"id": "a", "sourceId": "in", "targetId": "rules", "type": "edge"}, {"id": "b", "sourceId": "rules", "targetId": "out", "type": "edge"}],
        }
    )
