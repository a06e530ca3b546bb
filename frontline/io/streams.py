"""Reading bytes with a ceiling, and looking at a stream's start before reading it.

Standard input cannot be rewound, yet its first bytes decide how to read it
(JSON lines, HTML or plain text); `with_head` reads them once and gives a
stream that starts over. The ceilings keep a 50 MB "article" from ever being
held in memory whole: past the limit, bytes are counted and dropped.
"""
from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, AnyStr, BinaryIO

from frontline.io.decode import bom_encoding

HEAD_BYTES = 65_536
_SKIP_CHUNK = 1 << 20


class _Replay(io.RawIOBase):
    """A raw stream that gives `head` once more, then the rest of `rest`."""

    def __init__(self, head: bytes, rest: BinaryIO):
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            count = min(len(buffer), len(self._head))
            buffer[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        read = getattr(self._rest, "read1", self._rest.read)  # read1: do not wait on a pipe
        data = read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def with_head(stream: BinaryIO, size: int = HEAD_BYTES) -> tuple[bytes, BinaryIO]:
    """The first `size` bytes, and a stream that still starts at byte 0."""
    head = stream.read(size)
    return head, io.BufferedReader(_Replay(head, stream))


def sniff_kind(head: bytes) -> str:
    """"jsonl" when the first non-blank character is "{", "html" for "<",
    "json-array" for "[", "empty" for nothing, else "text"."""
    text = head.decode(bom_encoding(head) or "utf-8", errors="ignore").replace("\x00", "").lstrip()
    first = text[:1]
    return {"{": "jsonl", "<": "html", "[": "json-array", "": "empty"}.get(first, "text")


def read_capped(stream: BinaryIO, cap: int) -> bytes | None:
    """All bytes of the stream, or None when there are more than `cap` (the rest is not read)."""
    data = stream.read(cap + 1)
    return data if len(data) <= cap else None


@dataclass(frozen=True, slots=True)
class Oversize:
    """A line longer than the ceiling: skipped without being kept; `size` in bytes (or characters)."""

    size: int


def capped_lines(stream: IO[AnyStr], cap: int) -> Iterator[AnyStr | Oversize]:
    """Every line of the stream, with an Oversize in place of each line longer than `cap`."""
    while line := stream.readline(cap + 1):
        if len(line) > cap and not _ends_line(line):
            yield Oversize(len(line) + _skip_line(stream))
        else:
            yield line


def _skip_line(stream: IO[AnyStr]) -> int:
    """Read past the rest of the current line in chunks; how much was skipped."""
    skipped = 0
    while chunk := stream.readline(_SKIP_CHUNK):
        skipped += len(chunk)
        if _ends_line(chunk):
            break
    return skipped


def _ends_line(line: str | bytes) -> bool:
    return line.endswith(b"\n") if isinstance(line, bytes) else line.endswith("\n")
