"""Buildings that stand for the city they are in, where something happens at them.

"Biểu tình bên ngoài Nhà Trắng" happened in Washington and "tuần hành trước Quốc hội Mỹ" too:
ACLED codes a protest at a seat of power at its city. The same names stand for governments
("Nhà Trắng tuyên bố") and people ("ông chủ Nhà Trắng"), so a landmark is read only after a
word that puts a crowd or a deed at or toward it (lang/<code>/landmarks.yaml).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from frontline.geo.model import Place, PlaceMention
from frontline.lang import alternation, load

MAX_COUNTRY_WORDS = 3   # "Quốc hội Thổ Nhĩ Kỳ"


@dataclass(frozen=True, slots=True)
class Landmarks:
    """One language's landmarks and the words that make them places (lang/<code>/landmarks.yaml)."""

    pattern: re.Pattern[str]     # a locative, then a landmark or a seat of state (its country follows)
    cities: dict[str, int]       # a landmark as written -> the GeoNames city it stands in
    speech: re.Pattern[str]      # a speech word: a locative after it in its clause places the speech

    def find(self, text: str, start: int, end: int, by_geonameid: Callable[[int], Place | None],
             country: Callable[[str], Place | None], capital: Callable[[str], Place | None]) -> list[PlaceMention]:
        """The landmarks of text[start:end] after a locative, each as a mention of its city."""
        found: list[PlaceMention] = []
        for match in self.pattern.finditer(text, start, end):
            clause = max(start, *(text.rfind(mark, start, match.start()) + 1 for mark in ",.;:\n"))
            if self.speech.search(text, clause, match.start()):
                continue
            name = match.group("name")
            if name in self.cities:
                place, name_end = by_geonameid(self.cities[name]), match.end()
            else:
                place, name_end = self._capital_after(text, match.end(), end, country, capital)
            if place is not None:
                found.append(PlaceMention(match.start("name"), name_end, text[match.start("name"):name_end],
                                          (place,), cue=" ".join(match.group("cue").lower().split())))
        return found

    @staticmethod
    def _capital_after(text: str, index: int, end: int, country: Callable[[str], Place | None],
                       capital: Callable[[str], Place | None]) -> tuple[Place | None, int]:
        """The capital of the country named right after a seat of state ("Quốc hội Hàn Quốc")."""
        spans = [m.span() for m in re.finditer(r"\S+", text[index:end])][:MAX_COUNTRY_WORDS]
        for n in range(len(spans), 0, -1):
            words = spans[:n]
            if not all(text[index + a].isupper() for a, _ in words):
                continue
            named = country(text[index + words[0][0]:index + words[-1][1]])
            if named is not None:
                return capital(named.iso2), index + words[-1][1]
        return None, index


@cache
def landmarks(lang: str = "vi") -> Landmarks:
    data = load(lang, "landmarks")
    cities = {name: int(entry["geonameid"]) for entry in data["landmarks"] for name in entry["names"]}
    names = alternation([*cities, *data["seats_of_state"]])
    locatives = alternation(data["locatives"]).replace(r"\ ", r"\s+")
    pattern = re.compile(rf"(?<!\w)(?P<cue>(?i:{locatives}))\s+(?P<name>{names})(?!\w)")
    speech = re.compile(rf"(?<!\w)(?i:{alternation(data['speech_words'])})(?!\w)")
    return Landmarks(pattern, cities, speech)
