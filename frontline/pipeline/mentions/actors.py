"""Actors named in a sentence, in ACLED's names (lang/<code>/actors.yaml; ACLED's names and inter codes
in taxonomy.py).

State forces are not listed country by country: a head noun ("quân đội",
"Không quân", "lực lượng ủng hộ chính phủ") followed by a country or a capital
the gazetteer knows names that country's forces. A head that stands alone
("quân đội", "cảnh sát") is an actor whose country is the event's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from frontline.geo.model import PlaceMention
from frontline.lang import alternation, load
from frontline.pipeline.text.lexicon import Lexicon
from frontline.taxonomy import INTER_CODES, actor_name


@dataclass(frozen=True, slots=True)
class ActorMention:
    start: int
    end: int
    text: str
    kind: str                 # military, police, government, protesters, civilians, unidentified, ..., named
    inter: int
    name: str | None = None   # ACLED name when known; None: the country comes from the event
    iso2: str | None = None   # the country whose forces, people or government these are
    country: str | None = None

    @property
    def armed(self) -> bool:
        return self.inter in (1, 2, 3, 4, 8) and self.kind != "government"

    def named_for(self, country: str | None) -> str | None:
        """The ACLED name, with `country` (the event's) where the text gave none."""
        if self.name:
            return self.name
        country = self.country or country
        return actor_name(self.kind, country) if country else None


@dataclass(frozen=True, slots=True)
class _Head:
    kind: str
    alone: bool
    takes_country: bool


@dataclass(frozen=True, slots=True)
class _Named:
    name: str | None
    kind: str
    inter: int
    iso2: str | None


@dataclass(frozen=True, slots=True)
class ActorWords:
    """A language's names of actors (actors.yaml): head nouns that take a country, armed groups by
    name, state forces by their own names (IDF); compiled once, a Language holds one."""
    lexicon: Lexicon
    link: re.Pattern[str]   # between a head and its country: nothing, "của", "nước" ("quân đội của Israel")
    joiner: re.Pattern[str]  # between two countries of one head: ",", "và" ("chiến đấu cơ Nga và Syria")

    @classmethod
    def of(cls, code: str) -> ActorWords:
        data = load(code, "actors")
        entries: list[tuple[str, object]] = []
        exact: list[tuple[str, object]] = []
        for kind, lists in data["heads"].items():
            alone = set(lists.get("alone") or ())
            with_country = set(lists.get("with_country") or ())
            for phrase in sorted(alone | with_country):
                entries.append((phrase, _Head(kind, phrase in alone, phrase in with_country)))
        for group in data["named"]:
            value = _Named(group["name"], "named", group["inter"], None)
            entries += [(alias, value) for alias in group.get("aliases") or ()]
            exact += [(alias, value) for alias in group.get("exact") or ()]
        for force in data["state_named"]:
            value = _Named(None, force["kind"], INTER_CODES[force["kind"]], force["country_iso2"])
            entries += [(alias, value) for alias in force["aliases"]]
        links, joiners = alternation(data["country_links"]), alternation(data["country_joiners"])
        return cls(Lexicon(entries, exact), re.compile(rf"[\s\-]*(?:(?:{links})\s+)?", re.IGNORECASE),
                   re.compile(rf"\s*(?:,|{joiners})\s*", re.IGNORECASE))


def _country_after(words: ActorWords, folded: str, position: int, places: list[PlaceMention]
                   ) -> PlaceMention | None:
    """A country (or a capital standing for it) that starts right after `position`."""
    link = words.link.match(folded, position)
    start = link.end() if link else position
    for mention in places:
        if mention.start == start:
            # "Cảnh sát Hong Kong": a town that modifies the head names whose forces too
            if mention.place.kind == "country" or mention.government or mention.attributive:
                return mention
        if mention.start > start:
            break
    return None


def _state_actor(kind: str, inter: int, start: int, end: int, text: str, place: PlaceMention) -> ActorMention:
    country = place.place.country
    return ActorMention(start, end, text, kind, inter, actor_name(kind, country), place.place.iso2, country)


def find_actors(words: ActorWords, text: str, folded: str, start: int, end: int, places: list[PlaceMention],
                country_names: dict[str, str]) -> tuple[list[ActorMention], set[int]]:
    """Actors in text[start:end], and the start offsets of the place mentions they used up.

    `country_names` maps ISO2 to ACLED country name, for named state forces (IDF).
    """
    actors: list[ActorMention] = []
    used: set[int] = set()
    sites = [(m.start, m.end) for m in places if m.cue is not None]
    for hit in words.lexicon.find(folded, start, end):
        value = hit.value
        if isinstance(value, _Named):
            if any(a <= hit.start and hit.end <= b for a, b in sites):
                continue  # a name a word of place puts there is where, not who: "biểu tình bên ngoài Nhà Trắng"
            iso2 = value.iso2
            country = country_names.get(iso2) if iso2 else None
            name = value.name or (actor_name(value.kind, country) if country else None)
            actors.append(ActorMention(hit.start, hit.end, text[hit.start:hit.end], value.kind, value.inter,
                                       name, iso2, country))
            continue
        inter = INTER_CODES[value.kind]
        place = _country_after(words, folded, hit.end, places) if value.takes_country else None
        if place is None:
            if value.alone:
                actors.append(ActorMention(hit.start, hit.end, text[hit.start:hit.end], value.kind, inter))
            continue
        used.add(place.start)
        actors.append(_state_actor(value.kind, inter, hit.start, place.end, text[hit.start:place.end], place))
        if place.government:
            continue
        # "các chiến đấu cơ Nga và Syria": the second country's forces act too
        more = words.joiner.match(folded, place.end)
        second = _country_after(words, folded, more.end(), places) if more else None
        if second is not None:
            used.add(second.start)
            actors.append(_state_actor(value.kind, inter, second.start, second.end, text[second.start:second.end],
                                       second))
    actors = _absorb_generic_heads(folded, actors)
    # a capital or country standing for its state speaks for its government: "Tel Aviv tuyên bố"
    for mention in places:
        if mention.government and mention.start not in used \
                and not any(a.start <= mention.start < a.end for a in actors):
            used.add(mention.start)
            actors.append(_state_actor("government", INTER_CODES["government"], mention.start, mention.end,
                                       text[mention.start:mention.end], mention))
    actors.sort(key=lambda a: a.start)
    return actors, used


_GENERIC_BEFORE_NAME = ("unidentified", "militia")


def _absorb_generic_heads(folded: str, actors: list[ActorMention]) -> list[ActorMention]:
    """"phiến quân HTS", "nhóm khủng bố IS": a generic head names the group that follows it."""
    merged: list[ActorMention] = []
    for actor in actors:
        previous = merged[-1] if merged else None
        if (previous is not None and previous.kind in _GENERIC_BEFORE_NAME and actor.kind == "named"
                and not folded[previous.end:actor.start].strip()):
            merged[-1] = replace(actor, start=previous.start, text=previous.text + folded[previous.end:actor.end])
            continue
        merged.append(actor)
    return merged


def country_actor(mention: PlaceMention, text: str, kind: str = "military") -> ActorMention:
    """A country named as the one that acts ("Israel không kích", "Nga tuyên bố")."""
    return _state_actor(kind, INTER_CODES[kind], mention.start, mention.end, text[mention.start:mention.end], mention)


def with_kind(actor: ActorMention, kind: str) -> ActorMention:
    """The same mention read as another kind (protesters who riot are rioters)."""
    name = actor_name(kind, actor.country) if actor.country and actor.name else None
    return replace(actor, kind=kind, inter=INTER_CODES[kind], name=name)
