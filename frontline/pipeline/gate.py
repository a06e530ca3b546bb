"""The relevance gate: can this article hold an event at all? Decided before any costly step.

First one regular-expression pass over the article for any war word; then, per
sentence, the sense of each war word in its sentence (triggers.judge_sense). An
article none of whose war words is used in its war sense is skipped before the
gazetteer, the date rules and the actor rules run.
"""
from __future__ import annotations

from frontline.pipeline.actors import find_actors
from frontline.pipeline.explain import Explanation
from frontline.pipeline.modality import skip_reason
from frontline.pipeline.segment import Sentence
from frontline.pipeline.triggers import (Trigger, context_classes, find_triggers, judge_sense, peaceful_domains,
                                         trigger_lexicon)


def may_hold_events(folded: str) -> bool:
    """Whether any war word occurs: one regex pass, ~thousands of articles a second."""
    return trigger_lexicon().search(folded)


def sense_checked_triggers(folded: str, sentence_list: list[Sentence],
                           explain: Explanation) -> list[tuple[Sentence, Trigger]]:
    """The triggers read in their war sense, with their sentences, in order."""
    kept: list[tuple[Sentence, Trigger]] = []
    for sentence in sentence_list:
        triggers = find_triggers(folded, sentence.start, sentence.end)
        if not triggers:
            continue
        skip = skip_reason(folded, sentence.start, sentence.end)
        if skip:
            for trigger in triggers:
                explain.trigger(trigger.text, trigger.start, "dropped", skip)
            continue
        classes = context_classes(folded, sentence.start, sentence.end)
        domains = peaceful_domains(folded, sentence.start, sentence.end)
        actors, _ = find_actors(folded, folded, sentence.start, sentence.end, [], {})
        armed = any(actor.armed for actor in actors)
        for trigger in triggers:
            verdict = judge_sense(trigger, classes, domains, armed)
            if verdict.ok:
                kept.append((sentence, trigger))
            else:
                explain.trigger(trigger.text, trigger.start, "not an event", verdict.reason)
    return kept
