"""The values the event filters accept (ACLED event and sub-event types, countries), and what to
say of one that is none of them. A misspelt filter ("Battle", "Narnia") used to match nothing and
succeed, which reads as "no such events"; it is an error that names the nearest valid values.
"""
from __future__ import annotations

import difflib
from functools import cache

from frontline.taxonomy import EVENT_TYPES, SUB_EVENT_TYPES

NEAREST = 3


def _nearest(value: str, valid: list[str]) -> list[str]:
    by_fold = {v.casefold(): v for v in valid}
    return [by_fold[m] for m in difflib.get_close_matches(value.casefold(), list(by_fold), n=NEAREST, cutoff=0.5)]


def _unknown(kind: str, value: str, valid: list[str], list_all: bool) -> str:
    near = _nearest(value, valid)
    hint = f"; did you mean {', '.join(repr(n) for n in near)}?" if near else ""
    listing = f" Valid: {', '.join(valid)}." if list_all else ""
    return f"unknown {kind} {value[:60]!r}{hint}{listing}"


def _problem(kind: str, value: str, valid: list[str], accepted: frozenset[str] | None = None,
             list_all: bool = True) -> str | None:
    """None when `value` (any case) is among `accepted` (by default the `valid` names), else why not."""
    accepted = accepted if accepted is not None else frozenset(v.casefold() for v in valid)
    if value.strip().casefold() in accepted:
        return None
    return _unknown(kind, value, valid, list_all)


def event_type_problem(value: str) -> str | None:
    """None when `value` is an ACLED event type or sub-event type (any case), else why not."""
    return _problem("event type", value, [*EVENT_TYPES, *SUB_EVENT_TYPES])


def sub_event_type_problem(value: str) -> str | None:
    return _problem("sub-event type", value, list(SUB_EVENT_TYPES))


@cache
def _countries() -> tuple[frozenset[str], tuple[str, ...]]:
    """Every accepted spelling (casefolded) and the ACLED names to suggest."""
    from frontline.geo import gazetteer
    from frontline.geo.sources import countries

    names = sorted(set(gazetteer().acled_country_names().values()))
    iso3 = [c["iso3"] for c in countries().values() if c.get("iso3")]
    return frozenset(v.casefold() for v in [*names, *iso3]), tuple(names)


def country_problem(value: str) -> str | None:
    """None when `value` is a country as ACLED spells it or an ISO3 code (any case), else why not."""
    accepted, names = _countries()
    return _problem("country", value, list(names), accepted, list_all=False)
