"""Getting a Dask client: an existing scheduler, or a cluster of local worker processes.

Workers are processes with one thread each: extraction is pure Python, so
threads in one process would take turns on the GIL. Before local workers start,
the gazetteer file is built here, once, so that N fresh workers open the same
finished file instead of queueing on the build lock. On other machines each
worker builds its own copy under the same lock the first time it needs it.

Dask keeps the last `distributed.admin.low-level-log-length` messages of each
connection for debugging (1,000 by default), and a task message carries its
partition's articles: by default the client and the scheduler would hold
about the last 1,000 partitions sent, tens of MB per worker. The runs started
here keep the last few only; a scheduler started elsewhere should be started
with the same setting (see the README).
"""
from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from distributed import Client


RECENT_MESSAGES = 16  # messages a connection keeps for debugging (Dask's default: 1,000)


class ClusterError(Exception):
    """The cluster cannot be reached or started; the whole run stops."""


@dataclass(frozen=True, slots=True)
class ClusterSpec:
    """Where extraction runs: `scheduler` (an address) or `workers` local processes, not both."""

    scheduler: str | None = None
    workers: int | None = None

    def __post_init__(self) -> None:
        if (self.scheduler is None) == (self.workers is None):
            raise ValueError("give either a scheduler address or a number of local workers")
        if self.workers is not None and self.workers < 1:
            raise ValueError("at least one worker")

    def __str__(self) -> str:
        return f"scheduler {self.scheduler}" if self.scheduler else f"{self.workers} local worker process(es)"


@contextlib.contextmanager
def connect(spec: ClusterSpec, connect_timeout: float | None = None) -> Iterator[Client]:
    """A client for `spec`, closed (with any local cluster) on the way out.

    `connect_timeout` in seconds; None: Dask's `distributed.comm.timeouts.connect` (30 s).
    """
    import dask

    with dask.config.set({"distributed.admin.low-level-log-length": RECENT_MESSAGES}):
        yield from _connect(spec, connect_timeout)


LOCAL_HTTP_ADDRESS = "127.0.0.1:0"


def _connect(spec: ClusterSpec, connect_timeout: float | None) -> Iterator[Client]:
    from distributed import Client, LocalCluster

    if spec.scheduler:
        try:
            timeout = {} if connect_timeout is None else {"timeout": connect_timeout}
            client = Client(spec.scheduler, set_as_default=False, **timeout)
        except OSError as error:
            raise ClusterError(f"cannot reach the Dask scheduler at {spec.scheduler}: {error}") from None
        with client:
            yield client
        return
    from frontline.geo import build_gazetteer

    build_gazetteer()
    # the scheduler serves HTTP even without a dashboard, on 8787 unless told: any free local port
    # (a taken 8787 printed a warning); its workers' shutdown chatter is not the run's business
    cluster = LocalCluster(n_workers=spec.workers, threads_per_worker=1, processes=True,
                           dashboard_address=LOCAL_HTTP_ADDRESS, silence_logs=logging.CRITICAL)
    with cluster, Client(cluster, set_as_default=False) as client:
        yield client
