"""One canonical form for every text: NFC, LF line ends, no control characters.

Vietnamese arrives both composed ("ệ" as one code point) and decomposed ("e"
plus two combining marks, as Windows-1258 and some Mac tools write it). Every
dictionary lookup and every character offset downstream assumes one form, so
the readers hand the pipeline NFC only. Control characters (NUL from padded
files, C1 codes from mis-decoded Windows text) carry no meaning and would
break tokenisers; zero-width spaces and stray byte-order marks split words.
"""
from __future__ import annotations

import re
import unicodedata

_LINE_BREAKS = "\r\v\f\x85\u2028\u2029"
_DROPPED = (
    [c for c in range(0x20) if chr(c) not in "\t\n" and chr(c) not in _LINE_BREAKS]
    + list(range(0x7F, 0xA0))
    + [0x200B, 0xFEFF]  # zero-width space, byte-order mark inside the text
)
_TABLE: dict[int, str | None] = {code: None for code in _DROPPED}
_TABLE.update({ord(char): "\n" for char in _LINE_BREAKS})
# str.translate walks a dict per character (0.1 s a MB); most texts need nothing,
# and a regex search tells so at C speed.
_NEEDS_TRANSLATION = re.compile("[" + re.escape("".join(map(chr, _TABLE))) + "]")


def clean_text(text: str) -> str:
    """NFC text with LF line ends, no control characters, no surrounding blanks."""
    text = text.replace("\r\n", "\n")
    if _NEEDS_TRANSLATION.search(text):
        text = text.translate(_TABLE)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text.strip()


def clean_field(value: object) -> str | None:
    """A short metadata field (title, outlet, url) as clean text, or None when blank or not text."""
    if not isinstance(value, str):
        return None
    return clean_text(value) or None
