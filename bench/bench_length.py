"""Cost per article against its length, up to 1 MB: the line the hardening issue asks for.

Two kinds of long article, each at growing sizes: the seed article repeated (real sentences, real
places and dates) and one war word repeated with no sentence end ("không kích không kích ...",
the shape of a flattened table or a fuzzer's line). Extraction is timed in-process after a warm-up
article, so start-up (gazetteer, models) is not counted. Prints one row per size: characters,
seconds, and microseconds per character; a line has a flat last column.

    python bench/bench_length.py [--max-bytes 1000000]
"""
from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

SEED = Path(__file__).resolve().parents[2] / "shared" / "eval" / "seed" / "albu_kamal_2017-11.txt"
WAR_WORD = "không kích "


def seconds_to_extract(text: str, published: str = "2017-11-20") -> float:
    from frontline.pipeline import extract_document
    from frontline.record import Document, Published

    doc = Document("bench", text, Published.parse(published))
    started = time.perf_counter()
    extract_document(doc)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max-bytes", type=int, default=1_000_000)
    args = parser.parse_args()
    seed = SEED.read_text(encoding="utf-8") + "\n"
    seconds_to_extract(seed)  # warm-up: gazetteer, lexicons, models
    print(f"{'article':<22}{'chars':>10}{'seconds':>10}{'us/char':>10}")
    for name, unit in (("seed repeated", seed), ("war word repeated", WAR_WORD)):
        size = 10_000
        while size <= args.max_bytes:
            text = unit * max(1, size // len(unit.encode()))
            took = seconds_to_extract(text)
            print(f"{name:<22}{len(text):>10,}{took:>10.2f}{1e6 * took / len(text):>10.1f}")
            size *= 3 if str(size).startswith("1") else 10 / 3
            size = int(size)


if __name__ == "__main__":
    main()
