"""Differential test: the compiled engine (``evaluate``) against the reference evaluation
(``sekswerk_rules.reference.evaluate_reference``) on generated cases across every shipped
regime, reference dates 2000-10-01..2026-12-31, both languages, with and without advice,
alpha-2 and alpha-3 nationality codes, ``bsn`` and ``has_bsn``. Both must give the same
decision JSON (``model_dump(mode="json")``), or refuse the case with the same error.

    python benchmarks/differential.py --n 100000          # the full run recorded in RESULTS.md
    python benchmarks/differential.py --n 2000 --seed 3

The cases are synthetic (``sekswerk_rules.synth`` plus wider variation); the only BSN used is
the well-known test number 123456782.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sekswerk_rules import SekswerkRulesError, evaluate
from sekswerk_rules.reference import evaluate_reference
from sekswerk_rules.synth import case as synth_case

#: Every shipped regime a case can name (national law alone is no municipality), by id or CBS code.
MUNICIPALITIES = ("amsterdam", "GM0363", "assen", "groningen", "GM0014", "leeuwarden", "GM0080", "model-apv", "utrecht", "GM0344")
FIRST, LAST = date(2000, 10, 1), date(2026, 12, 31)
#: Nationalities whose free movement changes over the period (accessions, transitions, Brexit), and others.
NATIONALITIES = ("NL", "RO", "BG", "HR", "PL", "HU", "GB", "CH", "NO", "IS", "UA", "CO", "TH", "MA", "NG", "US", "DE", "ES")
ALPHA3 = {"NL": "NLD", "RO": "ROU", "BG": "BGR", "HR": "HRV", "PL": "POL", "HU": "HUN", "GB": "GBR", "CH": "CHE", "NO": "NOR", "UA": "UKR", "DE": "DEU"}
KINDS = ("window", "club", "private_house", "massage_parlour", "sex_theatre", "escort", "home", "street", "hotel")
TEST_BSN = "123456782"


def _day(rng: random.Random, first: date = FIRST, last: date = LAST) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def generate(n: int, seed: int = 0) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """``n`` (case, keyword arguments) pairs, reproducible from ``seed``."""
    rng = random.Random(seed)
    for index in range(n):
        on = _day(rng)
        case = synth_case(rng, rng.choice(MUNICIPALITIES), on)
        person, workplace = case.setdefault("person", {}), case.setdefault("workplace", {})
        if rng.random() < 0.5:
            person["nationalities"] = rng.sample(NATIONALITIES, rng.choice((1, 1, 1, 2)))
        if rng.random() < 0.3 and person.get("nationalities"):
            person["nationalities"] = [ALPHA3.get(code, code) for code in person["nationalities"]]
        if rng.random() < 0.3:
            workplace["kind"] = rng.choice(KINDS)
            if workplace["kind"] == "home":
                workplace.pop("licence", None)
                workplace.setdefault("home", {"sole_resident": rng.random() < 0.8, "business": rng.random() < 0.2})
            else:
                workplace.pop("home", None)
        if rng.random() < 0.2:
            workplace["in_designated_zone"] = rng.random() < 0.6
        if rng.random() < 0.2 and "has_bsn" in person and person.pop("has_bsn"):
            person["bsn"] = TEST_BSN
        if rng.random() < 0.2 and "birth_date" in person:
            birth = date.fromisoformat(person.pop("birth_date"))
            person["age"] = max(16, on.year - birth.year - 1)
        if rng.random() < 0.15:  # a document or licence whose expiry falls later: legal_until has work to do
            later = (on + timedelta(days=rng.randint(1, 3000))).isoformat()
            target = person.get("residence_document") if rng.random() < 0.5 else workplace.get("licence")
            if isinstance(target, dict):
                target["valid_until"] = later
        for part in (person, workplace):  # more unknown facts than synth leaves: next questions
            for key in list(part):
                if key != "kind" and rng.random() < 0.08:
                    del part[key]
        if rng.random() < 0.1:
            case["id"] = f"dossier-{index}"
        if rng.random() < 0.1:
            case.pop("reference_date")
            options: dict[str, Any] = {"on": on.isoformat()}
        else:
            options = {}
        options["lang"] = rng.choice(("nl", "en"))
        options["advise"] = rng.random() < 0.5
        yield case, options


def outcome(function: Any, case: dict[str, Any], options: dict[str, Any]) -> Any:
    """The decision JSON, or the error (class, code list and message) that refused the case."""
    try:
        return function(case, **options).model_dump(mode="json")
    except SekswerkRulesError as exc:
        return ("error", type(exc).__name__, str(exc))


def differences(n: int, seed: int = 0, *, stop_after: int = 10) -> tuple[int, list[tuple[dict[str, Any], dict[str, Any], Any, Any]]]:
    """How many of ``n`` generated cases differ, and the first ``stop_after`` of them."""
    count = 0
    shown: list[tuple[dict[str, Any], dict[str, Any], Any, Any]] = []
    for case, options in generate(n, seed):
        ours, reference = outcome(evaluate, case, options), outcome(evaluate_reference, case, options)
        if ours != reference:
            count += 1
            if len(shown) < stop_after:
                shown.append((case, options, ours, reference))
    return count, shown


def commit() -> str:
    """The commit a run is made at (with ``+changes`` when ``src`` differs from it)."""
    root = Path(__file__).resolve().parent.parent
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True, check=False).stdout.strip() or "unknown"
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "src"], cwd=root, capture_output=True, text=True, check=False).stdout.strip()
    return head + ("+changes" if dirty else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--write", help="record the result line in this Markdown file (benchmarks/RESULTS.md)")
    args = parser.parse_args()
    start = time.perf_counter()
    count, shown = differences(args.n, args.seed)
    for case, options, ours, reference in shown:
        print(f"DIFFERS: {case} {options}\n  engine:    {ours}\n  reference: {reference}", file=sys.stderr)
    line = f"Differential: {args.n:,} generated cases (seed {args.seed}), {count} differ from the reference; {time.perf_counter() - start:.0f} s ({date.today().isoformat()}, at {commit()})."
    print(line)
    if args.write:
        target = Path(args.write)
        kept = [old for old in (target.read_text().splitlines() if target.exists() else []) if not old.startswith("Differential:")]
        target.write_text("\n".join([*kept, line]) + "\n")
    return 1 if count else 0


if __name__ == "__main__":
    raise SystemExit(main())
