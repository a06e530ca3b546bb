"""Which reader each input gets: by extension, or by its first bytes when that says nothing.

A directory is not expanded: `frontline extract eval/vi-dev/` would read
gold.jsonl as articles. The shell's globs (`dir/*.jsonl`) say which files
are articles; a directory is reported as a problem and the run goes on.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from frontline.errors import ItemProblem, ItemRejected
from frontline.io.decode import binary_signature
from frontline.io.documents import MAX_ITEM_BYTES, too_big_by_bytes
from frontline.io.jsonl import read_jsonl
from frontline.io.lines import open_lines
from frontline.io.plaintext import NO_DEFAULTS, TextDefaults, read_text
from frontline.io.streams import read_capped, sniff_kind, with_head
from frontline.io.table import read_csv
from frontline.io.webpage import read_html
from frontline.record import Document

STDIN = "-"
KINDS = {
    ".txt": "text", ".text": "text",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".csv": "csv", ".tsv": "tsv",
    ".html": "html", ".htm": "html", ".xhtml": "html",
}


def read_inputs(paths: Sequence[str], text_defaults: TextDefaults = NO_DEFAULTS) -> Iterator[Document | ItemProblem]:
    """Every article of every path, in order, and one ItemProblem per item that cannot be read.
    `text_defaults` fills what plain-text articles cannot say (publication date, language)."""
    for path in paths:
        yield from read_path(path, text_defaults)


def read_path(path: str, text_defaults: TextDefaults = NO_DEFAULTS) -> Iterator[Document | ItemProblem]:
    """The articles of one file, or of standard input for "-"."""
    if path == STDIN:
        if sys.stdin is None:  # started without one (a service)
            yield ItemProblem("stdin", "there is no standard input to read")
        else:
            yield from read_stream(sys.stdin.buffer, "stdin", "stdin", kind=None, text_defaults=text_defaults)
        return
    file = Path(path)
    if file.is_dir():
        yield ItemProblem(path, f"is a directory; name its article files instead (e.g. {path.rstrip('/')}/*.jsonl)")
        return
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        yield ItemProblem(path, "no such file")
        return
    except OSError as error:
        yield ItemProblem(path, f"cannot open the file: {error.strerror or error}")
        return
    with handle:
        size = os.fstat(handle.fileno()).st_size if file.is_file() else None
        try:
            yield from read_stream(handle, path, file.stem, KINDS.get(file.suffix.lower()), size, text_defaults)
        except OSError as error:
            yield ItemProblem(path, f"reading stopped: {error.strerror or error}")


def read_stream(stream: BinaryIO, source: str, doc_id: str, kind: str | None,
                size: int | None = None, text_defaults: TextDefaults = NO_DEFAULTS) -> Iterator[Document | ItemProblem]:
    """Read one stream as `kind` ("text", "jsonl", "csv", "tsv", "html"), or as its first bytes say."""
    head, stream = with_head(stream)
    signature = binary_signature(head)
    if signature:
        yield ItemProblem(source, f"binary data ({signature}), not text", doc_id)
        return
    kind = kind or sniff_kind(head)
    if kind in ("jsonl", "csv", "tsv"):
        yield from _read_lines(head, stream, source, kind)
    elif kind == "json-array":
        yield ItemProblem(source, "a JSON array: frontline reads JSON lines, one article object a line "
                                  "(convert with: jq -c '.[]')")
    elif size is not None and size > MAX_ITEM_BYTES:
        yield ItemProblem(source, too_big_by_bytes(size), doc_id)
    else:
        raw = read_capped(stream, MAX_ITEM_BYTES)
        if raw is None:
            yield ItemProblem(source, too_big_by_bytes(MAX_ITEM_BYTES, at_least=True), doc_id)
        elif kind == "html":
            yield from read_html(raw, doc_id, source)
        else:
            yield from read_text(raw, doc_id, source, text_defaults)


def _read_lines(head: bytes, stream: BinaryIO, source: str, kind: str) -> Iterator[Document | ItemProblem]:
    try:
        lines = open_lines(head, stream)
    except ItemRejected as rejected:
        yield ItemProblem(source, rejected.reason)
        return
    if kind == "jsonl":
        yield from read_jsonl(lines, source)
    else:
        yield from read_csv(lines, source, delimiter="\t" if kind == "tsv" else ",")
