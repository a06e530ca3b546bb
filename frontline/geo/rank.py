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

from frontline.geo.candidate_weights import weight
from frontline.geo.model import Place, PlaceMention
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
    """The same mentions, each with its candidates re-ranked by the article's other places.

    The other places are summed up once per round and per name (their countries counted, their
    distinct sure points listed), so an article naming one town ten thousand times costs ten
    thousand look-ups, not a hundred million."""
    mentions = _spelled_in_named_countries(mentions)
    current = list(mentions)
    for _ in range(_ROUNDS):
        tops = [(exact_key(m.text), m.place, _sure(m)) for m in current]
        context = _Context(tops)
        ranked: dict[tuple, tuple[tuple[Place, ...], tuple[float, ...]] | None] = {}
        current = []
        for base in mentions:
            key = (exact_key(base.text), base.candidates, base.scores)
            if key not in ranked:
                ranked[key] = _rerank(base, *context.others(key[0]))
            order = ranked[key]
            current.append(base if order is None else dataclasses.replace(base, candidates=order[0], scores=order[1]))
    return current


def _spelled_in_named_countries(mentions: list[PlaceMention]) -> list[PlaceMention]:
    """A name met only by its spelling key keeps the towns in countries the article names
    otherwise, and is no place when there are none."""
    named = {m.place.iso2 for m in mentions if not m.spelled}
    kept = [m.within(named) if m.spelled else m for m in mentions]
    return [m for m in kept if m is not None]


class _Context:
    """The article's best places, by the name that was read."""

    def __init__(self, tops: list[tuple[str, Place, bool]]):
        self.countries = Counter(place.iso2 for _, place, _ in tops)
        self.by_name: dict[str, Counter] = {}
        self.points_by_name: dict[str, dict[Place, None]] = {}
        for key, place, sure in tops:
            self.by_name.setdefault(key, Counter())[place.iso2] += 1
            if sure and place.kind != "country":
                self.points_by_name.setdefault(key, {})[place] = None
        self.total = len(tops)
        self._cache: dict[str, tuple[Counter, int, list[Place]]] = {}

    def others(self, own: str) -> tuple[Counter, int, list[Place]]:
        """Countries of the places named otherwise than `own`, how many, and their sure points."""
        if own not in self._cache:
            mine = self.by_name.get(own, Counter())
            points = {p: None for key, found in self.points_by_name.items() if key != own for p in found}
            self._cache[own] = (self.countries - mine, self.total - sum(mine.values()), list(points))
        return self._cache[own]


def _sure(mention: PlaceMention) -> bool:
    scores = mention.scores
    return len(mention.candidates) == 1 or (len(scores) > 1 and scores[0] - scores[1] >= _SURE_MARGIN)


def _rerank(base: PlaceMention, countries: Counter, others: int,
            points: list[Place]) -> tuple[tuple[Place, ...], tuple[float, ...]] | None:
    """The candidates best first and their scores, in view of the other places; None for one candidate."""
    if len(base.candidates) < 2:
        return None
    biggest = max(weight(p) for p in base.candidates)
    scored = []
    for place, prior in zip(base.candidates, base.scores or [0.0] * len(base.candidates)):
        bonus = 0.0
        if countries[place.iso2]:
            bonus += _COUNTRY_BONUS + _COUNTRY_SHARE * countries[place.iso2] / others
        if points and place.kind != "country":
            nearest = min(distance_km(place, p) for p in points)
            bonus += _NEAR_BONUS * max(0.0, 1.0 - nearest / _NEAR_KM)
        # A namesake far smaller than the best-known place needs more than context:
        # "Paris" in an article about the United States is still Paris, France.
        bonus *= min(1.0, ((weight(place) + 1000) / (biggest + 1000)) ** 0.5)
        scored.append((prior + bonus, place))
    scored.sort(key=lambda sp: (-sp[0], -sp[1].population, sp[1].name))
    return tuple(p for _, p in scored), tuple(round(s, 3) for s, _ in scored)
