"""One article's event as the merge sees it, and the rule for two reports being one real event.

Two reports *may* be one event when they have the same event type (and, for
explosions, violence against civilians and strategic developments, a sub-event
type of the same kind: see FAMILIES), dates that overlap once each is widened
by its precision, places in one country within 25 km (or the same admin1 when
either is placed only near a town or at a region), compatible actors, and come
from different articles.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from frontline.record import Event

RADIUS_KM = 25.0
HALF_WIDTH_DAYS = {1: 0, 2: 4, 3: 16}  # a precision-2 date is a week or "early in the month"; 3 is a month
MAX_HALF_WIDTH = max(HALF_WIDTH_DAYS.values())
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
        country = ((event.iso3 or "").strip() or (event.country or "").strip()).upper() or None
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
    """Between two events; infinite when either has no coordinates."""
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return math.inf
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
