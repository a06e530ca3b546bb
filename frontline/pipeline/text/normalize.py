"""Text as the lexicons match it: one tone-mark placement, same length, same offsets.

Vietnamese writes the tone of "oa", "oe", "uy" on either vowel ("hòa" and "hoà",
"thủy" and "thuỷ"); both are in the news, sometimes in one article. NFC does not
unify them, so the matcher moves the tone onto the second vowel. Each pair stays two
characters long, so every offset into the folded text is an offset into the article.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache

_TONES = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}  # grave, acute, hook, tilde, dot below


def _split_tone(char: str) -> tuple[str, str]:
    """A vowel with its tone mark taken off, and the tone (or "")."""
    decomposed = unicodedata.normalize("NFD", char)
    tone = "".join(c for c in decomposed if c in _TONES)
    base = "".join(c for c in decomposed if c not in _TONES)
    return unicodedata.normalize("NFC", base), tone


_PAIRS = re.compile(r"([òóỏõọÒÓỎÕỌ])([aeAE])(?![\wà-ỹ])|([ùúủũụÙÚỦŨỤ])([yY])(?![\wà-ỹ])")


@cache
def _fold_pair(pair: str) -> str:
    base, tone = _split_tone(pair[0])
    return base + unicodedata.normalize("NFC", pair[1] + tone)


def fold_tones(text: str) -> str:
    """The same text with the tone of syllable-final "oa", "oe", "uy" on the second vowel."""
    return _PAIRS.sub(lambda m: _fold_pair(m.group(0)), text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
