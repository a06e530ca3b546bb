"""One article in, its events or its problem out: the unit every runner maps.

The CLI, the store's ingest and the Dask cluster all call `process_item`, so a
bad article is reported the same way whichever runs it.
"""
from __future__ import annotations

import os
import traceback
from dataclasses import dataclass, field

from frontline.errors import ItemProblem, ItemRejected
from frontline.record import Document, Event


@dataclass(slots=True)
class ItemResult:
    """What one input item gave: a document and its events, and any problems."""

    doc: Document | None
    events: list[Event] = field(default_factory=list)
    problems: list[ItemProblem] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(problem.failed for problem in self.problems)


def process_item(item: Document | ItemProblem) -> ItemResult:
    """Extract one read item; never raises for a problem with the item itself."""
    from frontline.pipeline import document_warnings, extract_document

    if isinstance(item, ItemProblem):
        return ItemResult(doc=None, problems=[item])
    source = item.source_path or item.doc_id
    try:
        events = extract_document(item)
    except ItemRejected as rejected:
        return ItemResult(doc=item, problems=[ItemProblem(source, rejected.reason, item.doc_id)])
    except Exception as error:  # noqa: BLE001 - one broken article must not end the run
        if os.environ.get("FRONTLINE_DEBUG"):
            traceback.print_exc()
        reason = (f"internal error while extracting ({type(error).__name__}: {error}); "
                  "set FRONTLINE_DEBUG=1 for the trace")
        return ItemResult(doc=item, problems=[ItemProblem(source, reason, item.doc_id)])
    warnings = [ItemProblem(source, reason, item.doc_id, failed=False) for reason in document_warnings(item)]
    return ItemResult(doc=item, events=events, problems=warnings)
