"""What goes into the gazetteer: every place, and every name it answers to.

Places are countries, admin1 regions (province, governorate, state) and
GeoNames cities, plus the few points places.yaml adds and the villages the
annotated corpus placed (annotated.py). Each name carries a
source rank `src` (lower is more trusted): 0 curated, 1 a country's name,
2 a place's main name, 3 an alternate name. A town of a country whose names are
romanised from another script is also stored under its spelling key (text.py), which
a name may meet only when nothing else matches it (src 4).
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from frontline.geo import sources
from frontline.geo.annotated import load_annotated
from frontline.geo.curated import CuratedPlace, load_curated
from frontline.geo.text import ascii_name, exact_key, fold_key, is_latin, spelling_key, spelling_rules, without_article

SRC_CURATED, SRC_COUNTRY, SRC_MAIN, SRC_ALT, SRC_SPELLING = 0, 1, 2, 3, 4
SYNTHETIC_ID = 1_000_000_000   # ids of places without a GeoNames id start here
_ADMIN1_GENERIC = re.compile(
    r"^(?:Muhafazat|Wilayat-e|Mayorality of|Provincia de|Province of)\s+"
    r"|\s+(?:Governorate|Province|Oblast|Region|Krai|Kray)$", re.IGNORECASE)


@dataclass(slots=True)
class Row:
    id: int
    geonameid: int | None
    name: str
    kind: str
    country: str
    iso2: str
    iso3: str
    admin1: str | None
    lat: float
    lon: float
    population: int
    seat: bool = False


@dataclass(slots=True)
class Gathered:
    places: dict[int, Row]
    names: dict[tuple[str, str, int], int]   # (fold, exact, place id) -> best src
    phrases: set[str]                        # curated and country names of 2+ words, as written

    def add_name(self, surface: str, place_id: int, src: int) -> None:
        exact = exact_key(surface)
        if not exact:
            return
        if src <= SRC_COUNTRY and " " in exact:
            self.phrases.add(" ".join(surface.split()))
        key = (fold_key(surface), exact, place_id)
        if src < self.names.get(key, 99):
            self.names[key] = src


def _usable_alternate(name: str) -> bool:
    """Latin script, written with capitals, not an airport code ("DME") or a lower-case romanisation."""
    if len(name) < 2 or not is_latin(name) or not any(c.isupper() for c in name):
        return False
    return not (name.isupper() and len(name) <= 4)


def _country_fields(iso2: str, geo: dict[str, Any]) -> tuple[str, str, str | None, str]:
    """(ACLED country, iso3, admin1, export name) of a GeoNames country code."""
    acled = sources.acled_countries().get(iso2)
    own_name = ascii_name(geo["name"])
    if acled is None:
        return own_name, geo["iso3"], None, own_name
    if acled.iso3:   # a territory ACLED files under another country (Hong Kong -> China)
        return acled.name, acled.iso3, acled.admin1, own_name
    return acled.name, geo["iso3"], None, acled.name


def gather() -> Gathered:
    """Read every source and return the rows to write."""
    out = Gathered({}, {}, set())
    cities, countries = sources.cities(), sources.countries()
    admin1_names = sources.admin1_names(cities)
    members: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for city in cities.values():
        if city["countrycode"] in countries:
            members[(city["countrycode"], city["admin1code"])].append(city)
    _add_cities(out, members, countries, admin1_names)
    _add_admin1(out, members, countries, admin1_names)
    _add_countries(out, members, countries)
    _mark_seats(out, countries)
    _add_curated(out)
    _add_annotated(out)
    return out


def _add_cities(out: Gathered, members, countries, admin1_names) -> None:
    for (iso2, code), group in members.items():
        country, iso3, territory, _ = _country_fields(iso2, countries[iso2])
        admin1 = territory or admin1_names.get((iso2, code), [None])[0]
        for city in group:
            gid = int(city["geonameid"])
            out.places[gid] = Row(gid, gid, ascii_name(city["name"]), "city", country, iso2, iso3,
                                  admin1, city["latitude"], city["longitude"], int(city["population"] or 0))
            out.add_name(city["name"], gid, SRC_MAIN)
            for alt in city["alternatenames"]:
                if _usable_alternate(alt):
                    out.add_name(alt, gid, SRC_ALT)


def _add_admin1(out: Gathered, members, countries, admin1_names) -> None:
    """An admin1 is placed at the mean of its cities' coordinates; its population is theirs summed."""
    next_id = SYNTHETIC_ID + len(out.places)
    for (iso2, code), group in sorted(members.items()):
        names = admin1_names.get((iso2, code))
        country, iso3, territory, _ = _country_fields(iso2, countries[iso2])
        if not code or not names or territory:
            continue
        next_id += 1
        lat = sum(c["latitude"] for c in group) / len(group)
        lon = sum(c["longitude"] for c in group) / len(group)
        population = sum(int(c["population"] or 0) for c in group)
        out.places[next_id] = Row(next_id, None, names[0], "admin1", country, iso2, iso3,
                                  names[0], round(lat, 5), round(lon, 5), population)
        folds = set()
        for i, name in enumerate(names):
            out.add_name(name, next_id, SRC_MAIN if i == 0 else SRC_ALT)
            short = _ADMIN1_GENERIC.sub("", name).strip()
            if short and short != name:
                out.add_name(short, next_id, SRC_ALT)
            folds |= {fold_key(name), fold_key(short)}
        # The region's namesake city lends it its spellings ("Hưng Yên", "Bryansk").
        namesakes = [c for c in group if fold_key(c["name"]) in folds]
        if namesakes:
            city = max(namesakes, key=lambda c: int(c["population"] or 0))
            for alt in [city["name"], *city["alternatenames"]]:
                if _usable_alternate(alt):
                    out.add_name(alt, next_id, SRC_ALT)


