"""CSV (and TSV): a header row naming the fields of eval/SPEC.md, one article a row.

Rows are numbered as a spreadsheet shows them: the header is row 1, the
first article row 2. A row that cannot be read is one problem named
`path:row N`; the next row goes on.
"""
from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from frontline.errors import ItemProblem
from frontline.io.decode import Decoded
from frontline.io.documents import MAX_ITEM_BYTES, document_or_problem
from frontline.io.jsonl import FIELDS
from frontline.io.lines import EMPTY_FILE, Line
from frontline.record import Document


class _RowLines:
    """Feeds csv.reader decoded text, and remembers what it met since the last row.

    csv.reader pulls exactly the lines of one record per row, so the unreadable
    lines and replaced bytes noted here belong to the row it returns next.
    An unreadable line is passed on as an empty line: the reader skips it as a
    blank row and stays in step.
    """

    def __init__(self, lines: Iterable[Line]):
        self._lines = iter(lines)
        self.problems: list[str] = []
        self.replaced = 0
        self.encoding = "utf-8"

    def __iter__(self) -> Iterator[str]:
        for line in self._lines:
            if line.decoded is None:
                self.problems.append(line.problem or "unreadable line")
                yield "\n"
                continue
            self.replaced += line.decoded.replaced
            self.encoding = line.decoded.encoding
            yield line.decoded.text

    def take(self) -> tuple[list[str], Decoded | None]:
        """The problems and replaced-byte count since the last call, then forget them."""
        problems, self.problems = self.problems, []
        decoded = Decoded("", self.encoding, self.replaced) if self.replaced else None
        self.replaced = 0
        return problems, decoded


def read_csv(lines: Iterable[Line], path: str, delimiter: str = ",") -> Iterator[Document | ItemProblem]:
    """One Document or ItemProblem per non-blank row after the header."""
    csv.field_size_limit(MAX_ITEM_BYTES)  # the default, 131,072, is shorter than many articles
    feed = _RowLines(lines)
    reader = csv.reader(feed, delimiter=delimiter)
    header = [name.strip().lower() for name in next(reader, [])]
    missing = [name for name in ("id", "text") if name not in header]
    if missing:
        reason = EMPTY_FILE if not header else (
            f"no {' or '.join(repr(m) for m in missing)} column in the CSV header (columns: {', '.join(header)})")
        yield ItemProblem(path, reason)
        return
    columns = {name: header.index(name) for name in ("id", "text", *FIELDS) if name in header}
    row_number = 1
    while True:
        row_number += 1
        source = f"{path}:row {row_number}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield ItemProblem(source, f"broken CSV row: {error}")
            feed.take()
            continue
        problems, decoded = feed.take()
        for problem in problems:
            yield ItemProblem(source, problem)
        if not any(cell.strip() for cell in row):
            continue
        cells = {name: (row[index] if index < len(row) else "") for name, index in columns.items()}
        fields = {name: cells.get(name) or None for name in FIELDS}
        yield from document_or_problem(source, cells["id"] or None, decoded, text=cells["text"], **fields)
