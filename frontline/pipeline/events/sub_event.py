"""The ACLED sub-event type of a trigger, from who acts, on whom, and with what.

ACLED codes the method first: an air strike that kills civilians is an
"Air/drone strike"; a generic "tấn công" is typed by the weapon its clause
names, then by its target. Who takes a town decides between "Government regains
territory" (the state on its own soil) and "Non-state actor overtakes territory".
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from frontline.lang import alternation, load
from frontline.pipeline.mentions.actors import ActorMention
from frontline.pipeline.text.lexicon import Lexicon


@dataclass(frozen=True, slots=True)
class Typed:
    sub_event_type: str | None   # None: not an event after all
    reason: str


@dataclass(frozen=True, slots=True)
class TypingWords:
    """The words a language types events by (typing.yaml), compiled once: a Language holds one."""
    weapons: Lexicon[str]       # weapon word -> the sub-event type it makes
    projectiles: Lexicon[str]   # things in the air that can be shot down
    aircraft: Lexicon[str]      # aircraft with a crew: downed in a fight, or stopped by an air defence
    air_defence: Lexicon[str]   # what stops things in the air ("phòng không")
    downing: Lexicon[str]       # the verbs of shooting an aircraft down ("bắn rơi")
    forced: Lexicon[str]        # words that make a withdrawal forced
    protest: Lexicon[str]       # what happened at a protest -> its level (lethal, mob, violent ...)
    air_forces: tuple[str, ...]  # words that make an attacker an air force
    avoided: re.Pattern[str]    # "nhằm tránh đụng độ": a clash avoided, violence protested against

    @classmethod
    def of(cls, code: str) -> TypingWords:
        data = load(code, "typing")
        avoided = alternation(data["avoided"])
        return cls(Lexicon([(w, sub) for sub, words in data["weapons"].items() for w in words]),
                   Lexicon([(w, "projectile") for w in data["projectiles"]]),
                   Lexicon([(w, "aircraft") for w in data["aircraft"]]),
                   Lexicon([(w, "air defence") for w in data["air_defence"]]),
                   Lexicon([(w, "downing") for w in data["downing"]]),
                   Lexicon([(w, "forced") for w in data["forced"]]),
                   Lexicon([(w, level) for level, words in data["protest"].items() for w in words]),
                   tuple(data["air_forces"]),
                   re.compile(rf"(?<!\w)(?:{avoided})\s+(?:\w+\s+){{0,2}}$", re.IGNORECASE))


def weapon_type(words: TypingWords, folded: str, start: int, end: int) -> str | None:
    """The sub-event type of the most specific weapon named in folded[start:end]."""
    order = ["Chemical weapon", "Suicide bomb", "Air/drone strike", "Shelling/artillery/missile attack",
             "Grenade", "Remote explosive/landmine/IED"]
    found = {hit.value for hit in words.weapons.find(folded, start, end)}
    return next((sub for sub in order if sub in found), None)


def _attack(words: TypingWords, folded: str, clause: tuple[int, int], actor1: ActorMention | None,
            actor2: ActorMention | None, victims: bool) -> Typed:
    weapon = weapon_type(words, folded, *clause)
    if weapon:
        return Typed(weapon, f"attack with a weapon of '{weapon}'")
    if actor1 is not None and actor1.kind == "military" and any(
            w in actor1.text.lower() for w in words.air_forces):
        return Typed("Air/drone strike", f"attack by '{actor1.text}'")
    if actor2 is not None and actor2.kind == "civilians" or (actor2 is None and victims):
        return Typed("Attack", "armed attack on civilians")
    if actor1 is not None and actor1.kind in ("protesters", "rioters"):
        return Typed("Mob violence", "a crowd attacks")
    return Typed("Armed clash", "armed attack on an armed party")


def _territory(actor1: ActorMention | None, place_iso2: str | None) -> Typed:
    if actor1 is not None and actor1.kind == "military" and (actor1.iso2 is None or actor1.iso2 == place_iso2):
        return Typed("Government regains territory", "state forces take a place in their own country")
    who = actor1.text if actor1 else "an unnamed party"
    return Typed("Non-state actor overtakes territory", f"'{who}' takes a place it does not govern")


def protest_type(words: TypingWords, folded: str, start: int, end: int) -> Typed:
    """A protest's sub-type from what the sentence says happened at it."""
    levels = {hit.value for hit in words.protest.find(folded, start, end)
              if not words.avoided.search(folded, max(start, hit.start - 20), hit.start)}
    if "lethal" in levels:
        return Typed("Excessive force against protesters", "lethal force against protesters")
    if "mob" in levels:
        return Typed("Mob violence", "a crowd attacks people")
    if "violent" in levels:
        return Typed("Violent demonstration", "demonstrators are violent")
    if "intervention" in levels:
        return Typed("Protest with intervention", "the police intervene")
    return Typed("Peaceful protest", "no violence or intervention reported")


