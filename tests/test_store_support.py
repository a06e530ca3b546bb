"""Helpers for the store's tests (no tests here): events made by hand, stores in tmp_path, signatures.

The merge is tested on events built here, so that each test says exactly which
reports should become one event; ingest, the timeline and the fault tests run
the real extraction on real articles.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import dataclass
from pathlib import Path

from frontline.batch import ItemResult
from frontline.record import Document, Event, Published, Span
from frontline.store.db import Store
from frontline.taxonomy import SUB_EVENT_TYPES, interaction

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "eval" / "seed" / "albu_kamal_2017-11.txt"
CORPUS = SHARED / "corpus" / "dantri-2020-21.jsonl"
FIXED_CLOCK = 1_700_000_000.0


@dataclass(frozen=True)
class Where:
    location: str
    country: str
    iso3: str
    admin1: str | None
    latitude: float
    longitude: float
    geonameid: int | None = None
    geo_precision: int = 1


ABU_KAMAL = Where("Albu Kamal", "Syria", "SYR", "Deir ez-Zor", 34.45226, 40.91854, 174448)
HAJIN = Where("Hajin", "Syria", "SYR", "Deir ez-Zor", 34.69, 40.83, 173813)          # 28 km from Albu Kamal
AL_QAIM = Where("Al Qaim", "Iraq", "IRQ", "Anbar", 34.39251, 40.98945, 92138)       # 9 km, across the border
SYRIA = Where("Syria", "Syria", "SYR", None, 35.0, 38.0, 163843, 3)                   # the whole country
DEIR_EZ_ZOR = Where("Deir ez-Zor", "Syria", "SYR", "Deir ez-Zor", 35.0, 40.5, None, 3)  # the governorate
RAFAH = Where("Rafah", "Palestine", "PSE", "Gaza Strip", 31.29722, 34.24357, 281102)
KHAN_YUNIS = Where("Khan Yunis", "Palestine", "PSE", "Gaza Strip", 31.34, 34.30, 281129)  # 7 km from Rafah
INTER = {"Military Forces": 1, "Police Forces": 1, "Civilians": 7, "Protesters": 6, "Rioters": 5}


def inter(actor: str | None) -> int | None:
    if not actor:
        return None
    return next((code for prefix, code in INTER.items() if actor.startswith(prefix)), 2)


def make_event(doc_id: str, number: int, date: str, sub_event_type: str = "Armed clash",
               actor1: str | None = "Military Forces of Syria", actor2: str | None = "Islamic State",
               where: Where = ABU_KAMAL, precision: int = 1, modality: str = "asserted",
               claimed_by: str | None = None, fatalities: int | None = None, sources: tuple[str, ...] = (),
               geo_precision: int | None = None, shift_km: float = 0.0) -> Event:
    """One article's report of an event, with a stable id and a trigger span."""
    event_id = hashlib.sha1(f"{doc_id}:{number}".encode()).hexdigest()[:16]
    i1, i2 = inter(actor1), inter(actor2)
    return Event(
        doc_id=doc_id, event_id=event_id, event_date=date, time_precision=precision,
        event_type=SUB_EVENT_TYPES[sub_event_type], sub_event_type=sub_event_type,
        actor1=actor1, actor2=actor2, inter1=i1, inter2=i2, interaction=interaction(i1, i2),
        country=where.country, iso3=where.iso3, admin1=where.admin1, location=where.location,
        latitude=where.latitude + shift_km / 111.0, longitude=where.longitude,
        geo_precision=geo_precision or where.geo_precision, geonameid=where.geonameid,
        fatalities=fatalities or 0, fatalities_known=fatalities is not None, modality=modality,
        claimed_by=claimed_by, sources=list(sources),
        evidence=[Span("trigger", number * 10, number * 10 + 5, "giao ")], confidence=0.8, notes="",
    )


def make_result(doc_id: str, events: list[Event], outlet: str | None = "Dân Trí",
                published: str = "2017-11-20") -> ItemResult:
    text = f"Bài báo {doc_id}. " + "giao tranh " * (10 * (len(events) + 1))
    doc = Document(doc_id=doc_id, text=text, published=Published.parse(published), lang="vi",
                   url=f"https://example.vn/{doc_id}", outlet=outlet, title=doc_id)
    return ItemResult(doc=doc, events=events)


def fixed_clock() -> float:
    return FIXED_CLOCK


def new_store(tmp_path: Path, name: str = "test.duckdb") -> Store:
    return Store(tmp_path / name, wait=30.0)


def signature(store: Store) -> list[tuple]:
    """What the canonical events say and which reports each holds (no timestamps)."""
    with store.reading() as con:
        events = con.execute("""
            SELECT c.* EXCLUDE (updated_at), list(r.event_id ORDER BY r.event_id) AS members
            FROM canonical_events c JOIN canonical_reports r USING (canonical_id)
            GROUP BY ALL ORDER BY c.canonical_id""").fetchall()
    return [tuple(str(value) for value in row) for row in events]


def synthetic_corpus(seed: int, true_events: int = 30, dense: bool = False) -> tuple[list[ItemResult], int]:
    """Articles reporting `true_events` real events, each in one to four articles, told differently.

    Reports vary as real ones do: day or "around" the day, the town, a point
    a few km off or only the governorate; the actors in either order or one of
    them unnamed; stated as fact or relayed as a party's claim. With
    dense=False the real events are far enough apart in time that the right
    answer is known (one canonical event per real event); dense=True packs
    them into a few days so that reports chain across events.
    """
    rng = random.Random(seed)
    places = [ABU_KAMAL, HAJIN, RAFAH, AL_QAIM]
    types = ["Armed clash", "Air/drone strike", "Government regains territory", "Attack"]
    start = dt.date(2017, 1, 1)
    reports: list[tuple[int, Event]] = []
    article_events: dict[str, list[Event]] = {}
    articles = [f"art-{seed}-{n:03d}" for n in range(max(4, true_events))]
    for number in range(true_events):
        where = places[number % len(places)]
        day = start + dt.timedelta(days=(rng.randrange(0, 6) if dense else 45 * number))
        sub = types[(number // len(places)) % len(types)]
        actors = ("Military Forces of Syria", "Islamic State") if where.country != "Palestine" else \
            ("Military Forces of Israel", "Hamas")
        if sub == "Attack":
            actors = (actors[1], f"Civilians ({where.country})")
        for doc_id in rng.sample(articles, rng.randint(1, 4)):
            told = article_events.setdefault(doc_id, [])
            precision = rng.choice((1, 1, 2))
            date = day + dt.timedelta(days=rng.randint(-2, 2) if precision == 2 else 0)
            a1, a2 = actors if rng.random() < 0.7 else (actors[1], actors[0])
            if rng.random() < 0.2:
                a2 = None
            coarse = rng.random() < 0.15
            told.append(make_event(
                doc_id, len(told), date.isoformat(), sub, a1, a2,
                DEIR_EZ_ZOR if coarse and where.admin1 == "Deir ez-Zor" else where, precision,
                modality="claimed" if rng.random() < 0.3 else "asserted",
                claimed_by=a1 if rng.random() < 0.3 else None, shift_km=rng.uniform(-5, 5),
                fatalities=rng.choice((None, None, 3, 5))))
            reports.append((number, told[-1]))
    results = [make_result(doc_id, events) for doc_id, events in sorted(article_events.items())]
    return results, true_events
