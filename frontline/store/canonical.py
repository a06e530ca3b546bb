"""One canonical record from the reports of one real event.

The record keeps the most precise date and place any report gives, the union
of sources, the count of reporting articles, and how many reports state the
event as fact and how many only relay a party's claim (so a claimed and an
asserted report stay visibly distinct). Every choice is a function of the
set of reports, never of the order they were stored in.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field

from frontline.record import Event
from frontline.store.reports import Report, actor_key
from frontline.taxonomy import TERRITORY_CHANGES as TERRITORY
from frontline.taxonomy import interaction


@dataclass(slots=True)
class Canonical:
    """A real event as the store keeps it; `reports` are the articles' events behind it."""

    canonical_id: str
    component_id: str
    event: Event                 # the merged fields, as an Event (doc_id is the canonical id)
    modality: str
    asserted_reports: int
    claimed_reports: int
    claimed_by: list[str]
    sources: list[str]
    article_count: int
    reports: list[Report] = field(default_factory=list)

    def content_hash(self) -> str:
        """What the record says: unchanged content keeps its last-update time."""
        payload = dataclasses.asdict(self.event) | {
            "modality": self.modality, "asserted": self.asserted_reports, "claimed": self.claimed_reports,
            "claimed_by": self.claimed_by, "sources": self.sources,
            "reports": sorted(report.event_id for report in self.reports),
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def canonical_id(reports: list[Report]) -> str:
    """Stable for the same first report: a hash of the smallest event_id among them."""
    first = min(report.event_id for report in reports)
    return "c" + hashlib.sha1(first.encode("utf-8")).hexdigest()[:16]


def compose(reports: list[Report], component_id: str) -> Canonical:
    members = sorted(reports, key=Report.sort_key)
    seed = members[0].event
    oriented = [_oriented(report, seed) for report in members]
    actor1, assoc1, inter1 = _slot(oriented, 0, seed.actor1)
    actor2, assoc2, inter2 = _slot(oriented, 1, seed.actor2)
    date, precision = _date(members)
    place = _place(members)
    known = [r.event.fatalities for r in members if r.event.fatalities_known]
    modalities = Counter(r.event.modality for r in members)
    claimed_by = sorted({r.event.claimed_by for r in members if r.event.modality == "claimed" and r.event.claimed_by})
    group = members[0].group
    modality = ("asserted" if modalities["asserted"] else "claimed") if group == "happened" else group
    cid = canonical_id(members)
    event = Event(
        doc_id=cid, event_id=cid, event_date=date, time_precision=precision,
        event_type=seed.event_type, sub_event_type=_sub_event_type(members),
        actor1=actor1, assoc_actor_1=assoc1, actor2=actor2, assoc_actor_2=assoc2,
        inter1=inter1, inter2=inter2, interaction=interaction(inter1, inter2),
        country=place.country, iso3=place.iso3, admin1=place.admin1, location=place.location,
        latitude=place.latitude, longitude=place.longitude, geo_precision=place.geo_precision,
        geonameid=place.geonameid,
        fatalities=min(known) if known else 0,  # ACLED keeps the most conservative count
        fatalities_known=bool(known),
        modality=modality, claimed_by=claimed_by[0] if modality == "claimed" and claimed_by else None,
        sources=sorted({s for r in members for s in r.event.sources} | {r.outlet for r in members if r.outlet}),
        confidence=max(r.event.confidence for r in members), lang=seed.lang,
    )
    canonical = Canonical(
        canonical_id=cid, component_id=component_id, event=event, modality=modality,
        asserted_reports=modalities["asserted"], claimed_reports=modalities["claimed"],
        claimed_by=claimed_by, sources=event.sources,
        article_count=len({r.article_id for r in members}), reports=members,
    )
    event.notes = _notes(canonical)
    return canonical


def _oriented(report: Report, seed: Event) -> Event:
    """The report's event with actor1/actor2 swapped when that is how it fits the seed's pair."""
    e = report.event
    s1, s2 = actor_key(seed.actor1), actor_key(seed.actor2)
    r1, r2 = report.actors
    def fits(x: str | None, y: str | None) -> bool:
        return x is None or y is None or x == y
    straight = fits(r1, s1) and fits(r2, s2)
    if straight or not (fits(r1, s2) and fits(r2, s1)):
        return e
    return dataclasses.replace(e, actor1=e.actor2, actor2=e.actor1, inter1=e.inter2, inter2=e.inter1,
                               assoc_actor_1=e.assoc_actor_2, assoc_actor_2=e.assoc_actor_1)


def _slot(events: list[Event], slot: int, seed_name: str | None) -> tuple[str | None, list[str], int | None]:
    """One actor side: a named actor beats a vague one, then the most reports, then the seed's, then A-Z."""
    names = [(e.actor1, e.inter1, e.assoc_actor_1) if slot == 0 else (e.actor2, e.inter2, e.assoc_actor_2)
             for e in events]
    counts = Counter(name for name, _, _ in names if name)
    if not counts:
        return None, [], None
    best = min(counts, key=lambda n: (actor_key(n) is None, -counts[n], n != seed_name, n))
    inter = next((code for name, code, _ in names if name == best and code is not None), None)
    assoc = sorted({a for name, _, group in names if name == best for a in group})
    return best, assoc, inter


def _date(members: list[Report]) -> tuple[str, int]:
    """The most precise date: among the reports with the best precision, the most reported, then the earliest."""
    precision = min(r.event.time_precision for r in members)
    dates = Counter(r.event.event_date for r in members if r.event.time_precision == precision)
    return min(dates, key=lambda d: (-dates[d], d)), precision


def _place(members: list[Report]) -> Event:
    """The most precise place: best geo_precision with coordinates, then the most reported, then A-Z."""
    def rank(r: Report) -> tuple[int, int]:
        return (0 if r.has_point else 1, r.event.geo_precision or 9)
    best = min(rank(r) for r in members)
    candidates = [r.event for r in members if rank(r) == best]
    def key(e: Event) -> tuple:
        return (e.location or "", e.latitude or 0.0, e.longitude or 0.0, e.admin1 or "", e.country or "")
    counts = Counter(key(e) for e in candidates)
    return min(candidates, key=lambda e: (-counts[key(e)], key(e), e.geonameid or 0))


def _sub_event_type(members: list[Report]) -> str:
    """The most reported sub-event type; a territory change outranks a clash on a tie, "Other" ranks last."""
    counts = Counter(r.event.sub_event_type for r in members)
    def rank(name: str) -> int:
        return 0 if name in TERRITORY else 2 if name == "Other" else 1
    return min(counts, key=lambda n: (-counts[n], rank(n), n))


def _notes(canonical: Canonical) -> str:
    from frontline.notes import english_note  # the pipeline's wording, so both read alike

    note = english_note(canonical.event)
    n, asserted, claimed = canonical.article_count, canonical.asserted_reports, canonical.claimed_reports
    if n > 1 or (asserted and claimed):
        parts = []
        if asserted:
            parts.append(f"{asserted} as fact")
        if claimed:
            who = ", ".join(canonical.claimed_by) or "a party"
            parts.append(f"{claimed} as a claim by {who}")
        detail = f" ({'; '.join(parts)})" if parts else ""
        note += f" Reported by {n} article{'s' if n > 1 else ''}{detail}."
    return note
