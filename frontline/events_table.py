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


PRECISION_NOTE = "(prec): how exactly the text dates it, ACLED's time_precision: 1 that day, 2 that week, 3 that month"
COMPACT_BELOW = 120   # terminal columns under which the table folds its nine columns into four


def events_table(events: list[Event], out: IO[str]) -> None:
    """Nine columns on a wide terminal or in a file; four on a narrow terminal (80 columns), where
    nine would split the dates and headers."""
    console = Console(file=out, width=200 if not out.isatty() else None)
    compact = console.width < COMPACT_BELOW
    table = Table(title=f"{len(events)} event(s)", caption=PRECISION_NOTE, show_lines=True)
    if compact:
        table.add_column("date (prec)", no_wrap=True)
        for column in ("what, who", "where", "words of the article"):
            table.add_column(column, overflow="fold")
    else:
        table.add_column("doc", overflow="fold")
        table.add_column("date (prec)", no_wrap=True)
        for column in ("sub-event type", "actor1", "actor2", "place", "deaths", "modality", "words of the article"):
            table.add_column(column, overflow="fold")
    for e in events:
        place = ", ".join(p for p in (e.location, e.admin1, e.country) if p)
        coords = f"\n{e.latitude:.2f} N {e.longitude:.2f} E" if e.latitude is not None else ""
        modality = e.modality + (f" by {e.claimed_by}" if e.claimed_by else "")
        deaths = str(e.fatalities) if e.fatalities_known else ""
        if compact:
            who = " vs ".join(a for a in (e.actor1, e.actor2) if a)
            what = f"{e.sub_event_type}\n{who}" + (f"\n{deaths} killed" if deaths else "") + f"\n{modality}"
            table.add_row(f"{e.event_date} ({e.time_precision})", what, place + coords, _evidence_words(e, 60))
        else:
            table.add_row(e.doc_id, f"{e.event_date} ({e.time_precision})", f"{e.event_type}:\n{e.sub_event_type}",
                          e.actor1 or "", e.actor2 or "", place + coords, deaths,
                          e.modality + (f"\nby {e.claimed_by}" if e.claimed_by else ""), _evidence_words(e))
    console.print(table)
