"""Trigger words and the sense they are read in (lang/<code>/triggers.yaml, senses.yaml).

A war word is an event trigger only in its war sense: "tấn công" in a football
report or "cuộc chiến chống Covid-19" gives nothing. Each trigger names the
context it needs in its sentence, and a sentence of a peaceful domain (sport,
markets, health, disasters, crime...) gives no event unless it names an armed actor.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from frontline.lang import alternation, load
from frontline.pipeline.text.lexicon import Lexicon
from frontline.pipeline.text.normalize import fold_tones

NOT_A_TRIGGER = "none"


def noun_forms(code: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A war word's noun form (noun_form.yaml): its head ("các cuộc "), and its head with the one
    or two words of the noun after it ("các cuộc biểu tình")."""
    data = load(code, "noun_form")
    head = rf"(?:(?:{alternation(data['plural'])}) )?(?:{alternation(data['heads'])})"
    return re.compile(rf"{head}\s", re.IGNORECASE), re.compile(rf"{head}\s+\w+(?:\s+\w+)?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TriggerSpec:
    kind: str
    generic: bool
    needs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Trigger:
    start: int
    end: int
    text: str
    spec: TriggerSpec
    nominal: bool = False   # in its noun form ("vụ tấn công"): named or referred to, not done (noun_form.yaml)
    learned: float | None = None   # read by the sentence model, with its chance of an event (learned_triggers.py)

    @property
    def kind(self) -> str:
        return self.spec.kind


@dataclass(frozen=True, slots=True)
class SenseVerdict:
    ok: bool
    reason: str


# Every trigger also in its noun and passive forms: "vụ đánh bom tự sát" must not read as
# "vụ đánh bom" + "tự sát", nor "bị bắt cóc" as "bị bắt" + "cóc".
NOUN_HEADS = ("vụ", "cuộc", "đợt", "trận", "các vụ", "những vụ", "các cuộc", "những cuộc", "bị")


def _spec(group: dict) -> TriggerSpec:
    """What a triggers.yaml group says of its words and patterns."""
    return TriggerSpec(group["kind"], bool(group.get("generic")), tuple(group.get("needs") or ()))


def _trigger_lexicon(groups: list[dict]) -> Lexicon[TriggerSpec]:
    entries: list[tuple[str, TriggerSpec]] = []
    variants: list[tuple[str, TriggerSpec]] = []
    exact: list[tuple[str, TriggerSpec]] = []
    for group in groups:
        spec = _spec(group)
        for word in group.get("words") or ():
            if word.isupper():
                exact.append((word, spec))
                continue
            entries.append((word, spec))
            if not word.startswith(NOUN_HEADS):
                variants += [(f"{head} {word}", spec) for head in NOUN_HEADS]
    return Lexicon(entries + variants, exact)  # a listed phrase wins over a generated form of another


def _context_lexicon(senses: dict) -> Lexicon[tuple[str, ...]]:
    """Each context word with every class it belongs to; `not_context` phrases with none."""
    classes: dict[str, list[str]] = {}
    for name, words in senses["context"].items():
        for word in words:
            classes.setdefault(word, []).append(name)
    entries = [(word, tuple(names)) for word, names in classes.items()]
    entries += [(phrase, ()) for phrase in senses["not_context"]]
    return Lexicon(entries)


@dataclass(frozen=True, slots=True)
class TriggerPattern:
    """A phrasing with words between a verb and its object ("phóng hơn 100 tên lửa hành trình nhằm
    vào"), which no list of phrases holds: triggers.yaml's `patterns`. It is tried only where one of
    its anchor words occurs: one literal search is much cheaper than the pattern's."""
    pattern: re.Pattern[str]
    anchors: tuple[str, ...]   # lower case, as the words occur inside a sentence
    spec: TriggerSpec

    def finditer(self, folded: str, start: int, end: int) -> Iterator[re.Match[str]]:
        if any(folded.find(anchor, start, end) >= 0 for anchor in self.anchors):
            yield from self.pattern.finditer(folded, start, end)


def _trigger_patterns(groups: list[dict]) -> tuple[TriggerPattern, ...]:
    out = []
    for group in groups:
        spec = _spec(group)
        anchors = tuple(fold_tones(w) for w in group.get("anchors") or ())
        out += [TriggerPattern(re.compile(fold_tones(p), re.IGNORECASE), anchors, spec)
                for p in group.get("patterns") or ()]
    return tuple(out)


@dataclass(frozen=True, slots=True)
class TriggerWords:
    """A language's war words and phrasings (triggers.yaml) and the words their sense is read by
    (senses.yaml), compiled once: a Language holds one."""
    lexicon: Lexicon[TriggerSpec]
    patterns: tuple[TriggerPattern, ...]
    context: Lexicon[tuple[str, ...]]   # context word -> its classes (weapon, armed, ...)
    domains: Lexicon[str]               # peaceful-domain word -> its domain (sport, business, ...)
    noun_form: re.Pattern[str]          # "các cuộc ": a war word's noun head

    @classmethod
    def of(cls, code: str) -> TriggerWords:
        groups, senses = load(code, "triggers"), load(code, "senses")
        domains = Lexicon([(word, name) for name, words in senses["domains"].items() for word in words])
        return cls(_trigger_lexicon(groups), _trigger_patterns(groups), _context_lexicon(senses), domains,
                   noun_forms(code)[0])


def may_be_triggered(words: TriggerWords, folded: str) -> bool:
    """Whether any war word or war phrasing occurs in the text (one pass each)."""
    return words.lexicon.search(folded) or any(
        next(p.finditer(folded, 0, len(folded)), None) is not None for p in words.patterns)


def find_triggers(words: TriggerWords, folded: str, start: int, end: int) -> list[Trigger]:
    """Trigger words and phrasings in folded[start:end], without the words marked as another sense;
    a phrasing overlapping a listed word gives way to it."""
    hits = words.lexicon.find(folded, start, end)
    nominal = words.noun_form.match
    found = [Trigger(h.start, h.end, h.text, h.value, bool(nominal(folded, h.start)))
             for h in hits if h.value.kind != NOT_A_TRIGGER]
    for pattern in words.patterns:
        for m in pattern.finditer(folded, start, end):
            if not any(h.start < m.end() and m.start() < h.end for h in hits):
                found.append(Trigger(m.start(), m.end(), m.group(), pattern.spec, bool(nominal(folded, m.start()))))
    return sorted(found, key=lambda t: t.start)


def context_classes(words: TriggerWords, folded: str, start: int, end: int,
                    outside: tuple[int, int] | None = None) -> set[str]:
    """Which context classes of senses.yaml occur in folded[start:end] (a word may be in several),
    leaving out the words of `outside` (a trigger does not support itself: "đấu súng")."""
    return {name for hit in words.context.find(folded, start, end)
            if outside is None or hit.end <= outside[0] or hit.start >= outside[1] for name in hit.value}


def domain_hits(words: TriggerWords, folded: str, start: int = 0, end: int | None = None) -> list:
    """Every word of a peaceful domain in folded[start:end]."""
    return words.domains.find(folded, start, end)


def peaceful_domains(hits: list, outside: tuple[int, int]) -> set[str]:
    """The peaceful domains (sport, business, health...) of a sentence's `domain_hits`, leaving out
    the words of `outside` (a trigger's own words: "lao vào đám đông" is no sport)."""
    return {hit.value for hit in hits if hit.end <= outside[0] or hit.start >= outside[1]}


# In these domains a weapon word is part of the peaceful story ("đấu súng" on penalties, a gun in a
# robbery); only an armed actor makes the sentence one of political violence.
WEAPON_DOES_NOT_EXEMPT = {"crime", "sport", "entertainment", "nature", "history", "disaster", "business"}
# Domains no armed actor redeems: old wars and exercises are full of armies.
ALWAYS_PEACEFUL = {"history", "exercise"}


def judge_sense(trigger: Trigger, classes: set[str], domains: set[str], armed_actor: bool) -> SenseVerdict:
    """Whether the trigger is read in its conflict sense in its sentence, and why.

    `classes` are the context classes of the sentence outside the trigger's own words;
    `armed_actor` says whether the sentence names a military, an armed group or a militia.
    """
    if domains & ALWAYS_PEACEFUL:
        return SenseVerdict(False, f"{', '.join(sorted(domains & ALWAYS_PEACEFUL))}: not a news event")
    # a precise word ("quả bom đã phát nổ") names its weapon itself: only a strongly peaceful domain
    # (sport, crime, a film...) turns it; a vague one needs a weapon or an armed actor beside it
    precise = not trigger.spec.needs
    if domains and not armed_actor and (domains & WEAPON_DOES_NOT_EXEMPT or not (precise or "weapon" in classes)):
        return SenseVerdict(False, f"peaceful sense: {', '.join(sorted(domains))} words and no armed actor")
    if armed_actor:
        classes = classes | {"armed"}
    needs = trigger.spec.needs
    if needs and not classes.intersection(needs):
        return SenseVerdict(False, f"no {' / '.join(needs)} context for '{trigger.text}'")
    why = ", ".join(sorted(classes & set(needs))) if needs else "specific word"
    return SenseVerdict(True, "conflict sense: " + why)
