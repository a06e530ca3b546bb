"""`frontline ingest`, `frontline control` and `frontline export`: each a few lines over the store's library.

A store problem (busy, foreign or corrupt file) is one line on stderr, never
a traceback: exit code 75 (try again later) when the file is busy, 1 otherwise.
"""
from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from frontline.commands.options import (
    CountryOption,
    DbPath,
    InputPaths,
    LangOption,
    PublishedOption,
    SchedulerOption,
    SinceOption,
    UntilOption,
    Wait,
    WorkersOption,
    cluster_errors,
    cluster_spec,
)
from frontline.commands.stopping import interrupted_as_stopped, stopped_with
from frontline.record import EXPORTED_MODALITIES, MODALITIES
from frontline.store import DEFAULT_DB
from frontline.store.errors import StoreBusy, StoreError
from frontline.store.selection import ExportFilter, ExportFormat

EXIT_BUSY = 75  # sysexits' EX_TEMPFAIL: the same command will work once the writer is done


@contextlib.contextmanager
def store_errors(db: Path) -> Iterator[None]:
    """One line on stderr, never a traceback, for what the database file can do to a command: busy,
    foreign, damaged (a truncated file fails on its first read), or full (a disk full at COMMIT).
    DuckDB rolls the transaction back; what was committed before stays."""
    import duckdb

    from frontline.store.db import first_line

    try:
        yield
    except StoreBusy as busy:
        print(f"error: {busy}", file=sys.stderr)
        raise typer.Exit(EXIT_BUSY) from None
    except StoreError as error:
        print(f"error: {error}", file=sys.stderr)
        raise typer.Exit(1) from None
    except duckdb.Error as error:
        print(f"error: {db}: the database could not be read or written ({first_line(error)}); "
              "nothing more was changed", file=sys.stderr)
        raise typer.Exit(1) from None


def ingest_command(
    paths: InputPaths,
    db: DbPath = Path(DEFAULT_DB),
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles stored per transaction.")] = 100,
    wait: Wait = 60.0,
    published: PublishedOption = None,
    lang: LangOption = None,
    scheduler: SchedulerOption = None,
    workers: WorkersOption = None,
) -> None:
    """Extract articles and store them, merging reports of one real event into one canonical event.

    An article already stored (same id, or the same text) adds nothing. Exit code 1 when any item failed.
    """
    from frontline.cluster import open_runner
    from frontline.ingest import ingest
    from frontline.io.plaintext import TextDefaults
    from frontline.progress import LazyProgress
    from frontline.store.db import Store

    cluster = cluster_spec(scheduler, workers)
    with stopped_with("stopped; every batch committed before is stored, run the same command to store the rest"), \
            store_errors(db), interrupted_as_stopped(), cluster_errors(), open_runner(cluster) as runner, \
            LazyProgress("ingesting") as progress:
        summary = ingest(paths, Store(db, wait=wait), batch_size=batch_size, on_item=progress.advance,
                         runner=runner, text_defaults=TextDefaults(published, lang))
    print(f"stored {summary.articles_added} new article(s) with {summary.events_added} event(s); "
          f"{summary.articles_known} already stored; {summary.items_failed} failed; "
          f"{summary.canonical_events} canonical event(s) in {db}", file=sys.stderr)
    raise typer.Exit(1 if summary.failed else 0)


def control_command(
    place: Annotated[str, typer.Argument(help="A place name in any spelling the gazetteer knows, or a geonameid.")],
    db: DbPath = Path(DEFAULT_DB),
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    wait: Wait = 10.0,
) -> None:
    """Who held PLACE from when to when, which changes were only claimed, and where reports conflict."""
    from frontline.store.db import Store
    from frontline.store.timeline import control_timeline, resolve_place
    from frontline.store.timeline_table import timeline_table

    with store_errors(db):
        where = resolve_place(place)
        with Store(db, wait=wait).reading() as con:
            timeline = control_timeline(con, where)
    if as_json:
        print(json.dumps({"place": where.name, "geonameid": where.geonameid, "country": where.country,
                          "changes": [change.as_dict() for change in timeline.changes]}, ensure_ascii=False))
    else:
        timeline_table(timeline, sys.stdout)


def export_command(
    fmt: Annotated[ExportFormat, typer.Option("--format", help="Output format.")] = ExportFormat.acled_csv,
    output: Annotated[Path | None, typer.Option(  # noqa: UP007 - typer reads Optional
        "-o", "--output", help="File to write ('-' or none: standard output; parquet needs a file).")] = None,
    db: DbPath = Path(DEFAULT_DB),
    since: SinceOption = None,
    until: UntilOption = None,
    country: CountryOption = None,
    event_type: Annotated[list[str] | None, typer.Option(  # noqa: UP007
        "--event-type", help="ACLED event or sub-event type; repeat for several.")] = None,
    modality: Annotated[list[str] | None, typer.Option(  # noqa: UP007
        "--modality", help=f"Repeat for several: {', '.join(MODALITIES)} "
                           f"(default: {' and '.join(EXPORTED_MODALITIES)}).")] = None,
    min_confidence: Annotated[float | None, typer.Option(  # noqa: UP007
        "--min-confidence", min=0.0, max=1.0,
        help="Only events at least this likely to be right (the README's reliability table).")] = None,
    excel: Annotated[bool, typer.Option(
        "--excel", help="ACLED CSV that Excel opens right: UTF-8 with a byte-order mark.")] = False,
    wait: Wait = 10.0,
) -> None:
    """Export the canonical events: ACLED CSV (ACLED's columns and order), JSON lines, GeoJSON or Parquet."""
    from frontline.filter_values import country_problem, event_type_problem
    from frontline.store.db import Store
    from frontline.store.export import export

    unknown = sorted(set(modality or []) - set(MODALITIES))
    if unknown:
        raise typer.BadParameter(f"unknown modality {', '.join(unknown)}; choose from {', '.join(MODALITIES)}",
                                 param_hint="--modality")
    for value in event_type or []:
        if problem := event_type_problem(value):
            raise typer.BadParameter(problem, param_hint="--event-type")
    if country and (problem := country_problem(country)):
        raise typer.BadParameter(problem, param_hint="--country")
    if excel and fmt is not ExportFormat.acled_csv:
        raise typer.BadParameter("--excel is for --format acled-csv", param_hint="--excel")
    if fmt is ExportFormat.parquet and (output is None or str(output) == "-"):
        raise typer.BadParameter("parquet is binary: give a file", param_hint="-o")
    selection = ExportFilter(since=since.date() if since else None, until=until.date() if until else None,
                             country=country, event_types=list(event_type or []),
                             modalities=list(modality or EXPORTED_MODALITIES), min_confidence=min_confidence)
    with store_errors(db), Store(db, wait=wait).reading() as con:
        try:
            count = export(con, fmt, output, selection, excel=excel)
        except OSError as error:
            print(f"error: cannot write {output}: {error.strerror or error}", file=sys.stderr)
            raise typer.Exit(1) from None
    if output is not None and str(output) != "-":
        print(f"wrote {count} canonical event(s) to {output}", file=sys.stderr)


def register(app: typer.Typer) -> None:
    """Add the store's commands to the `frontline` app."""
    app.command("ingest")(ingest_command)
    app.command("control")(control_command)
    app.command("export")(export_command)
