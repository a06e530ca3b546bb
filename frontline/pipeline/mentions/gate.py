"""The relevance gate: can this article hold an event at all? Decided before any costly step.

First one regular-expression pass over the article for any war word; then, per
sentence, the sense of each war word in its sentence (triggers.judge_sense). An
article none of whose war words is used in its war sense is skipped before the
gazetteer, the date rules and the actor rules run.
"""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from frontline.pipeline.explanation import Explanation
from frontline.pipeline.mentions.actors import find_actors
from frontline.pipeline.mentions.modality import skip_reason
from frontline.pipeline.mentions.triggers import (
    Trigger,
    context_classes,
    domain_hits,
    find_triggers,
    judge_sense,
    may_be_triggered,
    peaceful_domains,
)
from frontline.pipeline.text.segment import Sentence

if TYPE_CHECKING:
    from frontline.lang.language import Language

# Actors that make a sentence one of political violence; the police and officials of a
# crime report, or a government that speaks, do not.
ARMED_KINDS = {"military", "named", "unidentified", "militia", "iran_backed", "sole"}
# Parties that make a whole article one of political events: protesters are unarmed, yet a strike at a
# factory or students marching are protests however many business or school words tell them
PARTY_KINDS = ARMED_KINDS | {"protesters"}
ARTICLE_DOMAIN_WORDS = 5  # words of one peaceful domain that make the article that domain's


def may_hold_events(lang: Language, folded: str) -> bool:
    """Whether any war word occurs: one regex pass, ~thousands of articles a second."""
    return may_be_triggered(lang.triggers, folded)


def peaceful_article(lang: Language, folded: str) -> str | None:
    """The peaceful domain an article is about, when its words dominate and no armed actor or
    protesters appear.

    A football report names a dozen sport words and no army; one sentence of it may still
    lack a sport word ("Làn sóng biểu tình dữ dội buộc tỷ phú Abramovich ...").
    """
    counts = Counter(hit.value for hit in domain_hits(lang.triggers, folded))
    if not counts:
        return None
    domain, count = counts.most_common(1)[0]
    if count < ARTICLE_DOMAIN_WORDS:
        return None
    if domain in ("history", "exercise"):
        return domain  # old wars and exercises have armies too
    actors, _ = find_actors(lang.actors, folded, folded, 0, len(folded), [], {})
    return None if any(a.kind in PARTY_KINDS for a in actors) else domain


# Of 15,253 sentences of the conflict pool that hold a war word, none holds more than 8; each war word
# costs a reading of its whole sentence, so a sentence of nothing but war words is read up to here.
MAX_WAR_WORDS_PER_SENTENCE = 16


def sense_checked_triggers(lang: Language, folded: str, sentence_list: list[Sentence], explain: Explanation,
                           doubted: list[tuple[Sentence, Trigger, str]] | None = None,
                           silent: list[Sentence] | None = None) -> list[tuple[Sentence, Trigger]]:
    """The triggers read in their war sense, with their sentences, in order; those whose sense the
    words around them do not support go to `doubted` with the reason, and the sentences that hold no
    war word at all to `silent` (for the sentence model), when lists are given."""
    kept: list[tuple[Sentence, Trigger]] = []
    domain = peaceful_article(lang, folded)
    if domain is not None:
        explain.article(f"skipped: an article about {domain} with no armed actor or protesters")
        return kept
    for sentence in sentence_list:
        triggers = find_triggers(lang.triggers, folded, sentence.start, sentence.end)
        if not triggers:
            if silent is not None:
                silent.append(sentence)
            continue
        for trigger in triggers[MAX_WAR_WORDS_PER_SENTENCE:]:
            explain.trigger(trigger.text, trigger.start, "dropped",
                            f"past the {MAX_WAR_WORDS_PER_SENTENCE}th war word of one sentence: not read")
        triggers = triggers[:MAX_WAR_WORDS_PER_SENTENCE]
        skip = skip_reason(lang.modality, folded, sentence.start, sentence.end)
        if skip:
            for trigger in triggers:
                explain.trigger(trigger.text, trigger.start, "dropped", skip)
            continue
        actors, _ = find_actors(lang.actors, folded, folded, sentence.start, sentence.end, [], {})
        domain_words = domain_hits(lang.triggers, folded, sentence.start, sentence.end)
        for trigger in triggers:
            span = (trigger.start, trigger.end)
            domains = peaceful_domains(domain_words, span)
            classes = context_classes(lang.triggers, folded, sentence.start, sentence.end, span)
            armed = any(a.kind in ARMED_KINDS and (a.end <= trigger.start or a.start >= trigger.end) for a in actors)
            verdict = judge_sense(trigger, classes, domains, armed)
            if verdict.ok:
                kept.append((sentence, trigger))
            else:
                explain.trigger(trigger.text, trigger.start, "not an event", verdict.reason)
                if doubted is not None:
                    doubted.append((sentence, trigger, verdict.reason))
    return kept
