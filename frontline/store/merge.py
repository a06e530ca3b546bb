"""Which reports, from different articles, are the same real event.

Two reports *may* be one event when they have the same event type (and, for
explosions, violence against civilians and strategic developments, a sub-event
type of the same kind: see FAMILIES), dates that overlap once each is widened
by its precision, places in one country within 25 km (or the same admin1 when
either is placed only near a town or at a region), compatible actors, and come
from different articles. That relation is not transitive
(A near B, B near C, A far from C), so the merge works in two steps, each a
function of the set of reports alone, never of the order they arrived in:

1. components: the connected groups of the "may be one event" graph
   (union-find over every compatible pair, found through blocks keyed by date
   bucket and grid cell or admin1, so no pair outside a block is compared);
2. clusters: inside a component, reports are taken most precise first (ties by
   event_id) and each joins the closest cluster whose every member it is
   compatible with and which holds no report from its own article; otherwise it
   starts one. Every cluster is one canonical event.

The store keeps the component of each report: a new report can only join or
bridge the components of reports it is compatible with, so an ingest re-merges
those components and nothing else.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import gc
import heapq
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from frontline.record import Event

RADIUS_KM = 25.0
HALF_WIDTH_DAYS = {1: 0, 2: 4, 3: 16}  # a precision-2 date is a week or "early in the month"; 3 is a month
MAX_HALF_WIDTH = max(HALF_WIDTH_DAYS.values())
BUCKET_DAYS = 8
CELL_DEGREES = 0.25  # 27.8 km of latitude: a 25 km neighbour is at most one row away
HAPPENED = ("asserted", "claimed")
_YEARS = re.compile(r"\s*\(\d{4}-(\d{4})?\)")

# Sub-event types that two outlets may use for the same event: a strike one calls an air strike
# another calls shelling; a battle one calls a clash another calls a takeover. Any other pair of
# sub-event types is two events, even under one event type (an air strike is not an IED blast).
FAMILIES = {
    "Air/drone strike": "strike", "Shelling/artillery/missile attack": "strike",
    "Suicide bomb": "blast", "Remote explosive/landmine/IED": "blast", "Grenade": "blast",
    "Attack": "assault", "Abduction/forced disappearance": "assault",
}
WHOLE_TYPE_FAMILIES = ("Battles", "Protests", "Riots")  # any of their sub-types may describe one event


def family(event_type: str, sub_event_type: str) -> str:
    """What must be equal for two reports to be one event: the event type, and within it the kind."""
    if event_type in WHOLE_TYPE_FAMILIES:
        return event_type
    return f"{event_type}/{FAMILIES.get(sub_event_type, sub_event_type)}"


@dataclass(frozen=True, slots=True)
class Report:
    """One article's event, with what the merge compares precomputed."""

    event: Event
    outlet: str | None
    family: str
    day: int
    half_width: int
    group: str
    country: str | None
    admin1: str | None
    coarse: bool          # placed only near a town, at a region, or without coordinates
    actors: tuple[str | None, str | None]

    @classmethod
    def of(cls, event: Event, outlet: str | None = None) -> Report:
        country = (event.iso3 or event.country or "").strip().upper() or None
        has_point = event.latitude is not None and event.longitude is not None
        return cls(
            event=event, outlet=outlet, family=family(event.event_type, event.sub_event_type),
            day=dt.date.fromisoformat(event.event_date).toordinal(),
            half_width=HALF_WIDTH_DAYS.get(event.time_precision, MAX_HALF_WIDTH),
            group="happened" if event.modality in HAPPENED else event.modality,
            country=country,
            admin1=(event.admin1 or "").strip().casefold() or None,
            coarse=not has_point or (event.geo_precision or 3) >= 2,
            actors=(actor_key(event.actor1), actor_key(event.actor2)),
        )

    @property
    def event_id(self) -> str:
        return self.event.event_id

    @property
    def article_id(self) -> str:
        return self.event.doc_id

    @property
    def has_point(self) -> bool:
        return self.event.latitude is not None and self.event.longitude is not None

    def sort_key(self) -> tuple:
        """Most precise first, so that precise reports seed the clusters; event_id makes it total."""
        e = self.event
        return (e.time_precision, e.geo_precision or 9, self.day, e.event_id)


