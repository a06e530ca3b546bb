"""Bytes to text: UTF-8 first, then charset-normalizer, and refuse binary junk.

Vietnamese news arrives as UTF-8 almost always, so that is tried first and
costs one C call. Old archives come in Windows-1258 or UTF-16; those are found
by charset-normalizer. A UTF-8 file with a few corrupt bytes (a truncated
download) is still read, with the bad bytes replaced and counted, so the reader
can warn instead of losing the article. Anything that decodes to mostly control
characters, or nothing at all, is binary: a PNG, a zip, random bytes.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from frontline.errors import ItemRejected

BINARY = "binary data, not text"

# Checked longest first: a UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# What people pass by mistake, named so the message says what to do.
_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive or Office document"),
    (b"\x1f\x8b", "gzip-compressed: decompress it first"),
    (b"BZh", "bzip2-compressed: decompress it first"),
    (b"\xfd7zXZ\x00", "xz-compressed: decompress it first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable"),
)

# Controls that never occur in text; \t \n \r \f \v do.
_CONTROLS = re.compile("[" + re.escape("".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r\f\v")) + "\x7f]")
_MAX_CONTROL_SHARE = 0.05   # a text with more control characters than this is binary
_SAMPLE_CHARS = 65_536      # enough to judge; binary junk shows at once
_NUL_SNIFF_BYTES = 8_192    # NULs here mean UTF-16/32 without a BOM, or binary


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text, the encoding it was read in, and how many invalid bytes became U+FFFD."""

    text: str
    encoding: str
    replaced: int = 0


def decode_bytes(raw: bytes, fallback: str | None = None) -> Decoded:
    """Decode one item's bytes; raises ItemRejected(BINARY) for non-text.

    `fallback` is an encoding already found for the same file (JSONL lines of
    a Windows-1258 export): tried before asking charset-normalizer again.
    """
    decoded = (_by_bom(raw) or _strict(raw, "utf-8", nul_check=True) or _mostly_utf8(raw)
               or _strict(raw, fallback) or _detected(raw) or _strict(raw, "utf-8"))
    if decoded is None or looks_binary(decoded.text):
        raise ItemRejected(BINARY)
    return decoded


def binary_signature(raw: bytes) -> str | None:
    """What a well-known binary format is, from its first bytes; None for others."""
    for magic, name in _SIGNATURES:
        if raw.startswith(magic):
            return name
    return None


def bom_encoding(raw: bytes) -> str | None:
    """The codec named by a byte-order mark at the start, if any (it strips the mark)."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return encoding
    return None


def _by_bom(raw: bytes) -> Decoded | None:
    encoding = bom_encoding(raw)
    return _strict(raw, encoding) if encoding else None


def _strict(raw: bytes, encoding: str | None, nul_check: bool = False) -> Decoded | None:
    """The bytes in `encoding` when they are valid in it (the UTF-8 fast path)."""
    if encoding is None or (nul_check and b"\x00" in raw[:_NUL_SNIFF_BYTES]):
        return None
    try:
        return Decoded(raw.decode(encoding), encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _mostly_utf8(raw: bytes) -> Decoded | None:
    """UTF-8 with a few corrupt bytes: many valid multi-byte letters, few bad ones.

    Legacy single-byte encodings almost never form valid UTF-8 sequences by
    chance, so "ten valid non-ASCII letters for each bad byte" tells the two apart
    without letting charset-normalizer turn every "ệ" into mojibake.
    """
    text = raw.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    valid_non_ascii = len(text) - len(text.encode("ascii", errors="ignore")) - bad
    if 0 < bad and bad * 10 <= valid_non_ascii:
        return Decoded(text, "utf-8", replaced=bad)
    return None


def _detected(raw: bytes) -> Decoded | None:
    best = from_bytes(raw).best()
    if best is None:
        return None
    return Decoded(str(best), best.encoding)


def looks_binary(text: str) -> bool:
    """More control characters than text has: bytes read in the wrong encoding, or no text at all."""
    sample = text[:_SAMPLE_CHARS]
    controls = len(_CONTROLS.findall(sample))
    return controls > _MAX_CONTROL_SHARE * len(sample)
