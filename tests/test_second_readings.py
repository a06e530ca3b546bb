"""Second readings: a war word the type model finds nearly as likely to be of another event type
is also read as that type, doubted, for the event model to judge; the two never merge.

The passage is copied from /work/shared/corpus (VietNews, never coded, never in the eval sets). The
type model is a stand-in with fixed chances, so the test shows the mechanism, not a model's weights.
"""
from __future__ import annotations

import math
import unicodedata

from passages import corpus_texts

from frontline.learn.linear import ChoiceModel
from frontline.pipeline import SECOND_READING, Models, candidate_events, read_candidates
from frontline.pipeline.explanation import Explanation
from frontline.record import Document, Published
from frontline.taxonomy import event_type

# vietnews-052716 (2018): a caption; the rules read a shelling
SHELLING = "Quân đội Syria pháo kích vào các mục tiêu ở Idlib ngày 12/8."
CLASH = "Armed clash"   # a type of another event type (Battles) than a shelling's


def _doc() -> Document:
    return Document("vietnews-052716", unicodedata.normalize("NFC", SHELLING), Published.parse("2018-08-13"))


def _stand_in(given: str, other: str, chance: float) -> ChoiceModel:
    """A type model that gives `given` 1 - chance and `other` chance whatever the sentence, and never
    overrules the rules (switch above 1)."""
    return ChoiceModel("type", (given, other), {}, (math.log(1 - chance), math.log(chance)), 1.01)


def _rules_type() -> str:
    _, _, candidates = read_candidates(_doc(), Explanation("t", enabled=False), Models(overgenerate=True))
    [typed] = {c.sub_event_type for c in candidates}
    return typed


def test_the_passage_is_real():
    assert SHELLING in corpus_texts()["vietnews-052716"]
    assert _rules_type() == "Shelling/artillery/missile attack"


def test_a_likely_type_of_another_event_type_is_a_doubted_second_reading():
    given, other = _rules_type(), CLASH
    models = Models(type=_stand_in(given, other, 0.3), overgenerate=True)
    _, _, candidates = read_candidates(_doc(), Explanation("t", enabled=False), models)
    firsts = [c for c in candidates if not (c.dropped or "").startswith("second reading")]
    seconds = [c for c in candidates if (c.dropped or "").startswith("second reading")]
    assert {c.sub_event_type for c in firsts} == {given}
    assert seconds and {c.sub_event_type for c in seconds} == {other}
    assert {c.trigger.start for c in seconds} <= {c.trigger.start for c in firsts}   # the same war word
    assert all(c.type_score == 0.3 for c in seconds)
    # the two readings stay two records, and each knows the other's type
    pairs = candidate_events(_doc(), models=models)
    types = {event.sub_event_type: features for event, features in pairs}
    assert given in types and other in types
    assert types[other][f"rival={event_type(other)}|{event_type(given)}"] == 1.0
    assert types[given][f"rival={event_type(given)}|{event_type(other)}"] == 1.0
    ids = [event.event_id for event, _ in pairs]
    assert len(set(ids)) == len(ids)   # the same words at the same place, yet two records


def test_an_unlikely_other_type_gives_no_second_reading():
    given = _rules_type()
    models = Models(type=_stand_in(given, CLASH, SECOND_READING / 2), overgenerate=True)
    _, _, candidates = read_candidates(_doc(), Explanation("t", enabled=False), models)
    assert candidates and not any((c.dropped or "").startswith("second reading") for c in candidates)
    assert all("rival" not in features for _, features in candidate_events(_doc(), models=models))


def test_the_rules_alone_make_no_second_reading():
    _, _, candidates = read_candidates(_doc(), Explanation("t", enabled=False), Models())
    assert candidates and not any((c.dropped or "").startswith("second reading") for c in candidates)
