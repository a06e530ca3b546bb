"""Why an article was kept or skipped, and the sense and fate of each trigger.

An analyst auditing a row must be able to see the reasoning: `frontline extract
--explain` prints these records. Collecting them costs nothing when disabled.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Explanation:
    doc_id: str
    enabled: bool = True
    verdict: str = ""
    triggers: list[dict[str, Any]] = field(default_factory=list)

    def article(self, verdict: str) -> None:
        if self.enabled:
            self.verdict = verdict

    def trigger(self, text: str, start: int, outcome: str, reason: str, **details: Any) -> None:
        """One trigger word: what became of it (event, dropped, not in war sense) and why."""
        if self.enabled:
            self.triggers.append({"trigger": text, "start": start, "outcome": outcome, "reason": reason, **details})

    def as_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "verdict": self.verdict, "triggers": self.triggers}
