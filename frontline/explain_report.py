"""`frontline explain`: the reasoning behind every kept and skipped trigger, for auditing a row."""
from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TextIO

from frontline.errors import ItemProblem, ItemRejected
from frontline.io.plaintext import NO_DEFAULTS, TextDefaults
from frontline.pipeline.explanation import Explanation


def explain_document(doc) -> tuple[Explanation, list]:
    """The explanation of one article and the events it gave."""
    from frontline.pipeline import extract_document

    explanation = Explanation(doc.doc_id)
    events = extract_document(doc, explanation)
    return explanation, events


def render(explanation: Explanation, events: list) -> str:
    lines = [f"== {explanation.doc_id}: {explanation.verdict}"]
    for t in explanation.triggers:
        detail = ""
        if t["outcome"] == "event":
            detail = (f" -> {t['sub_event_type']}, {t['modality']} ({t['modality_reason']}), "
                      f"{t['date']} [{t['date_from']}], {t['place']} [{t['place_from']}]")
        lines.append(f"  @{t['start']:<6} {t['trigger']!r:28} {t['outcome']:13} {t['reason']}{detail}")
    for event in events:
        lines.append(f"  EVENT {event.event_date} ({event.time_precision}) {event.sub_event_type} | "
                     f"{event.actor1} -> {event.actor2} | {event.location}, {event.country} | {event.modality}")
    return "\n".join(lines)


def explain_items(paths: Sequence[str], as_json: bool, out: TextIO,
                  report: Callable[[ItemProblem], None], text_defaults: TextDefaults = NO_DEFAULTS) -> bool:
    """Explain every readable article of `paths`; True when any item failed."""
    from frontline.io import read_inputs

    failed = False
    for item in read_inputs(paths, text_defaults):
        if isinstance(item, ItemProblem):
            report(item)
            failed |= item.failed
            continue
        try:
            explanation, events = explain_document(item)
        except ItemRejected as rejected:
            report(ItemProblem(item.source_path or item.doc_id, rejected.reason, item.doc_id))
            failed = True
            continue
        if as_json:
            record = explanation.as_dict() | {"events": [e.event_id for e in events]}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            out.write(render(explanation, events) + "\n")
    return failed
