"""From candidates to ACLED rows: one event per sub-event type, day, place and actor pair.

An article repeats its news: in the title, the lead, a photo caption, the body.
Candidates that report the same event are merged into one record that keeps all
their evidence; a generic word ("vụ tấn công") is absorbed by the precise one
("không kích") of the same day, place and event type.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace

from frontline.geo.model import Place
from frontline.geo.rank import distance_km
from frontline.notes import english_note
from frontline.pipeline.events.frame import Candidate
from frontline.pipeline.mentions.actors import ActorMention
from frontline.record import EXPORTED_MODALITIES, Event, Span
from frontline.taxonomy import TERRITORY_TAKEN, event_type, interaction

WINDOW_DAYS = {1: 0, 2: 7, 3: 31}
SAME_PLACE_KM = 5.0


def _dates_compatible(a: Candidate, b: Candidate) -> bool:
    gap = abs((a.date.date - b.date.date).days)
    if a.date.day_known and b.date.day_known:
        return gap == 0  # the text names two different days: two events
    return gap <= max(WINDOW_DAYS[a.date.precision], WINDOW_DAYS[b.date.precision])


def _places_compatible(a: Candidate, b: Candidate) -> bool:
    pa, pb = a.place, b.place
    if pa.kind == "city" and pb.kind == "city":
        # a district and its city ("quận Saint Gilles", "thủ đô Brussels") are one place of one event
        if pa.geonameid is None or pb.geonameid is None:
            # a village GeoNames lacks stands at the point of the place its list lies in: its name
            # tells it from the other villages of the list, not its point
            return pa.name == pb.name
        return pa.geonameid == pb.geonameid or distance_km(pa, pb) <= SAME_PLACE_KM
    if pa.iso2 != pb.iso2:
        return False
    if pa.kind == "admin1" and pb.kind == "admin1":
        return pa.geonameid == pb.geonameid or pa.admin1 == pb.admin1
    return True  # a country or province holds the town


def _actors_compatible(a: Candidate, b: Candidate) -> bool:
    na, nb = _name(a, "actor1"), _name(b, "actor1")
    if na is None or nb is None or na == nb:
        return True
    generic = ("Unidentified Armed Group", "Protesters", "Rioters", "Sole Perpetrator")
    return na.startswith(generic) or nb.startswith(generic)


def _name(candidate: Candidate, role: str) -> str | None:
    actor = getattr(candidate, role)
    return actor.named_for(candidate.place.country) if actor else None


def _reported(candidate: Candidate) -> bool:
    return candidate.modality.value in EXPORTED_MODALITIES


def _same_event(a: Candidate, b: Candidate) -> bool:
    if _reported(a) != _reported(b):
        return False  # a plan or a denial is never the same record as what happened
    if a.trigger.start == b.trigger.start and a.place is not b.place:
        return False  # one strike on three named villages is three events (ACLED), however close
    if a.trigger.start == b.trigger.start and a.sub_event_type != b.sub_event_type:
        return False  # a war word read as two types (pipeline second_readings): two rival records
    # in one sentence, a vague word beside a precise one is the same deed, whoever the vague one
    # seemed to name ("cáo buộc Israel đứng sau vụ kích nổ ..., tấn công bừa bãi dân thường")
    echo = a.sentence.index == b.sentence.index and a.generic != b.generic
    if not (_dates_compatible(a, b) and _places_compatible(a, b) and (echo or _actors_compatible(a, b))):
        return False
    if a.sub_event_type == b.sub_event_type:
        return True
    if types_are_demonstrations(a, b) and a.date.date == b.date.date:
        return True  # ACLED: one demonstration event per place and day, of its most severe kind
    generic_a, generic_b = a.generic, b.generic
    types = {event_type(a.sub_event_type), event_type(b.sub_event_type)}
    if generic_a != generic_b:
        # "vụ tấn công" is the "không kích", the interception or the massacre the article names
        # precisely when it is read as the same type of event; read as another ("ngay sau cuộc không
        # kích, IS đã lập tức phát động một cuộc tấn công" is a clash), it is another deed (ACLED
        # codes each type). A killing is part of a battle or a bombing, not of an abduction or a protest
        if _territory(a) != _territory(b) and a.sentence.index != b.sentence.index:
            return False  # a fight told apart from the town's taking is an event of its own (ACLED)
        vague = a if generic_a else b
        if vague.trigger.kind in ("attack", "explosion") or a.sentence.index == b.sentence.index:
            return len(types) == 1
        return len(types) == 1 or types <= {"Battles", "Explosions/Remote violence"}
    return generic_a and len(types) == 1


def _territory(c: Candidate) -> bool:
    return c.sub_event_type in TERRITORY_TAKEN


DEMONSTRATIONS = ("Protests", "Riots")
SEVERITY = ["Excessive force against protesters", "Mob violence", "Violent demonstration", "Protest with intervention",
            "Peaceful protest"]


def types_are_demonstrations(a: Candidate, b: Candidate) -> bool:
    return event_type(a.sub_event_type) in DEMONSTRATIONS and event_type(b.sub_event_type) in DEMONSTRATIONS


def _strength(c: Candidate) -> tuple:
    """Which candidate of a group gives the record its fields: precise word, date, place, actor."""
    place_rank = {"city": 0, "admin1": 1, "country": 2}.get(c.place.kind, 3)
    generic_actor = c.actor1 is None or c.actor1.name is None
    severity = SEVERITY.index(c.sub_event_type) if c.sub_event_type in SEVERITY else 0
    return (c.dropped is not None, c.generic, c.date.precision, severity, place_rank, generic_actor,
            c.sentence.index, c.trigger.start)


def group_candidates(candidates: list[Candidate]) -> list[list[Candidate]]:
    """Greedy grouping in order of strength, so the result does not depend on sentence order quirks."""
    groups: list[list[Candidate]] = []
    for candidate in sorted(candidates, key=_strength):
        for group in groups:
            if _same_event(group[0], candidate) and not _elsewhere(group, candidate):
                group.append(candidate)
                break
        else:
            groups.append([candidate])
    return groups


def _elsewhere(group: list[Candidate], candidate: Candidate) -> bool:
    """The group already holds the candidate's war word at another town: one strike on three named
    villages is three events, whichever reading of another sentence leads the group. (A province
    the word is also placed at holds the town: it stays with it.)"""
    return candidate.place.kind == "city" and any(
        m.trigger.start == candidate.trigger.start and m.place.kind == "city"
        and _place_key(m.place) != _place_key(candidate.place) for m in group)


def drop_lone_titles(ctx, groups: list[list[Candidate]], explain) -> list[list[Candidate]]:
    """Drop events read only from the title when the body reports others.

    A title summarises the body's news in few words, without a date and often with a
    coarser place or method ("Đánh bom kép ở Kabul"); what the body does not confirm
    is a misreading of the same news, not another event.
    """
    def title_only(group: list[Candidate]) -> bool:
        return all(ctx.is_title(c.sentence) or c.weak for c in group)

    if all(title_only(g) for g in groups):
        return groups
    for group in groups:
        if title_only(group):
            why = ("title only" if any(ctx.is_title(c.sentence) for c in group)
                   else "no anchor of its own (an echo of another sentence, or undated and unplaced)")
            explain.trigger(group[0].trigger.text, group[0].trigger.start, "dropped",
                            f"{why}: the body reports its news otherwise")
    return [g for g in groups if not title_only(g)]


def _evidence(doc_text: str, group: list[Candidate]) -> list[Span]:
    spans: list[Span] = []
    seen: set[Span] = set()
    for c in sorted(group, key=lambda c: c.trigger.start):
        parts = [("sentence", c.sentence.start, c.sentence.end), ("trigger", c.trigger.start, c.trigger.end)]
        for role, actor in (("actor1", c.actor1), ("actor2", c.actor2)):
            if actor is not None:
                parts.append((role, actor.start, actor.end))
        if c.place_mention is not None:
            parts.append(("place", c.place_mention.start, c.place_mention.end))
        if c.date and c.date.mention is not None:
            parts.append(("date", c.date.mention.start, c.date.mention.end))
        if c.fatality_span:
            parts.append(("fatalities", *c.fatality_span))
        if c.modality and c.modality.claimed_by is not None:
            parts.append(("claim", c.modality.claimed_by.start, c.modality.claimed_by.end))
        for role, start, end in parts:
            if end <= start:  # an actor the text does not name (ACLED's default for the event)
                continue
            span = Span(role, start, end, doc_text[start:end])
            if span not in seen:
                seen.add(span)
                spans.append(span)
    return spans


def _confidence(lead: Candidate, group: list[Candidate]) -> float:
    score = 0.45
    score += 0.15 if not lead.generic else 0.0
    score += 0.1 if lead.actor1 is not None and lead.actor1.name else 0.05 if lead.actor1 is not None else 0.0
    score += 0.1 if lead.place.kind == "city" else 0.05
    score += 0.1 if lead.date.mention is not None and lead.date.how == "in sentence" else 0.0
    score += min(0.1, 0.05 * (len(group) - 1))
    return round(min(score, 0.99), 2)


def _near(group: list[Candidate], place) -> bool:
    """Every reading that names this town says the event was near it, not in it."""
    named = [c for c in group if c.place is place and c.place_mention is not None]
    return bool(named) and all(c.place_near for c in named)


def _best_actor(actors: list[ActorMention | None]) -> ActorMention | None:
    """The most specific of a group's readings of one role: named in the text, then a known group."""
    present = [a for a in actors if a is not None]
    if not present:
        return None
    return min(present, key=lambda a: (a.end <= a.start, a.kind in ("unidentified", "sole"), a.name is None))


