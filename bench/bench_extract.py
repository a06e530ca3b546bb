"""How fast `frontline extract` is on real Vietnamese news, beside the approach of its peers.

    python bench/bench_extract.py [ARTICLES ...] [--baseline-every 10] [--no-write]

1. frontline: every article of the real corpus (by default Dân Trí 2020-21 and
   the VietNews sample) through `process_item`, as `frontline extract` runs it:
   articles/s per core (articles over the CPU seconds of the loop), per-article
   p50/p95 latency, peak memory (max RSS), and the one-off start (imports and
   language resources, measured apart).
2. The peers' approach on the same run's articles (every Nth, the same ones for
   both): a statistical NER pass over every sentence, as Mordecai and NGEC do,
   here underthesea's `sent_tokenize` + `ner`, then a gazetteer look-up of each
   LOC span (frontline's own gazetteer, so only the reading differs). The ratio
   is the baseline's time per article over frontline's on the same articles.
3. The whole command, `frontline extract ARTICLES -o FILE`, timed from outside.

Each side runs in its own child process, so each peak memory is its own.
The figures are printed and written to bench/results.md under their own heading.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEFAULT_INPUTS = [SHARED / "corpus" / "dantri-2020-21.jsonl", SHARED / "corpus" / "vietnews-sample.jsonl"]
RESULTS = Path(__file__).resolve().parent / "results.md"
HEADING = "## Extraction: throughput and the NER baseline (bench/bench_extract.py)"
TARGET_PER_CORE, TARGET_RATIO = 300, 30


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def peak_rss_mb() -> float:
    """This process's peak resident memory, MB.

    Linux's VmHWM, not getrusage's ru_maxrss: ru_maxrss survives exec, so a child
    forked from a big parent would report the parent's size.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux, bytes on macOS


def load_documents(inputs: list[str]) -> list:
    from frontline.io import read_inputs
    from frontline.record import Document

    return [item for item in read_inputs(inputs) if isinstance(item, Document)]


def run_frontline(inputs: list[str], every: int) -> dict:
    """Child: frontline over every article; the sampled articles' times kept apart for the ratio."""
    started = time.perf_counter()
    from frontline.batch import process_item
    from frontline.io.writers import event_json

    docs = load_documents(inputs)
    process_item(docs[0])  # imports, language resources, gazetteer: the one-off start
    start_seconds = time.perf_counter() - started
    latencies, events = [], 0
    cpu, wall = time.process_time(), time.perf_counter()
    for doc in docs:
        begun = time.perf_counter()
        result = process_item(doc)
        events += len([event_json(e) for e in result.events])
        latencies.append(time.perf_counter() - begun)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    sample = latencies[::every]
    return {"articles": len(docs), "events": events, "cpu": cpu, "wall": wall, "start": start_seconds,
            "p50": percentile(latencies, 0.5), "p95": percentile(latencies, 0.95), "rss": peak_rss_mb(),
            "sample_articles": len(sample), "sample_seconds": sum(sample)}


def loc_spans(tagged: list[tuple]) -> list[str]:
    """The LOC names of one NER-tagged sentence: B-LOC then I-LOC words, joined."""
    spans: list[list[str]] = []
    for word, *_, tag in tagged:
        if tag == "B-LOC" or (tag == "I-LOC" and not spans):
            spans.append([word])
        elif tag == "I-LOC":
            spans[-1].append(word)
    return [" ".join(words) for words in spans]


def run_baseline(inputs: list[str], every: int) -> dict:
    """Child: the peers' reading of the same sampled articles, NER over every sentence + gazetteer."""
    started = time.perf_counter()
    from underthesea import ner, sent_tokenize

    from frontline.geo import gazetteer

    docs = load_documents(inputs)[::every]
    places = gazetteer()
    for sentence in sent_tokenize(docs[0].text)[:2]:
        for name in loc_spans(ner(sentence)):
            places.lookup(name)
    start_seconds = time.perf_counter() - started
    latencies, sentences, spans, found = [], 0, 0, 0
    cpu, wall = time.process_time(), time.perf_counter()
    for doc in docs:
        begun = time.perf_counter()
        for sentence in sent_tokenize(doc.text):
            sentences += 1
            for name in loc_spans(ner(sentence)):
                spans += 1
                found += bool(places.lookup(name))
        latencies.append(time.perf_counter() - begun)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return {"articles": len(docs), "sentences": sentences, "loc_spans": spans, "places_found": found,
            "cpu": cpu, "wall": wall, "start": start_seconds, "p50": percentile(latencies, 0.5),
            "p95": percentile(latencies, 0.95), "rss": peak_rss_mb()}


