"""The store's tables, as a list of numbered migrations.

A database records in `schema_version` every migration applied to it. Opening
it for writing applies the ones it lacks, each in its own transaction, so a
file made by an older frontline opens after an upgrade; a file made by a newer
frontline is refused rather than misread. Never edit a migration that has
shipped: add the next one.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

APPLICATION = "frontline"


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


_INITIAL = (
    # What this file is: a foreign DuckDB file has no such row, and is refused.
    """CREATE TABLE store_info (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)""",
    """CREATE TABLE articles (
        article_id VARCHAR PRIMARY KEY,
        content_hash VARCHAR NOT NULL UNIQUE,  -- sha256 of the text: the same article under another id
        url VARCHAR,
        outlet VARCHAR,
        title VARCHAR,
        published VARCHAR,                     -- as given: YYYY-MM-DD or YYYY-MM
        language VARCHAR,
        source_path VARCHAR,
        text VARCHAR NOT NULL,
        event_count INTEGER NOT NULL,          -- events stored with it, every modality
        ingested_at TIMESTAMP NOT NULL
    )""",
    # One row per extracted event (one article's report), all modalities.
    """CREATE TABLE events (
        event_id VARCHAR PRIMARY KEY,
        article_id VARCHAR NOT NULL,
        event_date DATE NOT NULL,
        time_precision TINYINT NOT NULL,
        event_type VARCHAR NOT NULL,
        sub_event_type VARCHAR NOT NULL,
        actor1 VARCHAR, assoc_actor_1 VARCHAR[] NOT NULL,
        actor2 VARCHAR, assoc_actor_2 VARCHAR[] NOT NULL,
        inter1 TINYINT, inter2 TINYINT, interaction TINYINT,
        country VARCHAR, iso3 VARCHAR, admin1 VARCHAR, location VARCHAR,
        latitude DOUBLE, longitude DOUBLE, geo_precision TINYINT, geonameid BIGINT,
        fatalities INTEGER NOT NULL, fatalities_known BOOLEAN NOT NULL,
        modality VARCHAR NOT NULL, claimed_by VARCHAR, sources VARCHAR[] NOT NULL,
        confidence DOUBLE NOT NULL, notes VARCHAR NOT NULL, lang VARCHAR
    )""",
    """CREATE TABLE evidence (
        event_id VARCHAR NOT NULL,
        role VARCHAR NOT NULL,
        start_char INTEGER NOT NULL,   -- [start_char, end_char) in articles.text
        end_char INTEGER NOT NULL,
        text VARCHAR NOT NULL
    )""",
    # One row per real event: the merge of every article's report of it.
    """CREATE TABLE canonical_events (
        canonical_id VARCHAR PRIMARY KEY,
        component_id VARCHAR NOT NULL,  -- the reports that could be one event, re-merged together
        event_date DATE NOT NULL,
        time_precision TINYINT NOT NULL,
        event_type VARCHAR NOT NULL,
        sub_event_type VARCHAR NOT NULL,
        actor1 VARCHAR, assoc_actor_1 VARCHAR[] NOT NULL,
        actor2 VARCHAR, assoc_actor_2 VARCHAR[] NOT NULL,
        inter1 TINYINT, inter2 TINYINT, interaction TINYINT,
        country VARCHAR, iso3 VARCHAR, admin1 VARCHAR, location VARCHAR,
        latitude DOUBLE, longitude DOUBLE, geo_precision TINYINT, geonameid BIGINT,
        fatalities INTEGER NOT NULL, fatalities_known BOOLEAN NOT NULL,
        modality VARCHAR NOT NULL,          -- asserted when any report asserts it, else claimed (or its own)
        asserted_reports INTEGER NOT NULL,  -- reports that state it as fact
        claimed_reports INTEGER NOT NULL,   -- reports that only relay a party's announcement
        claimed_by VARCHAR[] NOT NULL,
        sources VARCHAR[] NOT NULL,         -- outlets and the agencies they cite
        article_count INTEGER NOT NULL,
        report_count INTEGER NOT NULL,
        confidence DOUBLE NOT NULL,
        notes VARCHAR NOT NULL,
        content_hash VARCHAR NOT NULL,      -- unchanged content keeps its updated_at
        updated_at TIMESTAMP NOT NULL
    )""",
    # The link of each canonical event to every article (and, through events
    # and evidence, every span) that reported it.
    """CREATE TABLE canonical_reports (
        event_id VARCHAR PRIMARY KEY,
        canonical_id VARCHAR NOT NULL,
        component_id VARCHAR NOT NULL,
        article_id VARCHAR NOT NULL,
        modality VARCHAR NOT NULL,
        claimed_by VARCHAR
    )""",
)

# `frontline watch`: each feed's conditional-GET validators and health, and every item link seen
# in a feed with what became of it. An item is written as pending in the transaction that saves its
# feed's new ETag, and marked done in the transaction that stores its article: a watch killed at any
# point finds its pending items here and loses none of them to a 304.
_FEEDS = (
    """CREATE TABLE feeds (
        feed_url VARCHAR PRIMARY KEY,
        outlet VARCHAR,                       -- as the feed list names it, else the feed's own title
        etag VARCHAR,                         -- validators of the last 200, sent back: unchanged costs a 304
        last_modified VARCHAR,
        last_polled_at TIMESTAMP,             -- the last attempt, whatever came of it
        last_changed_at TIMESTAMP,            -- the last 200 whose items were read
        failures INTEGER NOT NULL DEFAULT 0,  -- failed polls in a row; 0 after a good one
        last_error VARCHAR
    )""",
    """CREATE TABLE feed_items (
        item_url VARCHAR PRIMARY KEY,  -- the item's link (no #fragment, no utm_ parameters); its article_id
        feed_url VARCHAR NOT NULL,     -- the first feed it was seen in
        title VARCHAR,                 -- as the feed gives it
        published VARCHAR,             -- YYYY-MM-DD in the feed's own time zone, when it gives one
        status VARCHAR NOT NULL,       -- pending, stored, known (same text stored), failed (retried), given_up
        attempts INTEGER NOT NULL,     -- fetches tried
        last_error VARCHAR,
        first_seen_at TIMESTAMP NOT NULL,
        updated_at TIMESTAMP NOT NULL
    )""",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, events, evidence, canonical events and their reports", _INITIAL),
    Migration(2, "feeds and the items seen in them (frontline watch)", _FEEDS),
)


def latest_version(migrations: tuple[Migration, ...] = MIGRATIONS) -> int:
    return migrations[-1].version


def is_store(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the open file holds frontline's tables (its `store_info` says so)."""
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('store_info', 'schema_version')"
    ).fetchone()
    if found is None or found[0] < 2:
        return False
    row = con.execute("SELECT value FROM store_info WHERE key = 'application'").fetchone()
    return row is not None and row[0] == APPLICATION


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
    return int(row[0]) if row else 0


def create(con: duckdb.DuckDBPyConnection, migrations: tuple[Migration, ...] = MIGRATIONS) -> None:
    """Make a new, empty store in a new file: the version table first, then every migration."""
    con.execute("BEGIN TRANSACTION")
    con.execute("""CREATE TABLE schema_version (
        version INTEGER PRIMARY KEY, description VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)""")
    _apply(con, migrations[0])
    con.execute("INSERT INTO store_info VALUES ('application', $1)", [APPLICATION])
    con.execute("COMMIT")
    upgrade(con, migrations)


def upgrade(con: duckdb.DuckDBPyConnection, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[int]:
    """Apply the migrations the file lacks, oldest first; the versions applied."""
    have = current_version(con)
    applied = []
    for migration in migrations:
        if migration.version <= have:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            _apply(con, migration)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        applied.append(migration.version)
    return applied


def _apply(con: duckdb.DuckDBPyConnection, migration: Migration) -> None:
    for statement in migration.statements:
        con.execute(statement)
    con.execute("INSERT INTO schema_version VALUES ($1, $2, $3)",
                [migration.version, migration.description, dt.datetime.now(dt.UTC).replace(tzinfo=None)])
