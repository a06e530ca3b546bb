"""The outlets and agencies an article cites, by full name (lang/<code>/sources.yaml).

Agencies are often named only in photo credits ("Ảnh: AMN") or in passing
("Amaq đăng tải"). A name of four letters or more counts wherever it stands; a
shorter one (AFP, AMN, FNA) only next to a word that cites ("theo", "hãng tin",
"Ảnh:", "cho biết"), so that an acronym used otherwise is not taken for a source.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from frontline.lang import load
from frontline.pipeline.text.lexicon import Hit, Lexicon

_NEAR = 24  # characters either side of a short name in which a citing word must stand


@dataclass(frozen=True, slots=True)
class SourceWords:
    """A language's names of outlets and agencies and the words that cite them (sources.yaml)."""
    names: Lexicon[str]   # alias -> the source's full name
    cues: Lexicon[str]    # "theo", "hãng tin", "Ảnh:" ...

    @classmethod
    def of(cls, code: str) -> SourceWords:
        data = load(code, "sources")
        entries, exact = [], []
        for name, spec in data["sources"].items():
            entries += [(alias, name) for alias in spec.get("aliases") or ()]
            exact += [(alias, name) for alias in spec.get("exact") or ()]
        return cls(Lexicon(entries, exact), Lexicon([(cue, "cue") for cue in data["cues"]]))


def _cited(folded: str, hit: Hit[str], cues: Lexicon[str]) -> bool:
    if len(re.sub(r"\W", "", hit.text)) >= 4:
        return True
    window_start = max(0, hit.start - _NEAR)
    window_end = min(len(folded), hit.end + _NEAR)
    return cues.search(folded, window_start, hit.start) or cues.search(folded, hit.end, window_end)


def find_sources(words: SourceWords, folded: str) -> list[Hit[str]]:
    """Every citation of a known source, in order of the text."""
    return [hit for hit in words.names.find(folded) if _cited(folded, hit, words.cues)]


def source_names(hits: list[Hit[str]]) -> list[str]:
    """Distinct full names, in the order the article first cites them."""
    return list(dict.fromkeys(hit.value for hit in hits))
