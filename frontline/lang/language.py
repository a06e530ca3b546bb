"""One language's words and phrasings as one object, handed to the steps that read them (an
article's context carries its language), rather than each module loading "vi" for itself.

The words live in lang/<code>/*.yaml; each step's module says how its words compile (TriggerWords,
ModalityWords, ...), and this module builds them all once per process.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import cache
from typing import TYPE_CHECKING

from frontline.geo.cues import Cues, cues
from frontline.lang import alternation, load

if TYPE_CHECKING:
    from frontline.pipeline.events.sub_event import TypingWords
    from frontline.pipeline.mentions.actors import ActorWords
    from frontline.pipeline.mentions.date_rules import DateGrammar
    from frontline.pipeline.mentions.fatalities import NumberWords
    from frontline.pipeline.mentions.modality import ModalityWords
    from frontline.pipeline.mentions.sources import SourceWords
    from frontline.pipeline.mentions.triggers import TriggerWords


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
    nominalised: re.Pattern[str]
    protest_word: re.Pattern[str]
    anaphora: re.Pattern[str]
    about: re.Pattern[str]
    plural: re.Pattern[str]
    time_zone: re.Pattern[str]
    locator: re.Pattern[str]
    comes_from: re.Pattern[str]
    credit: re.Pattern[str]

    @classmethod
    def of(cls, code: str, speech_verbs: tuple[str, ...], claim_verbs: tuple[str, ...]) -> FramePhrasings:
        """Compile frame.yaml; `{speech_verbs}` and `{claim_verbs}` stand for modality.yaml's verbs of
        saying and of announcing, longest first."""
        speech, claim = alternation(speech_verbs), alternation(claim_verbs)
        raw = load(code, "frame")
        wanted = {f.name for f in fields(cls)}
        if set(raw) != wanted:
            raise ValueError(f"lang/{code}/frame.yaml: missing {sorted(wanted - set(raw))}, "
                             f"unknown {sorted(set(raw) - wanted)}")
        return cls(**{name: re.compile(spec["pattern"].replace("{speech_verbs}", speech)
                                       .replace("{claim_verbs}", claim),
                                       re.IGNORECASE if spec.get("ignore_case", True) else 0)
                      for name, spec in raw.items()})


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    triggers: TriggerWords    # war words and the words their sense is read by (triggers, senses)
    modality: ModalityWords   # what makes a war word planned, negated, background, claimed (modality)
    actors: ActorWords        # who acts (actors)
    typing: TypingWords       # what types an event (typing)
    numbers: NumberWords      # death counts (numbers)
    sources: SourceWords      # outlets and agencies cited (sources)
    dates: DateGrammar        # date expressions (dates)
    frame: FramePhrasings     # the phrasings around a war word (frame)
    cues: Cues                # the words around names (place_cues)


@cache
def language(code: str) -> Language:
    """The language `code`, loaded once per process."""
    # each step's module says how its words compile; those modules sit in the pipeline package,
    # whose own modules import this one (FramePhrasings), so they are imported when first asked for
    from frontline.pipeline.events.sub_event import TypingWords
    from frontline.pipeline.mentions.actors import ActorWords
    from frontline.pipeline.mentions.date_rules import DateGrammar
    from frontline.pipeline.mentions.fatalities import NumberWords
    from frontline.pipeline.mentions.modality import ModalityWords
    from frontline.pipeline.mentions.sources import SourceWords
    from frontline.pipeline.mentions.triggers import TriggerWords

    modality = ModalityWords.of(code)
    return Language(code, TriggerWords.of(code), modality, ActorWords.of(code), TypingWords.of(code),
                    NumberWords.of(code), SourceWords.of(code), DateGrammar.of(code),
                    FramePhrasings.of(code, modality.speech_verbs, modality.claim_phrases),
                    cues(code))
