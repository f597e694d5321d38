"""Side-by-side benchmark: the plain-Python floor, sekswerk_rules, and GoRules ZEN, on the same
reproducible synthetic Leeuwarden cases, interleaved in one process, reported as ratios to
the floor. It first checks that all three agree on every verdict.

    python benchmarks/bench.py                 # the full run (100,000 cases, 1,000,000-line memory run)
    python benchmarks/bench.py --quick         # the smoke run CI does: small, same code paths
    python benchmarks/bench.py --write benchmarks/RESULTS.md

Timing assertions live here, never in the unit tests: CI only checks that this runs and agrees.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from importlib.metadata import version
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from floor import floor, verdict  # noqa: E402

from sekswerk_rules import evaluate, parse_case  # noqa: E402
from sekswerk_rules.synth import population  # noqa: E402

try:
    import zen
except ImportError:  # the benchmark still runs without ZEN, and says so
    zen = None


def cases(n: int) -> list[dict[str, Any]]:
    return list(population(n, seed=2024, municipality="leeuwarden", on=date(2024, 5, 1)))


def agreement(data: list[dict[str, Any]], zen_decision: Any) -> dict[str, int]:
    """How many verdicts of the floor and of ZEN differ from the library's (must be 0)."""
    differ = {"floor": 0, "zen": 0}
    for case in data:
        ours = evaluate(case, advise=False).verdict.value
        differ["floor"] += verdict(floor(case)) != ours
        if zen_decision is not None:
            differ["zen"] += zen_decision.evaluate(case)["result"]["verdict"] != ours
    return differ


def per_case(contenders: dict[str, Callable[[Any], Any]], inputs: dict[str, list[Any]], rounds: int) -> dict[str, float]:
    """Median microseconds per case, contenders interleaved round by round on the same cases."""
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, run in contenders.items():
            chunk = inputs[name]
            gc.collect()
            start = time.perf_counter()
            for item in chunk:
                run(item)
            samples[name].append((time.perf_counter() - start) / len(chunk) * 1e6)
    return {name: statistics.median(values) for name, values in samples.items()}


def wall(command: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT, check=False)
        times.append(time.perf_counter() - start)
    return times


def cli_start(runs: int) -> dict[str, float]:
    example = str(ROOT / "examples" / "leeuwarden" / "legaal-raam.json")
    ours = [sys.executable, "-m", "sekswerk_rules", "check", example]
    deps = [sys.executable, "-c", "import pydantic, pycountry, stdnum.nl.bsn"]
    a: list[float] = []
    b: list[float] = []
    for _ in range(runs):  # interleaved
        a += wall(ours, 1)
        b += wall(deps, 1)
    return {"cli": statistics.median(a), "imports": statistics.median(b)}