def resolve_type(words: TypingWords, kind: str, folded: str, sentence: tuple[int, int], clause: tuple[int, int],
                 actor1: ActorMention | None, actor2: ActorMention | None, place_iso2: str | None,
                 victims: bool, protest_context: bool = False) -> Typed:
    """The sub-event type of a trigger of `kind` (triggers.yaml), or None with the reason."""
    if kind == "attack":
        return _attack(words, folded, clause, actor1, actor2, victims)
    if kind == "explosion":  # "vụ hàng loạt máy nhắn tin của Hezbollah phát nổ": a planted device
        weapon = weapon_type(words, folded, *clause)
        return Typed(weapon or "Remote explosive/landmine/IED", "an explosion in an armed context")
    if kind == "kill":
        if words.projectiles.search(folded, *clause):
            return Typed("Disrupted weapons use", "a projectile or drone destroyed")
        if actor2 is not None and actor2.kind == "civilians":
            return Typed("Attack", "civilians killed by an armed party")
        return Typed("Armed clash", "fighters killed")
    if kind == "territory":
        return _territory(actor1, place_iso2)
    if kind == "withdrawal":
        window = (max(sentence[0], clause[0] - 40), sentence[1])
        if words.forced.search(folded, *window):
            return Typed(None, "a forced withdrawal is part of the attack that forced it")
        return Typed("Non-violent transfer of territory", "a party leaves a place")
    if kind == "protest":
        return protest_type(words, folded, *sentence)
    if kind == "riot":
        typed = protest_type(words, folded, *sentence)
        return typed if typed.sub_event_type in ("Mob violence", "Excessive force against protesters") else \
            Typed("Violent demonstration", "a crowd riots")
    if kind in ("shootdown", "destroy"):
        # what was shot down is often a passive's subject, clauses before the verb: "Các tên lửa nhằm vào
        # các căn cứ A, B và C đã bị đánh chặn": the whole sentence says what was in the air
        if words.projectiles.search(folded, *sentence):
            return Typed("Disrupted weapons use", "a projectile or drone stopped")
        if words.aircraft.search(folded, *sentence) and words.downing.search(folded, *clause):
            if words.air_defence.search(folded, *sentence):
                return Typed("Disrupted weapons use", "an air defence downed an aircraft")
            return Typed("Armed clash", "an aircraft downed in a fight")
        if kind == "destroy":  # "máy bay chiến đấu đã phá huỷ một trung tâm chỉ huy của IS"
            return _attack(words, folded, clause, actor1, actor2, victims)
        return Typed(None, "nothing in the air was stopped")
    if kind == "arrest":
        if protest_context:  # CODING.md: arrests at a protest make it a protest with intervention
            typed = protest_type(words, folded, *sentence)
            if typed.sub_event_type == "Peaceful protest":
                return Typed("Protest with intervention", "protesters arrested")
            return typed
        return Typed("Arrests", "a political arrest")
    sides = {a.kind for a in (actor1, actor2) if a is not None}
    if kind == "Armed clash" and (sides & {"protesters", "rioters"} or (protest_context and sides <= {"police"})):
        # "Đụng độ dữ dội giữa cảnh sát và người biểu tình": a protest that turned violent
        typed = protest_type(words, folded, *sentence)
        return typed if typed.sub_event_type != "Peaceful protest" else Typed("Violent demonstration",
                                                                               "protesters clash with the police")
    return Typed(kind, "the trigger names it")
