"""Words of a sentence and the runs of capitalised words a place name can be.

Vietnamese capitalises every syllable of a proper name ("Thái Lan", "Dải
Gaza") and writes foreign names as they come ("Deir Ezzor", "Al-Qaim",
"Nogent - sur - Seine"), so a name is a run of capitalised words joined by
spaces or hyphens, with a few lower-case particles inside ("Deir al-Zour",
"Bab al Hawa").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from frontline.geo.text import APOSTROPHES_APART

WORD = re.compile(r"[^\W_]+(?:['’‐-][^\W_]+)*")
_JOIN = re.compile(r"[ \t\u00a0]+|[ \t\u00a0]*[-‐–][ \t\u00a0]*")
_AFTER_DOT = re.compile(r"\.[ \t\u00a0]?")
ABBREVIATIONS = frozenset({"St", "Ste", "Mt", "Ft", "Pt"})   # "St. Petersburg"
_SENTENCE_BREAK = re.compile(r"[.!?…:;\n\"“”•]")
# Lower-case particles of foreign names; none is a Vietnamese word ("do", "da", "an" are).
CONNECTORS = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "ez", "es", "ed", "ibn", "bin",
                        "bani", "de", "du", "des", "del", "der", "den", "di", "dos", "das", "la", "le",
                        "les", "sur", "sous", "von", "van", "upon", "on", "am"})
# Arabic articles that may open a name written apart: "thị trấn al - Mayadeen", "ở al - Qaryatain".
OPENING_ARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "az", "ez", "es", "ed"})


@dataclass(frozen=True, slots=True)
class Words:
    """The words of text[start:end]: offsets, the words themselves, lower-cased."""
    text: str
    starts: list[int]
    ends: list[int]
    words: list[str]
    low: list[str]
    span_start: int

    def __len__(self) -> int:
        return len(self.starts)

    def word(self, i: int) -> str:
        return self.words[i]

    def gap_before(self, i: int) -> str:
        return self.text[self.ends[i - 1] if i else self.span_start:self.starts[i]]

    def joined(self, i: int) -> bool:
        """Word i follows word i-1 within one name: only spaces or a hyphen between ("St. " too)."""
        if i == 0:
            return False
        if _JOIN.fullmatch(self.text, self.ends[i - 1], self.starts[i]) is not None:
            return True
        return (self.words[i - 1] in ABBREVIATIONS
                and _AFTER_DOT.fullmatch(self.text, self.ends[i - 1], self.starts[i]) is not None)

    def initial(self, i: int) -> bool:
        """Word i starts a sentence (or a quotation, or the span searched)."""
        return i == 0 or _SENTENCE_BREAK.search(self.text, self.ends[i - 1], self.starts[i]) is not None


def words(text: str, start: int = 0, end: int | None = None, syllables: frozenset[str] | None = None) -> Words:
    """The words of text[start:end]; with the language's `syllables`, also a name written with its
    apostrophe apart is one word (_apostrophes_joined)."""
    end = len(text) if end is None else end
    spans = [m.span() for m in WORD.finditer(text, start, end)]
    if syllables is not None:
        spans = _apostrophes_joined(text, spans, syllables)
    found = [text[a:b] for a, b in spans]
    return Words(text, [a for a, _ in spans], [b for _, b in spans], found, [w.casefold() for w in found], start)


_SPACED_APOSTROPHE = re.compile(rf"[ \t\u00a0][{APOSTROPHES_APART}][ \t\u00a0]")
MAX_AFTER_APOSTROPHE = 5    # letters after an apostrophe inside a name: "Ma ’ arat", "Hay ’ at", "Dara ' a"


def _apostrophes_joined(text: str, spans: list[tuple[int, int]], syllables: frozenset[str]) -> list[tuple[int, int]]:
    """A name written with its apostrophe apart is one word ("Ma ’ aret al - Numan", "Dara ' a").
    A quotation mark is no apostrophe: not before a Vietnamese syllable ("Trump ' linh động '"),
    nor one that closes a quote opened before it on the line, nor one that opens a quote closed right
    after the word."""
    out: list[tuple[int, int]] = []
    joined = False
    for a, b in spans:
        if out and not joined:
            pa, pb = out[-1]
            gap, before, after = text[pb:a], text[pa:pb], text[a:b]
            mark = gap.strip()
            if (_SPACED_APOSTROPHE.fullmatch(gap) and before[0].isupper() and before.isascii()
                    and after.islower() and after.isascii() and len(after) <= MAX_AFTER_APOSTROPHE
                    and (len(after) == 1 or after not in syllables)
                    and text.count(mark, text.rfind("\n", 0, pa) + 1, pa) % 2 == 0
                    and not text[b:b + 3].lstrip(" \t\u00a0").startswith(mark)):
                out[-1] = (pa, b)
                joined = True
                continue
        out.append((a, b))
        joined = False
    return out


def capitalised(word: str) -> bool:
    """"Gaza", "Đà", "TP"; also "al-Zour", "ez-Zor" (a particle hyphened to a capitalised name)."""
    if word[0].isupper():
        return True
    return "-" in word and word.rsplit("-", 1)[1][:1].isupper()


def with_opening_articles(ws: Words, usable: list[bool]) -> list[bool]:
    """`usable` with a lower-case article that opens the name after it ("al - Mayadeen") usable too,
    so the name is looked up whole and the cue before the article ("thị trấn") is the name's."""
    out = list(usable)
    for i in range(1, len(ws)):
        if usable[i] and not usable[i - 1] and ws.words[i - 1] in OPENING_ARTICLES and ws.joined(i):
            out[i - 1] = True
    return out


def runs(ws: Words, usable: list[bool]) -> list[list[int]]:
    """Maximal runs of usable capitalised words, joined by spaces or hyphens, particles inside."""
    out: list[list[int]] = []
    last = -9
    for i in (i for i, u in enumerate(usable) if u):
        between = range(last + 1, i)
        if out and ws.joined(i) and len(between) <= 2 and all(
                ws.low[k] in CONNECTORS and ws.joined(k) for k in between):
            out[-1].extend(between)
            out[-1].append(i)
        else:
            out.append([i])
        last = i
    return out
