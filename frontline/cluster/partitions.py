"""Cutting the input stream into partitions: the unit of work sent to a Dask worker.

One article is a few milliseconds of work, too little to be worth a task of its
own (a task costs about a millisecond of scheduling and a round trip), so
articles travel in partitions of a few dozen. A partition is also bounded in
characters, so that a run of very long articles does not make one huge task.
Partitions keep their place in the input (`index`), which is how the runner
puts results back in input order.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from frontline.batch import ItemResult, process_item
from frontline.errors import ItemProblem
from frontline.record import Document

Item = Document | ItemProblem

MAX_ITEMS = 32             # about a quarter to half a second of work: scheduling is under 1% of it
MAX_CHARS = 2_000_000      # two of the longest articles the readers accept


@dataclass(frozen=True, slots=True)
class Partition:
    """Consecutive input items; `index` is the partition's place in the input."""

    index: int
    items: tuple[Item, ...]


def item_chars(item: Item) -> int:
    return len(item.text) if isinstance(item, Document) else 0


def partitions(items: Iterable[Item], max_items: int = MAX_ITEMS, max_chars: int = MAX_CHARS) -> Iterator[Partition]:
    """The items in order, cut into partitions; reads no further ahead than one partition."""
    if max_items < 1:
        raise ValueError("a partition holds at least one item")
    batch: list[Item] = []
    chars = 0
    index = 0
    for item in items:
        size = item_chars(item)
        if batch and (len(batch) >= max_items or chars + size > max_chars):
            yield Partition(index, tuple(batch))
            index += 1
            batch, chars = [], 0
        batch.append(item)
        chars += size
    if batch:
        yield Partition(index, tuple(batch))


def extract_partition(items: tuple[Item, ...]) -> list[tuple[ItemResult, bool]]:
    """The task a worker runs: `process_item` over each item, in order (never raises for a bad item).

    Each article's text goes back only as a flag: the client holds the document
    already, and the text is most of the bytes of a partition.
    """
    results = [process_item(item) for item in items]
    return [(dataclasses.replace(result, doc=None), result.doc is not None) for result in results]


def with_documents(items: tuple[Item, ...], stripped: list[tuple[ItemResult, bool]]) -> list[ItemResult]:
    """The results of `extract_partition` with their documents put back from the client's items."""
    results = []
    for item, (result, had_doc) in zip(items, stripped, strict=True):
        result.doc = item if had_doc and isinstance(item, Document) else None
        results.append(result)
    return results
