"""Extraction beyond one process: the per-article function mapped over a Dask cluster.

INTERFACE (the CLI and the store's ingest code against it):

    extract_items(paths, spec: ClusterSpec | None) -> Iterator[ItemResult]
        read and extract every item of `paths`, one ItemResult per read item
        in input order; spec None: this process alone (no Dask imported)
    open_runner(spec) -> context manager giving a Runner
        Runner.map(items) -> Iterator[ItemResult]   # same order, bounded memory
    ClusterSpec(scheduler="tcp://host:8786") | ClusterSpec(workers=N)

Output is byte for byte the output of one process: results come back in input
order, and a task lost with its worker is run again, its results yielded once.

    partitions.py   input cut into partitions; the task a worker runs
    runner.py       ordered, bounded submission; lost workers and killer articles
    connect.py      a client for a scheduler address or a local cluster
    options.py      --scheduler / --workers for the CLI
"""
from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence

from frontline.batch import ItemResult
from frontline.cluster.connect import ClusterError, ClusterSpec
from frontline.cluster.runner import DaskRunner, LocalRunner, Runner, print_wait
from frontline.io.plaintext import NO_DEFAULTS, TextDefaults


@contextlib.contextmanager
def open_runner(spec: ClusterSpec | None) -> Iterator[Runner]:
    """A runner for `spec`; the cluster (if any) is closed on the way out."""
    if spec is None:
        yield LocalRunner()
        return
    from frontline.cluster.connect import connect

    with connect(spec) as client:
        yield DaskRunner(client, on_wait=print_wait)


def extract_items(paths: Sequence[str], spec: ClusterSpec | None = None,
                  text_defaults: TextDefaults = NO_DEFAULTS) -> Iterator[ItemResult]:
    """Read and extract every item of `paths` on `spec`'s cluster (None: here), in input order."""
    from frontline.io import read_inputs

    with open_runner(spec) as runner:
        yield from runner.map(read_inputs(paths, text_defaults))


__all__ = ["ClusterError", "ClusterSpec", "DaskRunner", "LocalRunner", "Runner", "extract_items", "open_runner"]
