"""A control timeline as a table an analyst reads in a terminal."""
from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.table import Table

from frontline.store.timeline import Timeline


def timeline_table(timeline: Timeline, out: TextIO) -> None:
    place = timeline.place
    where = ", ".join(p for p in (place.name, place.admin1 if place.admin1 != place.name else None, place.country)
                      if p)
    ident = f" (geonameid {place.geonameid})" if place.geonameid is not None else ""
    table = Table(title=f"Control of {where}{ident}", show_lines=True)
    for column in ("from", "until", "held by", "change", "reports", "status"):
        table.add_column(column, overflow="fold")
    for change in timeline.changes:
        how = change.how + (f"\nfrom {change.previous}" if change.previous else "")
        table.add_row(change.start + ("" if change.time_precision == 1 else f" (±, precision {change.time_precision})"),
                      change.end or "", change.holder or "(not named)", how,
                      f"{change.article_count} article(s)", change.status)
    if not timeline.changes:
        table.caption = "no change of control reported here"
    Console(file=out, width=200 if not out.isatty() else None).print(table)
