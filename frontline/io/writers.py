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


# The evidence as columns a spreadsheet shows: the words of each role, then every span's offsets.
EVIDENCE_ROLES = ("sentence", "trigger", "actor1", "actor2", "place", "date", "fatalities", "claim")
SPANS_SEPARATOR = " | "


def csv_columns() -> list[str]:
    return [name for name in Event.__dataclass_fields__ if name != "evidence"] + [
        *(f"evidence_{role}" for role in EVIDENCE_ROLES), "evidence_spans"]


def flat_row(event: Event) -> dict[str, object]:
    """The event with lists joined and its evidence as readable columns, for CSV readers: the words
    of each role ("evidence_sentence", "evidence_place"...), and "evidence_spans" with every span's
    role and [start, end) offsets in the article."""
    row = event.as_dict()
    for key in ("assoc_actor_1", "assoc_actor_2", "sources"):
        row[key] = FLAT_LIST_SEPARATOR.join(row[key])
    spans = row.pop("evidence")
    for role in EVIDENCE_ROLES:
        row[f"evidence_{role}"] = SPANS_SEPARATOR.join(dict.fromkeys(s["text"] for s in spans if s["role"] == role))
    row["evidence_spans"] = FLAT_LIST_SEPARATOR.join(f"{s['role']} {s['start']}-{s['end']}" for s in spans)
    return row


class CsvEventWriter:
    """CSV with a header on the first row: the event record's columns, its evidence as words."""

    def __init__(self, out: IO[str]):
        self._writer = csv.DictWriter(out, fieldnames=csv_columns(), lineterminator="\n")
        self._writer.writeheader()

    def write(self, event: Event) -> None:
        self._writer.writerow(flat_row(event))
