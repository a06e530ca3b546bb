"""`frontline stats`: what the store holds, in the terminal: counts by type, country and month,
with a bar for each, so an analyst sees the shape of the data before exporting it."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from frontline.commands.options import CountryOption, DbPath, SinceOption, UntilOption, Wait
from frontline.store import DEFAULT_DB

BAR_WIDTH = 30
TOP_COUNTRIES = 12
FILL_MONTHS = 36   # up to this span, months with no event are shown (empty) so gaps show as gaps


def _every_month(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The months of `rows` ("YYYY-MM", sorted), with the empty ones between them when the span is short."""
    if not rows:
        return rows
    first, last = (tuple(int(x) for x in rows[i]["key"].split("-")) for i in (0, -1))
    span = (last[0] - first[0]) * 12 + last[1] - first[1]
    if span >= FILL_MONTHS:
        return rows
    counts = {r["key"]: r["count"] for r in rows}
    months = [f"{first[0] + (first[1] - 1 + i) // 12}-{(first[1] - 1 + i) % 12 + 1:02d}" for i in range(span + 1)]
    return [{"key": m, "count": counts.get(m, 0)} for m in months]


def _bar(count: int, most: int) -> str:
    """A bar of whole and partial blocks, scaled to the largest count."""
    eighths = round(8 * BAR_WIDTH * count / most) if most else 0
    return "█" * (eighths // 8) + ("▏▎▍▌▋▊▉"[eighths % 8 - 1] if eighths % 8 else "")


def _table(title: str, rows: list[dict[str, Any]]):
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
    table.add_column("", overflow="fold")
    table.add_column("events", justify="right")
    table.add_column("", no_wrap=True)
    most = max((r["count"] for r in rows), default=0)
    for row in rows:
        table.add_row(str(row["key"]), f"{row['count']:,}", _bar(row["count"], most))
    return table


def stats_command(
    db: DbPath = Path(DEFAULT_DB),
    since: SinceOption = None,
    until: UntilOption = None,
    country: CountryOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
    wait: Wait = 10.0,
) -> None:
    """Counts of the stored events (asserted and claimed) by type, country and month."""
    from rich.console import Console

    from frontline.api.queries import EventQuery, stats
    from frontline.commands.store import store_errors
    from frontline.filter_values import country_problem
    from frontline.store.db import Store
    from frontline.store.selection import ExportFilter

    if country and (problem := country_problem(country)):
        raise typer.BadParameter(problem, param_hint="--country")
    query = EventQuery(base=ExportFilter(since=since.date() if since else None,
                                         until=until.date() if until else None, country=country))
    with store_errors(db), Store(db, wait=wait).reading() as con:
        found = stats(con, query)
    if as_json:
        print(json.dumps(found, default=str, ensure_ascii=False, indent=1))
        return
    console = Console(file=sys.stdout)
    span = f", {found['first_date']} to {found['last_date']}" if found["total"] else ""
    console.print(f"[bold]{found['total']:,} event(s)[/bold] in {db}{span}")
    if not found["total"]:
        return
    console.print(_table("by event type", found["by_event_type"]))
    countries = found["by_country"]
    shown = countries[:TOP_COUNTRIES]
    if len(countries) > TOP_COUNTRIES:
        shown = [*shown, {"key": f"({len(countries) - TOP_COUNTRIES} more)",
                          "count": sum(c["count"] for c in countries[TOP_COUNTRIES:])}]
    console.print(_table("by country", shown))
    console.print(_table("by month", _every_month(found["by_month"])))


def register(app: typer.Typer) -> None:
    app.command("stats")(stats_command)
