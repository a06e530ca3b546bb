"""A rich progress bar on stderr that appears only once a second item arrives.

One article needs no bar; a corpus does, and its size is often unknown while
it streams (stdin, large JSONL), so the bar counts items and their rate.
"""
from __future__ import annotations

import sys

from rich.console import Console
from rich.progress import MofNCompleteColumn, Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn


class LazyProgress:
    def __init__(self, label: str, total: int | None = None):
        self._label = label
        self._total = total
        self._count = 0
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> LazyProgress:
        return self

    def advance(self) -> None:
        self._count += 1
        if self._progress is None and self._count >= 2 and sys.stderr.isatty():
            self._progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), MofNCompleteColumn(),
                                      TimeElapsedColumn(), console=Console(stderr=True))
            self._progress.start()
            self._task = self._progress.add_task(self._label, total=self._total, completed=self._count - 1)
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task)

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()
