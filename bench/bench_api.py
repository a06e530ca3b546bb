"""How fast `GET /events` answers over a database of 100,000 events.

    python bench/bench_api.py [--events 100000] [--seconds 10] [--no-write]

1. Real events: the Dân Trí corpus, the dev set and the seed are ingested (read,
   extract, store, merge) into a new DuckDB file.
2. Scale: the real canonical events are copied, in SQL, until there are
   `--events` of them, each copy moved in time (within ten years) and in space
   (up to 6 degrees, as bench_store.py does), with its own id.
3. `frontline serve` runs on 127.0.0.1 (one uvicorn process) and a local load
   tool asks for filtered pages of 100: wrk when installed (`apt-get install wrk`),
   else a bounded Python loop. Latency p50/p95 with one connection at a time,
   requests/s with 8 connections, for a fixed time each; nothing leaves 127.0.0.1.
The figures are printed and written to bench/results.md between this benchmark's markers.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import datetime as dt
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import duckdb

from frontline.ingest import ingest
from frontline.store.db import Store

SHARED = Path(__file__).resolve().parents[2] / "shared"
INPUTS = [SHARED / "corpus" / "dantri-2020-21.jsonl", SHARED / "eval" / "vi-dev" / "articles.jsonl",
          SHARED / "eval" / "seed" / "albu_kamal_2017-11.txt"]
RESULTS = Path(__file__).resolve().parent / "results.md"
START, END = "<!-- bench_api:start -->", "<!-- bench_api:end -->"
QUERIES = {  # filtered pages of 100
    "type + dates": "/events?event_type=Battles&since=2019-01-01&until=2023-12-31&limit=100",
    "bbox + country + dates": "/events?country=Syria&bbox=30,28,48,42&since=2018-01-01&limit=100",
    "actor + text search": "/events?actor=islamic%20state&q=albu&limit=100",
}
WRK_SCRIPT = """done = function(summary, latency, requests)
  io.write(string.format("FIGURES p50=%d p95=%d p99=%d requests=%d errors=%d seconds=%f\\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99), summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout, summary.duration / 1e6))
end
"""


def build(folder: Path, size: int) -> tuple[Path, int]:
    """A store with `size` canonical events copied from the real ones; how many were real."""
    path = folder / "bench-api.duckdb"
    ingest([str(p) for p in INPUTS if p.exists()], Store(path), on_problem=lambda problem: None)
    with duckdb.connect(str(path)) as con:
        real = con.execute("SELECT count(*) FROM canonical_events").fetchone()[0]
        copies = -(-size // real)
        con.execute("CREATE TEMP TABLE base AS SELECT * FROM canonical_events")
        con.execute("""
            INSERT INTO canonical_events BY NAME
            SELECT * EXCLUDE (copy) REPLACE (
                canonical_id || '-r' || copy AS canonical_id, component_id || '-r' || copy AS component_id,
                CAST(event_date - INTERVAL (((copy * 37) % 3650)) DAY AS DATE) AS event_date,
                least(89.0, greatest(-89.0, latitude + ((copy * 7) % 41 - 20) * 0.3)) AS latitude,
                ((longitude + ((copy * 13) % 41 - 20) * 0.3 + 180.0) % 360.0) - 180.0 AS longitude)
            FROM base, range(1, $1) AS r(copy)""", [copies])
        con.execute("DELETE FROM canonical_events WHERE canonical_id IN (SELECT canonical_id FROM canonical_events "
                    "ORDER BY canonical_id DESC LIMIT greatest(0, (SELECT count(*) FROM canonical_events) - $1))",
                    [size])
        con.execute("CHECKPOINT")
    return path, real


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serving(db: Path) -> Iterator[str]:
    port = free_port()
    frontline = shutil.which("frontline") or "frontline"
    server = subprocess.Popen([frontline, "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/stats", timeout=5).read()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(10)


def with_wrk(url: str, connections: int, seconds: int, script: Path) -> dict[str, float]:
    out = subprocess.run(["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s",
                          "-s", str(script), url], capture_output=True, text=True, check=True).stdout
    found = re.search(r"FIGURES p50=(\d+) p95=(\d+) p99=(\d+) requests=(\d+) errors=(\d+) seconds=([\d.]+)", out)
    if not found:
        raise SystemExit(f"wrk said:\n{out}")
    p50, p95, p99, requests, errors = (int(found.group(i)) for i in range(1, 6))
    return {"p50": p50 / 1000, "p95": p95 / 1000, "p99": p99 / 1000, "rps": requests / float(found.group(6)),
            "requests": requests, "errors": errors}


def with_python(url: str, connections: int, seconds: int) -> dict[str, float]:
    """The fallback: `connections` threads asking in turn for `seconds`."""
    stop = time.monotonic() + seconds

    def worker() -> tuple[list[float], int]:
        times, errors = [], 0
        while time.monotonic() < stop:
            began = time.perf_counter()
            try:
                urllib.request.urlopen(url, timeout=5).read()
            except OSError:
                errors += 1
            times.append((time.perf_counter() - began) * 1000)
        return times, errors

    began = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(connections) as pool:
        results = list(pool.map(lambda _: worker(), range(connections)))
    elapsed = time.perf_counter() - began
    times = sorted(t for got, _ in results for t in got)
    cuts = statistics.quantiles(times, n=100)
    return {"p50": cuts[49], "p95": cuts[94], "p99": cuts[98], "rps": len(times) / elapsed, "requests": len(times),
            "errors": sum(e for _, e in results)}


def report(size: int, real: int, tool: str, seconds: int, figures: dict[str, tuple[dict, dict]]) -> str:
    lines = [START, "## API: GET /events over 100,000 events (bench/bench_api.py)", "",
             f"Machine: {platform.machine()}, {_cores()} cores shared, Python {platform.python_version()}; run "
             f"{dt.date.today().isoformat()}. {size:,} canonical events ({real} real ones from the corpus, the dev "
             f"set and the seed, copied with shifted dates and places); `frontline serve` (one uvicorn process) on "
             f"127.0.0.1; load from {tool}, {seconds} s per row. Target: p95 < 50 ms for a filtered page of 100.",
             "", "| query (page of 100) | matching | p50 (1 conn.) | p95 (1 conn.) | requests/s (8 conn.) | "
             "p95 (8 conn.) | errors |", "|---|---:|---:|---:|---:|---:|---:|"]
    for name, (single, loaded, total) in figures.items():
        lines.append(f"| {name}: `{QUERIES[name]}` | {total:,} | {single['p50']:.1f} ms | {single['p95']:.1f} ms | "
                     f"{loaded['rps']:.0f} | {loaded['p95']:.1f} ms | {single['errors'] + loaded['errors']} |")
    return "\n".join(lines) + "\n" + END + "\n"


def _cores() -> int:
    import os
    return os.cpu_count() or 1


def write_section(text: str) -> None:
    """Replace this benchmark's section of results.md (between its markers), leaving the others."""
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    if START in old and END in old:
        new = old[:old.index(START)] + text.rstrip("\n") + old[old.index(END) + len(END):]
    else:
        new = old.rstrip("\n") + "\n\n" + text
    RESULTS.write_text(new.rstrip("\n") + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=10, help="seconds of load per measurement")
    parser.add_argument("--no-write", action="store_true", help="Print only; leave bench/results.md alone.")
    args = parser.parse_args()
    tool = "wrk" if shutil.which("wrk") else "a Python thread loop (wrk not installed)"
    with tempfile.TemporaryDirectory(prefix="bench-api-") as tmp:
        folder = Path(tmp)
        began = time.perf_counter()
        db, real = build(folder, args.events)
        print(f"built {args.events:,} events from {real} real ones in {time.perf_counter() - began:.1f} s", flush=True)
        script = folder / "figures.lua"
        script.write_text(WRK_SCRIPT, encoding="utf-8")
        figures = {}
        with serving(db) as base:
            for name, path in QUERIES.items():
                import json
                total = json.loads(urllib.request.urlopen(base + path, timeout=10).read())["total"]
                url = base + path
                run = (lambda c, url=url: with_wrk(url, c, args.seconds, script)) if tool == "wrk" else (
                    lambda c, url=url: with_python(url, c, args.seconds))
                single, loaded = run(1), run(8)
                figures[name] = (single, loaded, total)
                print(f"{name}: {total:,} match; p50 {single['p50']:.1f} ms, p95 {single['p95']:.1f} ms (1 conn.); "
                      f"{loaded['rps']:.0f} requests/s, p95 {loaded['p95']:.1f} ms (8 conn.)", flush=True)
    text = report(args.events, real, tool, args.seconds, figures)
    print(text)
    if not args.no_write:
        write_section(text)


if __name__ == "__main__":
    sys.exit(main())
