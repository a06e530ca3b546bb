"""GET /events, /events.geojson, /events/{id}, /articles/{id} and /stats."""
from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from frontline.api import queries
from frontline.api.errors import ERROR_RESPONSES, ApiError
from frontline.api.event_index import EventIndex
from frontline.api.filters import event_filters
from frontline.api.models import Article, Event, EventDetail, EventPage, Report, Stats, utc
from frontline.api.queries import EventQuery

MAX_PAGE = 500
MAX_GEOJSON = 5000
MAX_OFFSET = 1_000_000

router = APIRouter(responses=ERROR_RESPONSES)
Filters = Annotated[EventQuery, Depends(event_filters)]
Id = Annotated[str, Path(min_length=1, max_length=200)]


@router.get("/events", response_model=EventPage, tags=["events"])
def list_events(request: Request, filters: Filters,
                limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="events per page")] = 100,
                offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> Response:
    """Canonical events matching the filters, newest first, one page at a time."""
    def page(index: EventIndex) -> bytes:
        chosen = index.select(filters)
        # each event's JSON was made with the snapshot (serving.py), in the Event model's fields
        events = ",".join(row[3] for row in index.page(chosen[offset:offset + limit]))
        return f'{{"total":{len(chosen)},"limit":{limit},"offset":{offset},"events":[{events}]}}'.encode()

    return Response(request.app.state.database.answer(_key(request), page), media_type="application/json")


@router.get("/events.geojson", tags=["events"],
            responses={200: {"content": {"application/geo+json": {}},
                             "description": "an RFC 7946 FeatureCollection of Points"}})
def events_geojson(request: Request, filters: Filters,
                   limit: Annotated[int, Query(ge=1, le=MAX_GEOJSON)] = 2000,
                   offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> Response:
    """The same events as a GeoJSON FeatureCollection ([longitude, latitude]; null geometry when unplaced)."""
    def collection(index: EventIndex) -> bytes:
        chosen = index.select(filters)
        total = len(chosen)
        features = []
        for canonical_id, longitude, latitude, properties in index.page(chosen[offset:offset + limit]):
            point = "null" if latitude is None or longitude is None else json.dumps(
                {"type": "Point", "coordinates": [longitude, latitude]})
            features.append(f'{{"type":"Feature","id":{json.dumps(canonical_id)},"geometry":{point},'
                            f'"properties":{properties}}}')
        return f'{{"type":"FeatureCollection","features":[{",".join(features)}],"total":{total}}}'.encode()

    return Response(request.app.state.database.answer(_key(request), collection), media_type="application/geo+json")


def _key(request: Request) -> str:
    """A request's answer is the same while the snapshot is (Database.answer): its path and query are the key."""
    return f"{request.url.path}?{request.url.query}"


@router.get("/events/{event_id}", response_model=EventDetail, tags=["events"])
def get_event(request: Request, event_id: Id) -> EventDetail:
    """One canonical event, every article that reported it, and the spans of text behind each field."""
    with request.app.state.database.cursor() as con:
        row = queries.event(con, event_id)
        if row is None:
            raise ApiError(404, f"no event with id {event_id[:80]!r}")
        found = queries.reports(con, event_id)
    return EventDetail(**Event.of(row).model_dump(), reports=[Report(**report) for report in found])


@router.get("/articles/{article_id}", response_model=Article, tags=["articles"])
def get_article(request: Request, article_id: Id) -> Article:
    """A stored article's text and metadata (evidence offsets point into `text`)."""
    with request.app.state.database.cursor() as con:
        row = queries.article(con, article_id)
    if row is None:
        raise ApiError(404, f"no article with id {article_id[:80]!r}")
    return Article(**row)


@router.get("/stats", response_model=Stats, tags=["stats"])
def get_stats(request: Request, filters: Filters) -> Stats:
    """Counts of the matching events by event type, country and month."""
    with request.app.state.database.index() as index:
        found = index.stats(filters)
    if found["last_added"] is not None:
        found["last_added"] = utc(found["last_added"])
    return Stats(**found)
