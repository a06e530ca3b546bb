"""The `--scheduler` and `--workers` options, defined once for every command that extracts."""
from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Annotated

import typer

from frontline.cluster.connect import ClusterError, ClusterSpec

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
