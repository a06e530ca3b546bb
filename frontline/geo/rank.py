"""Choosing among a name's candidates with the whole article in view.

A candidate gains when its country is one the article names elsewhere
(Rafah in an article that speaks of Gaza is Rafah, Palestine) and when it
lies near the other places the article names. A namesake far smaller than
the best-known candidate gets only part of that ("Paris" in an article about
the United States stays in France). Two rounds: the first uses each other
mention's sentence-level best, the second their re-ranked best.
"""
from __future__ import annotations

import dataclasses
import math
from collections import Counter

from frontline.geo.model import Place, PlaceMention
from frontline.geo.scoring import weight
from frontline.geo.text import exact_key

_COUNTRY_BONUS = 1.0          # the article names this candidate's country elsewhere...
_COUNTRY_SHARE = 2.0          # ...plus this times the share of the other mentions in that country
_SURE_MARGIN = 0.5            # a mention whose best beats the next by this much anchors distances
_NEAR_BONUS = 1.5             # at most, for a candidate next to another place named
_NEAR_KM = 400.0              # the bonus fades to nothing at this distance
_ROUNDS = 2


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(a.latitude), math.radians(b.latitude)
    dp, dl = p2 - p1, math.radians(b.longitude - a.longitude)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def resolve(mentions: list[PlaceMention]) -> list[PlaceMention]:
    """The same mentions, each with its candidates re-ranked by the article's other places."""
    current = list(mentions)
    for _ in range(_ROUNDS):
        tops = [(exact_key(m.text), m.place, _sure(m)) for m in current if m.place is not None]
        current = [_rerank(base, tops) for base in mentions]
    return current


def _sure(mention: PlaceMention) -> bool:
    scores = mention.scores
    return len(mention.candidates) == 1 or (len(scores) > 1 and scores[0] - scores[1] >= _SURE_MARGIN)


def _rerank(base: PlaceMention, tops: list[tuple[str, Place, bool]]) -> PlaceMention:
    if len(base.candidates) < 2:
        return base
    own = exact_key(base.text)
    others = [(place, sure) for key, place, sure in tops if key != own]
    countries = Counter(place.iso2 for place, _ in others)
    points = [place for place, sure in others if sure and place.kind != "country"]
    biggest = max(weight(p) for p in base.candidates)
    scored = []
    for place, prior in zip(base.candidates, base.scores or [0.0] * len(base.candidates)):
        bonus = 0.0
        if countries[place.iso2]:
            bonus += _COUNTRY_BONUS + _COUNTRY_SHARE * countries[place.iso2] / len(others)
        if points and place.kind != "country":
            nearest = min(distance_km(place, p) for p in points)
            bonus += _NEAR_BONUS * max(0.0, 1.0 - nearest / _NEAR_KM)
        # A namesake far smaller than the best-known place needs more than context:
        # "Paris" in an article about the United States is still Paris, France.
        bonus *= min(1.0, ((weight(place) + 1000) / (biggest + 1000)) ** 0.5)
        scored.append((prior + bonus, place))
    scored.sort(key=lambda sp: (-sp[0], -sp[1].population, sp[1].name))
    return dataclasses.replace(base, candidates=tuple(p for _, p in scored),
                               scores=tuple(round(s, 3) for s, _ in scored))
