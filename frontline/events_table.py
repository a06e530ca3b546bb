"""Events as a table an analyst can read in a terminal."""
from __future__ import annotations

from typing import IO

from rich.console import Console
from rich.table import Table

from frontline.record import Event


def _evidence_words(event: Event, width: int = 90) -> str:
    sentence = next((s.text for s in event.evidence if s.role == "sentence"), "")
    trigger = next((s.text for s in event.evidence if s.role == "trigger"), "")
    text = sentence or trigger
    return text if len(text) <= width else text[: width - 1] + "…"


def events_table(events: list[Event], out: IO[str]) -> None:
    table = Table(title=f"{len(events)} event(s)", show_lines=True)
    for column in ("doc", "date (prec)", "sub-event type", "actor1", "actor2", "place", "deaths", "modality",
                   "words of the article"):
        table.add_column(column, overflow="fold")
    for e in events:
        place = ", ".join(p for p in (e.location, e.admin1, e.country) if p)
        coords = f"\n{e.latitude:.2f} N {e.longitude:.2f} E" if e.latitude is not None else ""
        table.add_row(e.doc_id, f"{e.event_date} ({e.time_precision})", f"{e.event_type}:\n{e.sub_event_type}",
                      e.actor1 or "", e.actor2 or "", place + coords,
                      str(e.fatalities) if e.fatalities_known else "",
                      e.modality + (f"\nby {e.claimed_by}" if e.claimed_by else ""), _evidence_words(e))
    Console(file=out, width=200 if not out.isatty() else None).print(table)
