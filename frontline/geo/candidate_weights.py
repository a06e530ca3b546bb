"""How a name's candidate places are weighed before the article is read as a whole.

A candidate scores for how trusted its name is (curated > a country's name >
a place's main name > an alternate spelling > a spelling that only matches
with diacritics stripped), for its population (log scale), and for agreeing
with the cue ("tỉnh" wants an admin1). An admin1 counts a tenth of its
people, so a city is preferred to the province named after it unless the text
says "tỉnh". A country whose people mostly live in one city of the same name
(Hong Kong, Singapore) yields to that city; a place that shares a
country's name only by an alternate spelling ("Iraq", for Arak in Iran) yields
to the country.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from frontline.geo.model import Place
from frontline.geo.rows import SRC_SPELLING

# With no place cue, a name must be a town at least this big: 10,000 for a name of
# several words; for one word (an English word or a surname as often as a town:
# "Turner", "Stone") 20,000 by its main name, 50,000 by an alternate spelling.
MIN_POPULATION_WITHOUT_CUE = 10_000
MIN_POPULATION_ONE_WORD = 20_000
MIN_POPULATION_ONE_WORD_ALTERNATE = 50_000
STRONG_POPULATION = 100_000           # a city that may open a sentence
MAX_CANDIDATES = 10
_SRC_BONUS = (2.0, 1.5, 0.7, 0.6)     # curated, country name, main name, alternate name
_CUE_BONUS = 3.0
_SEAT_BONUS = 0.3
_CITY_STATE_PENALTY = 2.0
_BY_ACCIDENT_PENALTY = 3.0   # a country's own name is another place's alternate spelling ("Iraq" for Arak)


@dataclass(frozen=True, slots=True)
class Candidate:
    place: Place
    src: int       # 0 curated, 1 country name, 2 main name, 3 alternate name, 4 spelling key only
    exact: bool    # the diacritics agree (not just the accent-folded key)

    @property
    def strong(self) -> bool:
        """Sure enough to stand after an organisation's name word: "Đại học Tel Aviv"."""
        return self.exact and (self.src <= 1 or self.place.kind in ("country", "admin1")
                               or self.place.population >= STRONG_POPULATION)


@dataclass(frozen=True, slots=True)
class Context:
    """What the words in and around a name allow it to be."""
    cue: bool = False              # a place cue before it ("tỉnh", "ở")
    one_word: bool = False         # a single word ("Turner", "Idlib")
    syllable: bool = False         # one Vietnamese syllable ("Nga", "Ho", "Nam")
    sentence_first: bool = False   # that syllable also opens the sentence ("Nga tuyên bố", "Ho kéo dài")
    all_caps: bool = False         # an acronym ("HAGL", "ODA", "UAE")
    org: bool = False              # after an organisation's head word ("Bệnh viện Bạch Mai", "đường MacArthur")


def admissible(c: Candidate, ctx: Context) -> bool:
    """May this candidate be what the name means here?"""
    if c.src == SRC_SPELLING:   # "ở Kafar Zita": a town spelled otherwise needs a cue that says place
        return ctx.cue and not (ctx.syllable or ctx.org or ctx.all_caps)
    if ctx.all_caps:
        return c.exact and c.src <= 1
    if ctx.syllable and not (c.exact and (c.src <= 1 or c.place.iso2 == "VN")):
        return False   # a Vietnamese word is a foreign place only by curation ("Nga", "Anh")
    if ctx.sentence_first:
        return c.exact and (c.src <= 1 or c.place.population >= STRONG_POPULATION)
    if ctx.org:        # the name of a university, a street, a ship class: a country or capital at most
        return c.exact and (c.src <= 1 or c.place.kind == "country" or c.place.seat)
    if ctx.cue or c.strong:
        return True
    if not ctx.one_word:
        return c.place.population >= MIN_POPULATION_WITHOUT_CUE
    main = c.exact and c.src <= 2
    return c.place.population >= (MIN_POPULATION_ONE_WORD if main else MIN_POPULATION_ONE_WORD_ALTERNATE)


def weight(place: Place) -> float:
    """The people a place counts for when ranked: an admin1 a tenth of its own (its cities summed)."""
    return place.population / 10 if place.kind == "admin1" else place.population


def prior(candidate: Candidate, prefers: str | None) -> float:
    place = candidate.place
    score = (_SRC_BONUS[candidate.src] if candidate.exact else 0.0) + 0.35 * math.log10(1 + weight(place))
    if prefers is not None and prefers == place.kind:
        score += _CUE_BONUS
    if place.seat:
        score += _SEAT_BONUS
    return score


def rank(candidates: list[Candidate], prefers: str | None,
         limit: int = MAX_CANDIDATES) -> tuple[tuple[Place, ...], tuple[float, ...]]:
    """Candidates best first, with their scores."""
    names_country = any(c.exact and c.src <= 1 and c.place.kind == "country" for c in candidates)
    scored = []
    for c in candidates:
        by_accident = names_country and (c.src >= 3 or not c.exact)
        scored.append((prior(c, prefers) - (_BY_ACCIDENT_PENALTY if by_accident else 0.0), c.place))
    biggest_city: dict[str, int] = {}
    for _, place in scored:
        if place.kind == "city":
            biggest_city[place.iso2] = max(biggest_city.get(place.iso2, 0), place.population)
    if prefers != "country":
        scored = [(s - _CITY_STATE_PENALTY
                   if p.kind == "country" and biggest_city.get(p.iso2, 0) * 2 >= p.population else s, p)
                  for s, p in scored]
    scored.sort(key=lambda sp: (-sp[0], -sp[1].population, sp[1].name))
    scored = scored[:limit]
    return tuple(p for _, p in scored), tuple(round(s, 3) for s, _ in scored)
