"""One shared read-only connection to the store; each request reads through its own cursor.

Opening a DuckDB file costs about 10 ms, a cursor on an open one well under
one, so the file is opened once (checked as the store's `reading()` does) and
kept open for the server's life. DuckDB allows any number of readers; while the
server runs, `frontline ingest` into the same file waits for it.
"""
from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

import duckdb

from frontline.store.db import Store


class Database:
    def __init__(self, path: str | Path, wait: float = 10.0):
        self.store = Store(path, wait=wait)
        self._con: duckdb.DuckDBPyConnection | None = None
        self._opened: contextlib.ExitStack | None = None
        self._lock = threading.Lock()

    def check(self) -> None:
        """Raise StoreError now when the file is missing, foreign, corrupt or newer."""
        with self.store.reading():
            pass

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        with self._lock:  # a connection object is not thread-safe: cursors are made one at a time
            if self._con is None:
                stack = contextlib.ExitStack()
                self._con = stack.enter_context(self.store.reading())
                self._opened = stack
            return self._con.cursor()

    @contextlib.contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own for one request (DuckDB cursors may be used in parallel)."""
        cursor = self._cursor()
        try:
            yield cursor
        finally:
            cursor.close()

    def close(self) -> None:
        with self._lock:
            if self._opened is not None:
                self._opened.close()
            self._con, self._opened = None, None
