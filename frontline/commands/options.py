"""Command-line options that several commands share, defined once (typer's Annotated types), and
the handling of what the cluster options ask for."""
from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from frontline.cluster.connect import ClusterError, ClusterSpec

InputPaths = Annotated[list[str], typer.Argument(
    help="Article files (.txt .jsonl .csv .html) or '-' for standard input.", show_default=False)]
PublishedOption = Annotated[str | None, typer.Option(
    "--published", help="Publication date (YYYY-MM or YYYY-MM-DD) of plain-text articles (.txt, standard input) "
    "that have no ' date ' header line.")]
LangOption = Annotated[str | None, typer.Option(
    "--lang", help="Language code of plain-text articles (default: identified from the text).")]
DbPath = Annotated[Path, typer.Option(
    "--db", envvar="FRONTLINE_DB", help="The frontline database (a DuckDB file); made by ingest when missing.")]
Wait = Annotated[float, typer.Option(
    "--wait", min=0, help="Seconds to wait for another frontline process to let go of the database.")]
SinceOption = Annotated[dt.datetime | None, typer.Option(
    "--since", formats=["%Y-%m-%d"], help="Events on or after this day (YYYY-MM-DD).")]
UntilOption = Annotated[dt.datetime | None, typer.Option(
    "--until", formats=["%Y-%m-%d"], help="Events on or before this day (YYYY-MM-DD).")]
CountryOption = Annotated[str | None, typer.Option("--country", help="Country as ACLED spells it, or its ISO3 code.")]
SchedulerOption = Annotated[str | None, typer.Option(  # noqa: UP007 - typer reads Optional
    "--scheduler", metavar="ADDRESS", show_default=False,
    help="Extract on this Dask scheduler's workers (e.g. tcp://10.0.0.5:8786).")]
WorkersOption = Annotated[int | None, typer.Option(  # noqa: UP007
    "--workers", min=1, metavar="N", show_default=False,
    help="Extract on a local Dask cluster of N worker processes.")]


def cluster_spec(scheduler: str | None, workers: int | None) -> ClusterSpec | None:
    """The cluster the options ask for; None: this process alone."""
    if scheduler is None and workers is None:
        return None
    if scheduler is not None and workers is not None:
        raise typer.BadParameter("give --scheduler or --workers, not both", param_hint="--workers")
    return ClusterSpec(scheduler=scheduler, workers=workers)


@contextlib.contextmanager
def cluster_errors() -> Iterator[None]:
    """A cluster that cannot be reached or started: one line on stderr, exit code 1."""
    try:
        yield
    except ClusterError as error:
        print(f"error: {error}", file=sys.stderr)
        raise typer.Exit(1) from None