def _place_key(place: Place) -> str:
    """The place part of an event's id: its GeoNames id, or its name where it has none (a village
    placed at the town it is listed with has the town's coordinates but is another event)."""
    return str(place.geonameid) if place.geonameid is not None else place.name


def to_event(doc_id: str, doc_text: str, group: list[Candidate], sources: list[str], lang: str) -> Event:
    lead = group[0]
    place = next((c.place for c in group if c.place.kind == "city"), lead.place)
    country = place.country
    actor1 = _best_actor([c.actor1 for c in group])
    actor2 = _best_actor([c.actor2 for c in group])
    name1 = actor1.named_for(country) if actor1 else None
    name2 = actor2.named_for(country) if actor2 else None
    if name2 == name1:
        actor2, name2 = None, None
    inter1 = actor1.inter if actor1 and name1 else None
    inter2 = actor2.inter if actor2 and name2 else None
    asserted = [c for c in group if c.modality.value == "asserted"]
    modality = "asserted" if asserted else lead.modality.value
    claimer = next((c.modality.claimed_by for c in group if c.modality.claimed_by is not None), None)
    claimed_by = claimer.named_for(country) if claimer is not None and modality == "claimed" else None
    deaths = [c.fatalities for c in group if c.fatalities is not None]
    dated = min(group, key=lambda c: (c.date.precision, not c.date.day_known, _strength(c)))
    date: dt.date = dated.date.date
    assoc = list(dict.fromkeys(name for c in group for a in c.assoc1 if (name := a.named_for(country))))
    first = min(group, key=lambda c: c.trigger.start)
    trigger = first.trigger
    # a second reading of a war word is another record at the same words and place: its type tells them apart
    rival = f":{lead.sub_event_type}" if first.second_reading else ""
    event = Event(
        doc_id=doc_id,
        event_id=hashlib.sha1(f"{doc_id}:{trigger.start}:{trigger.end}:{_place_key(place)}{rival}"
                              .encode()).hexdigest()[:16],
        event_date=date.isoformat(),
        time_precision=dated.date.precision,
        event_type=event_type(lead.sub_event_type),
        sub_event_type=lead.sub_event_type,
        actor1=name1, assoc_actor_1=[a for a in assoc if a != name1],
        actor2=name2,
        inter1=inter1, inter2=inter2, interaction=interaction(inter1, inter2),
        country=country,
        iso3=place.iso3,
        admin1=place.admin1,
        location=place.name,
        latitude=place.latitude,
        longitude=place.longitude,
        geo_precision=2 if place.kind == "city" and _near(group, place) else place.geo_precision,
        geonameid=place.geonameid,
        fatalities=max(deaths) if deaths else 0,
        fatalities_known=bool(deaths),
        modality=modality,
        claimed_by=claimed_by,
        sources=list(sources),
        evidence=_evidence(doc_text, group),
        confidence=_confidence(lead, group),
        lang=lang,
    )
    event.notes = english_note(event)
    return event