def child(kind: str, inputs: list[str], every: int) -> dict:
    """Run one side in a fresh interpreter and read its figures."""
    done = subprocess.run([sys.executable, __file__, "--child", kind, "--baseline-every", str(every), *inputs],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def whole_command(inputs: list[str]) -> dict:
    """`frontline extract` as a user runs it, process start and writing included."""
    command = str(Path(sys.executable).with_name("frontline"))
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "events.jsonl"
        before = os.times()
        started = time.perf_counter()
        subprocess.run([command, "extract", *inputs, "-o", str(out)], capture_output=True, check=False)
        wall = time.perf_counter() - started
        after = os.times()
        events = sum(1 for _ in out.open(encoding="utf-8"))
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return {"wall": wall, "cpu": cpu, "exported_events": events}


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def report(front: dict, base: dict, command: dict, inputs: list[str], every: int, load: tuple[str, str]) -> str:
    per_core = front["articles"] / front["cpu"]
    front_sample = front["sample_seconds"] / front["sample_articles"]
    base_per_article = base["wall"] / base["articles"]
    ratio = base_per_article / front_sample
    names = ", ".join(Path(p).name for p in inputs)
    lines = [
        HEADING, "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"run {dt.date.today().isoformat()}; load average (1, 5, 15 min) {load[0]} before, {load[1]} after.",
        f"Command: `python bench/bench_extract.py --baseline-every {every}`; articles: {names}.", "",
        "| | articles | articles/s/core | wall articles/s | p50 | p95 | peak RSS | one-off start |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        f"| frontline (`process_item`) | {front['articles']:,} | **{per_core:,.0f}** | "
        f"{front['articles'] / front['wall']:,.0f} | {front['p50'] * 1000:.2f} ms | {front['p95'] * 1000:.2f} ms | "
        f"{front['rss']:.0f} MB | {front['start']:.1f} s |",
        f"| NER baseline (underthesea `ner` + gazetteer) | {base['articles']:,} | "
        f"{base['articles'] / base['cpu']:,.1f} | {base['articles'] / base['wall']:,.1f} | "
        f"{base['p50'] * 1000:.0f} ms | {base['p95'] * 1000:.0f} ms | {base['rss']:.0f} MB | "
        f"{base['start']:.1f} s |", "",
        f"Same articles (every {every}th, {base['articles']}): frontline {front_sample * 1000:.2f} ms an article, "
        f"the NER baseline {base_per_article * 1000:.0f} ms ({base['sentences']:,} sentences, "
        f"{base['loc_spans']:,} LOC spans, {base['places_found']:,} found in the gazetteer): "
        f"frontline is **{ratio:,.0f}x** faster.",
        f"Whole command `frontline extract {' '.join(Path(p).name for p in inputs)} -o events.jsonl` "
        f"(process start, reading, writing): {command['wall']:.1f} s wall, {command['cpu']:.1f} s CPU = "
        f"{front['articles'] / command['wall']:,.0f} articles/s; {front['events']:,} events of every modality, "
        f"{command['exported_events']:,} exported.",
        f"Targets: >= {TARGET_PER_CORE} articles/s/core: {'met' if per_core >= TARGET_PER_CORE else 'MISSED'}; "
        f">= {TARGET_RATIO}x the NER baseline: {'met' if ratio >= TARGET_RATIO else 'MISSED'}.",
        "<!-- end bench_extract -->",
    ]
    return "\n".join(lines) + "\n"


def write_section(text: str, heading: str = HEADING, end_marker: str = "<!-- end bench_extract -->") -> None:
    """Replace this benchmark's section of results.md (its heading to its end marker), leaving the rest."""
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    if heading in old and end_marker in old[old.index(heading):]:
        start = old.index(heading)
        stop = old.index(end_marker, start) + len(end_marker)
        stop += old[stop:].startswith("\n")
        new = old[:start] + text + old[stop:]
    else:
        new = old.rstrip("\n") + "\n\n" + text
    RESULTS.write_text(new, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="*", default=[str(p) for p in DEFAULT_INPUTS])
    parser.add_argument("--baseline-every", type=int, default=10, help="The baseline reads every Nth article.")
    parser.add_argument("--no-write", action="store_true", help="Print only; leave bench/results.md alone.")
    parser.add_argument("--child", choices=["frontline", "baseline"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run = run_frontline if args.child == "frontline" else run_baseline
        print(json.dumps(run(args.inputs, args.baseline_every)))
        return
    before = load_average()
    front = child("frontline", args.inputs, args.baseline_every)
    base = child("baseline", args.inputs, args.baseline_every)
    command = whole_command(args.inputs)
    text = report(front, base, command, args.inputs, args.baseline_every, (before, load_average()))
    print(text)
    if not args.no_write:
        write_section(text)


if __name__ == "__main__":
    main()
