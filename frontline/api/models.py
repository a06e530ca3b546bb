"""The API's response and request bodies: the fields of DESIGN.md's record, typed."""
from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field

MAX_EXTRACT_CHARS = 500_000  # with the 1 MB body cap: about a long book chapter of Vietnamese


class Event(BaseModel):
    """One canonical event: the merge of every article's report of one real event."""

    id: str = Field(description="canonical_id: stable while its earliest report is in it")
    event_date: dt.date
    time_precision: int
    event_type: str
    sub_event_type: str
    actor1: str | None = None
    assoc_actor_1: list[str] = []
    actor2: str | None = None
    assoc_actor_2: list[str] = []
    inter1: int | None = None
    inter2: int | None = None
    interaction: int | None = None
    country: str | None = None
    iso3: str | None = None
    admin1: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    geonameid: int | None = None
    fatalities: int
    fatalities_known: bool
    modality: str
    asserted_reports: int
    claimed_reports: int
    claimed_by: list[str] = []
    sources: list[str] = []
    article_count: int
    report_count: int
    confidence: float
    notes: str
    source_url: str | None = Field(None, description="the first article that reported it: its link")
    source_outlet: str | None = Field(None, description="... its outlet")
    source_title: str | None = Field(None, description="... its title")
    added_at: dt.datetime | None = Field(None, description="when its first report was ingested (UTC)")

    @classmethod
    def of(cls, row: dict[str, Any]) -> Event:
        fields = {name: row[name] for name in cls.model_fields if name in row}
        if fields.get("added_at") is not None:
            fields["added_at"] = utc(fields["added_at"])
        return cls(id=row["canonical_id"], **fields)


def utc(moment: dt.datetime) -> dt.datetime:
    """A stored timestamp (naive, UTC) marked as UTC, so clients read it right in any time zone."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment


class EventPage(BaseModel):
    total: int = Field(description="events matching the filters")
    limit: int
    offset: int
    events: list[Event]


class Span(BaseModel):
    role: str
    start: int = Field(description="[start, end) character offsets into the article's text")
    end: int
    text: str


class Report(BaseModel):
    """One article's report of the event, with the spans of text that gave each field."""

    event_id: str
    article_id: str
    modality: str
    claimed_by: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    evidence: list[Span]


class EventDetail(Event):
    reports: list[Report]


class Article(BaseModel):
    article_id: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None
    text: str


class ControlChange(BaseModel):
    start: str = Field(alias="from")
    until: str | None = None
    holder: str | None = None
    previous: str | None = None
    how: str
    time_precision: int
    modality: str
    claimed_by: list[str]
    contradicted_by: str | None = None
    conflicts_with: list[str]
    fighting: list[str]
    article_count: int
    canonical_id: str
    status: str

    model_config = {"populate_by_name": True}


class ControlTimeline(BaseModel):
    place: str
    geonameid: int | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    changes: list[ControlChange]


class Count(BaseModel):
    key: str
    count: int


class Stats(BaseModel):
    total: int
    first_date: dt.date | None = None
    last_date: dt.date | None = None
    last_added: dt.datetime | None = Field(None, description="when the store last took an article (UTC), "
                                                             "whatever the filters: poll it to see new events")
    by_event_type: list[Count]
    by_sub_event_type: list[Count] = []
    by_country: list[Count]
    by_modality: list[Count] = []
    by_actor: list[Count] = Field([], description="actor1 and actor2 names, the most frequent first")
    by_month: list[Count]


class Town(BaseModel):
    """A populated place from the gazetteer (GeoNames), drawn as a label on the map."""

    geonameid: int | None = None
    name: str
    country: str | None = None
    latitude: float
    longitude: float
    population: int
    capital: bool


class ExtractRequest(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_EXTRACT_CHARS, description="the article's text")
    published: str | None = Field(None, max_length=32, description="YYYY-MM-DD or YYYY-MM")
    lang: str | None = Field(None, max_length=8, description="vi or en; guessed when absent")
    all_modalities: bool = Field(False, description="also planned, negated and hypothetical events")


class ExtractedEvent(BaseModel):
    """An event as `frontline extract` writes it (DESIGN.md's record), not stored."""

    model_config = {"extra": "allow"}

    event_id: str
    event_date: str
    event_type: str
    sub_event_type: str
    modality: str
    evidence: list[Span]


class ExtractResponse(BaseModel):
    events: list[ExtractedEvent]
