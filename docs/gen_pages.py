"""Generate the pages that must never be written by hand, at build time (mkdocs-gen-files):
one page per shipped regime for policy staff and one for developers, the JSON Schema of a case, the CLI reference from --help, and
the changelog."""

from __future__ import annotations

import contextlib
import io
import json
import sys
from pathlib import Path

import mkdocs_gen_files

sys.path.insert(0, str(Path(__file__).resolve().parent))  # regime_pages.py lives beside this file

from regime_pages import developer_page, regime_page

from sekswerk_rules import Case
from sekswerk_rules.cli import COMMANDS, main
from sekswerk_rules.regime import NATIONAL, shipped
from sekswerk_rules.scenarios import dutch_date

ROOT = Path(__file__).resolve().parent.parent

regimes = [r for r in shipped() if r.id != NATIONAL]
with mkdocs_gen_files.open("gemeenten/index.md", "w") as index:
    index.write("# Per gemeente\n\nEen pagina per meegeleverd regime, gemaakt uit het regimebestand en de scenario's bij het bouwen van deze site.\n\n")
    index.write("| Regime | CBS-code | Regels gewijzigd op |\n|---|---|---|\n")
    for regime in regimes:
        versions = ", ".join(dutch_date(d) for d in regime.boundaries())
        index.write(f"| [{regime.name}]({regime.id}.md) | {regime.cbs_code or '—'} | {versions} |\n")
for regime in regimes:
    with mkdocs_gen_files.open(f"gemeenten/{regime.id}.md", "w") as page:
        page.write(regime_page(regime))
    with mkdocs_gen_files.open(f"ontwikkelaars/gemeenten/{regime.id}.md", "w") as page:
        page.write(developer_page(regime))

with mkdocs_gen_files.open("ontwikkelaars/schema.md", "w") as page:
    page.write("# JSON Schema van een zaak\n\nGegenereerd uit de pydantic-modellen (`sekswerk-rules schema`).\n\n")
    page.write("```json\n" + json.dumps(Case.model_json_schema(), indent=2, ensure_ascii=False) + "\n```\n")


def _help(*args: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
        main([*args, "--help"])
    return out.getvalue()


with mkdocs_gen_files.open("ontwikkelaars/cli.md", "w") as page:
    page.write("# De opdrachtregel\n\nGegenereerd uit `--help` bij het bouwen van deze site. De hulp is alleen Nederlands, ook met `--lang en`.\n\n")
    for command in ((), *COMMANDS):
        page.write(f"## `sekswerk-rules {' '.join(command)}`\n\n```\n{_help(*command)}```\n\n")

with mkdocs_gen_files.open("changelog.md", "w") as page:
    page.write((ROOT / "CHANGELOG.md").read_text("utf-8"))
