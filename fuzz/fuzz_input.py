"""Coverage-guided fuzzing of the two input paths: case JSON (through the CLI's reader and
evaluate) and regime TOML (through the loader). Any exception other than the library's own
documented errors is a crash.

Short run (as CI does):  python fuzz/fuzz_input.py -atheris_runs=2000 fuzz/corpus/case
Long run (documented):   python fuzz/fuzz_input.py -max_total_time=600 fuzz/corpus/case
Regimes:                 FUZZ_TARGET=regime python fuzz/fuzz_input.py -max_total_time=600 fuzz/corpus/regime
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile

import atheris

with atheris.instrument_imports():
    from sekswerk_rules import SekswerkRulesError, evaluate
    from sekswerk_rules.regime import loads

TARGET = os.environ.get("FUZZ_TARGET", "case")
#: An empty folder of its own, so that no stray ``<id>.toml`` in the temp folder is read as a parent.
FOLDER = tempfile.mkdtemp(prefix="fuzz-regime-")


def fuzz_case(data: bytes) -> None:
    with contextlib.suppress(SekswerkRulesError):  # documented errors are fine; anything else is a crash
        evaluate(data, municipality="leeuwarden" if data[:1] == b"L" else None)


def fuzz_regime(data: bytes) -> None:
    # Raw bytes, as a file is read: the UTF-8 check, the size limit and the parser all run.
    with contextlib.suppress(SekswerkRulesError):
        loads(data, os.path.join(FOLDER, "fuzz.toml"))


def main() -> None:
    atheris.Setup(sys.argv, fuzz_case if TARGET == "case" else fuzz_regime)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
