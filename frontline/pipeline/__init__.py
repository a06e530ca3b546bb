"""The per-article pipeline: a pure function from a Document to its events.

    language -> gate (war words in their war sense?) -> sentences -> places, dates,
    sources of the article -> per trigger: actors, place, date, modality, type,
    fatalities -> merge the repeats -> events

Most news holds no conflict event, so the cheap steps come first: an article
whose war words are all in a peaceful sense never reaches the gazetteer.
"""
from __future__ import annotations

from frontline.pipeline.assemble import drop_lone_titles, group_candidates, to_event
from frontline.pipeline.builder import build_candidates
from frontline.pipeline.explain import Explanation
from frontline.pipeline.gate import may_hold_events, sense_checked_triggers
from frontline.pipeline.language import check_language
from frontline.pipeline.normalize import fold_tones
from frontline.pipeline.segment import sentences
from frontline.record import Document, Event


def document_warnings(doc: Document) -> list[str]:
    """What an analyst should know about an article that was still processed."""
    if doc.published is None:
        return ["no publication date: only events dated with a year in the text are kept"]
    return []


def extract_document(doc: Document, explain: Explanation | None = None) -> list[Event]:
    """All events of one article, every modality; raises ItemRejected when it cannot be read."""
    from frontline.pipeline.context import read_article

    lang = check_language(doc)
    explain = explain or Explanation(doc.doc_id, enabled=False)
    folded = fold_tones(doc.text)
    if not may_hold_events(folded):
        explain.article("skipped: no war word at all")
        return []
    sentence_list = sentences(doc.text)
    triggers = sense_checked_triggers(folded, sentence_list, explain)
    if not triggers:
        explain.article(explain.verdict or "skipped: no war word in its war sense")
        return []
    ctx = read_article(doc, folded, sentence_list)
    candidates = [c for sentence, trigger in triggers for c in build_candidates(ctx, sentence, trigger, explain)]
    groups = drop_lone_titles(ctx, group_candidates(candidates), explain)
    events = [to_event(doc.doc_id, doc.text, group, ctx.sources, lang) for group in groups]
    events.sort(key=lambda e: (min(s.start for s in e.evidence if s.role == "trigger"), e.sub_event_type))
    explain.article(f"kept: {len(events)} event(s) from {len(candidates)} candidate(s)")
    return events
