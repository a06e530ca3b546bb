"""Counts of an annotated folder: articles, events by type, articles with none (for the README)."""
import collections
import json
import sys
from pathlib import Path

for folder in map(Path, sys.argv[1:]):
    gold = [json.loads(line) for line in (folder / "gold.jsonl").open(encoding="utf-8") if line.strip()]
    types = collections.Counter(e["event_type"] for g in gold for e in g["events"])
    empty = sum(1 for g in gold if not g["events"])
    print(f"{folder}: {len(gold)} articles ({empty} with no event), {sum(types.values())} events")
    for name, n in types.most_common():
        print(f"  {name:28s} {n}")
