"""Typed records that flow through frontline: documents in, events out.

Every field of an `Event` is in DESIGN.md; its `evidence` holds character
offsets into `Document.text`, so any field can be shown highlighted in the
article it came from.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from typing import Any

MODALITIES = ("asserted", "claimed", "planned", "negated", "hypothetical")
EXPORTED_MODALITIES = ("asserted", "claimed")


@dataclass(frozen=True, slots=True)
class Published:
    """A publication date known to the day or only to the month.

    "2017-11" is a month: the seed article gives no day, so a date without a
    year ("hôm 11/11") is resolved against the last day the article could
    have been published, and an undated event gets the middle of the month.
    """

    year: int
    month: int
    day: int | None = None

    _PATTERN = re.compile(r"^\s*(\d{4})-(\d{1,2})(?:-(\d{1,2}))?")

    @classmethod
    def parse(cls, value: str | dt.date | None) -> Published | None:
        """Read "YYYY-MM-DD", "YYYY-MM" (or a longer ISO timestamp); None when absent."""
        if value is None or value == "":
            return None
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        match = cls._PATTERN.match(str(value))
        if not match:
            raise ValueError(f"publication date {value!r} is not YYYY-MM or YYYY-MM-DD")
        year, month = int(match.group(1)), int(match.group(2))
        day = int(match.group(3)) if match.group(3) else None
        if not 1 <= month <= 12:
            raise ValueError(f"publication date {value!r} has no month {month}")
        if day is not None:
            dt.date(year, month, day)  # raises ValueError for 2021-02-30
        return cls(year, month, day)

    @property
    def precision(self) -> int:
        """ACLED time_precision of the publication date itself: 1 day, 3 month."""
        return 1 if self.day is not None else 3

    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month, self.day or 1)

    def latest(self) -> dt.date:
        """The last day the article can have been published."""
        if self.day is not None:
            return dt.date(self.year, self.month, self.day)
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def anchor(self) -> dt.date:
        """The day that stands for the publication date: the day, or mid-month."""
        return dt.date(self.year, self.month, self.day or 15)

    def __str__(self) -> str:
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(slots=True)
class Document:
    """One article, its text already decoded and NFC-normalised."""

    doc_id: str
    text: str
    published: Published | None = None
    lang: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    source_path: str | None = None


@dataclass(frozen=True, slots=True)
class Span:
    """[start, end) in Document.text, with what it stands for in the event."""

    role: str  # trigger, actor1, actor2, assoc_actor, place, date, fatalities, claim, source, sentence
    start: int
    end: int
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"role": self.role, "start": self.start, "end": self.end, "text": self.text}


# How wide an integer field is stored (frontline/store/rows.py derives the table's columns from the
# fields below; an int without a mark is a 32-bit INTEGER).
SMALL = {"storage": "int8"}    # codes and precisions: 1-3, ACLED's inter codes 0-8, interaction 0-88
WIDE = {"storage": "int64"}    # GeoNames ids


@dataclass(slots=True)
class Event:
    """One ACLED row: one sub-event type, one place, one day, one actor pair.

    The one definition of the event's fields: the store's columns (store/rows.py) are derived from
    it, and tests hold the store's tables and the API's model to it."""

    doc_id: str
    event_id: str
    event_date: str                       # ISO day; stored as a DATE
    time_precision: int = field(metadata=SMALL)
    event_type: str
    sub_event_type: str
    actor1: str | None = None
    assoc_actor_1: list[str] = field(default_factory=list)
    actor2: str | None = None
    assoc_actor_2: list[str] = field(default_factory=list)
    inter1: int | None = field(default=None, metadata=SMALL)
    inter2: int | None = field(default=None, metadata=SMALL)
    interaction: int | None = field(default=None, metadata=SMALL)
    country: str | None = None
    iso3: str | None = None
    admin1: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = field(default=None, metadata=SMALL)
    geonameid: int | None = field(default=None, metadata=WIDE)
    fatalities: int = 0
    fatalities_known: bool = False
    modality: str = "asserted"
    claimed_by: str | None = None
    sources: list[str] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)
    confidence: float = 0.0
    notes: str = ""
    lang: str = "vi"

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with the fields in DESIGN.md's order."""
        data = asdict(self)
        data["evidence"] = [span.as_dict() for span in self.evidence]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        values = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        values["evidence"] = [Span(**span) for span in data.get("evidence") or []]
        return cls(**values)

    @property
    def exported_by_default(self) -> bool:
        return self.modality in EXPORTED_MODALITIES
