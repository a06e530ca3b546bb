"""A line-oriented file (JSONL, CSV) as decoded lines, each line read once.

A file with a UTF-16/32 byte-order mark, or NUL bytes that show UTF-16
without one, is decoded as a whole. Any other file is decoded line by line,
UTF-8 first, so that one corrupt line costs that line only; the first legacy
encoding found (Windows-1258) is tried first on the lines that follow.
"""
from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from charset_normalizer import from_bytes

from frontline.errors import ItemRejected
from frontline.io.decode import Decoded, bom_encoding, decode_bytes
from frontline.io.documents import MAX_ITEM_BYTES, too_big_by_bytes, too_long
from frontline.io.streams import Oversize, capped_lines

EMPTY_FILE = "empty file, no articles"
_UNICODE = {"utf-8", "ascii", "utf-8-sig"}


@dataclass(frozen=True, slots=True)
class Line:
    """One physical line (1-based `number`): its text, or why it could not be read."""

    number: int
    decoded: Decoded | None = None
    problem: str | None = None


def open_lines(head: bytes, stream: BinaryIO) -> Iterator[Line]:
    """The file's lines; raises ItemRejected at once when the whole file is empty or binary."""
    wide = _wide_encoding(head)
    if wide:
        if not head.decode(wide, errors="ignore").strip():
            raise ItemRejected(EMPTY_FILE)
        return _text_lines(io.TextIOWrapper(stream, encoding=wide, errors="replace"), wide)
    if not decode_bytes(head).text.strip():  # raises for binary
        raise ItemRejected(EMPTY_FILE)
    return _byte_lines(stream)


def _wide_encoding(head: bytes) -> str | None:
    """UTF-16 or UTF-32, named by a byte-order mark or found by charset-normalizer."""
    encoding = bom_encoding(head)
    if encoding in ("utf-16", "utf-32"):
        return encoding
    if encoding is None and b"\x00" in head:
        best = from_bytes(head).best()
        if best is not None and best.encoding.startswith(("utf_16", "utf_32")):
            return best.encoding
    return None


def _byte_lines(stream: BinaryIO) -> Iterator[Line]:
    fallback: str | None = None
    for number, line in enumerate(capped_lines(stream, MAX_ITEM_BYTES), start=1):
        if isinstance(line, Oversize):
            yield Line(number, problem=too_big_by_bytes(line.size))
            continue
        try:
            decoded = decode_bytes(line, fallback)
        except ItemRejected as rejected:
            yield Line(number, problem=rejected.reason)
            continue
        if codecs.lookup(decoded.encoding).name not in _UNICODE:
            fallback = decoded.encoding
        yield Line(number, decoded)


def _text_lines(stream: io.TextIOWrapper, encoding: str) -> Iterator[Line]:
    for number, line in enumerate(capped_lines(stream, MAX_ITEM_BYTES), start=1):
        if isinstance(line, Oversize):
            yield Line(number, problem=too_long(line.size))
        else:
            yield Line(number, Decoded(line, encoding))
