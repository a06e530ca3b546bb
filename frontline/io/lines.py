"""A line-oriented file (JSONL, CSV) as decoded lines, each line read once.

A file with a UTF-16/32 byte-order mark, or a first line that is UTF-16 without
one, is decoded as a whole. Any other file is decoded line by line,
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
from frontline.io.decode import BINARY, Decoded, bom_encoding, decode_bytes, looks_binary
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
    """The file's lines; raises ItemRejected at once when the whole file is empty, or when most
    lines of its head cannot be read as text (random bytes: a short run of them may pass for
    Big5 by chance, most will not). Junk among good lines (a run of NULs, a line in UTF-16)
    costs those lines only, wherever it is."""
    wide = _wide_encoding(head)
    if wide:
        if not head.decode(wide, errors="ignore").strip():
            raise ItemRejected(EMPTY_FILE)
        return _text_lines(io.TextIOWrapper(stream, encoding=wide, errors="replace"), wide)
    if not head.strip():
        raise ItemRejected(EMPTY_FILE)
    lines = [line for line in head.splitlines() if line.strip()]
    if 2 * sum(map(_readable, lines)) < len(lines):
        raise ItemRejected(BINARY)
    return _byte_lines(stream)


def _readable(line: bytes) -> bool:
    try:
        decode_bytes(line)
    except ItemRejected:
        return False
    return True


def _wide_encoding(head: bytes) -> str | None:
    """UTF-16 or UTF-32: named by a byte-order mark, or the whole file so (its first line, where
    UTF-16 shows NULs, found so by charset-normalizer). One wide line among UTF-8 ones is a bad
    line, not the file's encoding."""
    encoding = bom_encoding(head)
    if encoding in ("utf-16", "utf-32"):
        return encoding
    first_line = head.split(b"\n", 1)[0]
    if encoding is None and b"\x00" in first_line:
        best = from_bytes(head).best()
        if (best is not None and best.encoding.startswith(("utf_16", "utf_32"))
                and not looks_binary(head.decode(best.encoding, errors="ignore")[:max(1, len(first_line) // 2)])):
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