def peak_rss_mib(lines: int) -> tuple[float, float]:
    """Peak RSS (MiB) and seconds of `check FILE.jsonl --format json` over ``lines`` lines."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cases.jsonl"
        with path.open("w") as out:
            for case in population(lines, seed=7):
                out.write(json.dumps(case) + "\n")
        probe = (
            "import resource, subprocess, sys, time; t = time.perf_counter(); "
            f"subprocess.run([sys.executable, '-m', 'sekswerk_rules', 'check', {str(path)!r}, '--format', 'json'], "
            "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, time.perf_counter() - t)"
        )
        rss, seconds = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
        return float(rss), float(seconds)


def jsonl(lines: list[bytes], rounds: int) -> dict[str, float]:
    """Cases per second, end to end: parse JSON text, evaluate, write a JSON line."""
    sink: list[Any] = []

    def floor_line(line: bytes) -> None:
        case = json.loads(line)
        sink.append(json.dumps({"verdict": verdict(result := floor(case)), "rules": result}))

    def ours_line(line: bytes) -> None:
        sink.append(evaluate(line, advise=False).model_dump_json())

    micro = per_case({"floor pipeline": floor_line, "sekswerk_rules pipeline": ours_line}, {"floor pipeline": lines, "sekswerk_rules pipeline": lines}, rounds)
    return {name: 1e6 / us for name, us in micro.items()}


def machine() -> str:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), platform.processor()
    )
    packages = ", ".join(f"{p} {version(p)}" for p in ("pydantic", "pydantic-core", "python-stdnum", "pycountry", "zen-engine") if _installed(p))
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {cpu}; Python {platform.python_version()}; {packages}"


def _installed(name: str) -> bool:
    try:
        version(name)
        return True
    except Exception:
        return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a small smoke run (CI)")
    parser.add_argument("--n", type=int, help="cases (default 100,000; quick 500)")
    parser.add_argument("--memory-lines", type=int, help="lines for the memory run (default 1,000,000; quick 2,000)")
    parser.add_argument("--write", help="write the results as Markdown to this file")
    args = parser.parse_args()
    n = args.n or (500 if args.quick else 100_000)
    memory_lines = args.memory_lines or (2_000 if args.quick else 1_000_000)
    rounds = 2 if args.quick else 7

    data = cases(n)
    zen_decision = zen.ZenEngine().create_decision(__import__("zen_model").graph()) if zen else None
    differ = agreement(data, zen_decision)
    print(f"agreement on {n} cases: floor differs on {differ['floor']}, ZEN on {differ['zen']}" + ("" if zen else " (ZEN not installed)"))
    if any(differ.values()):
        return 1

    sample = data[: min(n, 5_000)]
    parsed = [parse_case(c) for c in sample]
    texts = [json.dumps(c).encode() for c in sample]
    contenders: dict[str, Callable[[Any], Any]] = {
        "floor (plain Python)": floor,
        "evaluate(Case), full decision": lambda c: evaluate(c),
        "evaluate(Case), advise=False": lambda c: evaluate(c, advise=False),
        "evaluate(dict), validated, full decision": lambda c: evaluate(c),
    }
    inputs: dict[str, list[Any]] = {
        "floor (plain Python)": sample,
        "evaluate(Case), full decision": parsed,
        "evaluate(Case), advise=False": parsed,
        "evaluate(dict), validated, full decision": sample,
    }
    if zen_decision is not None:
        contenders["ZEN expression node"] = zen_decision.evaluate
        contenders["ZEN expression node, trace"] = lambda c: zen_decision.evaluate(c, {"trace": True})
        inputs["ZEN expression node"] = inputs["ZEN expression node, trace"] = sample
    latency = per_case(contenders, inputs, rounds)
    base = latency["floor (plain Python)"]
    rows = [(name, us, us / base) for name, us in latency.items()]
    throughput = jsonl(texts, rounds)
    start = cli_start(2 if args.quick else 15)
    rss, seconds = peak_rss_mib(memory_lines)

    full = latency["evaluate(Case), full decision"] / base
    lean = latency["evaluate(Case), advise=False"] / base
    pipe = throughput["sekswerk_rules pipeline"] / throughput["floor pipeline"]
    cli = start["cli"] / start["imports"]
    lines = [
        f"Machine: {machine()}",
        f"Date: {date.today().isoformat()}; {n:,} cases (seed 2024), {rounds} interleaved rounds, medians.",
        f"Agreement: floor and library differ on {differ['floor']} verdicts, ZEN and library on {differ['zen']}.",
        "",
        "| contender | µs per case | × floor |",
        "|---|---:|---:|",
        *[f"| {name} | {us:.1f} | {ratio:.1f} |" for name, us, ratio in rows],
        "",
        "| target | measured | met |",
        "|---|---|---|",
        f"| per-case latency of `evaluate()` with the full decision ≤ 3× floor | {full:.1f}× (advise=False: {lean:.1f}×) | {'yes' if full <= 3 else 'no'} |",
        f"| JSONL end to end ≥ 1/3 of the floor pipeline's throughput | {throughput['sekswerk_rules pipeline']:,.0f} vs {throughput['floor pipeline']:,.0f} cases/s = {pipe:.2f} | {'yes' if pipe >= 1 / 3 else 'no'} |",
        f"| CLI start ≤ 1.5× importing pydantic, pycountry, stdnum | {start['cli'] * 1000:.0f} ms vs {start['imports'] * 1000:.0f} ms = {cli:.2f}× | {'yes' if cli <= 1.5 else 'no'} |",
        f"| peak RSS of a {memory_lines:,}-line JSONL run < 150 MiB | {rss:.0f} MiB ({seconds:.0f} s) | {'yes' if rss < 150 else 'no'} |",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        # keep the file's own commentary: replace only what follows the results marker
        target = Path(args.write)
        marker = "## Results of the last run\n\n"
        before = target.read_text() if target.exists() else ""
        head = before[: before.index(marker) + len(marker)] if marker in before else marker
        target.write_text(head + text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
