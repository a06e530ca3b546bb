"""The gazetteer as the pipeline sees it: find, resolve, look up.

`gazetteer()` opens the on-disk gazetteer once per process, building it first
if needed. The build runs in a child process so that its memory (all of
GeoNames in Python objects, ~750 MB) is never part of the pipeline's.
"""
from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from frontline.geo.build import build_gazetteer, gazetteer_path
from frontline.geo.candidate_weights import rank
from frontline.geo.cues import cues
from frontline.geo.gazetteer_file import Store
from frontline.geo.mentions import Finder
from frontline.geo.model import Place, PlaceMention
from frontline.geo.rank import resolve
from frontline.geo.regions import part_of
from frontline.geo.text import exact_key


class Gazetteer:
    def __init__(self, path: Path | None = None, lang: str = "vi") -> None:
        self.store = Store(path or ensure_built())
        self._finder = Finder(self.store, cues(lang), self.store.lexicon(), self.store.phrases(), lang)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[PlaceMention]:
        """Place mentions in text[start:end] (one sentence), each with its candidates best first."""
        return self._finder.find(text, start, end)

    @property
    def syllables(self) -> frozenset[str]:
        """The language's one-word syllables, for telling a name's apostrophe from a quotation mark."""
        return self._finder.syllables

    def resolve(self, mentions: list[PlaceMention]) -> list[PlaceMention]:
        """Re-rank every mention's candidates using the article's other places (pass them all)."""
        return resolve(mentions)

    def country(self, iso2: str) -> Place:
        """A country as a place, at its centroid. Raises KeyError for an unknown code."""
        place = self.store.country(iso2)
        if place is None:
            raise KeyError(iso2)
        return place

    def capital(self, iso2: str) -> Place | None:
        """The capital city of a country, for "ở thủ đô" with no name after it."""
        return self.store.capital(iso2)

    def acled_country_names(self) -> dict[str, str]:
        """ISO2 -> the country as ACLED spells it ("PS" -> "Palestine", "HK" -> "China")."""
        return self.store.countries()

    def by_geonameid(self, geonameid: int) -> Place | None:
        return self.store.by_geonameid(geonameid)

    def towns(self, west: float, south: float, east: float, north: float, limit: int = 100) -> list[Place]:
        """The largest towns in a box, most populous first (the map's labels)."""
        return self.store.towns(west, south, east, north, limit)

    def part_of(self, place: Place, compass: tuple[int, int]) -> Place | None:
        """The part of a province or country a direction names ("phía Nam tỉnh Idlib"); see regions.py."""
        return part_of(place, compass, self.store.town_points(place.iso2, place.admin1 if place.kind != "country"
                                                              else None))

    def lookup(self, name: str) -> list[Place]:
        """Every place known by this spelling (case, hyphens and, for foreign names, accents aside), best first."""
        candidates = self._finder.candidates(exact_key(name))
        places, _ = rank(list(candidates), None, limit=len(candidates))
        return list(places)


def ensure_built() -> Path:
    """The gazetteer file, built in a child process when missing (in this one if that fails)."""
    path = gazetteer_path()
    if path.exists():
        return path
    code = "from frontline.geo.build import build_gazetteer; build_gazetteer()"
    # the child's progress lines go straight to this process's stderr; its output is not read
    done = subprocess.run([sys.executable, "-c", code], stdout=subprocess.DEVNULL, text=True)
    if done.returncode == 0 and path.exists():
        return path
    return build_gazetteer()


_lock = threading.Lock()
_instance: Gazetteer | None = None


def gazetteer() -> Gazetteer:
    """The process-wide gazetteer."""
    global _instance
    if _instance is None:
        with _lock:
            if _instance is None:
                _instance = Gazetteer()
    return _instance
