"""What the event model sees of one candidate event: the rules' readings and the words around it.

Every feature is a name with a value of 1 (or a small number); the names are readable
("sub=Armed clash", "L=sẽ") so that a model's weights explain themselves.
"""
from __future__ import annotations

import re

from frontline.record import Event
from frontline.scoring import SAME_PLACE_KM, distance_km

CONTEXT_WORDS = 6      # words each side of the trigger
_WORD = re.compile(r"\w+")


def bucket(value: int, edges: tuple[int, ...]) -> str:
    """The first edge a count is under, as a feature value: "<=2", or ">20" past the last."""
    for edge in edges:
        if value <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def _near(a: Event, b: Event) -> bool:
    """Two events at one place, or within the scorer's same place."""
    if a.country != b.country:
        return False   # Tripoli of Lebanon is not Tripoli of Libya
    if a.location == b.location:
        return True
    km = distance_km({"latitude": a.latitude, "longitude": a.longitude},
                     {"latitude": b.latitude, "longitude": b.longitude})
    return km is not None and km <= SAME_PLACE_KM


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def event_features(ctx, group: list, event: Event, events: list[Event]) -> dict[str, float]:
    """Features of the event built from `group` (its candidates, strongest first) in article `ctx`,
    beside the other `events` read in the same article."""
    events_in_article = len(events)
    lead = group[0]
    folded = ctx.folded
    sentence = lead.sentence
    trigger = lead.trigger
    feats: dict[str, float] = {"bias": 1.0}

    def on(name: str, value: float = 1.0) -> None:
        feats[name] = value

    on(f"sub={event.sub_event_type}")
    on(f"type={event.event_type}")
    on(f"mod={event.modality}")
    on(f"mod_type={event.modality}|{event.event_type}")
    on(f"kind={trigger.kind}")
    on(f"trig={trigger.text.lower()}")
    if lead.generic:
        on("generic")
    if lead.weak:
        on("weak")
    if all(c.generic for c in group):
        on("all_generic")
    if lead.place_score is not None:
        on(f"place_score={bucket(int(lead.place_score * 10), (3, 5, 7, 8, 9))}")
    if lead.type_score is not None:
        on(f"type_score={bucket(int(lead.type_score * 10), (3, 5, 7, 8, 9))}")
    twins = [e for e in events if e is not event and e.event_type == event.event_type
             and e.event_date == event.event_date and e.country == event.country]
    on(f"twins={bucket(len(twins), (0, 1, 3))}")
    if any(e.location == event.location for e in twins):
        on("twin_same_place")
    # the same deed told again on another day, as a later sentence recalls it ("Mỹ không tham gia đợt
    # không kích của Thổ Nhĩ Kỳ", dated by the statement): one of the two is a copy
    date_how = (lead.date.how if lead.date else "none").split(" ")[0]
    if any(e is not event and e.event_type == event.event_type and e.event_date != event.event_date
           and _near(e, event) for e in events):
        on("near_other_day")
        on(f"near_other_day|date_how={date_how}")
    # a war word read as two event types (pipeline second_readings): each record knows its rival's type
    rival = next((e.event_type for e in events if e.event_type != event.event_type and any(
        s.role == "trigger" and s.start == trigger.start for s in e.evidence)), None)
    if rival is not None:
        on("rival")
        on(f"rival={event.event_type}|{rival}")
    learned = [c.trigger.learned for c in group if c.trigger.learned is not None]
    if len(learned) == len(group):
        # read only by the sentence model: how sure it was that its sentence reports an event
        on("learned")
        on(f"learned_chance={bucket(int(max(learned) * 10), (2, 3, 4, 5, 6, 7, 8))}")
    doubts = [c.dropped for c in group if c.dropped]
    if len(doubts) == len(group):
        on("all_doubted")
    for doubt in doubts:
        on(f"doubt={doubt.split(':')[0].split('(')[0].strip()[:40]}")
    on(f"place_kind={lead.place.kind}")
    on(f"place_how={(lead.place_how or 'none').split(' ')[0]}")
    on(f"date_how={date_how}")
    on(f"time_prec={event.time_precision}")
    on(f"geo_prec={event.geo_precision}")
    named = event.actor1 and lead.actor1 is not None and lead.actor1.end > lead.actor1.start
    on(f"actor1={'named' if named else 'default' if event.actor1 else 'none'}")
    on(f"actor1_kind={lead.actor1.kind if lead.actor1 else 'none'}")
    on(f"actor2_kind={lead.actor2.kind if lead.actor2 else 'none'}")
    on(f"inter={event.interaction}")
    if event.fatalities_known:
        on("deaths_known")
    on(f"readings={bucket(len(group), (1, 2, 4))}")
    on(f"sentences={bucket(len({c.sentence.index for c in group}), (1, 2, 4))}")
    on(f"events_in_article={bucket(events_in_article, (1, 2, 4, 8))}")
    if ctx.is_title(sentence):
        on("title")
    if ctx.photo_story:
        on("photo_story")  # told in captions: a caption is the body, not a file photo's label
    elif ctx.is_caption(sentence):
        on("caption")
    on(f"sentence_index={bucket(sentence.index, (0, 2, 5, 10, 20))}")
    # nothing here depends on the publication date itself: how precisely an article is dated must
    # not change what it says (a seed dated "2017-11" or "2017-11-25" reports the same events)
    main = ctx.main
    if main is not None:
        on("main_country" if main.iso2 == lead.place.iso2 else "other_country")
    if event.claimed_by:
        on("claimed_by_known")
    left = _words(folded[sentence.start:trigger.start])[-CONTEXT_WORDS:]
    right = _words(folded[trigger.end:sentence.end])[:CONTEXT_WORDS]
    for word in left:
        on(f"L={word}")
    for word in right:
        on(f"R={word}")
    for a, b in zip(left, left[1:]):
        on(f"L2={a}_{b}")
    if left:
        on(f"prev={left[-1]}")
    for word in set(_words(folded[sentence.start:sentence.end])):
        on(f"S={word}", 0.3)
    return feats
