"""A plain-text file is one article; a leading "date YYYY-MM[-DD]" gives its publication date.

The seed article came as one line: " date 2017-11 Theo Al Masdar News ngày
17/11, ..." – the header and the text on the same line. The header is taken
off the text, so that offsets count from the article's first word.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from frontline.errors import ItemProblem, ItemRejected
from frontline.io.decode import decode_bytes
from frontline.io.documents import document_or_problem
from frontline.record import Document

# " date 2017-11 ", "date: 2017-11-20\n": the word, the date, and the blanks after it.
_DATE_HEADER = re.compile(r"\s*date:?[ \t]+(\d{4}-\d{1,2}(?:-\d{1,2})?)(?:\s+|$)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TextDefaults:
    """What the command line says of plain-text articles (a .txt file, standard input), which carry
    no fields: their publication date when no " date " header gives one, and their language."""

    published: str | None = None
    lang: str | None = None


NO_DEFAULTS = TextDefaults()


def read_text(raw: bytes, doc_id: str, source: str,
              defaults: TextDefaults = NO_DEFAULTS) -> Iterator[Document | ItemProblem]:
    """The Document of a whole text file (or of standard input)."""
    try:
        decoded = decode_bytes(raw)
    except ItemRejected as rejected:
        yield ItemProblem(source, rejected.reason, doc_id)
        return
    published, text = split_date_header(decoded.text)
    yield from document_or_problem(source, doc_id, decoded, text=text, published=published or defaults.published,
                                   lang=defaults.lang)


def split_date_header(text: str) -> tuple[str | None, str]:
    """The date of a leading " date YYYY-MM[-DD]" header (or None), and the text after it."""
    match = _DATE_HEADER.match(text)
    if match is None:
        return None, text
    return match.group(1), text[match.end():]
