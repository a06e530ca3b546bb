"""What an export writes and which canonical events it selects (kept light: the CLI imports it at start)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Protocol

from frontline.record import EXPORTED_MODALITIES


class ExportFormat(str, Enum):
    acled_csv = "acled-csv"
    jsonl = "jsonl"
    geojson = "geojson"
    parquet = "parquet"


class Selection(Protocol):
    """Anything that selects canonical events by a WHERE clause (the export's filter, the API's query)."""

    def where(self) -> tuple[str, list[Any]]: ...


@dataclass(slots=True)
class ExportFilter:
    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None          # ACLED name or ISO3, any case
    event_types: list[str] = field(default_factory=list)  # event or sub-event types, any case
    modalities: list[str] = field(default_factory=lambda: list(EXPORTED_MODALITIES))
    min_confidence: float | None = None  # the event model's calibrated probability that the event is right

    def where(self) -> tuple[str, list[Any]]:
        """A WHERE clause of fixed fragments and its parameters.

        list_contains rather than IN (SELECT unnest(...)): the same rows, about three times
        faster on 100,000 events (the API filters through this too).
        """
        clauses: list[str] = ["list_contains($1, modality)"]
        params: list[object] = [list(self.modalities)]
        if self.since:
            params.append(self.since)
            clauses.append(f"event_date >= ${len(params)}")
        if self.until:
            params.append(self.until)
            clauses.append(f"event_date <= ${len(params)}")
        if self.country:
            params.append(self.country.strip().casefold())
            clauses.append(f"(lower(country) = ${len(params)} OR lower(iso3) = ${len(params)})")
        if self.event_types:
            params.append([name.strip().casefold() for name in self.event_types])
            n = len(params)
            clauses.append(f"(list_contains(${n}, lower(event_type)) OR list_contains(${n}, lower(sub_event_type)))")
        if self.min_confidence is not None:
            params.append(float(self.min_confidence))
            clauses.append(f"confidence >= ${len(params)}")
        return " AND ".join(clauses), params
