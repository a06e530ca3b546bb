"""The watch's memory, kept in the store (tables `feeds` and `feed_items`, schema.py's migration 2).

Every function here runs on a connection inside a transaction its caller holds, so that:
a feed's new validators (ETag, Last-Modified) commit together with its new items, written
as pending; an item is marked done (stored, known) or failed in the transaction that
stores its batch. A watch killed at any point finds its pending items again and fetches
them; nothing marked done was not stored, and no 304 hides an item that was never fetched.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from frontline.feeds.parse import FeedEntry

PENDING, STORED, KNOWN, FAILED, GIVEN_UP = "pending", "stored", "known", "failed", "given_up"
MAX_ATTEMPTS = 5  # fetches of one item before it is given up (one per poll: 50 minutes at the default pace)


@dataclass(frozen=True, slots=True)
class FeedState:
    url: str
    etag: str | None
    last_modified: str | None
    failures: int


@dataclass(frozen=True, slots=True)
class FeedPoll:
    """What one feed's request gave: "changed" (its entries), "unchanged" (a 304) or "failed" (why)."""

    url: str
    outcome: str
    outlet: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    entries: tuple[FeedEntry, ...] = ()
    error: str | None = None


@dataclass(frozen=True, slots=True)
class PendingItem:
    url: str
    feed_url: str
    outlet: str | None
    title: str | None
    published: str | None
    attempts: int


def feed_states(con: duckdb.DuckDBPyConnection, urls: Sequence[str]) -> dict[str, FeedState]:
    found = con.execute("SELECT feed_url, etag, last_modified, failures FROM feeds "
                        "WHERE feed_url IN (SELECT unnest($1))", [list(urls)]).fetchall()
    return {row[0]: FeedState(*row) for row in found}


def save_polls(con: duckdb.DuckDBPyConnection, polls: Sequence[FeedPoll], now: dt.datetime) -> int:
    """Each feed's new state and its items not seen before (pending; known when already an article's URL).
    How many items are new and pending."""
    added = 0
    for poll in polls:
        _save_feed(con, poll, now)
        if poll.entries:
            added += _add_items(con, poll, now)
    return added


def _save_feed(con: duckdb.DuckDBPyConnection, poll: FeedPoll, now: dt.datetime) -> None:
    con.execute("INSERT INTO feeds (feed_url, failures) VALUES ($1, 0) ON CONFLICT DO NOTHING", [poll.url])
    if poll.outcome == "changed":
        con.execute("""UPDATE feeds SET outlet = coalesce($2, outlet), etag = $3, last_modified = $4,
                       last_polled_at = $5, last_changed_at = $5, failures = 0, last_error = NULL
                       WHERE feed_url = $1""", [poll.url, poll.outlet, poll.etag, poll.last_modified, now])
    elif poll.outcome == "unchanged":
        con.execute("UPDATE feeds SET last_polled_at = $2, failures = 0, last_error = NULL WHERE feed_url = $1",
                    [poll.url, now])
    else:
        con.execute("UPDATE feeds SET last_polled_at = $2, failures = failures + 1, last_error = $3 "
                    "WHERE feed_url = $1", [poll.url, now, poll.error])


def _add_items(con: duckdb.DuckDBPyConnection, poll: FeedPoll, now: dt.datetime) -> int:
    entries = poll.entries
    inserted = con.execute(f"""
        INSERT INTO feed_items
        SELECT e.item_url, $4, e.title, e.published,
               CASE WHEN EXISTS (SELECT 1 FROM articles a WHERE a.article_id = e.item_url OR a.url = e.item_url)
                    THEN '{KNOWN}' ELSE '{PENDING}' END,
               0, NULL, $5, $5
        FROM (SELECT unnest($1) AS item_url, unnest($2) AS title, unnest($3) AS published) e
        WHERE e.item_url NOT IN (SELECT item_url FROM feed_items)
        RETURNING status""",  # noqa: S608 - constants, not input
                [[e.url for e in entries], [e.title for e in entries], [e.published for e in entries],
                 poll.url, now]).fetchall()
    return sum(1 for (status,) in inserted if status == PENDING)


def due_items(con: duckdb.DuckDBPyConnection, feed_urls: Sequence[str]) -> list[PendingItem]:
    """The items of these feeds still to fetch (new, or failed fewer than MAX_ATTEMPTS times), oldest first."""
    found = con.execute(f"""
        SELECT i.item_url, i.feed_url, f.outlet, i.title, i.published, i.attempts
        FROM feed_items i LEFT JOIN feeds f USING (feed_url)
        WHERE i.status IN ('{PENDING}', '{FAILED}') AND i.feed_url IN (SELECT unnest($1))
        ORDER BY i.first_seen_at, i.item_url""", [list(feed_urls)]).fetchall()  # noqa: S608 - constants
    return [PendingItem(*row) for row in found]


def record_outcomes(con: duckdb.DuckDBPyConnection, outcomes: Sequence[tuple[str, str, str | None]],
                    now: dt.datetime) -> None:
    """(item URL, stored | known | failed, reason) for fetched items; failed the MAX_ATTEMPTS-th time: given up."""
    if not outcomes:
        return
    keys, statuses, reasons = (list(column) for column in zip(*outcomes))
    con.execute(f"""
        UPDATE feed_items SET
            status = CASE WHEN o.status = '{FAILED}' AND feed_items.attempts + 1 >= $4 THEN '{GIVEN_UP}'
                          ELSE o.status END,
            attempts = feed_items.attempts + 1, last_error = o.reason, updated_at = $5
        FROM (SELECT unnest($1) AS item_url, unnest($2) AS status, unnest($3) AS reason) o
        WHERE feed_items.item_url = o.item_url""",  # noqa: S608 - constants
                [keys, statuses, reasons, MAX_ATTEMPTS, now])


def gives_up(item: PendingItem) -> bool:
    """Whether one more failure of `item` is its last (record_outcomes' rule, for the message)."""
    return item.attempts + 1 >= MAX_ATTEMPTS
