"""A one-sentence English note per event, built from its fields (as ACLED's notes read)."""
from __future__ import annotations

import datetime as dt

from frontline.record import Event

VERBS = {
    "Armed clash": "clashed with",
    "Government regains territory": "regained control of {place} from",
    "Non-state actor overtakes territory": "took control of {place} from",
    "Air/drone strike": "carried out an air/drone strike against",
    "Shelling/artillery/missile attack": "shelled or fired missiles at",
    "Suicide bomb": "carried out a suicide bombing against",
    "Remote explosive/landmine/IED": "detonated an explosive device against",
    "Grenade": "threw a grenade at",
    "Chemical weapon": "used a chemical weapon against",
    "Attack": "attacked",
    "Abduction/forced disappearance": "abducted",
    "Sexual violence": "committed sexual violence against",
    "Peaceful protest": "demonstrated",
    "Protest with intervention": "demonstrated and were met by",
    "Excessive force against protesters": "faced lethal force from",
    "Violent demonstration": "rioted against",
    "Mob violence": "attacked",
    "Agreement": "reached an agreement with",
    "Arrests": "arrested",
    "Change to group/activity": "changed its activity regarding",
    "Disrupted weapons use": "intercepted or disrupted weapons of",
    "Headquarters or base established": "established a base, opposing",
    "Looting/property destruction": "looted or destroyed property of",
    "Non-violent transfer of territory": "withdrew from or handed over {place} to",
    "Other": "was involved in an incident with",
}

PRECISION_WORDS = {1: "On", 2: "Around", 3: "In the month of"}


def _when(event: Event) -> str:
    day = dt.date.fromisoformat(event.event_date)
    if event.time_precision == 3:
        return f"In {day:%B %Y}"
    return f"{PRECISION_WORDS[event.time_precision]} {day.isoformat()}"


def english_note(event: Event) -> str:
    place = ", ".join(p for p in (event.location, event.country) if p) or "an unknown place"
    actor1 = event.actor1 or "an unidentified actor"
    verb = VERBS.get(event.sub_event_type, "was involved with").format(place=event.location or "the area")
    target = event.actor2 or ""
    if verb.endswith((" from", " with", " against", " at", " of", " to", " by", "opposing")) and not target:
        verb = verb.rsplit(" ", 1)[0]
    action = f"{actor1} {verb}{' ' + target if target else ''}".strip()
    where = "" if "{place}" in VERBS.get(event.sub_event_type, "") else f" in {place}"
    deaths = f"; {event.fatalities} reported killed" if event.fatalities_known else ""
    claim = f" (claimed by {event.claimed_by})" if event.modality == "claimed" and event.claimed_by else ""
    return f"{_when(event)}, {action}{where}{deaths}{claim}."
