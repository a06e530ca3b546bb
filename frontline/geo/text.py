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
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

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


APOSTROPHES_APART = "'’"   # the marks a name may hold written apart: "Ma ’ aret", "Dara ' a"
_APOSTROPHE_APART = re.compile(rf"\s*[{APOSTROPHES_APART}]\s*")   # "Ma ’ aret" is "Ma'aret"


def exact_key(name: str) -> str:
    """Case, hyphens and apostrophes (also written apart) ignored; diacritics kept."""
    name = _APOSTROPHE_APART.sub("", unicodedata.normalize("NFC", name).casefold())
    name = name.translate(_DROP).translate(_TO_SPACE)
    return _SPACES.sub(" ", name).strip()


_TONE_MARKS = frozenset("\u0300\u0301\u0309\u0303\u0323")   # grave, acute, hook, tilde, dot below


def tones_apart(key: str) -> tuple[tuple[str, str], ...]:
    """Each word of a key as (its letters, its tone marks): equal for "thuỵ điển" and "thụy điển",
    which Vietnamese writes both ways (the tone of "oa", "oe", "uy" on either vowel)."""
    words = unicodedata.normalize("NFD", key).split()
    return tuple(("".join(c for c in w if c not in _TONE_MARKS), "".join(c for c in w if c in _TONE_MARKS))
                 for w in words)


def fold_key(name: str) -> str:
    """exact_key without diacritics or spaces: "Ālbū Kamāl" -> "albukamal"."""
    return fold_spaced(name).replace(" ", "")


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


@cache
def spelling_rules() -> dict:
    """data/spelling.yaml: how romanised spellings of one name differ."""
    import yaml

    return yaml.safe_load((Path(__file__).parent / "data" / "spelling.yaml").read_text(encoding="utf-8"))


def without_article(name: str) -> str:
    """The name's words, accents, case and an article written apart dropped: "al - Ruwaydah" -> "ruwaydah"."""
    articles = frozenset(spelling_rules()["articles"])
    words = fold_spaced(name).split()
    return "".join(w for i, w in enumerate(words) if not (w in articles and i < len(words) - 1))


def fold_spaced(name: str) -> str:
    """exact_key without diacritics (spaces kept)."""
    key = exact_key(name).translate(_FOLD_LETTERS)
    return "".join(c for c in unicodedata.normalize("NFD", key) if not unicodedata.combining(c))


def written_alike(bare: str, stored: str) -> bool:
    """Two names without their articles that begin alike and share most letters in order
    ("kafarzita", "kafrzayta"); "toloulsafa" and "telsheva" share a key but not a spelling."""
    rules = spelling_rules()
    same = rules["same"]
    if not bare or not stored or same.get(bare[0], bare[0]) != same.get(stored[0], stored[0]):
        return False
    if abs(len(bare) - len(stored)) > rules["max_length_difference"]:
        return False
    return SequenceMatcher(None, bare, stored, autojunk=False).ratio() >= rules["min_similarity"]


def spelling_key(name: str) -> str:
    """The consonants of a romanised name, the way its spellings agree: "Khan Sheikhoun" and
    "Khan Shaykhun" -> "knskn", "Kafar Zita" and "Kafr Zita" -> "kfrzt". Empty when too short."""
    rules = spelling_rules()
    bare = without_article(name)
    for ending in sorted(rules["endings"], key=len, reverse=True):
        if bare.endswith(ending) and len(bare) - len(ending) >= rules["min_letters"]:
            bare = bare[: -len(ending)]
            break
    same = rules["same"]
    letters = [same.get(c, c) for c in bare if c.isalpha() and c not in rules["dropped"]]
    key = "".join(c for i, c in enumerate(letters) if i == 0 or c != letters[i - 1])
    return key if len(key) >= rules["min_letters"] else ""
