"""Place-mention speed and memory: `python bench/bench_geo.py [N_ARTICLES]`.

Splits the Dân Trí corpus into sentences, runs Gazetteer.find on each
(and resolve per article), twice (cold caches, then warm), then once per
whole article; prints articles/s, sentences/s, mentions/s and the process's
resident memory after loading and after the runs.
"""
from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

import psutil

from frontline.geo import gazetteer

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dantri-2020-21.jsonl"
SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")


def rss_mb() -> float:
    return psutil.Process().memory_info().rss / 1e6


def main(limit: int | None) -> None:
    start = time.perf_counter()
    g = gazetteer()
    print(f"load: {time.perf_counter() - start:.2f}s, RSS {rss_mb():.0f} MB")
    articles = [json.loads(line)["text"] for line in CORPUS.open(encoding="utf-8")][:limit]
    spans = [[(m.start(), m.end()) for m in SENTENCE.finditer(text)] for text in articles]
    n_sentences = sum(map(len, spans))
    for label in ("cold", "warm"):
        mentions = 0
        start = time.perf_counter()
        for text, sentences in zip(articles, spans):
            found = [m for s, e in sentences for m in g.find(text, s, e)]
            mentions += len(g.resolve(found))
        took = time.perf_counter() - start
        print(f"{label}: {len(articles)} articles, {n_sentences} sentences, {mentions} mentions in {took:.2f}s: "
              f"{len(articles) / took:.0f} articles/s, {n_sentences / took:.0f} sentences/s, "
              f"{mentions / took:.0f} mentions/s")
    start = time.perf_counter()
    mentions = sum(len(g.resolve(g.find(text))) for text in articles)
    took = time.perf_counter() - start
    print(f"whole articles (find(text) once each, as pipeline/events/context.py calls it): "
          f"{len(articles) / took:.0f} articles/s, {mentions / took:.0f} mentions/s")
    print(f"RSS after the run: {rss_mb():.0f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else None)
