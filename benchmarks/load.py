"""A bounded load test of the HTTP interface on loopback: the server in one process
(`sekswerk-rules serve`), the client in this one, a fixed number of requests over a few
keep-alive connections. Reports throughput, p50/p99 latency and errors.

    python benchmarks/load.py                  # 20,000 requests, 8 connections
    python benchmarks/load.py --requests 500   # the smoke run
"""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

from sekswerk_rules.synth import population

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--write", help="append the result as Markdown to this file")
    args = parser.parse_args()

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "sekswerk_rules", "serve", "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT
    )
    try:
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        bodies = [json.dumps(c).encode() for c in population(1000, seed=3, day=date(2024, 5, 1))]
        latencies: list[float] = []
        errors = [0]
        lock = threading.Lock()
        per_connection = args.requests // args.connections

        def client(offset: int) -> None:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine = []
            for i in range(per_connection):
                body = bodies[(offset + i) % len(bodies)]
                start = time.perf_counter()
                try:
                    connection.request("POST", "/v1/decisions", body, {"Content-Type": "application/json"})
                    response = connection.getresponse()
                    response.read()
                    ok = response.status == 200
                except (OSError, http.client.HTTPException):
                    ok = False
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                mine.append(time.perf_counter() - start)
                if not ok:
                    with lock:
                        errors[0] += 1
            with lock:
                latencies.extend(mine)

        threads = [threading.Thread(target=client, args=(k * 97,)) for k in range(args.connections)]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=10)
    latencies.sort()
    total = len(latencies)
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[int(total * 0.99) - 1] * 1000
    text = (
        f"Load test {date.today().isoformat()}: {total:,} POST /v1/decisions over {args.connections} keep-alive connections "
        f"on loopback, server `sekswerk-rules serve` (uvicorn, one worker) in its own process: "
        f"{total / elapsed:,.0f} requests/s, p50 {p50:.1f} ms, p99 {p99:.1f} ms, errors {errors[0]}.\n"
    )
    print(text, end="")
    if args.write:
        with open(args.write, "a") as out:
            out.write("\n" + text)
    return 1 if errors[0] else 0


if __name__ == "__main__":
    raise SystemExit(main())
