"""Mapping `process_item` over a Dask cluster: results in input order, a bounded number in flight.

Ordering. Partitions are submitted in input order and kept in a queue; the
runner waits on the oldest and yields its results before the next, so a
writer downstream produces the same bytes as a single process. Later
partitions go on running meanwhile.

Backpressure. Only `window` partitions are submitted and not yet yielded at
any time (a few per worker thread, counted again as workers come and go), and
the input is read one partition ahead, so memory on the client, the scheduler
and the workers does not grow with the corpus.

Lost workers. Tasks are pure and carry their articles with them (nothing is
scattered), so when a worker dies, Dask's scheduler runs its tasks again on
another worker; a result is yielded once per partition, so no article's
events are lost or repeated. A task that has killed more workers than
`distributed.scheduler.allowed-failures` (3; an article that crashes or
exhausts the process) comes back as KilledWorker: its partition is then run
one article per task; when several of those die (a dying worker takes its
other running tasks with it), each is run once more alone, and the article
that still kills its workers is reported as a failed item; the run goes on.
Only a lost scheduler ends the run (ClusterError), after every article before
the one it was waiting for.
"""
from __future__ import annotations

import math
import sys
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sized
from typing import TYPE_CHECKING, Protocol

from frontline.batch import ItemResult, process_item
from frontline.cluster.connect import ClusterError
from frontline.cluster.partitions import MAX_ITEMS, Item, Partition, extract_partition, partitions, with_documents
from frontline.errors import ItemProblem

if TYPE_CHECKING:
    from distributed import Client, Future

PER_THREAD = 3           # partitions in flight per worker thread: one running, two queued behind it
LOOK_EVERY = 1.0         # seconds between two questions to the scheduler about the cluster's size


class Runner(Protocol):
    def map(self, items: Iterable[Item]) -> Iterator[ItemResult]:
        """One ItemResult per item, in the order of `items`."""
        ...


class LocalRunner:
    """This process, one item after the other: the default."""

    def map(self, items: Iterable[Item]) -> Iterator[ItemResult]:
        return map(process_item, items)


def worker_died(item: Item) -> ItemResult:
    """The report for an article that killed every worker that tried it."""
    if isinstance(item, ItemProblem):
        return ItemResult(doc=None, problems=[item])
    reason = "every worker process that tried this article died (a crash or out of memory); skipped"
    return ItemResult(doc=item, problems=[ItemProblem(item.source_path or item.doc_id, reason, item.doc_id)])


class DaskRunner:
    """`process_item` over a Dask client, in partitions, ordered and bounded."""

    def __init__(self, client: Client, max_items: int = MAX_ITEMS, per_thread: int = PER_THREAD,
                 on_wait: Callable[[str], None] | None = None):
        self.client = client
        self.max_items = max_items
        self.per_thread = per_thread
        self._on_wait = on_wait
        self._threads = 0
        self._checked = float("-inf")

    def threads(self) -> int:
        """Worker threads in the cluster now (asked at most once a second): workers come and go."""
        now = time.monotonic()
        if now - self._checked >= LOOK_EVERY:
            self._checked = now
            threads = sum(self.client.nthreads().values())
            if threads == 0 and self._threads == 0 and self._on_wait:
                self._on_wait(f"waiting for a Dask worker to join {self.client.scheduler.address}")
            self._threads = threads
        return self._threads

    def window(self) -> int:
        """How many partitions may be in flight, submitted and not yet yielded."""
        return max(2, self.per_thread * self.threads())

    def partition_size(self, items: Iterable[Item]) -> int:
        """`max_items`; smaller for a short list (a batch of ingest), so that each worker thread gets two."""
        if not isinstance(items, Sized):
            return self.max_items
        return max(1, min(self.max_items, math.ceil(len(items) / (2 * max(1, self.threads())))))

    def map(self, items: Iterable[Item]) -> Iterator[ItemResult]:
        run = uuid.uuid4().hex[:12]  # task keys unique to this call: a key Dask still knows would be reused
        pending: deque[tuple[Partition, Future]] = deque()
        parts = partitions(items, self.partition_size(items))
        more = True
        try:
            while True:
                while more and len(pending) < self.window():
                    part = next(parts, None)
                    if part is None:
                        more = False
                    else:
                        pending.append((part, self._submit(part.items, f"{run}-p{part.index}")))
                if not pending:
                    return
                part, future = pending.popleft()
                yield from self._collect(part, future, run)
        finally:
            for _, future in pending:
                future.release()

    def _submit(self, items: tuple[Item, ...], name: str) -> Future:
        return self.client.submit(extract_partition, items, key=f"frontline-extract-{name}")

    def _collect(self, part: Partition, future: Future, run: str) -> list[ItemResult]:
        found = self._outcome(part, future)
        if found is not None:
            return found
        if len(part.items) == 1:
            return [worker_died(part.items[0])]
        alone = [Partition(part.index, part.items[i:i + 1]) for i in range(len(part.items))]
        singles = [self._submit(one.items, f"{run}-p{part.index}-{i}") for i, one in enumerate(alone)]
        outcomes = [self._outcome(one, future) for one, future in zip(alone, singles, strict=True)]
        died = [i for i, outcome in enumerate(outcomes) if outcome is None]
        if len(died) > 1:
            # a worker killed by one article takes down the tasks of its neighbours running beside it:
            # each of them is tried once more with nothing else in flight, so only the killer is lost
            for i in died:
                outcomes[i] = self._outcome(alone[i], self._submit(alone[i].items, f"{run}-p{part.index}-{i}-alone"))
        return [result for i, outcome in enumerate(outcomes)
                for result in (outcome if outcome is not None else [worker_died(alone[i].items[0])])]

    def _outcome(self, part: Partition, future: Future) -> list[ItemResult] | None:
        """The partition's results; None when its task killed every worker that tried it."""
        from distributed import KilledWorker
        from distributed.client import FutureCancelledError
        from distributed.comm import CommClosedError

        try:
            return with_documents(part.items, future.result())
        except KilledWorker:
            return None
        except (FutureCancelledError, CommClosedError):
            first = part.items[0]
            where = first.source if isinstance(first, ItemProblem) else first.source_path or first.doc_id
            raise ClusterError(f"lost the connection to the Dask scheduler at {self.client.scheduler.address} "
                               f"while extracting {where}; every item before it was done") from None
        finally:
            future.release()


def print_wait(message: str) -> None:
    print(message, file=sys.stderr)
