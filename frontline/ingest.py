"""Articles in, stored and merged: `frontline ingest` as a library call (the application layer:
it reads, extracts on a runner, and hands each batch to the store).

Articles go in batches. For each batch the store is opened to see which are
already there (same id or same text), closed while the new ones are
extracted, and opened again to store them and re-merge in one transaction.
A run killed at any point leaves whole batches or nothing of a batch, and
running it again stores only what is missing. The lock is held only while
writing, so a reader waiting a moment gets in between two batches.

`ingest_items` is the same for documents read elsewhere (frontline watch's fetched
pages), with a hook that writes the caller's record of each item in the batch's own
transaction.
"""
from __future__ import annotations

import itertools
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from frontline.batch import ItemResult
from frontline.errors import ItemProblem
from frontline.io.plaintext import NO_DEFAULTS, TextDefaults
from frontline.record import Document
from frontline.store import rows
from frontline.store.db import Store
from frontline.store.ingest import AlsoInBatch, Clock, default_clock, store_new, stored_keys

if TYPE_CHECKING:
    import duckdb

    from frontline.cluster import Runner


@dataclass(slots=True)
class IngestSummary:
    articles_added: int = 0
    articles_known: int = 0       # same id or same text already stored (or earlier in this run)
    events_added: int = 0
    items_failed: int = 0
    canonical_events: int = 0     # in the whole store after the run
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return self.items_failed > 0


def print_problem(problem: ItemProblem) -> None:
    print(problem, file=sys.stderr)


# What became of one item of a batch, for a caller that keeps its own record of items (frontline
# watch): its key (the doc_id, else the problem's source), and "stored", "known" or "failed".
@dataclass(frozen=True, slots=True)
class Outcome:
    key: str
    status: str
    reason: str | None = None


# Called inside each batch's transaction: the caller's record commits with the batch, or not at all.
BatchHook = Callable[["duckdb.DuckDBPyConnection", list[Outcome]], None]


def ingest(paths: Sequence[str], store: Store, *, batch_size: int = 100, clock: Clock = default_clock,
           on_problem: Callable[[ItemProblem], None] = print_problem,
           on_item: Callable[[], None] | None = None, runner: Runner | None = None,
           text_defaults: TextDefaults = NO_DEFAULTS) -> IngestSummary:
    """Read, extract, store and merge every article of `paths`; problems go to `on_problem`, the run goes on.

    `runner` extracts each batch's new articles (frontline.cluster: this process, or a Dask cluster).
    """
    from frontline.io import read_inputs

    return ingest_items(read_inputs(paths, text_defaults), store, batch_size=batch_size, clock=clock,
                        on_problem=on_problem, on_item=on_item, runner=runner)


def ingest_items(items: Iterable[Document | ItemProblem], store: Store, *, batch_size: int = 100,
                 clock: Clock = default_clock, on_problem: Callable[[ItemProblem], None] = print_problem,
                 on_item: Callable[[], None] | None = None, runner: Runner | None = None,
                 on_batch: BatchHook | None = None) -> IngestSummary:
    """`ingest` for items read elsewhere (documents, and problems for items that could not be read).

    With `on_batch`, every batch opens a transaction, even one with nothing new to store, and hands
    the hook each item's outcome inside it.
    """
    from frontline.cluster import LocalRunner

    runner = runner or LocalRunner()
    started = time.perf_counter()
    summary = IngestSummary()
    with store.writing():
        pass  # make, check or upgrade the file before any extraction work
    for batch in _batches(items, batch_size):
        docs: list[Document] = []
        outcomes: list[Outcome] = []
        for item in batch:
            if isinstance(item, ItemProblem):
                on_problem(item)
                summary.items_failed += item.failed
                if item.failed:
                    outcomes.append(Outcome(item.doc_id or item.source, "failed", item.reason))
                    if on_item:
                        on_item()
            else:
                docs.append(item)
        new_docs = _not_stored(store, docs, summary, on_problem)
        extracted = dict(zip(map(id, new_docs), runner.map(new_docs)))
        results = []
        for doc in docs:
            if id(doc) in extracted:
                result = extracted[id(doc)]
                for problem in result.problems:
                    on_problem(problem)
                if result.failed:
                    summary.items_failed += 1
                    reason = next(p.reason for p in result.problems if p.failed)
                    outcomes.append(Outcome(doc.doc_id, "failed", reason))
                else:
                    results.append(result)
            else:
                outcomes.append(Outcome(doc.doc_id, "known"))
            if on_item:
                on_item()
        if results or on_batch is not None:
            # counted at COMMIT: another ingest into the same file may have stored some of them
            # since _not_stored looked; those add nothing here and are known, not new
            stored = store_new(store, results, clock, _also(on_batch, outcomes, results))
            summary.articles_added += len(stored)
            summary.articles_known += len(results) - len(stored)
            summary.events_added += sum(len(r.events) for r in stored)
    with store.reading() as con:
        counted = con.execute("SELECT count(*) FROM canonical_events").fetchone()
        summary.canonical_events = int(counted[0]) if counted else 0
    summary.seconds = time.perf_counter() - started
    return summary


def _also(on_batch: BatchHook | None, outcomes: list[Outcome], results: list[ItemResult]) -> AlsoInBatch | None:
    """The hook store_new runs in the batch's transaction: every outcome, the extracted ones as of COMMIT."""
    if on_batch is None:
        return None

    def record(con: duckdb.DuckDBPyConnection, fresh: list[ItemResult]) -> None:
        new = {id(result) for result in fresh}
        at_commit = [Outcome(r.doc.doc_id, "stored" if id(r) in new else "known")
                     for r in results if r.doc is not None]
        on_batch(con, outcomes + at_commit)

    return record


def _not_stored(store: Store, docs: list[Document], summary: IngestSummary,
                on_problem: Callable[[ItemProblem], None]) -> list[Document]:
    """The documents of a batch that are neither stored nor repeated earlier in it (by id or by text)."""
    if not docs:
        return []
    with store.reading() as con:
        ids, hashes = stored_keys(con, docs)
    fresh = []
    for doc in docs:
        digest = rows.content_hash(doc.text)
        if doc.doc_id in ids or digest in hashes:
            summary.articles_known += 1
            if doc.doc_id in ids and digest not in hashes:
                on_problem(ItemProblem(doc.source_path or doc.doc_id, "an article with this id is already stored "
                                       "with other text; kept the stored one", doc.doc_id, failed=False))
            continue
        ids.add(doc.doc_id)
        hashes.add(digest)
        fresh.append(doc)
    return fresh


def _batches(items: Iterable[Document | ItemProblem], size: int) -> Iterator[list[Document | ItemProblem]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, max(1, size))):
        yield batch
