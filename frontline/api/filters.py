"""The query parameters shared by /events, /events.geojson, /export and /stats, read into an `EventQuery`."""
from __future__ import annotations

import datetime as dt
import math
import re
from typing import Annotated

from fastapi import Query
from pydantic import BeforeValidator

from frontline.api.errors import ApiError
from frontline.api.queries import BBox, EventQuery
from frontline.filter_values import country_problem, event_type_problem, sub_event_type_problem
from frontline.record import EXPORTED_MODALITIES, MODALITIES
from frontline.store.selection import ExportFilter

Text = Annotated[str | None, Query(max_length=200)]
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_day(value: object) -> object:
    """Only YYYY-MM-DD: pydantic would read "0" as 1970-01-01 (seconds since the epoch)."""
    if isinstance(value, str) and not _ISO_DAY.fullmatch(value):
        raise ValueError(f"{value[:40]!r} is not a day as YYYY-MM-DD")
    return value


Day = Annotated[dt.date | None, BeforeValidator(_iso_day)]
Names = Annotated[list[str] | None, Query(max_length=50)]


def parse_bbox(value: str) -> BBox:
    """`west,south,east,north` in degrees (longitude -180..180, latitude -90..90)."""
    parts = value.split(",")
    if len(parts) != 4:
        raise ApiError(422, f"query parameter 'bbox': {value[:60]!r} is not west,south,east,north (four numbers)")
    try:
        west, south, east, north = (float(part) for part in parts)
    except ValueError:
        raise ApiError(422, f"query parameter 'bbox': {value[:60]!r} has a part that is not a number") from None
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        raise ApiError(422, "query parameter 'bbox': every part must be a finite number")
    for name, lat in (("south", south), ("north", north)):
        if not -90 <= lat <= 90:
            raise ApiError(422, f"query parameter 'bbox': {name} latitude {lat:g} is outside -90..90")
    for name, lon in (("west", west), ("east", east)):
        if not -180 <= lon <= 180:
            raise ApiError(422, f"query parameter 'bbox': {name} longitude {lon:g} is outside -180..180")
    if south > north:
        raise ApiError(422, f"query parameter 'bbox': south {south:g} is north of north {north:g}")
    return BBox(west, south, east, north)


def event_filters(
    since: Annotated[Day, Query(description="events on or after this day (YYYY-MM-DD)")] = None,
    until: Annotated[Day, Query(description="events on or before this day (YYYY-MM-DD)")] = None,
    country: Annotated[str | None, Query(max_length=64, description="country as ACLED spells it, or ISO3")] = None,
    bbox: Annotated[str | None, Query(max_length=120, description="west,south,east,north in degrees")] = None,
    event_type: Annotated[Names, Query(description="ACLED event type (or sub-event type); repeat for several")] = None,
    sub_event_type: Annotated[Names, Query(description="ACLED sub-event type; repeat for several")] = None,
    actor: Annotated[Text, Query(description="part of an actor's name, any case")] = None,
    modality: Annotated[Names, Query(description=f"repeat for several: {', '.join(MODALITIES)} "
                                                 f"(default {' and '.join(EXPORTED_MODALITIES)})")] = None,
    q: Annotated[Text, Query(description="text search in the notes, place and actors, "
                                        "and in the words of the articles behind each event")] = None,
    min_confidence: Annotated[float | None, Query(
        ge=0.0, le=1.0, allow_inf_nan=False,
        description="only events at least this likely to be right (calibrated on held-out articles)")] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=10_000_000, description="only events with at least "
                                                                               "this many deaths")] = None,
    added_after: Annotated[dt.datetime | None, Query(
        description="only events whose first report was ingested after this moment (ISO 8601; UTC when no "
                    "offset is given), e.g. the last_added of /stats when a page opened")] = None,
) -> EventQuery:
    unknown = sorted(set(modality or []) - set(MODALITIES))
    if unknown:
        raise ApiError(422, f"query parameter 'modality': unknown {', '.join(repr(u[:30]) for u in unknown[:3])}; "
                            f"choose from {', '.join(MODALITIES)}")
    if since and until and since > until:
        raise ApiError(422, f"query parameters 'since' {since} and 'until' {until}: since is after until")
    checks = [("event_type", v, event_type_problem) for v in event_type or [] if v.strip()]
    checks += [("sub_event_type", v, sub_event_type_problem) for v in sub_event_type or [] if v.strip()]
    checks += [("country", country, country_problem)] if country and country.strip() else []
    for name, value, problem_of in checks:
        problem = problem_of(value)
        if problem:
            raise ApiError(422, f"query parameter '{name}': {problem}")
    base = ExportFilter(since=since, until=until, country=country or None,
                        event_types=[t for t in event_type or [] if t.strip()],
                        modalities=list(modality or EXPORTED_MODALITIES), min_confidence=min_confidence)
    return EventQuery(base=base, sub_event_types=[t for t in sub_event_type or [] if t.strip()],
                      bbox=parse_bbox(bbox) if bbox else None, actor=actor or None, text=q or None,
                      min_fatalities=min_fatalities, added_after=_naive_utc(added_after))


def _naive_utc(moment: dt.datetime | None) -> dt.datetime | None:
    """The store's ingested_at is naive UTC: compare like with like."""
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(dt.UTC).replace(tzinfo=None)
