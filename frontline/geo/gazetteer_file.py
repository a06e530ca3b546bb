"""Reading the gazetteer file: point look-ups behind LRU caches.

The file is opened read-only and immutable (it is never written after the
rename), so any number of processes can share it without locks. Each thread
and each forked process gets its own connection.
"""
from __future__ import annotations

import os
import sqlite3
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from frontline.geo.model import Place

_PLACE_COLUMNS = "id, geonameid, name, kind, country, iso2, iso3, admin1, lat, lon, population, seat"


@dataclass(frozen=True, slots=True)
class NameHit:
    """One place a looked-up name can mean."""
    place_id: int
    exact: str   # the stored name's exact key: equal to the query's when diacritics agree
    src: int     # 0 curated, 1 country name, 2 main name, 3 alternate name, 4 spelling key


class Store:
    def __init__(self, path: Path, cache_size: int = 200_000) -> None:
        self.path = path
        self._local = threading.local()
        self.hits = lru_cache(maxsize=cache_size)(self._hits)
        self.place = lru_cache(maxsize=cache_size)(self._place)
        self.spelled = lru_cache(maxsize=cache_size)(self._spelled)

    def _db(self) -> sqlite3.Connection:
        local = self._local
        if getattr(local, "pid", None) != os.getpid():
            uri = f"{self.path.resolve().as_uri()}?mode=ro&immutable=1"
            local.db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            local.pid = os.getpid()
        return local.db

    def _hits(self, fold: str) -> tuple[NameHit, ...]:
        """Every place with a name of this fold key (diacritics, case and spaces aside)."""
        rows = self._db().execute("SELECT exact, place, src FROM name WHERE fold = ?", (fold,)).fetchall()
        return tuple(NameHit(place, exact, src) for exact, place, src in rows)

    def _spelled(self, key: str) -> tuple[tuple[int, str], ...]:
        """(place id, its name without the article) of the towns with this spelling key (text.py)."""
        rows = self._db().execute("SELECT place, bare FROM spelling WHERE key = ?", (key,)).fetchall()
        return tuple((place, bare) for place, bare in rows)

    def _place(self, place_id: int) -> Place | None:
        row = self._db().execute(f"SELECT {_PLACE_COLUMNS} FROM place WHERE id = ?", (place_id,)).fetchone()
        return _to_place(row) if row else None

    def by_geonameid(self, geonameid: int) -> Place | None:
        row = self._db().execute(f"SELECT {_PLACE_COLUMNS} FROM place WHERE geonameid = ?",
                                 (geonameid,)).fetchone()
        return _to_place(row) if row else None

    def country(self, iso2: str) -> Place | None:
        row = self._db().execute(f"SELECT {_PLACE_COLUMNS} FROM place WHERE iso2 = ? AND kind = 'country'",
                                 (iso2.upper(),)).fetchone()
        return _to_place(row) if row else None

    def capital(self, iso2: str) -> Place | None:
        """The largest seat of government of a country (its capital)."""
        row = self._db().execute(f"SELECT {_PLACE_COLUMNS} FROM place WHERE iso2 = ? AND kind = 'city' AND seat = 1 "
                                 "ORDER BY population DESC LIMIT 1", (iso2.upper(),)).fetchone()
        return _to_place(row) if row else None

    def towns(self, west: float, south: float, east: float, north: float, limit: int) -> list[Place]:
        """The most populous towns in a box (west > east: the box crosses the antimeridian), for a map."""
        across = "(lon >= ? OR lon <= ?)" if west > east else "lon BETWEEN ? AND ?"
        rows = self._db().execute(f"SELECT {_PLACE_COLUMNS} FROM place WHERE kind = 'city' AND lat BETWEEN ? AND ? "
                                  f"AND {across} ORDER BY population DESC, geonameid LIMIT ?",
                                  (south, north, west, east, limit)).fetchall()
        return [_to_place(row) for row in rows]

    def town_points(self, iso2: str, admin1: str | None) -> list[tuple[float, float]]:
        """(lat, lon) of every town of a province (or of the country, admin1 None)."""
        if admin1 is None:
            rows = self._db().execute("SELECT lat, lon FROM place WHERE kind = 'city' AND iso2 = ?", (iso2,))
        else:
            rows = self._db().execute("SELECT lat, lon FROM place WHERE kind = 'city' AND iso2 = ? AND admin1 = ?",
                                      (iso2, admin1))
        return [(float(lat), float(lon)) for lat, lon in rows.fetchall()]

    def countries(self) -> dict[str, str]:
        """ISO2 -> ACLED country name, every country."""
        return dict(self._db().execute("SELECT iso2, country FROM place WHERE kind = 'country'").fetchall())

    def lexicon(self) -> frozenset[str]:
        return frozenset(w for (w,) in self._db().execute("SELECT word FROM lexicon"))

    def phrases(self) -> list[str]:
        return [p for (p,) in self._db().execute("SELECT surface FROM phrase")]

    def meta(self) -> dict[str, str]:
        return dict(self._db().execute("SELECT key, value FROM meta").fetchall())


def _to_place(row: tuple) -> Place:
    _, geonameid, name, kind, country, iso2, iso3, admin1, lat, lon, population, seat = row
    return Place(geonameid, name, kind, country, iso2, iso3, admin1, lat, lon, population, bool(seat))