def distinct_ids(events: list[Event]) -> list[Event]:
    """Two records of an article that open with one war word at one town (its readings kept apart as
    two types) get ids of their own: the store keys events by id."""
    seen: set[str] = set()
    for event in events:
        salt = 0
        while event.event_id in seen:
            salt += 1
            event.event_id = hashlib.sha1(f"{event.event_id}:{event.sub_event_type}:{salt}".encode()).hexdigest()[:16]
        seen.add(event.event_id)
    return events


def share_tolls(events: list[Event]) -> list[Event]:
    """A toll the text gives once for several places is shared evenly among their events, the
    remainder to the first (as ACLED codes it): 25 dead at two towns are 13 and 12, never 25 twice.
    Returns new records; the events given are left as they are."""
    by_toll: dict[tuple[int, ...], list[int]] = {}
    for i, event in enumerate(events):
        spans = tuple(s.start for s in event.evidence if s.role == "fatalities")
        if spans and event.fatalities_known:
            by_toll.setdefault(spans, []).append(i)
    shared = list(events)
    for indices in by_toll.values():
        sharing = [events[i] for i in indices]
        places = {(e.location, e.latitude, e.longitude) for e in sharing}
        if len(places) < 2 or len({e.fatalities for e in sharing}) != 1:
            continue
        share, rest = divmod(sharing[0].fatalities, len(sharing))
        for k, i in enumerate(indices):
            event = replace(events[i], fatalities=share + (k < rest))
            shared[i] = replace(event, notes=english_note(event))
    return shared