def actor_key(name: str | None) -> str | None:
    """An actor as compared: case, "the" and ACLED's year ranges aside; vague actors are None."""
    if not name:
        return None
    key = _YEARS.sub("", name).casefold().strip()
    key = key.removeprefix("the ").strip()
    if key.startswith(("unidentified", "unknown")):
        return None
    return key or None


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def distance_km(a: Event, b: Event) -> float:
    return km(a.latitude, a.longitude, b.latitude, b.longitude)


def places_compatible(a: Report, b: Report) -> bool:
    """Same country, and within 25 km, or the same admin1 when either is placed only near a town or at a region.

    A report placed at a whole country has no admin1: it merges only with reports near the
    country's centroid (in practice, other country-level reports). In a country at war many
    events of a type happen each week, and a country-level report cannot say which it was.
    """
    if a.country is None or a.country != b.country:
        return False
    if a.has_point and b.has_point and distance_km(a.event, b.event) <= RADIUS_KM:
        return True
    return (a.coarse or b.coarse) and a.admin1 is not None and a.admin1 == b.admin1


def actors_compatible(a: Report, b: Report) -> bool:
    """The same actor pair, in either order (ACLED's actor1/actor2 carry no direction); a vague side fits any."""
    def fits(x: str | None, y: str | None) -> bool:
        return x is None or y is None or x == y
    (a1, a2), (b1, b2) = a.actors, b.actors
    return (fits(a1, b1) and fits(a2, b2)) or (fits(a1, b2) and fits(a2, b1))


def compatible(a: Report, b: Report) -> bool:
    """May `a` and `b` be two articles' reports of one real event?"""
    return (a.article_id != b.article_id
            and a.family == b.family
            and a.group == b.group
            and abs(a.day - b.day) <= a.half_width + b.half_width
            and places_compatible(a, b)
            and actors_compatible(a, b))


class BlockIndex:
    """Reports filed by (family, modality group, country), then date bucket, then grid cell or admin1.

    A report is filed under every date bucket its widened date touches, so two
    reports whose dates overlap share a bucket; candidates() returns a superset
    of the compatible reports and compatible() decides. Reports of different
    families, modality groups or countries are never compatible: each such
    partition has its own small index. A sweep through time can forget the
    buckets behind it (forget_before), which keeps the index small.
    """

    def __init__(self) -> None:
        self._parts: dict[tuple[str, str, str], _Partition] = {}
        self._filed: list[tuple[int, tuple[str, str, str]]] = []  # heap of (bucket, partition) in use

    def add(self, report: Report) -> None:
        if report.country is None:
            return  # no place: it cannot be shown to be anyone else's event
        key = (report.family, report.group, report.country)
        part = self._parts.get(key)
        if part is None:
            part = self._parts[key] = _Partition()
        for bucket in part.add(report):
            heapq.heappush(self._filed, (bucket, key))

    def candidates(self, report: Report) -> Iterator[Report]:
        """Every filed report that may be compatible with `report` (some more than once)."""
        if report.country is None:
            return iter(())
        part = self._parts.get((report.family, report.group, report.country))
        return part.candidates(report) if part else iter(())

    def forget_before(self, bucket: int) -> None:
        """Drop every date bucket before `bucket`: no later query of the sweep can reach them."""
        while self._filed and self._filed[0][0] < bucket:
            old, key = heapq.heappop(self._filed)
            self._parts[key].forget(old)


class _Partition:
    def __init__(self) -> None:
        self.cells: dict[int, dict[tuple[int, int], list[Report]]] = {}
        self.areas: dict[int, dict[str, list[Report]]] = {}
        self.coarse_areas: dict[int, dict[str, list[Report]]] = {}

    def add(self, report: Report) -> list[int]:
        """File the report; the buckets opened for it."""
        cell = _cell(report)
        opened = []
        for bucket in _buckets(report):
            if bucket not in self.cells:
                self.cells[bucket], self.areas[bucket], self.coarse_areas[bucket] = {}, {}, {}
                opened.append(bucket)
            if cell is not None:
                self.cells[bucket].setdefault(cell, []).append(report)
            if report.admin1 is not None:
                self.areas[bucket].setdefault(report.admin1, []).append(report)
                if report.coarse:
                    self.coarse_areas[bucket].setdefault(report.admin1, []).append(report)
        return opened

    def forget(self, bucket: int) -> None:
        for table in (self.cells, self.areas, self.coarse_areas):
            table.pop(bucket, None)

    def candidates(self, report: Report) -> Iterator[Report]:
        cell = _cell(report)
        near = _reach(report) if cell is not None else 0
        for bucket in _buckets(report):
            if cell is not None and (cells := self.cells.get(bucket)):
                row, column = cell
                for dr in (-1, 0, 1):
                    for dc in range(-near, near + 1):
                        yield from cells.get((row + dr, (column + dc) % COLUMNS), ())
            if report.admin1 is not None:  # an imprecise report fits any report of its admin1, and back
                areas = (self.areas if report.coarse else self.coarse_areas).get(bucket)
                if areas:
                    yield from areas.get(report.admin1, ())


