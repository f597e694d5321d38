"""Keep a small seed corpus in the repository: at most 100 inputs per target that together reach
every line of sekswerk_rules the whole corpus reaches (greedy set cover, smallest input first
among equals). The fuzzer grows the corpus outside the repository; this picks the seeds back.

    python fuzz/minimize.py fuzz/corpus/case --target case [--keep 100]
    python fuzz/minimize.py GROWN_DIR --target regime --out fuzz/corpus/regime

Without ``--out`` the chosen files stay and the others are deleted from the folder.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

from sekswerk_rules import SekswerkRulesError, evaluate
from sekswerk_rules.regime import loads

PACKAGE = str(Path(evaluate.__code__.co_filename).resolve().parent)
FOLDER = tempfile.mkdtemp(prefix="fuzz-minimize-")


def _lines(target: str, data: bytes) -> frozenset[tuple[str, int]]:
    """The lines of the package this input runs (sys.settrace, package files only)."""
    seen: set[tuple[str, int]] = set()

    def trace(frame, event, arg):  # type: ignore[no-untyped-def]
        name = frame.f_code.co_filename
        if not name.startswith(PACKAGE):
            return None
        if event == "line":
            seen.add((name, frame.f_lineno))
        return trace

    sys.settrace(trace)
    try:
        with contextlib.suppress(SekswerkRulesError, RecursionError):
            if target == "case":
                evaluate(data, municipality="leeuwarden" if data[:1] == b"L" else None)
            else:
                loads(data, os.path.join(FOLDER, "fuzz.toml"))
    finally:
        sys.settrace(None)
    return frozenset(seen)


def choose(files: list[Path], target: str, keep: int) -> list[Path]:
    reach = {path: _lines(target, path.read_bytes()) for path in sorted(files, key=lambda p: (p.stat().st_size, p.name))}
    covered: set[tuple[str, int]] = set()
    chosen: list[Path] = []
    while len(chosen) < keep:
        best = max(reach, key=lambda p: len(reach[p] - covered), default=None)
        if best is None or not reach[best] - covered:
            break
        chosen.append(best)
        covered |= reach.pop(best)
    return chosen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--target", choices=["case", "regime"], required=True)
    parser.add_argument("--keep", type=int, default=100)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    files = [p for p in args.folder.iterdir() if p.is_file()]
    chosen = choose(files, args.target, args.keep)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        for path in chosen:
            shutil.copy(path, args.out / path.name)
    else:
        for path in set(files) - set(chosen):
            path.unlink()
    print(f"{args.target}: kept {len(chosen)} of {len(files)} inputs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