def _add_countries(out: Gathered, members, countries) -> None:
    vietnamese = sources.cldr_vietnamese_names()
    by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (iso2, _), group in members.items():
        by_country[iso2].extend(group)
    for iso2, geo in countries.items():
        country, iso3, territory, name = _country_fields(iso2, geo)
        centroid = sources.country_centroid(iso2)
        if centroid is None and by_country[iso2]:
            group = by_country[iso2]
            centroid = (round(sum(c["latitude"] for c in group) / len(group), 5),
                        round(sum(c["longitude"] for c in group) / len(group), 5))
        if centroid is None:
            continue
        gid = int(geo["geonameid"])
        out.places[gid] = Row(gid, gid, name, "country", country, iso2, iso3, territory,
                              centroid[0], centroid[1], int(geo["population"] or 0))
        for surface in {geo["name"].strip(), name, *vietnamese.get(iso2, [])}:
            out.add_name(surface, gid, SRC_COUNTRY)


def _mark_seats(out: Gathered, countries) -> None:
    """A country's capital (by GeoNames' capital name) is the seat of its government."""
    capitals = {iso2: fold_key(geo["capital"]) for iso2, geo in countries.items() if geo["capital"].strip()}
    best: dict[str, Row] = {}
    for (fold, _, pid) in out.names:
        row = out.places[pid]
        if row.kind == "city" and capitals.get(row.iso2) == fold:
            if row.iso2 not in best or row.population > best[row.iso2].population:
                best[row.iso2] = row
    for row in best.values():
        row.seat = True


def _add_curated(out: Gathered) -> None:
    admin1_ids = {(r.iso2, exact_key(r.name)): r.id for r in out.places.values() if r.kind == "admin1"}
    country_ids = {r.iso2: r.id for r in out.places.values() if r.kind == "country"}
    next_id = max(out.places) + 1
    for entry in load_curated():
        place_id = _curated_target(entry, out, admin1_ids, country_ids, next_id)
        if place_id == next_id:
            next_id += 1
        if entry.seat:
            out.places[place_id].seat = True
        for name in entry.names:
            out.add_name(name, place_id, SRC_CURATED)


def _curated_target(entry: CuratedPlace, out: Gathered, admin1_ids, country_ids, next_id: int) -> int:
    if entry.country:
        if entry.country not in country_ids:
            raise ValueError(f"places.yaml: no country {entry.country} for {entry.names}")
        return country_ids[entry.country]
    if entry.geonameid:
        if entry.geonameid not in out.places:
            raise ValueError(f"places.yaml: no GeoNames city {entry.geonameid} for {entry.names}")
        return entry.geonameid
    if entry.admin1:
        key = (entry.admin1[0], exact_key(entry.admin1[1]))
        if key not in admin1_ids:
            raise ValueError(f"places.yaml: no admin1 {entry.admin1} for {entry.names}")
        return admin1_ids[key]
    point = entry.point
    assert point is not None
    out.places[next_id] = _point_row(out, country_ids, next_id, point.name, point.kind, point.iso2, point.admin1,
                                     point.lat, point.lon)
    return next_id


def _point_row(out: Gathered, country_ids: dict[str, int], place_id: int, name: str, kind: str, iso2: str,
               admin1: str | None, lat: float, lon: float) -> Row:
    """A place GeoNames lacks, of no known population, in its country (named as the country's row is)."""
    ref = out.places[country_ids[iso2]]
    return Row(place_id, None, name, kind, ref.country, iso2, ref.iso3, admin1, lat, lon, 0)


def _add_annotated(out: Gathered) -> None:
    """The villages and bases the train coders placed (annotated.py): towns of unknown population, named
    as main names, so that a cue is needed to read them and their spelling keys are stored too."""
    country_ids = {r.iso2: r.id for r in out.places.values() if r.kind == "country"}
    next_id = max(out.places) + 1
    for entry in load_annotated():
        if entry.iso2 not in country_ids:
            raise ValueError(f"annotated_places.yaml: no country {entry.iso2} for {entry.name}")
        out.places[next_id] = _point_row(out, country_ids, next_id, entry.name, "city", entry.iso2, entry.admin1,
                                         entry.lat, entry.lon)
        for spelling in entry.spellings:
            out.add_name(spelling, next_id, SRC_MAIN)
        next_id += 1


def lexicon_rows() -> set[str]:
    """Vietnamese syllables, and words of two, to tell "Ý tưởng" (idea) from "Ý" (Italy)."""
    words = sources.vietnamese_lexicon()
    return {w for w in words if w.count(" ") == 1} | {s for w in words for s in w.split()}


def spelling_rows(out: Gathered) -> set[tuple[str, int, str]]:
    """(spelling key, place id, the name without its article) for the main names of the towns of the
    countries whose names are romanised from another script ("Khan Shaykhun" -> ("knskn", id, "khanshaykhun"))."""
    countries = frozenset(spelling_rules()["countries"])
    rows: set[tuple[str, int, str]] = set()
    for (_, exact, pid), src in out.names.items():
        row = out.places[pid]
        # main names only: GeoNames' alternates hold other languages' names, which collide
        if src == SRC_MAIN and row.kind == "city" and row.iso2 in countries and is_latin(exact):
            key = spelling_key(exact)
            if key:
                rows.add((key, pid, without_article(exact)))
    return rows
