"""Who held a place, from when to when, according to the stored territory events.

Territory events are ACLED's "Government regains territory" and "Non-state
actor overtakes territory" (actor1 takes the place from actor2) and
"Non-violent transfer of territory" (actor1 withdraws from or hands the place
over to actor2). Each canonical one is a change of holder. A change that only
a party announced is marked claimed; a claim is contradicted when the side it
said was ousted is later reported, as fact, taking the place (back); two
changes whose dates overlap but name different holders conflict. Battles at
the place while someone holds it are listed, since they show it contested.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import duckdb

from frontline.geo.model import Place
from frontline.store import rows
from frontline.store.db import StoreError
from frontline.store.reports import HALF_WIDTH_DAYS, actor_key, km
from frontline.taxonomy import TERRITORY_CHANGES as TERRITORY
from frontline.taxonomy import TERRITORY_TAKEN as GAINS

NEAR_KM = 10.0  # a report placed at or near the town, under another spelling or id


@dataclass(slots=True)
class Change:
    """One change of holder: `holder` from `start` until `end` (None: no later change reported)."""

    start: str
    time_precision: int
    holder: str | None
    previous: str | None
    how: str
    modality: str
    claimed_by: list[str]
    article_count: int
    canonical_id: str
    end: str | None = None
    contradicted_by: str | None = None
    conflicts_with: list[str] = field(default_factory=list)
    fighting: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        parts = [f"claimed by {', '.join(self.claimed_by) or 'a party'}" if self.modality == "claimed" else "reported"]
        if self.contradicted_by:
            parts.append(f"contradicted: {self.contradicted_by}")
        parts += [f"conflicts with: {other}" for other in self.conflicts_with]
        if self.fighting:
            parts.append(f"fighting reported {', '.join(self.fighting)}")
        return "; ".join(parts)

    def as_dict(self) -> dict[str, object]:
        return {"from": self.start, "until": self.end, "holder": self.holder, "previous": self.previous,
                "how": self.how, "time_precision": self.time_precision, "modality": self.modality,
                "claimed_by": self.claimed_by, "contradicted_by": self.contradicted_by,
                "conflicts_with": self.conflicts_with, "fighting": self.fighting,
                "article_count": self.article_count, "canonical_id": self.canonical_id, "status": self.status}


@dataclass(slots=True)
class Timeline:
    place: Place
    changes: list[Change]


def resolve_place(query: str) -> Place:
    """A place by geonameid or by any spelling the gazetteer knows (its best match)."""
    from frontline.geo import gazetteer

    text = query.strip()
    if text.isdigit():
        place = gazetteer().by_geonameid(int(text))
        if place is None:
            raise StoreError(f"no place with geonameid {text} in the gazetteer")
        return place
    found = gazetteer().lookup(text)
    if not found:
        raise StoreError(f"no place called {text!r} in the gazetteer; try another spelling or its geonameid")
    return found[0]


def control_timeline(con: duckdb.DuckDBPyConnection, place: Place) -> Timeline:
    """The changes of holder of `place`, oldest first (asserted and claimed events only)."""
    events = [row for row in rows.fetch_dicts(con, """
        SELECT * FROM canonical_events
        WHERE modality IN ('asserted', 'claimed') AND (sub_event_type IN (SELECT unnest($1)) OR event_type = 'Battles')
          AND (geonameid = $2 OR lower(location) = lower($3) OR (latitude BETWEEN $4 - 0.2 AND $4 + 0.2
               AND longitude BETWEEN $5 - 0.3 AND $5 + 0.3))
        ORDER BY event_date, time_precision, canonical_id""",
        [list(TERRITORY), place.geonameid, place.name, place.latitude, place.longitude]) if _here(row, place)]
    changes = [_change(row) for row in events if row["sub_event_type"] in TERRITORY]
    battles = [row for row in events if row["sub_event_type"] not in TERRITORY]
    for number, change in enumerate(changes):
        later = [c for c in changes[number + 1:] if c.start > change.start]
        change.end = later[0].start if later else None
        change.contradicted_by = _contradiction(change, later)
        change.conflicts_with = [_describe(other) for other in changes
                                 if other is not change and _overlap(change, other) and _disagree(change, other)]
        change.fighting = [row["event_date"].isoformat() for row in battles
                           if change.start <= row["event_date"].isoformat() and
                           (change.end is None or row["event_date"].isoformat() < change.end)]
    return Timeline(place=place, changes=changes)


def _here(row: dict, place: Place) -> bool:
    """At the place: its geonameid, or (no other town's id) its name or a point near it, in its country."""
    if place.geonameid is not None and row["geonameid"] == place.geonameid:
        return True
    if row["country"] != place.country or (row["geonameid"] is not None and place.kind == "city"):
        return False
    if (row["location"] or "").casefold() == place.name.casefold():
        return True
    if place.kind != "city" or row["latitude"] is None or (row["geo_precision"] or 3) > 2:
        return False
    return km(place.latitude, place.longitude, row["latitude"], row["longitude"]) <= NEAR_KM


def _change(row: dict) -> Change:
    if row["sub_event_type"] in GAINS:
        holder, previous = row["actor1"], row["actor2"]
    else:  # actor1 withdraws from the place, or hands it over to actor2
        holder, previous = row["actor2"], row["actor1"]
    return Change(start=row["event_date"].isoformat(), time_precision=row["time_precision"], holder=holder,
                  previous=previous, how=row["sub_event_type"], modality=row["modality"],
                  claimed_by=list(row["claimed_by"] or []), article_count=row["article_count"],
                  canonical_id=row["canonical_id"])


def _contradiction(change: Change, later: list[Change]) -> str | None:
    """A claim is contradicted when the side it ousted is next reported, as fact, holding the place."""
    if change.modality != "claimed" or actor_key(change.previous) is None:
        return None
    for other in later:
        if other.modality != "asserted":
            continue
        if actor_key(other.holder) == actor_key(change.holder):
            return None  # confirmed by a later report
        if actor_key(other.holder) == actor_key(change.previous):
            return f"{other.holder} held it on {other.start} ({other.how.lower()}, reported)"
        return None
    return None


def _overlap(a: Change, b: Change) -> bool:
    gap = abs((dt.date.fromisoformat(a.start) - dt.date.fromisoformat(b.start)).days)
    return gap <= HALF_WIDTH_DAYS.get(a.time_precision, 16) + HALF_WIDTH_DAYS.get(b.time_precision, 16)


def _disagree(a: Change, b: Change) -> bool:
    """Two named, different holders at overlapping dates (a withdrawal names no new holder: no conflict)."""
    ha, hb = actor_key(a.holder), actor_key(b.holder)
    return ha is not None and hb is not None and ha != hb


def _describe(change: Change) -> str:
    if change.holder is None and change.previous:
        return f"{change.previous} left it on {change.start} ({change.modality})"
    return f"{change.holder or 'nobody named'} on {change.start} ({change.modality})"
