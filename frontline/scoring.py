"""Scoring extracted events against a gold set, by the rules of shared/eval/SPEC.md.

The project must stand alone, so it carries its own scorer; a test runs both this
and shared/eval/score.py on the same events and checks they print the same figures.
Pairs are made greedily by closeness within an article; a pair matches when it has
the same event type, dates within the gold event's precision, the same country and,
for a gold event placed at or near a town, coordinates within 50 km.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable

SCORED_MODALITIES = {"asserted", "claimed", ""}
DATE_TOLERANCE_DAYS = {1: 0, 2: 7, 3: 31}
SAME_PLACE_KM = 50.0
EXACT_PLACE_KM = 10.0
EARTH_RADIUS_KM = 6371.0


def scored(event: dict) -> bool:
    return str(event.get("modality") or "").strip().lower() in SCORED_MODALITIES


def _date(event: dict) -> dt.date | None:
    value = event.get("event_date") or event.get("date")
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _precision(event: dict) -> int:
    try:
        return min(3, max(1, int(event.get("time_precision") or 1)))
    except (TypeError, ValueError):
        return 3


def distance_km(a: dict, b: dict) -> float | None:
    try:
        lat1, lon1, lat2, lon2 = (float(a["latitude"]), float(a["longitude"]),
                                  float(b["latitude"]), float(b["longitude"]))
    except (KeyError, TypeError, ValueError):
        return None
    if not all(map(math.isfinite, (lat1, lon1, lat2, lon2))) or max(abs(lat1), abs(lat2)) > 90:
        return None
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def norm_name(name: object) -> str:
    """A name with case, punctuation, "the" and ACLED's year ranges ("(2000-)") set aside."""
    text = re.sub(r"\(\d{4}-(\d{4})?\)", " ", str(name or "").lower())
    text = re.sub(r"\bthe\b", " ", re.sub(r"[^\w\s]", " ", text))
    return " ".join(text.split())


def closeness(system: dict, gold: dict) -> float | None:
    """None when the pair cannot match; else higher is closer."""
    if system.get("event_type") != gold.get("event_type"):
        return None
    d1, d2 = _date(system), _date(gold)
    if d1 is None or d2 is None:
        return None
    days = abs((d1 - d2).days)
    if days > DATE_TOLERANCE_DAYS[_precision(gold)]:
        return None
    if norm_name(system.get("country")) != norm_name(gold.get("country")):
        return None
    distance = distance_km(system, gold)
    if str(gold.get("geo_precision")) != "3" and distance_km(gold, gold) is not None:
        if distance is None or distance > SAME_PLACE_KM:
            return None
    score = 2.0 * (system.get("sub_event_type") == gold.get("sub_event_type"))
    score += norm_name(system.get("actor1")) == norm_name(gold.get("actor1"))
    return score - days / 31.0 - min(distance or 0.0, 10 * SAME_PLACE_KM) / SAME_PLACE_KM


def pair(system: list[dict], gold: list[dict]) -> list[tuple[dict, dict]]:
    candidates = sorted(((c, i, j) for i, s in enumerate(system) for j, g in enumerate(gold)
                         if (c := closeness(s, g)) is not None), key=lambda t: (-t[0], t[1], t[2]))
    used_s: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_s and j not in used_g:
            used_s.add(i)
            used_g.add(j)
            pairs.append((system[i], gold[j]))
    return pairs


def _prf(tp: int, n_system: int, n_gold: int) -> dict[str, float]:
    p = tp / n_system if n_system else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _within(a: dict, b: dict, km: float) -> bool:
    d = distance_km(a, b)
    return d is not None and d <= km


def score(gold_docs: dict[str, dict], events: dict[str, list[dict]]) -> dict:
    """The figures score.py prints, for gold articles and the scored events of each."""
    n_system = n_gold = 0
    pairs: list[tuple[dict, dict]] = []
    for doc_id, doc in gold_docs.items():
        system = events.get(doc_id, [])
        n_system += len(system)
        n_gold += len(doc.get("events", []))
        pairs += pair(system, doc.get("events", []))
    matched = len(pairs)

    def share(test: Callable[[dict, dict], bool], subset: list | None = None) -> float:
        subset = pairs if subset is None else subset
        return round(sum(1 for s, g in subset if test(s, g)) / len(subset), 4) if subset else 0.0

    same_sub = lambda s, g: s.get("sub_event_type") == g.get("sub_event_type")  # noqa: E731
    towns = [(s, g) for s, g in pairs if str(g.get("geo_precision")) == "1"]
    return {
        "articles": len(gold_docs), "gold_events": n_gold, "system_events": n_system, "matched": matched,
        "event": _prf(matched, n_system, n_gold),
        "strict": _prf(sum(1 for s, g in pairs if same_sub(s, g)), n_system, n_gold),
        "on_matched": {
            "sub_event_type": share(same_sub),
            "actor1": share(lambda s, g: norm_name(s.get("actor1")) == norm_name(g.get("actor1"))),
            "date_exact": share(lambda s, g: _date(s) == _date(g)),
            "place_10km": share(lambda s, g: _within(s, g, EXACT_PLACE_KM)),
            "town_10km": share(lambda s, g: _within(s, g, EXACT_PLACE_KM), towns),
            "fatalities": share(lambda s, g: (s.get("fatalities") or 0) == (g.get("fatalities") or 0)),
        },
        "unscored_docs": sorted(set(events) - set(gold_docs)),
    }
