"""Extracted articles into the store: each batch written and merged in one transaction.

A batch is stored whole or not at all. An article already stored (same id, or the same text under
another id) is skipped at COMMIT time, so two ingests into one file never store it twice. Reading
and extracting the articles is the application's (frontline/ingest.py); this is the store's part.
"""
from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Iterable

import duckdb

from frontline.batch import ItemResult
from frontline.record import Document
from frontline.store import rows
from frontline.store.db import Store, transaction
from frontline.store.remerge import merge_new
from frontline.store.reports import Report

Clock = Callable[[], float]


def default_clock() -> float:
    """Now, or SOURCE_DATE_EPOCH when set (the reproducible-builds convention), for fixed timestamps."""
    fixed = os.environ.get("SOURCE_DATE_EPOCH")
    return float(fixed) if fixed else time.time()


def store_batch(store: Store, results: list[ItemResult], clock: Clock = default_clock) -> int:
    """Store extracted articles and their events and merge them, in one transaction; how many were new."""
    return len(store_new(store, results, clock))


# Called inside a batch's transaction with the connection and the results new at its commit: what the
# caller keeps about the batch (frontline watch: which feed items are done) commits with it or not at all.
AlsoInBatch = Callable[[duckdb.DuckDBPyConnection, list[ItemResult]], None]


def store_new(store: Store, results: list[ItemResult], clock: Clock,
              also: AlsoInBatch | None = None) -> list[ItemResult]:
    """store_batch's work; the results that were new (stored) at the transaction's commit."""
    now = dt.datetime.fromtimestamp(clock(), dt.UTC).replace(tzinfo=None)
    with store.writing() as con, transaction(con):
        ids, hashes = stored_keys(con, [r.doc for r in results if r.doc is not None])
        fresh: list[ItemResult] = []
        for result in results:
            doc = result.doc
            if doc is None:  # an item that failed: nothing to store
                continue
            digest = rows.content_hash(doc.text)
            if doc.doc_id in ids or digest in hashes:
                continue
            ids.add(doc.doc_id)
            hashes.add(digest)
            fresh.append(result)
        events = [event for result in fresh for event in result.events]
        documents = [(r.doc, r) for r in fresh if r.doc is not None]
        rows.insert(con, "articles", [rows.article_row(doc, len(r.events), now) for doc, r in documents],
                    rows.ARTICLE_SCHEMA)
        rows.insert(con, "events", [rows.event_row(e) for e in events], rows.EVENT_SCHEMA)
        rows.insert(con, "evidence", [span for e in events for span in rows.evidence_rows(e)],
                    rows.EVIDENCE_SCHEMA)
        merge_new(con, [Report.of(e, doc.outlet) for doc, r in documents for e in r.events], now)
        if also is not None:
            also(con, fresh)
    return fresh


def stored_keys(con, docs: Iterable[Document]) -> tuple[set[str], set[str]]:
    docs = list(docs)
    found = con.execute(
        "SELECT article_id, content_hash FROM articles "
        "WHERE article_id IN (SELECT unnest($1)) OR content_hash IN (SELECT unnest($2))",
        [[d.doc_id for d in docs], [rows.content_hash(d.text) for d in docs]]).fetchall()
    return {row[0] for row in found}, {row[1] for row in found}
