"""What the server reads: a snapshot of the store, swapped for a newer one when the store changes.

DuckDB lets one process write a file or several read it, never both at once. A
server that kept the store open would make every ingest wait for it; one that
opened it per request would hold a read lock almost all the time under load, and
an ingest could starve. So the server never reads the store's file: it reads a
private copy (store/snapshot.py copies it under the read lock, serving.py adds its
tables), and a thread checks the store's file every `poll` seconds. When a
writer has committed since the last copy, it takes a new one and swaps it in:
requests that started on the old snapshot finish on it, new ones get the new
one, and the old one is closed when its last request is done. As a snapshot
never changes, its answers are kept (`answer`) until a newer one is served.
"""
from __future__ import annotations

import contextlib
import logging
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from frontline.api import serving
from frontline.api.event_index import EventIndex
from frontline.store.db import Store
from frontline.store.errors import StoreBusy, StoreError
from frontline.store.snapshot import Signature, copy_store, signature

log = logging.getLogger("frontline.api")

POLL_SECONDS = 1.0      # how often the store's file is looked at (a stat; a copy only when it changed)
REFRESH_WAIT = 0.5      # how long one refresh waits for a writer's lock before trying at the next look
CACHE_BYTES = 64 << 20  # answers kept per snapshot, the least recently used dropped first
CACHE_ONE = 2 << 20     # an answer larger than this (a big GeoJSON) is made each time


@dataclass(slots=True, eq=False)
class Snapshot:
    con: duckdb.DuckDBPyConnection
    index: EventIndex                  # its events' filter columns and pages, in memory (event_index.py)
    generation: int                    # 0: no store yet (empty); then 1, 2, ... one per copy
    signature: Signature | None        # the store's when copied; None for the empty one
    store_modified: float | None       # the store file's mtime when copied
    taken_at: float = field(default_factory=time.time)
    users: int = 0                     # requests reading it now
    retired: bool = False              # a newer one is served: close when users reaches 0
    answers: OrderedDict[str, bytes] = field(default_factory=OrderedDict)  # request -> body (answer())
    answers_size: int = 0

    @property
    def events(self) -> int:
        return self.index.size

    def close_if_done(self) -> None:
        if self.retired and self.users == 0:
            self.index.close()
            self.con.close()


