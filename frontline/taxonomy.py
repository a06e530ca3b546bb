"""ACLED's event types, sub-event types, disorder types and actor names, spelled as ACLED spells them."""
from __future__ import annotations

SUB_EVENT_TYPES: dict[str, str] = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Air/drone strike": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Chemical weapon": "Explosions/Remote violence",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Sexual violence": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
}

DISORDER_TYPES: dict[str, str] = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}

EVENT_TYPES = tuple(dict.fromkeys(SUB_EVENT_TYPES.values()))
# the sub-event types by which a party takes a place by force, and every change of who holds it
TERRITORY_TAKEN = ("Government regains territory", "Non-state actor overtakes territory")
TERRITORY_CHANGES = (*TERRITORY_TAKEN, "Non-violent transfer of territory")


def event_type(sub_event_type: str) -> str:
    return SUB_EVENT_TYPES[sub_event_type]


def disorder_type(event_type_name: str) -> str:
    return DISORDER_TYPES[event_type_name]


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's two-digit interaction code: the smaller inter first; "10" for an actor alone."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


# ACLED's names for actors it names by kind and country (its codebook): "Military Forces of Syria".
ACTOR_NAME_TEMPLATES: dict[str, str] = {
    "military": "Military Forces of {country}",
    "police": "Police Forces of {country}",
    "government": "Government of {country}",
    "protesters": "Protesters ({country})",
    "rioters": "Rioters ({country})",
    "civilians": "Civilians ({country})",
    "unidentified": "Unidentified Armed Group ({country})",
    "sole": "Sole Perpetrator ({country})",
    "militia": "Militia ({country})",
    "iran_backed": "Iran-backed Militias ({country})",
}

# ACLED's inter codes by actor kind: 1 state forces, 3 political militias, 5 rioters, 6 protesters, 7 civilians.
INTER_CODES: dict[str, int] = {
    "military": 1, "police": 1, "government": 1, "protesters": 6, "rioters": 5, "civilians": 7,
    "unidentified": 3, "sole": 3, "militia": 3, "iran_backed": 3,
}

# ACLED writes "the" before these countries in actor names ("Military Forces of the United States").
COUNTRIES_WITH_ARTICLE = frozenset({
    "United States", "Philippines", "United Kingdom", "Netherlands", "Democratic Republic of Congo",
    "Republic of Congo", "Central African Republic", "Gambia", "Bahamas", "Comoros", "Maldives",
    "United Arab Emirates", "Czech Republic", "Dominican Republic", "Marshall Islands", "Solomon Islands",
})


def actor_name(kind: str, country: str) -> str:
    """ACLED's name for the actor of `kind` of `country`."""
    if kind in ("military", "police", "government") and country in COUNTRIES_WITH_ARTICLE:
        country = "the " + country
    return ACTOR_NAME_TEMPLATES[kind].format(country=country)
