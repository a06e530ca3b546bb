"""How fast `GET /events` answers over a database of 100,000 events.

    python bench/bench_api.py [--events 100000] [--seconds 10] [--no-write]

1. Real events: the Dân Trí corpus, the dev set and the seed are ingested (read,
   extract, store, merge) into a new DuckDB file.
2. Scale: the real canonical events are copied, in SQL, until there are
   `--events` of them, each copy moved in time (within ten years) and in space
   (up to 6 degrees, as bench_store.py does), with its own id.
3. Snapshot: how long the server takes to copy the store and build its serving
   tables (api/database.py), timed here on the same file.
4. `frontline serve` runs on 127.0.0.1 (one uvicorn process) and a local load
   tool asks for filtered pages of 100: wrk when installed (`apt-get install wrk`),
   else a bounded Python loop. Latency p50/p95 with one connection at a time, each
   request new; then with 8 connections, requests/s and p95 twice: the same request over and over (the
   snapshot's answer cache serves it, as it serves the map pages of analysts looking
   at the same view), and a new request every time (a `nocache` parameter the API
   ignores makes each one new, so every answer is selected and made; a text term's
   matches are kept per snapshot, api/event_index.py), with the server's CPU time per
   request. A fixed time each; nothing leaves 127.0.0.1.
The figures are printed and written to bench/results.md between this benchmark's markers.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import datetime as dt
import itertools
import json
import os
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
WRK_FRESH = """threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, wrk.path .. "&nocache=" .. tid .. "-" .. counter)
end
"""
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
def serving(db: Path) -> Iterator[tuple[str, int]]:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "frontline.cli", "serve", "--db", str(db),
                               "--host", "127.0.0.1", "--port", str(port)],
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=5).read()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.2)
        yield base, server.pid
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


def with_python(url: str, connections: int, seconds: int, fresh: bool = False) -> dict[str, float]:
    """The fallback: `connections` threads asking in turn for `seconds` (each request new when `fresh`)."""
    stop = time.monotonic() + seconds
    counter = itertools.count()

    def worker() -> tuple[list[float], int]:
        times, errors = [], 0
        while time.monotonic() < stop:
            began = time.perf_counter()
            try:
                urllib.request.urlopen(f"{url}&nocache={next(counter)}" if fresh else url, timeout=5).read()
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


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of a process so far (Linux /proc), None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def time_snapshot(db: Path) -> tuple[float, float, float]:
    """Seconds the server takes to copy the store, and to build its serving tables and events index in
    the copy; and milliseconds a text term takes the first time it is searched in a snapshot."""
    from frontline.api import serving
    from frontline.api.event_index import EventIndex
    from frontline.api.queries import EventQuery
    from frontline.store.snapshot import copy_store

    with tempfile.TemporaryDirectory(prefix="bench-snapshot-") as tmp:
        began = time.perf_counter()
        copy = copy_store(Store(db), Path(tmp))
        copied = time.perf_counter()
        with contextlib.closing(serving.open_copy(copy)) as con:
            index = EventIndex.build(con, Path(tmp))
            built = time.perf_counter()
            index.select(EventQuery(text="albu"))
            term = (time.perf_counter() - built) * 1000
            index.close()
        return copied - began, built - copied, term


def report(size: int, real: int, tool: str, seconds: int, snapshot: tuple[float, float, float, int],
           figures: dict[str, dict], load: str) -> str:
    copy, build, term, megabytes = snapshot
    lines = [START, "## API: GET /events over 100,000 events (bench/bench_api.py)", "",
             f"Machine: x86_64, {_cores()} cores shared, Python {platform.python_version()}; run "
             f"{dt.date.today().isoformat()}; load average (1, 5, 15 min) {load} as the load runs began. "
             f"Command: `python bench/bench_api.py --seconds {seconds}`. {size:,} canonical events ({real} real "
             f"ones from the corpus, the dev set and the seed, copied with shifted dates and places); "
             f"`frontline serve` (one uvicorn process) on 127.0.0.1; load from {tool}, {seconds} s per figure. "
             "Target: p95 < 50 ms for a filtered page of 100 with 8 connections.", "",
             f"Snapshot (what the server does when the store changed): copy of the {megabytes} MB store under the "
             f"read lock {copy:.2f} s (the only time an ingest may wait for the server), serving tables and events "
             f"index (api/event_index.py) built from the copy {build:.2f} s. A text term (`q`) is searched in "
             f"DuckDB the first time a snapshot sees it ({term:.1f} ms for `albu`), then its matches are kept: "
             "the 'every request new' columns below therefore time a repeated term with a new answer.", "",
             "| query (page of 100) | matching | 1 conn., every request new: p50 | p95 | 8 conn., same request: "
             "requests/s | p95 | 8 conn., every request new: requests/s | p95 | server CPU per new request | errors |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, f in figures.items():
        single, same, fresh = f["single"], f["same"], f["fresh"]
        cpu = f"{f['cpu_ms']:.1f} ms" if f["cpu_ms"] is not None else "n/a"
        lines.append(f"| {name}: `{QUERIES[name]}` | {f['total']:,} | {single['p50']:.1f} ms | {single['p95']:.1f} ms "
                     f"| {same['rps']:.0f} | **{same['p95']:.1f} ms** | {fresh['rps']:.0f} | **{fresh['p95']:.1f} ms** "
                     f"| {cpu} | {single['errors'] + same['errors'] + fresh['errors']} |")
    return "\n".join(lines) + "\n" + END + "\n"


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


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
        copy, made, term = time_snapshot(db)
        snapshot = (copy, made, term, round(db.stat().st_size / 1e6))
        print(f"snapshot: copy {copy:.2f} s, serving tables and index {made:.2f} s, new text term {term:.1f} ms",
              flush=True)
        figures: dict[str, dict] = {}
        with serving(db) as (base, pid):
            load = _load()
            for name, path in QUERIES.items():
                url = base + path
                total = json.loads(urllib.request.urlopen(url, timeout=10).read())["total"]
                single = run(tool, folder, url, 1, args.seconds, fresh=True)
                same = run(tool, folder, url, 8, args.seconds)
                before = cpu_seconds(pid)
                fresh = run(tool, folder, url, 8, args.seconds, fresh=True)
                after = cpu_seconds(pid)
                cpu_ms = None if before is None or after is None else (
                    (after - before) * 1000 / max(1, fresh["requests"]))
                figures[name] = {"total": total, "single": single, "same": same, "fresh": fresh, "cpu_ms": cpu_ms}
                print(f"{name}: {total:,} match; p50 {single['p50']:.1f} ms, p95 {single['p95']:.1f} ms (1 conn.); "
                      f"8 conn. same request {same['rps']:.0f}/s p95 {same['p95']:.1f} ms; every request new "
                      f"{fresh['rps']:.0f}/s p95 {fresh['p95']:.1f} ms, server CPU {cpu_ms or 0:.1f} ms a request",
                      flush=True)
    text = report(args.events, real, tool, args.seconds, snapshot, figures, load)
    print(text)
    if not args.no_write:
        write_section(text)


def run(tool: str, folder: Path, url: str, connections: int, seconds: int, fresh: bool = False) -> dict[str, float]:
    if tool != "wrk":
        return with_python(url, connections, seconds, fresh)
    script = folder / ("fresh.lua" if fresh else "figures.lua")
    script.write_text((WRK_FRESH if fresh else "") + WRK_SCRIPT, encoding="utf-8")
    return with_wrk(url, connections, seconds, script)


if __name__ == "__main__":
    sys.exit(main())
