"""Find the phrases of a lexicon in text: whole words, longest match first.

Every word list of frontline (triggers, actors, cues, sources) is matched by
this one mechanism, so word boundaries and case rules are the same
everywhere. Phrases are matched case-insensitively unless a phrase is marked
exact (acronyms such as "IS" or "AP", which are common words in lower case).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from frontline.pipeline.text.normalize import fold_tones

T = TypeVar("T")

# A word character that is not the start or end of a phrase: letters, digits, and
# the joiners of foreign names ("al-Qaeda", "Hay'at"). Vietnamese has no apostrophes.
_WORD = r"[\w]"


@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
    start: int
    end: int
    text: str
    value: T


_SPACE = r"[\s\-]+"  # a space in a phrase matches any run of spaces or hyphens ("Al-Qaim" = "Al Qaim")


def _trie_pattern(phrases: Iterable[str]) -> str:
    """One regular expression for many phrases, shaped as a character trie.

    A plain alternation of thousands of phrases makes the regex engine try every
    phrase at every position (~20 ms an article); a trie branches on one character
    at a time. Optional tails are greedy, so the longest phrase matches first and
    the engine falls back to a shorter one only when the longer one fails.
    """
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [(_SPACE if char == " " else re.escape(char)) + build(child)
                    for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


class Lexicon(Generic[T]):
    """A compiled set of phrases, each with a value (a sub-event type, an actor...).

    Text given to `find` must be folded with `fold_tones`, as the phrases are.
    """

    def __init__(self, entries: Iterable[tuple[str, T]], exact: Iterable[tuple[str, T]] = ()):
        self._folded: dict[str, T] = {}
        self._exact: dict[str, T] = {}
        for phrase, value in entries:
            self._folded.setdefault(" ".join(fold_tones(phrase).lower().split()), value)
        for phrase, value in exact:
            self._exact.setdefault(" ".join(fold_tones(phrase).split()), value)
        self._folded_re = self._compile(self._folded, re.IGNORECASE)
        self._exact_re = self._compile(self._exact, 0)

    @staticmethod
    def _compile(phrases: dict[str, T], flags: int) -> re.Pattern[str] | None:
        if not phrases:
            return None
        return re.compile(rf"(?<!{_WORD})(?:{_trie_pattern(phrases)})(?!{_WORD})", flags)

    def __len__(self) -> int:
        return len(self._folded) + len(self._exact)

    def _value(self, matched: str, exact: bool) -> T:
        key = " ".join(re.split(r"[\s\-]+", matched))
        if exact:
            return self._exact[key] if key in self._exact else self._exact[matched]
        return self._folded[key.lower()] if key.lower() in self._folded else self._folded[matched.lower()]

    def _iter_raw(self, text: str, start: int, end: int) -> Iterator[Hit[T]]:
        for pattern, exact in ((self._folded_re, False), (self._exact_re, True)):
            if pattern is None:
                continue
            for m in pattern.finditer(text, start, end):
                yield Hit(m.start(), m.end(), m.group(), self._value(m.group(), exact))

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Hit[T]]:
        """Non-overlapping hits in text[start:end], in order; the longer wins an overlap."""
        end = len(text) if end is None else end
        hits = sorted(self._iter_raw(text, start, end), key=lambda h: (h.start, -(h.end - h.start)))
        chosen: list[Hit[T]] = []
        for hit in hits:
            if chosen and hit.start < chosen[-1].end:
                if hit.end - hit.start > chosen[-1].end - chosen[-1].start:
                    chosen[-1] = hit
                continue
            chosen.append(hit)
        return chosen

    def search(self, text: str, start: int = 0, end: int | None = None) -> bool:
        """Whether any phrase occurs: the cheap test of the relevance gate."""
        end = len(text) if end is None else end
        return any(p is not None and p.search(text, start, end) for p in (self._folded_re, self._exact_re))


def phrases_by_value(table: dict[T, list[str]]) -> list[tuple[str, T]]:
    """[(phrase, value)] from a YAML mapping value -> [phrases]."""
    return [(phrase, value) for value, phrases in table.items() for phrase in phrases or ()]
