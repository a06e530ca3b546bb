"""Stopping a writing command with Ctrl-C or SIGTERM: one line and exit 130, never a traceback.

A signal that lands while DuckDB runs a query interrupts the query, and DuckDB raises its own
error ("Query interrupted", a RuntimeError) instead of Python's KeyboardInterrupt. After a stop
signal, any error is therefore the stop. The transaction in progress is rolled back by DuckDB,
so what was committed stays and a rerun completes the rest.
"""
from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Iterator

import typer

EXIT_STOPPED = 130
_STOPPED = threading.Event()  # set by SIGTERM or SIGINT


def _stop(signum: int, frame: object) -> None:
    """SIGTERM stops as Ctrl-C does."""
    _STOPPED.set()
    raise KeyboardInterrupt


@contextlib.contextmanager
def on_signals() -> Iterator[None]:
    """SIGTERM and SIGINT raise KeyboardInterrupt here and are remembered (see `interrupted_as_stopped`)."""
    _STOPPED.clear()
    previous = {stop: signal.signal(stop, _stop) for stop in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for stop, handler in previous.items():
            signal.signal(stop, handler)


@contextlib.contextmanager
def interrupted_as_stopped() -> Iterator[None]:
    """After a stop signal, DuckDB's "Query interrupted" (or any error it caused) is the stop."""
    try:
        yield
    except Exception as error:
        if _STOPPED.is_set():
            raise KeyboardInterrupt from error
        raise


@contextlib.contextmanager
def stopped_with(message: str) -> Iterator[None]:
    """Around a whole command: a stop prints `message` and exits 130."""
    try:
        with on_signals(), interrupted_as_stopped():
            yield
    except KeyboardInterrupt:
        print(message, file=sys.stderr)
        raise typer.Exit(EXIT_STOPPED) from None
