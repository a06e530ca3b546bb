"""Extraction on Dask: 1 against 2 local worker processes, and time from 1,000 to 10,000 articles.

    python bench/bench_cluster.py [ARTICLES ...] [--sizes 1000 10000] [--no-write]

1. Speed-up: the real corpus (by default Dân Trí 2020-21 and the VietNews
   sample) extracted by `frontline.cluster` on a LocalCluster of 1, then 2
   worker processes (one thread each), and in one process without Dask.
2. Scaling: the corpus shuffled (fixed seed, so that any prefix has the same mix
   of outlets) and repeated under new ids up to each size, extracted on 2 workers
   and in one process.

Every run is a fresh child process reading a JSONL file as `frontline extract`
does, timed from the first article read to the last event serialised, after
the workers have started and loaded their resources (that start is shown
apart). Each run's events are hashed: the same input must give the same
bytes on any number of workers. The figures are printed and written to
bench/results.md under their own heading.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_extract import DEFAULT_INPUTS, load_average, peak_rss_mb, write_section

HEADING = "## Extraction on Dask: workers and scaling (bench/bench_cluster.py)"
END = "<!-- end bench_cluster -->"
TARGET_SPEEDUP = 1.7


def corpus_file(inputs: list[str], size: int | None, folder: Path) -> Path:
    """The corpus as one JSONL file: all of it once (size None), or shuffled and repeated to `size` articles."""
    lines = [line for path in inputs for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    if size is not None:
        random.Random(0).shuffle(lines)
        repeated = []
        for index in range(size):
            record = json.loads(lines[index % len(lines)])
            copy = index // len(lines)
            if copy:
                record["id"] = f"{record['id']}#r{copy}"
            repeated.append(json.dumps(record, ensure_ascii=False))
        lines = repeated
    path = folder / f"corpus-{size or 'all'}.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def timed_map(runner, path: Path) -> dict:
    from frontline.io import read_inputs
    from frontline.io.writers import event_json

    digest, articles, events = hashlib.sha256(), 0, 0
    started = time.perf_counter()
    for result in runner.map(read_inputs([str(path)])):
        articles += result.doc is not None
        for event in result.events:
            digest.update((event_json(event) + "\n").encode())
            events += 1
    return {"seconds": time.perf_counter() - started, "articles": articles, "events": events,
            "digest": digest.hexdigest()[:12]}


def run_child(workers: int, path: Path) -> dict:
    """Child: one run on `workers` local Dask workers (0: this process, no Dask)."""
    from frontline.batch import process_item
    from frontline.cluster import ClusterSpec, DaskRunner, LocalRunner
    from frontline.io import read_inputs

    sample = next(iter(read_inputs([str(path)])))
    started = time.perf_counter()
    if workers == 0:
        process_item(sample)
        figures = {"start": time.perf_counter() - started, **timed_map(LocalRunner(), path)}
        return {**figures, "client_rss": peak_rss_mb(), "worker_rss": peak_rss_mb()}
    from frontline.cluster.connect import connect

    with connect(ClusterSpec(workers=workers)) as client:
        client.wait_for_workers(workers)
        client.run(process_item, sample)  # every worker loads its resources before the clock starts
        figures = {"start": time.perf_counter() - started, **timed_map(DaskRunner(client), path)}
        worker_rss = max(client.run(peak_rss_mb).values())
    return {**figures, "client_rss": peak_rss_mb(), "worker_rss": worker_rss}


def child(workers: int, path: Path) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", str(workers), str(path)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def row(label: str, run: dict) -> str:
    return (f"| {label} | {run['articles']:,} | {run['seconds']:.1f} s | {run['articles'] / run['seconds']:,.0f} | "
            f"{run['start']:.1f} s | {run['client_rss']:.0f} MB | {run['worker_rss']:.0f} MB | {run['digest']} |")


def report(corpus: dict[int, dict], scaled: dict[tuple[int, int], dict], inputs: list[str], sizes: list[int],
           load: tuple[str, str]) -> str:
    speedup = corpus[1]["seconds"] / corpus[2]["seconds"]
    small, large = sizes[0], sizes[-1]
    lines = [
        HEADING, "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"run {dt.date.today().isoformat()}; load average (1, 5, 15 min) {load[0]} before, {load[1]} after.",
        f"Command: `python bench/bench_cluster.py --sizes {' '.join(map(str, sizes))}`; "
        f"articles: {', '.join(Path(p).name for p in inputs)}. Time: first article read to last event serialised; "
        "start: the cluster's start and each worker's resources, before the clock.", "",
        "| run | articles | time | articles/s | start | client peak RSS | worker peak RSS | events hash |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
        row("one process, no Dask", corpus[0]),
        row("Dask, 1 worker", corpus[1]),
        row("Dask, 2 workers", corpus[2]),
    ]
    lines += [row(f"{'Dask, 2 workers' if w else 'one process'}, {n:,} articles", scaled[(w, n)])
              for w in (2, 0) for n in sizes]
    same = all(len({run["digest"] for run in group}) == 1
               for group in ([*corpus.values()], *([scaled[(2, n)], scaled[(0, n)]] for n in sizes)))
    growth = {w: scaled[(w, large)]["seconds"] / scaled[(w, small)]["seconds"] for w in (2, 0)}
    lines += [
        "",
        f"Speed-up of 2 workers over 1: **{speedup:.2f}x** (target {TARGET_SPEEDUP}x: "
        f"{'met' if speedup >= TARGET_SPEEDUP else 'MISSED'}); Dask with 1 worker against one process: "
        f"{corpus[1]['seconds'] / corpus[0]['seconds']:.2f}x the time.",
        f"{large // small}x the articles ({small:,} to {large:,}): **{growth[2]:.1f}x** the time on 2 workers, "
        f"{growth[0]:.1f}x in one process (linear: {large / small:.1f}x). "
        f"Client memory {scaled[(2, small)]['client_rss']:.0f} MB at {small:,} and "
        f"{scaled[(2, large)]['client_rss']:.0f} MB at {large:,} articles.",
        f"Same events, byte for byte, whatever the number of workers: {'yes' if same else 'NO'} (events hash).",
        END,
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="*", default=[str(p) for p in DEFAULT_INPUTS])
    parser.add_argument("--sizes", nargs=2, type=int, default=[1000, 10000], help="The two corpus sizes to compare.")
    parser.add_argument("--no-write", action="store_true", help="Print only; leave bench/results.md alone.")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(run_child(args.child, Path(args.inputs[0]))))
        return
    before = load_average()
    with tempfile.TemporaryDirectory() as folder:
        whole = corpus_file(args.inputs, None, Path(folder))
        corpus = {workers: child(workers, whole) for workers in (1, 2, 0)}
        scaled = {}
        for size in args.sizes:
            path = corpus_file(args.inputs, size, Path(folder))
            for workers in (2, 0):
                scaled[(workers, size)] = child(workers, path)
    text = report(corpus, scaled, args.inputs, args.sizes, (before, load_average()))
    print(text)
    if not args.no_write:
        write_section(text, HEADING, END)


if __name__ == "__main__":
    main()
