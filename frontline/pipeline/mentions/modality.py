"""Whether a trigger reports something that happened, and who says so (lang/<code>/modality.yaml).

A cue counts only before the trigger and within its reach: "sẽ" a few words
before ("sẽ tăng cường những đợt không kích"), "nếu" anywhere in the clause,
"trong những ngày tới" anywhere in the sentence. "không" inside "không kích" or
"không quân" is not a negation: those words are listed as non-cues.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from frontline.lang import alternation, load
from frontline.pipeline.mentions.actors import ActorMention
from frontline.pipeline.mentions.triggers import noun_forms
from frontline.pipeline.text.lexicon import Hit, Lexicon

# Parentheses and quote marks do not break a clause: "một máy bay không người lái (UAV) cũng bị
# tiêu diệt"; "chuẩn bị cho “ác mộng” bạo loạn" (quotes also mark words, not only speech).
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Modality:
    value: str                          # asserted, claimed, planned, negated, hypothetical
    reason: str
    cue: Hit | None = None
    claimed_by: ActorMention | None = None


def _cue_lexicon(data: dict) -> Lexicon[tuple[tuple[str, str], ...]]:
    """Every (modality, reach) of each cue phrase ("sẽ" is both near and clause); () for non-cues."""
    readings: dict[str, list[tuple[str, str]]] = {}
    for modality in ("planned", "negated", "hypothetical"):
        for reach in ("near", "clause", "sentence", "ahead_of"):
            for word in data[modality].get(reach) or ():
                readings.setdefault(word, []).append((modality, reach))
    for reach in ("clause", "sentence", "before"):
        for word in data["background"][reach]:
            readings.setdefault(word, []).append(("background", reach))
    for word in data["not_cues"]:
        readings[word] = []
    return Lexicon([(word, tuple(values)) for word, values in readings.items()])


@dataclass(frozen=True, slots=True)
class ModalityWords:
    """A language's cues of modality (modality.yaml), compiled once: a Language holds one."""
    cues: Lexicon[tuple[tuple[str, str], ...]]
    claim_verbs: Lexicon[str]
    skip_sentence: Lexicon[str]
    ongoing: Lexicon[str]
    after_noun: frozenset[str]      # the cues that count after a noun trigger
    near_words: int                 # how many words a "near" cue reaches
    speech_verbs: tuple[str, ...]   # verbs of saying and reporting, for the steps that ask who only speaks
    claim_phrases: tuple[str, ...]  # the claim verbs as written, for frame.yaml's {claim_verbs}
    clause_break: re.Pattern[str]   # a comma, a colon, a dash or a word that opens a clause
    light_verbs: re.Pattern[str]    # "tiến hành", "các": not counted between a cue and a noun trigger
    own_deed: re.Pattern[str]       # "X tuyên bố (chiến dịch) đã tiêu diệt": the announcer tells of its own deed
    noun_and_head: re.Pattern[str]  # "các cuộc biểu tình": a noun trigger's head and its noun (noun_form.yaml)

    @classmethod
    def of(cls, code: str) -> ModalityWords:
        data = load(code, "modality")
        return cls(_cue_lexicon(data),
                   Lexicon([(verb, "claim") for verb in data["claim_verbs"]]),
                   Lexicon([(phrase, "skip") for phrase in data["skip_sentence"]]),
                   Lexicon([(w, "ongoing") for w in data["background"]["ongoing"]]),
                   frozenset(data["background"]["after_noun"]), int(data["near_words"]),
                   tuple(data["speech_verbs"]), tuple(data["claim_verbs"]),
                   re.compile(rf"[,;:]|\s[-–]\s|\s(?:{alternation(data['clause_breaks'])})\s", re.IGNORECASE),
                   re.compile(rf"\b(?:{alternation(data['light_verbs'])})\b"),
                   re.compile(rf"\s*(?:(?:{alternation(data['that'])})\s+)?(?:[\w\-]+\s+){{0,2}}?"
                              rf"(?:{alternation(data['own_deed'])})\s", re.IGNORECASE),
                   noun_forms(code)[1])


def clause_start(words: ModalityWords, folded: str, sentence_start: int, position: int) -> int:
    """Where the clause holding `position` begins: after the last comma, colon or quote mark."""
    start = sentence_start
    for m in words.clause_break.finditer(folded, sentence_start, position):
        start = m.end()
    return start


def _words_between(folded: str, start: int, end: int, light_verbs: re.Pattern[str] | None = None) -> int:
    """How many words stand in folded[start:end], not counting `light_verbs` when given."""
    found = _WORD.findall(folded, start, end)
    if light_verbs is not None:  # "chuẩn bị tiến hành đợt không kích": the light verb carries the noun
        found = light_verbs.sub(" ", " ".join(found).lower()).split()
    return len(found)


def skip_reason(words: ModalityWords, folded: str, start: int, end: int) -> str | None:
    """Why a whole sentence is not reporting: a teaser of another article ("Xem thêm: ..."), a file photo.

    The cue must open the sentence or a bracket: "thông tin liên quan" inside a
    sentence is not "Tin liên quan".
    """
    for hit in words.skip_sentence.find(folded, start, end):
        opening = folded[start:hit.start].strip(" \t\"“(-–:")
        if not opening or folded[max(start, hit.start - 1):hit.start] == "(":
            return f"not reporting: '{hit.text}'"
    return None


