"""An annotated folder (articles.jsonl + gold.jsonl, the eval format) read as labelled examples.

Each article goes through the rules. A place the rules could give a war word is right when
a gold event reported in that sentence lies there; an event the rules read is right when
the scorer's own pairing gives it a gold partner.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from frontline.evaluation import load_gold
from frontline.scoring import SAME_PLACE_KM, distance_km, pair

SHINGLE_WORDS = 10
SHARED_SHINGLES = 20   # articles sharing this many ten-word runs (or a tenth of the smaller) are one story


@dataclass(slots=True)
class Labelled:
    doc_id: str
    features: dict[str, float]
    right: bool
    event: dict | None = None     # for events: the record, so the scorer can be run on a selection
    group: int = 0                # for places: one war word's options share a group
    rule: bool = False            # for places: the rules' own pick


def read_articles(folder: Path) -> list:
    from frontline.io import read_inputs
    from frontline.record import Document

    return [item for item in read_inputs([str(folder / "articles.jsonl")]) if isinstance(item, Document)]


def _place_right(mention, gold_event: dict) -> bool:
    place = mention.place
    spot = {"latitude": place.latitude, "longitude": place.longitude}
    if str(gold_event.get("geo_precision")) == "3":
        return place.kind != "city" and place.country == gold_event.get("country")
    d = distance_km(spot, gold_event)
    return d is not None and d <= SAME_PLACE_KM and place.country == gold_event.get("country")


def _candidates_and_evidence(folder: Path):
    """Each coded article, where its gold events' evidence starts in it, and the rules' candidates."""
    from frontline.errors import ItemRejected
    from frontline.pipeline import read_candidates
    from frontline.pipeline.explanation import Explanation

    gold = load_gold(folder)
    for doc in read_articles(folder):
        events = gold.get(doc.doc_id, {}).get("events", [])
        try:
            _, _, candidates = read_candidates(doc, Explanation(doc.doc_id, enabled=False))
        except ItemRejected:
            continue
        yield doc, [(doc.text.find(e["evidence"]), e) for e in events if e.get("evidence")], candidates


def labelled_places(folder: Path) -> list[Labelled]:
    """Each war word's place options, labelled by the gold events reported in its sentence."""
    rows: list[Labelled] = []
    word = 0
    for doc, spans, candidates in _candidates_and_evidence(folder):
        ruled: dict[int, set[int]] = {}
        for c in candidates:
            if c.place_mention is not None:
                ruled.setdefault(c.trigger.start, set()).add(c.place_mention.start)
        for c in candidates:
            if not c.place_options:
                continue
            s, e = c.sentence.start, c.sentence.end
            here = [g for start, g in spans if start >= 0 and start < e and s < start + len(g["evidence"])]
            if not here:
                continue  # no event reported in the sentence: nothing to learn about its place
            word += 1
            for mention, features in c.place_options:
                rows.append(Labelled(doc.doc_id, features, any(_place_right(mention, g) for g in here),
                                     group=word, rule=mention.start in ruled.get(c.trigger.start, set())))
    return rows


@dataclass(slots=True)
class TypedExample:
    doc_id: str
    features: dict[str, float]
    label: str          # the gold sub-event type of the event reported in the war word's sentence
    rules: str          # the rules' sub-event type


def labelled_types(folder: Path) -> list[TypedExample]:
    """War words inside the quoted evidence of a gold event, with that event's sub-event type."""
    rows: list[TypedExample] = []
    for doc, spans, candidates in _candidates_and_evidence(folder):
        seen: set[int] = set()
        for c in candidates:
            if c.trigger.start in seen or not c.type_features:
                continue
            seen.add(c.trigger.start)
            # the events whose quoted words hold this war word: a sentence may report several
            s, e = c.trigger.start, c.trigger.end
            here = [g for start, g in spans if start >= 0 and start <= s and e <= start + len(g["evidence"])]
            types = {g["sub_event_type"] for g in here}
            if len(types) > 1 and c.place_mention is not None:
                types = {g["sub_event_type"] for g in here if _place_right(c.place_mention, g)} or types
            if len(types) == 1:
                rows.append(TypedExample(doc.doc_id, c.type_features, types.pop(), c.sub_event_type))
    return rows


def labelled_sentences(folder: Path, no_event: str) -> list[TypedExample]:
    """Every sentence of the coded articles, labelled with the sub-event type of the first gold event
    whose quoted words it holds, or `no_event`; `rules` is "war word" where the lexicon finds one in it."""
    from frontline.lang import SUPPORTED
    from frontline.lang.language import language
    from frontline.learn.sentence_features import sentence_features, word_runs
    from frontline.pipeline.mentions.triggers import find_triggers
    from frontline.pipeline.text.normalize import fold_tones
    from frontline.pipeline.text.segment import sentences

    code = folder.resolve().parent.name   # data/annotated/<language>/<part>
    words = language(code if code in SUPPORTED else SUPPORTED[0])
    gold = load_gold(folder)
    rows: list[TypedExample] = []
    for doc in read_articles(folder):
        folded = fold_tones(doc.text)
        quoted = [(start, start + len(e["evidence"]), e["sub_event_type"])
                  for e in gold.get(doc.doc_id, {}).get("events", []) if e.get("evidence")
                  for start in [doc.text.find(e["evidence"])] if start >= 0]
        for sentence in sentences(doc.text):
            label = next((t for s, e, t in quoted if s < sentence.end and sentence.start < e), no_event)
            runs = word_runs(folded, sentence.start, sentence.end)
            if runs:
                war_word = find_triggers(words.triggers, folded, sentence.start, sentence.end)
                rows.append(TypedExample(doc.doc_id, sentence_features(runs), label,
                                         "war word" if war_word else no_event))
    return rows


def labelled_events(folder: Path, models) -> tuple[list[Labelled], dict[str, dict]]:
    """Every event the pipeline reads (every modality) with its label, and the gold by doc_id."""
    from frontline.errors import ItemRejected
    from frontline.pipeline import candidate_events

    gold = load_gold(folder)
    rows: list[Labelled] = []
    for doc in read_articles(folder):
        if doc.doc_id not in gold:
            continue
        try:
            found = candidate_events(doc, models=models)
        except ItemRejected:
            continue
        events = [e.as_dict() for e, _ in found]
        matched = {id(s) for s, _ in pair(events, gold[doc.doc_id].get("events", []))}
        rows += [Labelled(doc.doc_id, f, id(e) in matched, event=e) for e, (_, f) in zip(events, found)]
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
