"""JSON lines: one article an object a line, with the fields of eval/SPEC.md.

`id` and `text` are required; `published`, `url`, `outlet`, `lang` and
`title` are read when present; other fields (`topic`...) are ignored. A line
that cannot be read is one problem named `path:line`; the next line goes on.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from frontline.errors import ItemProblem
from frontline.io.documents import document_or_problem, kind_of
from frontline.io.lines import Line
from frontline.record import Document

FIELDS = ("published", "url", "outlet", "lang", "title")


def read_jsonl(lines: Iterable[Line], path: str) -> Iterator[Document | ItemProblem]:
    """One Document or ItemProblem per non-blank line."""
    for line in lines:
        source = f"{path}:{line.number}"
        if line.decoded is None:
            yield ItemProblem(source, line.problem or "unreadable line")
            continue
        if not line.decoded.text.strip():
            continue
        try:
            record = json.loads(line.decoded.text)
        except json.JSONDecodeError as error:
            yield ItemProblem(source, f"broken JSON line: {error.msg.removesuffix(' at')} at column {error.colno}")
            continue
        except RecursionError:
            yield ItemProblem(source, "broken JSON line: nested too deeply")
            continue
        if not isinstance(record, dict):
            yield ItemProblem(source, f"line holds {kind_of(record)}, not a JSON object")
            continue
        fields = {name: record.get(name) for name in FIELDS}
        yield from document_or_problem(source, record.get("id"), line.decoded,
                                       text=record.get("text"), **fields)