def background_reason(words: ModalityWords, folded: str, sentence_start: int, trigger_start: int, trigger_end: int,
                      sentence_end: int, nominal: bool) -> str | None:
    """Why the trigger's sentence counts or generalises rather than reporting one event.

    Background cues count anywhere in the sentence ("Sau khi bị đẩy lùi ..., các nhóm
    phiến quân thường xuyên ..."); after a noun trigger, words of duration do too
    ("các cuộc biểu tình vẫn tiếp diễn").
    """
    end_match = words.clause_break.search(folded, trigger_end, sentence_end)
    end = end_match.start() if end_match else sentence_end
    for hit in words.cues.find(folded, sentence_start, sentence_end):
        if (("background", "sentence") in hit.value or (hit.start < end and ("background", "clause") in hit.value)
                or (hit.end <= trigger_start and ("background", "before") in hit.value)):
            return f"background: '{hit.text}'"
    if nominal:
        window = folded[trigger_end:min(sentence_end, trigger_end + 60)]
        ongoing = words.ongoing.find(window)
        if ongoing:
            return f"background: ongoing ('{ongoing[0].text}')"
    return None


def after_noun_modality(words: ModalityWords, folded: str, trigger_start: int, trigger_end: int,
                        sentence_end: int, nominal: bool) -> Modality | None:
    """A modal after a noun trigger in subject position: "các cuộc biểu tình ... có thể bùng phát"."""
    if not nominal:
        return None
    end_match = words.clause_break.search(folded, trigger_end, sentence_end)
    end = end_match.start() if end_match else sentence_end
    for hit in words.cues.find(folded, trigger_end, end):
        if _words_between(folded, trigger_end, hit.start) > words.near_words:
            break
        if hit.text.lower() in words.after_noun:
            modality = "planned" if hit.text.lower() in ("sẽ", "dự kiến", "sắp") else "hypothetical"
            return Modality(modality, f"'{hit.text}' after the noun trigger", hit)
    return None


def _claim(words: ModalityWords, folded: str, sentence_start: int, trigger_start: int,
           actors: list[ActorMention]) -> Modality | None:
    """An announcing verb before the trigger whose speaker is a party: the event is claimed."""
    verbs = words.claim_verbs.find(folded, sentence_start, trigger_start)
    for verb in reversed(verbs):
        speakers = [a for a in actors if a.end <= verb.start and a.start >= sentence_start]
        if not speakers:
            continue
        speaker = speakers[-1]
        between = folded[verb.end:trigger_start]
        own_deed = bool(words.own_deed.match(between))
        # a party announcing what it did, or an armed party's announcement; a ministry of health
        # counting the dead reports, it does not claim
        armed = speaker.kind in ("military", "named", "unidentified", "militia")
        if armed or (speaker.kind == "government" and own_deed):
            return Modality("claimed", f"announced by '{speaker.text}' ('{verb.text}')", verb, speaker)
    return None


PURPOSE_WORDS = {"để", "nhằm"}  # "tập trung tại Bắc Kinh để biểu tình": the gathering was the protest


def modality_of(words: ModalityWords, folded: str, sentence_start: int, sentence_end: int, trigger_start: int,
                actors: list[ActorMention], protest: bool = False, nominal: bool = False) -> Modality:
    """The modality of the trigger at `trigger_start` in its sentence (`nominal`: the trigger is in its
    noun form, Trigger.nominal)."""
    clause = clause_start(words, folded, sentence_start, trigger_start)
    near_words = words.near_words
    for hit in reversed(words.cues.find(folded, sentence_start, trigger_start)):
        # a conjunction that opens the clause belongs to it: "trước khi chúng bị bao vây"
        in_clause = hit.start >= clause or hit.end >= clause - 1
        gap = _words_between(folded, hit.end, trigger_start, words.light_verbs if nominal else None)
        for modality, reach in hit.value:
            if modality == "background" or (protest and hit.text.lower() in PURPOSE_WORDS):
                continue
            # a noun trigger is named, not done, by the verb before it: "nhằm trả đũa cho một vụ đánh bom"
            reach_words = 1 if nominal else near_words
            if ((reach == "near" and in_clause and gap <= reach_words) or (reach == "clause" and in_clause)
                    or reach == "sentence" or (reach == "ahead_of" and in_clause and gap <= 2)):
                return Modality(modality, f"'{hit.text}' before the trigger", hit)
    # "trong những ngày tới", "sắp tới" speak for the whole sentence, after the trigger too
    for hit in words.cues.find(folded, trigger_start, sentence_end):
        if any(modality != "background" and reach == "sentence" for modality, reach in hit.value):
            return Modality(next(m for m, r in hit.value if r == "sentence"), f"'{hit.text}' in the sentence", hit)
    noun_end = _trigger_end(words, folded, trigger_start, sentence_end)
    return (after_noun_modality(words, folded, trigger_start, noun_end, sentence_end, nominal)
            or _claim(words, folded, sentence_start, trigger_start, actors) or Modality("asserted", "reported as fact"))


def _trigger_end(words: ModalityWords, folded: str, trigger_start: int, sentence_end: int) -> int:
    """The end of a noun trigger's head and noun: "cuộc biểu tình" of "các cuộc biểu tình, tuần hành"."""
    m = words.noun_and_head.match(folded, trigger_start, sentence_end)
    return m.end() if m else trigger_start
