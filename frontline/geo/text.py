"""How names are compared: the keys a name is stored and looked up under.

Two keys per name. The *exact* key keeps every diacritic, because in Vietnamese
they carry meaning (Nga is Russia, Ngà is not). The *fold* key strips them and
the spaces too, so that a foreign name written plainly in a Vietnamese article
("Albu Kamal", "Deir Ezzor") meets its GeoNames spelling ("Ālbū Kamāl").
Both ignore case, hyphens and apostrophes ("Al-Qaim" = "Al Qaim" = "Al Qa'im").
"""
from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = "'’‘ʼʻʿʾ`´ʹ"
_SEPARATORS = "-‐‑‒–—―_.,/()"
_DROP = str.maketrans({c: None for c in _APOSTROPHES})
_TO_SPACE = str.maketrans({c: " " for c in _SEPARATORS})
# Letters NFD does not decompose into a base letter plus marks.
_FOLD_LETTERS = str.maketrans({
    "đ": "d", "ð": "d", "ı": "i", "ł": "l", "ø": "o", "ħ": "h",
    "æ": "ae", "œ": "oe", "ß": "ss", "þ": "th",
})
_SPACES = re.compile(r"\s+")

# The letters of the Vietnamese alphabet that carry a mark: a name written with
# one of them is Vietnamese and is only looked up by its exact key.
_VI_BASES = "aăâeêioôơuưy"
_VI_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
VIETNAMESE_MARKED = frozenset(
    unicodedata.normalize("NFC", base + tone)
    for base in _VI_BASES for tone in _VI_TONES
) - frozenset("aeiouy") | frozenset("đ")


def exact_key(name: str) -> str:
    """Case, hyphens and apostrophes ignored; diacritics kept."""
    name = unicodedata.normalize("NFC", name).casefold()
    name = name.translate(_DROP).translate(_TO_SPACE)
    return _SPACES.sub(" ", name).strip()


def fold_key(name: str) -> str:
    """exact_key without diacritics or spaces: "Ālbū Kamāl" -> "albukamal"."""
    key = exact_key(name).translate(_FOLD_LETTERS)
    key = "".join(c for c in unicodedata.normalize("NFD", key) if not unicodedata.combining(c))
    return key.replace(" ", "")


_DISPLAY = str.maketrans({
    **{c: "'" for c in _APOSTROPHES},
    "đ": "d", "ð": "d", "ı": "i", "ł": "l", "ø": "o", "ħ": "h", "æ": "ae", "œ": "oe", "ß": "ss", "þ": "th",
    "Đ": "D", "Ð": "D", "Ł": "L", "Ø": "O", "Ħ": "H", "Æ": "Ae", "Œ": "Oe", "Þ": "Th",
})


def ascii_name(name: str) -> str:
    """A display name without diacritics, as ACLED spells locations: "Rafaḩ" -> "Rafah"."""
    name = unicodedata.normalize("NFC", name).strip().translate(_DISPLAY)
    return "".join(c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c))


def is_vietnamese(name: str) -> bool:
    """True when the name uses a letter of the Vietnamese alphabet with a mark."""
    return any(c in VIETNAMESE_MARKED for c in name.casefold())


def is_latin(name: str) -> bool:
    """True when every letter is Latin script (GeoNames also lists Cyrillic, Arabic, CJK...)."""
    for c in name:
        if c.isalpha() and not c.isascii() and not unicodedata.name(c, "").startswith("LATIN"):
            return False
    return True