class Database:
    """The snapshot being served, refreshed by a background thread (`start`, `close`)."""

    def __init__(self, path: str | Path, wait: float = 10.0, poll: float = POLL_SECONDS,
                 folder: str | Path | None = None):
        self.store = Store(path, wait=wait)
        self.poll = poll
        self.folder = Path(folder or tempfile.gettempdir())
        self.refresh_error: str | None = None
        self._current: Snapshot | None = None
        self._generation = 0
        self._lock = threading.Lock()      # guards _current and every snapshot's users
        self._refreshing = threading.Lock()  # one refresh at a time
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._building: duckdb.DuckDBPyConnection | None = None
        self._failures: dict[str, int] = {}

    def check(self) -> None:
        """Take the first snapshot now (waiting `wait` seconds for a writer). Raises StoreError when the
        file is foreign, corrupt or newer, or its folder is missing; a file not made yet is served empty."""
        if not self.store.exists() and not self.store.path.parent.is_dir():
            raise StoreError(f"{self.store.path}: folder {self.store.path.parent} does not exist")
        self.refresh(self.store)

    def refresh(self, store: Store | None = None) -> bool:
        """Swap in a new snapshot when the store changed since the current one; True when it did."""
        store = store or Store(self.store.path, wait=min(self.store.wait, REFRESH_WAIT))
        with self._refreshing:
            current = self._current
            if not store.exists():
                if current is None:
                    con = serving.empty()
                    self._swap(Snapshot(con, EventIndex.build(con, None), 0, None, None))
                return False
            if current is not None and current.signature == signature(store.path):
                return False
            copy = copy_store(store, self.folder)
            if current is not None and current.signature == copy.signature:
                copy.remove()
                return False
            con = serving.open_copy(copy, self._set_building)
            try:
                index = EventIndex.build(con, self.folder)
            except BaseException:
                con.close()
                raise
            self._generation += 1
            self._swap(Snapshot(con, index, self._generation, copy.signature, copy.modified))
            return True

    def _set_building(self, con: duckdb.DuckDBPyConnection | None) -> None:
        with self._lock:
            self._building = con

    def _swap(self, new: Snapshot) -> None:
        with self._lock:
            old, self._current = self._current, new
            if old is not None:
                old.retired = True
                old.close_if_done()

    @contextlib.contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own for one request, on the snapshot current when it starts."""
        with self._reading() as (_, cursor):
            yield cursor

    @contextlib.contextmanager
    def index(self) -> Iterator[EventIndex]:
        """The events index of the snapshot current when the request starts."""
        with self._reading() as (snapshot, _):
            yield snapshot.index

    def answer(self, key: str, make: Callable[[EventIndex], bytes]) -> bytes:
        """The body `make(index)` gives for the request `key`, made once per snapshot: a snapshot never
        changes, so the same request has the same answer until a newer snapshot is served."""
        with self._reading() as (snapshot, _):
            with self._lock:
                body = snapshot.answers.get(key)
                if body is not None:
                    snapshot.answers.move_to_end(key)
                    return body
            body = make(snapshot.index)
        if len(body) <= CACHE_ONE:
            with self._lock:
                if key not in snapshot.answers:
                    snapshot.answers[key] = body
                    snapshot.answers_size += len(body)
                while snapshot.answers_size > CACHE_BYTES:
                    snapshot.answers_size -= len(snapshot.answers.popitem(last=False)[1])
        return body

    @contextlib.contextmanager
    def _reading(self) -> Iterator[tuple[Snapshot, duckdb.DuckDBPyConnection]]:
        with self._lock:  # a connection object is not thread-safe: cursors are made one at a time
            snapshot = self._current
            if snapshot is None:
                raise StoreError(f"{self.store.path}: the server is closing")
            snapshot.users += 1
            cursor = snapshot.con.cursor()
        try:
            yield snapshot, cursor
        finally:
            cursor.close()
            with self._lock:
                snapshot.users -= 1
                snapshot.close_if_done()

    def status(self) -> dict[str, Any]:
        """What /healthz says: which snapshot is served, from when, and why a refresh fails, if it does."""
        snapshot = self._current
        if snapshot is None:
            return {"status": "closing", "snapshot": None, "refresh_error": self.refresh_error}
        return {"status": "ok", "snapshot": {
                    "generation": snapshot.generation, "events": snapshot.events,
                    "taken_at": _iso(snapshot.taken_at), "store_modified": _iso(snapshot.store_modified),
                    "age_seconds": round(time.time() - snapshot.taken_at, 1)},
                "refresh_error": self.refresh_error}

    def start(self) -> None:
        """Look at the store every `poll` seconds from a background thread, until `close`."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._watch, name="frontline-snapshot", daemon=True)
            self._thread.start()

    def _watch(self) -> None:
        pause = self.poll
        while not self._stop.wait(pause):
            try:
                began = time.perf_counter()
                changed = self.refresh()
                # after a snapshot, rest twice as long as it took: on a large store the server then
                # takes at most a third of a core from the ingest it follows
                pause = max(self.poll, 2 * (time.perf_counter() - began)) if changed else self.poll
                self.refresh_error = None
                self._failures.clear()
            except StoreBusy:
                pass  # a writer is inside a batch: the next look will find it done
            except (StoreError, duckdb.Error, OSError) as error:
                if self._stop.is_set():
                    return
                self._note(str(error))

    def _note(self, message: str) -> None:
        """Say a refresh problem once it happens twice in a row (a file being made is briefly empty)."""
        count = self._failures.get(message, 0) + 1
        self._failures = {message: count}
        if count == 2:
            self.refresh_error = message
            log.warning("keeping the last snapshot: %s", message)

    def close(self) -> None:
        """Stop the thread (interrupting a snapshot being built) and close what is open."""
        self._stop.set()
        with self._lock:
            if self._building is not None:
                self._building.interrupt()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        with self._refreshing, self._lock:
            if self._current is not None:
                self._current.retired = True
                self._current.close_if_done()
            self._current = None


def _iso(seconds: float | None) -> str | None:
    if seconds is None:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))