COLUMNS = round(360 / CELL_DEGREES)


def _buckets(report: Report) -> range:
    return range((report.day - report.half_width) // BUCKET_DAYS, (report.day + report.half_width) // BUCKET_DAYS + 1)


def _cell(report: Report) -> tuple[int, int] | None:
    e = report.event
    if e.latitude is None or e.longitude is None:
        return None
    return math.floor(e.latitude / CELL_DEGREES), math.floor((e.longitude + 180.0) / CELL_DEGREES) % COLUMNS


def _reach(report: Report) -> int:
    """Grid columns to look either side: a column narrows away from the equator."""
    widest = min(89.0, abs(report.event.latitude) + 2 * CELL_DEGREES)
    km_per_column = 111.32 * CELL_DEGREES * math.cos(math.radians(widest))
    return min(COLUMNS // 2, math.ceil(RADIUS_KM / km_per_column))


class UnionFind:
    def __init__(self) -> None:
        self._parent: dict[str, str] = {}

    def add(self, item: str) -> None:
        self._parent.setdefault(item, item)

    def find(self, item: str) -> str:
        parent = self._parent
        root = item
        while parent[root] != root:
            root = parent[root]
        while parent[item] != root:
            parent[item], item = root, parent[item]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self._parent[rb] = ra

    def groups(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = defaultdict(list)
        for item in self._parent:
            found[self.find(item)].append(item)
        return found


def compatible_pairs(new: Iterable[Report], index: BlockIndex) -> Iterator[tuple[Report, Report]]:
    """Each (report, filed report) pair that may be one event; a report is not paired with itself."""
    for report in new:
        seen: set[str] = set()
        for other in index.candidates(report):
            if other.event_id == report.event_id or other.event_id in seen:
                continue
            seen.add(other.event_id)
            if compatible(report, other):
                yield report, other


@contextlib.contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector: indexing makes many small objects and no cycles, and with
    100,000 reports alive each full collection would walk all of them again (a quadratic cost)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def components(reports: list[Report]) -> list[list[Report]]:
    """The connected groups of the compatibility graph, each sorted, in a canonical order."""
    with no_cycle_collection():
        return _components(reports)


def _components(reports: list[Report]) -> list[list[Report]]:
    """A sweep through time: each report, earliest window first, is paired with those filed before it."""
    found = UnionFind()
    for report in reports:
        found.add(report.event_id)
    index = BlockIndex()
    for report in sorted(reports, key=lambda r: (r.day - r.half_width, r.event_id)):
        index.forget_before((report.day - report.half_width) // BUCKET_DAYS)
        for _, other in compatible_pairs([report], index):
            found.union(report.event_id, other.event_id)
        index.add(report)
    by_id = {report.event_id: report for report in reports}
    groups = [sorted((by_id[i] for i in ids), key=Report.sort_key) for ids in found.groups().values()]
    return sorted(groups, key=lambda group: group[0].event_id)


def clusters(component: list[Report]) -> list[list[Report]]:
    """One component's reports as real events: complete linkage, one report per article per event."""
    formed: list[list[Report]] = []
    articles: list[set[str]] = []
    for report in sorted(component, key=Report.sort_key):
        best: tuple | None = None
        for number, members in enumerate(formed):
            if report.article_id in articles[number]:
                continue
            if all(compatible(report, member) for member in members):
                seed = members[0]
                closeness = (abs(report.day - seed.day), _km_or_zero(report, seed), number)
                if best is None or closeness < best:
                    best = closeness
        if best is None:
            formed.append([report])
            articles.append({report.article_id})
        else:
            formed[best[2]].append(report)
            articles[best[2]].add(report.article_id)
    return formed


def _km_or_zero(a: Report, b: Report) -> float:
    return distance_km(a.event, b.event) if a.has_point and b.has_point else 0.0


def merge(reports: list[Report]) -> list[list[Report]]:
    """Every real event among `reports`: the same answer for the same set, in any order."""
    with no_cycle_collection():
        return [cluster for component in components(reports) for cluster in clusters(component)]
