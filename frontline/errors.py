"""Errors that concern one input item: reported for that item, the run goes on."""
from __future__ import annotations

from dataclasses import dataclass


class ItemRejected(Exception):
    """An article frontline cannot read (language, size, encoding, date...)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class ItemProblem:
    """What is said on stderr about one item: where it came from and why.

    `failed` is True when the item produced nothing (it counts for the exit
    code); False for a warning about an item that was still processed.
    """

    source: str
    reason: str
    doc_id: str | None = None
    failed: bool = True

    def __str__(self) -> str:
        name = f"{self.source} [{self.doc_id}]" if self.doc_id and self.doc_id not in self.source else self.source
        kind = "error" if self.failed else "warning"
        return f"{kind}: {name}: {self.reason}"
