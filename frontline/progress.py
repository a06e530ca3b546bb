"""A rich progress bar on stderr that appears only once a second item arrives.

One article needs no bar; a corpus does, and its size is often unknown while
it streams (stdin, large JSONL), so the bar counts items and their rate.
"""
from __future__ import annotations

import sys
import time

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

PLAIN_EVERY = 500   # items between two plain progress lines when stderr is a file or a pipe


def count_items(paths: list[str]) -> int | None:
    """How many articles the inputs hold, when that is cheap to know: JSON-lines files (their
    non-blank lines, counted without parsing); None for anything else (stdin, CSV, HTML, text)."""
    total = 0
    for path in paths:
        if not path.endswith(".jsonl"):
            return None
        try:
            with open(path, "rb") as handle:
                total += sum(1 for line in handle if line.strip())
        except OSError:
            return None
    return total


class LazyProgress:
    def __init__(self, label: str, total: int | None = None):
        self._label = label
        self._total = total
        self._count = 0
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        self._started = time.perf_counter()

    def __enter__(self) -> LazyProgress:
        return self

    def advance(self) -> None:
        self._count += 1
        if not sys.stderr.isatty():
            if self._count % PLAIN_EVERY == 0:
                self._plain_line()
            return
        if self._progress is None and self._count >= 2:
            columns = [SpinnerColumn(), TextColumn("{task.description}"), MofNCompleteColumn(), TimeElapsedColumn()]
            if self._total is not None:
                columns += [BarColumn(), TimeRemainingColumn()]
            self._progress = Progress(*columns, console=Console(stderr=True))
            self._progress.start()
            self._task = self._progress.add_task(self._label, total=self._total, completed=self._count - 1)
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task)

    def _plain_line(self) -> None:
        """For a log file: where the run is, how fast, and how long it still needs when known."""
        seconds = time.perf_counter() - self._started
        rate = self._count / seconds if seconds > 0 else 0.0
        of = f"/{self._total:,}" if self._total is not None else ""
        left = ""
        if self._total is not None and rate > 0:
            left = f", about {max(0.0, (self._total - self._count) / rate):.0f} s left"
        print(f"{self._label}: {self._count:,}{of} articles, {rate:,.0f}/s{left}", file=sys.stderr, flush=True)

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()
