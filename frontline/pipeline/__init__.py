"""The per-article pipeline: a pure function from a Document to its events.

    language -> gate (war words in their war sense?) -> sentences -> places, dates,
    sources of the article -> per trigger: actors, place, date, modality, type,
    fatalities -> merge the repeats -> events

Most news holds no conflict event, so the cheap steps come first: an article
whose war words are all in a peaceful sense never reaches the gazetteer.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, replace

from frontline.lang import SUPPORTED
from frontline.lang.language import language as load_language  # not `language`: a submodule has that name
from frontline.learn.linear import ChoiceModel, LinearModel, shipped_choice_model, shipped_model
from frontline.pipeline.events.assemble import distinct_ids, drop_lone_titles, group_candidates, share_tolls, to_event
from frontline.pipeline.events.builder import build_candidates
from frontline.pipeline.explanation import Explanation
from frontline.pipeline.mentions.gate import may_hold_events, sense_checked_triggers
from frontline.pipeline.mentions.learned_triggers import SentenceReader, shipped_reader
from frontline.pipeline.mentions.modality import skip_reason
from frontline.pipeline.text.language import check_language
from frontline.pipeline.text.normalize import fold_tones
from frontline.pipeline.text.segment import sentences
from frontline.record import Document, Event
from frontline.taxonomy import event_type


def document_warnings(doc: Document) -> list[str]:
    """What an analyst should know about an article that was still processed."""
    if doc.published is None:
        return ["no publication date: only events dated with a year in the text are kept"]
    return []


@dataclass(frozen=True, slots=True)
class Models:
    """The learned parts the pipeline runs with; None where the rules decide alone."""

    place: LinearModel | None = None
    type: ChoiceModel | None = None
    event: LinearModel | None = None
    overgenerate: bool = False  # keep the candidates the rules doubt, for the event model to judge
    sentence: SentenceReader | None = None  # reads events in sentences with no war word (overgenerate only)
    # in training: each train article is read by the models of the folds that never saw its story, so
    # that the event model learns how far to trust the other models' readings of unseen news
    folds: dict[str, Models] | None = None

    def for_doc(self, doc_id: str) -> Models:
        return self.folds.get(doc_id, self) if self.folds is not None else self


RULES_ONLY = Models()
SECOND_READING = 0.2  # the type model's chance of another event type that makes a second reading


def shipped_models() -> Models:
    """The models the package ships (frontline/models/), read once per process; none when the
    environment says FRONTLINE_MODELS=off (to measure the rules alone)."""
    if os.environ.get("FRONTLINE_MODELS", "").lower() == "off":
        return RULES_ONLY
    event = shipped_model("event")
    return Models(shipped_model("place"), shipped_choice_model("type"), event, overgenerate=event is not None,
                  sentence=shipped_reader() if event is not None else None)


def read_candidates(doc: Document, explain: Explanation, models: Models = RULES_ONLY):
    """The article's context, language and candidate events (one per trigger and place)."""
    from frontline.pipeline.events.context import read_article

    models = models.for_doc(doc.doc_id)
    lang = check_language(doc)
    words = load_language(lang if lang in SUPPORTED else SUPPORTED[0])
    folded = fold_tones(doc.text)
    if not may_hold_events(words, folded):
        explain.article("skipped: no war word at all")
        return None, lang, []
    sentence_list = sentences(doc.text)
    off_sense: list = []
    silent: list = []
    triggers = sense_checked_triggers(words, folded, sentence_list, explain, off_sense, silent)
    if not triggers:
        explain.article(explain.verdict or "skipped: no war word in its war sense")
        return None, lang, []
    ctx = read_article(doc, folded, sentence_list, words, frozenset(trigger.kind for _, trigger in triggers))
    candidates = [c for sentence, trigger in triggers
                  for c in build_candidates(ctx, sentence, trigger, explain, models.place, models.type)
                  if models.overgenerate or c.dropped is None]
    if models.overgenerate:
        # in an article that reports war, a war word whose sense its sentence does not support is
        # doubted, not dropped: the event model weighs it ("Quân đội Ai Cập cho biết đã có 6 binh sĩ
        # thiệt mạng" has no war word the gate accepts; "cảnh sát ... bắt" may be a political arrest)
        for sentence, trigger, reason in off_sense:
            candidates += [replace(c, dropped=c.dropped or f"sense {reason}")
                           for c in build_candidates(ctx, sentence, trigger, Explanation(doc.doc_id, enabled=False),
                                                     models.place, models.type)]
        candidates += learned_candidates(ctx, words, silent, models, doc.doc_id, explain)
        candidates += second_readings(ctx, candidates, models, doc.doc_id)
    return ctx, lang, candidates


