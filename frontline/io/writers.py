"""Writing events: JSON lines, CSV, or a table for people."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO

from frontline.record import Event

FLAT_LIST_SEPARATOR = "; "


def event_json(event: Event) -> str:
    """One event as one JSON line; the same event always gives the same bytes."""
    return json.dumps(event.as_dict(), ensure_ascii=False, separators=(", ", ": "))


def write_jsonl(events: Iterable[Event], out: IO[str]) -> int:
    count = 0
    for event in events:
        out.write(event_json(event) + "\n")
        count += 1
    return count


def flat_row(event: Event) -> dict[str, object]:
    """The event with lists joined and evidence as JSON, for CSV readers."""
    row = event.as_dict()
    for key in ("assoc_actor_1", "assoc_actor_2", "sources"):
        row[key] = FLAT_LIST_SEPARATOR.join(row[key])
    row["evidence"] = json.dumps(row["evidence"], ensure_ascii=False)
    return row


class CsvEventWriter:
    """CSV with a header on the first row, the columns of the event record."""

    def __init__(self, out: IO[str]):
        self._writer = csv.DictWriter(out, fieldnames=list(Event.__dataclass_fields__), lineterminator="\n")
        self._writer.writeheader()

    def write(self, event: Event) -> None:
        self._writer.writerow(flat_row(event))
