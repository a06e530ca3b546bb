"""POST /extract's workers: a fixed number of slots, each a process of its own, with a time budget.

Extraction is CPU work. Run in the server's own threads it would hold the interpreter's lock and
slow every read; run without a cap, a few maximum-size bodies would queue the rest for minutes.
So each slot is a one-process pool (started at server start-up, its gazetteer and models read
once, before any budget starts), a request that finds no free slot is answered 503 at once with
Retry-After, and a request over its budget has its process killed (no thread can be stopped
mid-work; a process can) and a fresh one put in its place.
"""
from __future__ import annotations

import asyncio
import multiprocessing
import queue
from dataclasses import dataclass
from multiprocessing.pool import AsyncResult, Pool

DEFAULT_SLOTS = 2
DEFAULT_BUDGET_SECONDS = 30.0
WARM_UP_SECONDS = 120.0   # a fresh slot reads its gazetteer and models first; not part of any budget


class SlotsBusy(Exception):
    """Every slot is extracting: try again shortly."""


class OverBudget(Exception):
    """The extraction ran past its time budget and was stopped."""


class TextRejected(Exception):
    """The text cannot be extracted (a language it does not read, no text): the reason."""


@dataclass(frozen=True, slots=True)
class ExtractJob:
    text: str
    published: str | None
    lang: str | None
    all_modalities: bool


def _warm() -> None:
    """Read the gazetteer, lexicons and models before the first request needs them."""
    import frontline

    frontline.extract("Quân đội Syria không kích thị trấn Albu Kamal hôm 11/11.", published="2017-11-20")


def _ready() -> bool:
    """Runs after the initializer: a slot whose _ready has returned is warm."""
    return True


def _extract(job: ExtractJob) -> tuple[str, object]:
    """In the slot's process: ("events", [dicts]) or ("rejected", reason)."""
    import frontline
    from frontline.errors import ItemRejected

    try:
        events = frontline.extract(job.text, published=job.published, lang=job.lang, doc_id="request",
                                   all_modalities=job.all_modalities)
    except ItemRejected as rejected:
        return "rejected", rejected.reason
    return "events", [event.as_dict() for event in events]


@dataclass(frozen=True, slots=True)
class _Slot:
    """A one-process pool and the marker task that returns once its warm-up is done."""

    pool: Pool
    warm: AsyncResult


class ExtractSlots:
    def __init__(self, slots: int = DEFAULT_SLOTS, budget_seconds: float = DEFAULT_BUDGET_SECONDS):
        if slots < 1 or budget_seconds <= 0:
            raise ValueError("extraction needs at least one slot and a positive time budget")
        self.slots = slots
        self.budget_seconds = budget_seconds
        self._context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self._free: queue.SimpleQueue[_Slot] = queue.SimpleQueue()
        self._all: list[_Slot] = []

    def _new_slot(self) -> _Slot:
        pool = self._context.Pool(1, initializer=_warm)
        slot = _Slot(pool, pool.apply_async(_ready))
        self._all.append(slot)
        return slot

    def start(self) -> None:
        """Start the slots' processes (they warm up in the background); once, however often called."""
        if not self._all:
            for _ in range(self.slots):
                self._free.put(self._new_slot())

    def close(self) -> None:
        for slot in self._all:
            slot.pool.terminate()
        for slot in self._all:
            slot.pool.join()
        self._all.clear()

    async def run(self, job: ExtractJob) -> list[dict]:
        """The events of the job; raises SlotsBusy, OverBudget or TextRejected."""
        self.start()
        try:
            slot = self._free.get_nowait()
        except queue.Empty:
            raise SlotsBusy from None
        loop = asyncio.get_running_loop()
        try:
            if not slot.warm.ready():  # the budget starts once the slot is warm
                await loop.run_in_executor(None, slot.warm.wait, WARM_UP_SECONDS)
            pending = slot.pool.apply_async(_extract, (job,))
            kind, value = await loop.run_in_executor(None, pending.get, self.budget_seconds)
        except multiprocessing.TimeoutError:
            slot.pool.terminate()
            self._all.remove(slot)
            slot = self._new_slot()
            raise OverBudget from None
        finally:
            self._free.put(slot)
        if kind == "rejected":
            raise TextRejected(value)
        assert isinstance(value, list)
        return value
