"""One language's phrasings as one object, handed to the steps that read them (an article's context
carries its language), rather than each module loading "vi" for itself.

The words live in lang/<code>/*.yaml; this module compiles them once per process.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import cache

from frontline.geo.cues import Cues, cues
from frontline.lang import load


@dataclass(frozen=True, slots=True)
class FramePhrasings:
    """The phrasings the event frame reads around a war word (lang/<code>/frame.yaml says each one's use)."""

    passive: re.Pattern[str]
    agent_of: re.Pattern[str]
    behind: re.Pattern[str]
    suffered: re.Pattern[str]
    possessor: re.Pattern[str]
    armed_thing: re.Pattern[str]
    between: re.Pattern[str]
    subordinate: re.Pattern[str]
    place_preposition: re.Pattern[str]
    not_there: re.Pattern[str]
    owner: re.Pattern[str]
    capital_of: re.Pattern[str]
    near_word: re.Pattern[str]
    clause_end: re.Pattern[str]
    fronted_place: re.Pattern[str]
    reported: re.Pattern[str]
    ongoing: re.Pattern[str]
    capital: re.Pattern[str]
    speech: re.Pattern[str]
    list_gap: re.Pattern[str]

    @classmethod
    def of(cls, code: str) -> FramePhrasings:
        """Compile frame.yaml; `{speech_verbs}` stands for modality.yaml's verbs of saying, longest first."""
        speech = "|".join(sorted(map(re.escape, load(code, "modality")["speech_verbs"]), key=len, reverse=True))
        raw = load(code, "frame")
        wanted = {f.name for f in fields(cls)}
        if set(raw) != wanted:
            raise ValueError(f"lang/{code}/frame.yaml: missing {sorted(wanted - set(raw))}, "
                             f"unknown {sorted(set(raw) - wanted)}")
        return cls(**{name: re.compile(spec["pattern"].replace("{speech_verbs}", speech),
                                       re.IGNORECASE if spec.get("ignore_case", True) else 0)
                      for name, spec in raw.items()})


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    frame: FramePhrasings
    cues: Cues    # the words around names (place_cues.yaml)


@cache
def language(code: str = "vi") -> Language:
    """The language `code`, loaded once per process."""
    return Language(code, FramePhrasings.of(code), cues(code))
