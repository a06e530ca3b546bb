"""A consistent copy of the store's file, taken while no writer holds it.

A reader that must not hold the file for long (the HTTP server) serves from a
copy instead. The copy is made under DuckDB's own shared (read) lock: while it
is held no writer can be inside a batch, so the file and its WAL, copied
together, hold every committed batch whole and nothing of one in progress
(a batch is one transaction; DuckDB writes a transaction to the WAL at COMMIT).
Writers need nothing special: they only wait, as they wait for any reader, for
the few milliseconds a copy takes.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from frontline.store.db import Store

Signature = tuple[tuple[int, int, int] | None, tuple[int, int, int] | None]


def wal_path(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def signature(path: Path) -> Signature:
    """What changes whenever a writer commits: the file's and its WAL's (inode, size, mtime)."""
    def one(p: Path) -> tuple[int, int, int] | None:
        try:
            st = p.stat()
        except FileNotFoundError:
            return None
        return st.st_ino, st.st_size, st.st_mtime_ns
    return one(path), one(wal_path(path))


@dataclass(frozen=True, slots=True)
class StoreCopy:
    path: Path                 # the copy; its WAL, when the store had one, beside it (wal_path)
    signature: Signature       # the store's signature when it was copied
    modified: float            # the store file's mtime when copied (seconds since the epoch)

    def remove(self) -> None:
        for p in (self.path, wal_path(self.path)):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()


def copy_store(store: Store, folder: Path) -> StoreCopy:
    """Copy the store (and its WAL, if any) into a new file in `folder`, under the read lock.

    Raises StoreError (StoreBusy after `store.wait` seconds of a writer holding it) like `reading()`.
    """
    handle, name = tempfile.mkstemp(prefix="frontline-snapshot-", suffix=".duckdb", dir=folder)
    os.close(handle)
    target = Path(name)
    try:
        with store.reading():  # DuckDB's shared lock: no writer is mid-batch while we copy
            taken = signature(store.path)
            shutil.copyfile(store.path, target)
            if wal_path(store.path).exists():
                shutil.copyfile(wal_path(store.path), wal_path(target))
            modified = store.path.stat().st_mtime
    except BaseException:
        StoreCopy(target, (None, None), 0.0).remove()
        raise
    return StoreCopy(target, taken, modified)
