"""An annotated folder (articles.jsonl + gold.jsonl, the eval format) read as labelled candidates.

Each article goes through the rules; every event they read (every modality) is paired with
the gold events by the scorer's own pairing, and labelled right when it has a partner.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from frontline.evaluation import load_gold
from frontline.scoring import pair

SHINGLE_WORDS = 10
SHARED_SHINGLES = 20   # articles sharing this many ten-word runs (or a tenth of the smaller) are one story


@dataclass(slots=True)
class Labelled:
    doc_id: str
    event: dict
    features: dict[str, float]
    right: bool


def read_articles(folder: Path) -> list:
    from frontline.io import read_inputs
    from frontline.record import Document

    return [item for item in read_inputs([str(folder / "articles.jsonl")]) if isinstance(item, Document)]


def labelled_candidates(folder: Path) -> tuple[list[Labelled], dict[str, dict]]:
    """Every candidate event of the folder's articles with its label, and the gold by doc_id."""
    from frontline.errors import ItemRejected
    from frontline.pipeline import candidate_events

    gold = load_gold(folder)
    rows: list[Labelled] = []
    for doc in read_articles(folder):
        if doc.doc_id not in gold:
            continue
        try:
            found = candidate_events(doc)
        except ItemRejected:
            continue
        events = [e.as_dict() for e, _ in found]
        matched = {id(s) for s, _ in pair(events, gold[doc.doc_id].get("events", []))}
        rows += [Labelled(doc.doc_id, e, f, id(e) in matched) for e, (_, f) in zip(events, found)]
    return rows, gold


def story_groups(folder: Path) -> dict[str, str]:
    """doc_id -> its story: near-copies of one story (shared ten-word runs) share a group, so a
    fold never trains on one copy and tests on another."""
    articles = read_articles(folder)
    parent = {a.doc_id: a.doc_id for a in articles}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    holders: dict[bytes, list[str]] = {}
    shared: dict[tuple[str, str], int] = {}
    sizes: dict[str, int] = {}
    for a in articles:
        words = re.findall(r"\w+", a.text.lower())
        runs = {hashlib.md5(" ".join(words[i:i + SHINGLE_WORDS]).encode()).digest()[:8]
                for i in range(max(0, len(words) - SHINGLE_WORDS + 1))}
        sizes[a.doc_id] = len(runs)
        for run in runs:
            ids = holders.setdefault(run, [])
            for other in ids:
                shared[(other, a.doc_id)] = shared.get((other, a.doc_id), 0) + 1
            if len(ids) < 25:
                ids.append(a.doc_id)
    for (x, y), n in shared.items():
        if n >= SHARED_SHINGLES or n >= 0.1 * max(1, min(sizes[x], sizes[y])):
            parent[find(x)] = find(y)
    return {a.doc_id: find(a.doc_id) for a in articles}
