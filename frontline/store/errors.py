"""Problems with the database file, said in one line for the user (no traceback)."""
from __future__ import annotations


class StoreError(Exception):
    """The file cannot be used: foreign, corrupt, newer, missing..."""


class StoreBusy(StoreError):
    """Another process holds the file (DuckDB allows one writer, or readers only)."""
