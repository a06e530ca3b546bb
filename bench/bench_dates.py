"""How fast find_dates is: sentences per second over the Dân Trí sample.

    python bench/bench_dates.py [CORPUS.jsonl] [--repeat N]

Only sentences with a digit or a date word are timed (the others never reach
the date finder in a way that costs anything); loading and splitting are not.
"""
from __future__ import annotations

import argparse
import json
import re
import time
import unicodedata
from pathlib import Path

from frontline.lang.language import language
from frontline.pipeline.mentions.dates import find_dates
from frontline.record import Published

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dantri-2020-21.jsonl"
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
DATE_WORD = re.compile(r"\d|ngày|hôm|tuần|tháng|năm|thứ|chủ nhật|sáng|chiều|tối|đêm", re.IGNORECASE)


def load(path: Path) -> list[tuple[str, Published | None]]:
    """Every sentence with a digit or a date word, with its article's publication date."""
    work = []
    for line in path.open(encoding="utf-8"):
        row = json.loads(line)
        published = Published.parse(row.get("published"))
        text = unicodedata.normalize("NFC", row["text"])
        work += [(s, published) for s in SENTENCE_END.split(text) if DATE_WORD.search(s)]
    return work


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = load(args.corpus)
    grammar = language("vi").dates
    best, mentions = float("inf"), 0
    for _ in range(args.repeat):
        began = time.perf_counter()
        mentions = sum(len(find_dates(grammar, sentence, published)) for sentence, published in work)
        best = min(best, time.perf_counter() - began)
    print(f"{len(work)} sentences, {mentions} date mentions, best of {args.repeat}: "
          f"{best:.3f} s = {len(work) / best:,.0f} sentences/s")


if __name__ == "__main__":
    main()