def learned_candidates(ctx, words, silent, models: Models, doc_id: str, explain: Explanation) -> list:
    """Doubted candidates of the `silent` sentences (those that hold no war word at all), where the
    sentence model reads an event (mentions/learned_triggers.py)."""
    reader = models.sentence
    if reader is None:
        return []
    found = []
    for sentence in silent:
        if skip_reason(words.modality, ctx.folded, sentence.start, sentence.end):
            continue
        trigger = reader.trigger(ctx.folded, sentence)
        if trigger is None:
            continue
        doubt = f"learned: no war word; the sentence model reads {trigger.kind} ({trigger.learned:.2f})"
        explain.trigger(trigger.text, trigger.start, "doubted", doubt)
        found += [replace(c, dropped=c.dropped or doubt)
                  for c in build_candidates(ctx, sentence, trigger, Explanation(doc_id, enabled=False),
                                            models.place, models.type)]
    return found


@dataclass(frozen=True, slots=True)
class _OneType:
    """Stands in for the type model where a second reading is built: it gives that reading's type."""
    sub_event_type: str
    chance: float

    def choose(self, features: dict[str, float], rules_label: str) -> tuple[str, float]:
        return self.sub_event_type, self.chance


def second_readings(ctx, candidates: list, models: Models, doc_id: str) -> list:
    """Doubted candidates of each war word at the type model's best sub-event type of another event
    type than the one it was given, where the model gives that type SECOND_READING or more: a
    shelling the rules read as a clash, an attack on civilians as a battle (who was hit decides, and
    the sentence often says it only in passing). The event model judges them."""
    if models.type is None:
        return []
    found: list = []
    seen: set[int] = set()
    for c in candidates:
        if c.trigger.start in seen or not c.type_features:
            continue
        seen.add(c.trigger.start)
        given = event_type(c.sub_event_type)
        chance, other = max(((p, label) for label, p in models.type.probabilities(c.type_features).items()
                             if event_type(label) != given), default=(0.0, None))
        if other is None or chance < SECOND_READING:
            continue
        doubt = f"second reading: the type model gives {other} {chance:.2f}"
        found += [replace(x, dropped=f"{doubt}; {x.dropped}" if x.dropped else doubt, second_reading=True)
                  for x in build_candidates(ctx, c.sentence, c.trigger, Explanation(doc_id, enabled=False),
                                            models.place, _OneType(other, chance))]
    return found


def candidate_events(doc: Document, explain: Explanation | None = None,
                     models: Models = RULES_ONLY) -> list[tuple[Event, dict[str, float]]]:
    """Every event read in one article, every modality, each with the features the event model
    judges it by; raises ItemRejected when the article cannot be read."""
    from frontline.learn.features import event_features

    explain = explain or Explanation(doc.doc_id, enabled=False)
    ctx, lang, candidates = read_candidates(doc, explain, models)
    if not candidates:
        return []
    groups = drop_lone_titles(ctx, group_candidates(candidates), explain)
    events = distinct_ids([to_event(doc.doc_id, doc.text, group, ctx.sources, lang) for group in groups])
    pairs = [(event, event_features(ctx, group, event, events)) for group, event in zip(groups, events)]
    pairs.sort(key=lambda p: (min(s.start for s in p[0].evidence if s.role == "trigger"), p[0].sub_event_type))
    explain.article(f"read: {len(events)} event(s) from {len(candidates)} candidate(s)")
    return pairs


def extract_document(doc: Document, explain: Explanation | None = None, models: Models | None = None) -> list[Event]:
    """All events of one article, every modality; raises ItemRejected when it cannot be read.

    With the shipped models, places are weighed by the place model, `confidence` is the event
    model's calibrated probability that the event is right, and a reported event below the
    model's threshold is dropped as not an event."""
    explain = explain or Explanation(doc.doc_id, enabled=False)
    models = models or shipped_models()
    pairs = candidate_events(doc, explain, models)
    if models.event is None:
        return share_tolls([event for event, _ in pairs])
    kept = []
    for read, features in pairs:
        event = replace(read, confidence=round(models.event.probability(features), 3))
        limit = models.event.threshold
        if event.exported_by_default and event.confidence < limit:
            trigger = next(s for s in event.evidence if s.role == "trigger")
            explain.trigger(trigger.text, trigger.start, "dropped",
                            f"event model: confidence {event.confidence:.2f} is under {limit:.2f}")
            continue
        kept.append(event)
    if pairs:
        explain.article(f"kept: {len(kept)} event(s) of {len(pairs)} read")
    return share_tolls(kept)
