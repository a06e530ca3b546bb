"""Opening the store's DuckDB file: checked before it is touched, never overwritten.

DuckDB lets one process write a file, or several read it, never both at once.
Ingest therefore holds the file only while it writes a batch (not while it
extracts), and every opener waits a little for the lock before saying, in one
line, that the database is busy. A file that is not frontline's (another
program's data, a DuckDB file with other tables, a corrupt file) is refused
with a clear message and left exactly as it was.
"""
from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb

from frontline.store import DEFAULT_DB, schema
from frontline.store.errors import StoreBusy, StoreError

__all__ = ["DEFAULT_DB", "Store", "StoreBusy", "StoreError", "transaction"]

DUCKDB_MAGIC = b"DUCK"  # bytes 8..12 of every DuckDB database file
POLL_SECONDS = 0.05


class Store:
    """A frontline database file; opens a connection per use so the lock is held briefly.

    `wait` is how long an open waits for another process to let go of the file.
    """

    def __init__(self, path: str | Path = DEFAULT_DB, wait: float = 10.0,
                 migrations: tuple[schema.Migration, ...] = schema.MIGRATIONS):
        self.path = Path(path)
        self.wait = wait
        self.migrations = migrations
        self._checked = False  # the file was seen to be ours (or new) once in this process

    def exists(self) -> bool:
        return self.path.exists()

    @contextlib.contextmanager
    def reading(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection; upgrades an older file first (briefly writing)."""
        if not self.path.exists():
            raise StoreError(f"{self.path}: no frontline database here; `frontline ingest ARTICLES --db "
                             f"{self.path}` makes one")
        self._check_header()
        con = self._connect(read_only=True)
        try:
            version = self._check_store(con, writable=False)
            if version < schema.latest_version(self.migrations):
                con.close()
                with self.writing():
                    pass
                con = self._connect(read_only=True)
            yield con
        finally:
            con.close()

    @contextlib.contextmanager
    def writing(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-write connection to a frontline store, made when the file does not exist."""
        new = not self.path.exists()
        if new:
            if not self.path.parent.is_dir():
                raise StoreError(f"{self.path}: folder {self.path.parent} does not exist")
        else:
            self._check_header()
            if not self._checked:  # look before writing: a foreign file must stay as it was
                with contextlib.closing(self._connect(read_only=True)) as probe:
                    self._check_store(probe, writable=True)
        con = self._connect(read_only=False)
        try:
            if not schema.is_store(con):
                if _table_count(con) > 0:  # it changed hands between the probe and now
                    raise StoreError(_foreign(self.path))
                schema.create(con, self.migrations)
            self._check_version(con)
            schema.upgrade(con, self.migrations)
            self._checked = True
            yield con
        finally:
            con.close()

    def _check_header(self) -> None:
        if self.path.is_dir():
            raise StoreError(f"{self.path}: is a folder, not a database file")
        try:
            with self.path.open("rb") as handle:
                head = handle.read(16)
        except OSError as error:
            raise StoreError(f"{self.path}: cannot read the file: {error.strerror or error}") from None
        if not head:
            raise StoreError(f"{self.path}: is an empty file, not a frontline database; frontline will not "
                             "write into it (remove it, or choose another --db)")
        if head[8:12] != DUCKDB_MAGIC:
            raise StoreError(f"{self.path}: is not a DuckDB database (another kind of file); frontline "
                             "leaves it untouched: choose another --db")

    def _check_store(self, con: duckdb.DuckDBPyConnection, writable: bool) -> int:
        if not schema.is_store(con):
            if writable and _table_count(con) == 0:
                return 0  # an empty DuckDB file (a creation that never finished): safe to fill
            raise StoreError(_foreign(self.path))
        return self._check_version(con)

    def _check_version(self, con: duckdb.DuckDBPyConnection) -> int:
        if not schema.is_store(con):
            return 0
        version = schema.current_version(con)
        latest = schema.latest_version(self.migrations)
        if version > latest:
            raise StoreError(f"{self.path}: was written by a newer frontline (schema version {version}; this "
                             f"one knows up to {latest}); upgrade frontline to read it")
        return version

    def _connect(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        """Open the file, waiting up to `wait` seconds for another process's lock."""
        deadline = time.monotonic() + self.wait
        while True:
            try:
                return duckdb.connect(str(self.path), read_only=read_only)
            except duckdb.IOException as error:
                if not _is_lock_error(error):
                    raise StoreError(f"{self.path}: cannot be opened as a DuckDB database "
                                     f"({first_line(error)}); frontline leaves it untouched") from None
                if time.monotonic() >= deadline:
                    raise StoreBusy(f"{self.path}: database is busy (another frontline process is writing to "
                                    "it); try again") from None
                time.sleep(POLL_SECONDS)
            except duckdb.Error as error:
                raise StoreError(f"{self.path}: cannot be opened as a DuckDB database "
                                 f"({first_line(error)}); frontline leaves it untouched") from None


def _is_lock_error(error: Exception) -> bool:
    return "lock" in str(error).lower()


def first_line(error: Exception) -> str:
    """A library error's first line: the message without the stack DuckDB may append."""
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def _foreign(path: Path) -> str:
    return (f"{path}: is a DuckDB database but not a frontline store (it has other tables); frontline leaves "
            "it untouched: choose another --db")


def _table_count(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute("SELECT count(*) FROM information_schema.tables").fetchone()
    return int(row[0]) if row else 0


@contextlib.contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """BEGIN ... COMMIT, or ROLLBACK on any error: a batch is stored whole or not at all."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
