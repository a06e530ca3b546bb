"""The poll: every feed asked once, then every item still to fetch fetched and ingested.

One poll, in order:
1. each feed is fetched with its validators (a 304 when unchanged) and parsed; a feed that
   fails is one line, and is asked again next poll;
2. in one transaction, each feed's new validators and its new items (as pending) are saved;
3. the pending items of these feeds (new, or failed before and not yet given up) are
   fetched, taking turns between hosts, and handed to frontline.ingest as documents: the
   same extraction (here or on Dask), the same store, the same merge as `frontline ingest`;
   each batch's articles and the items' new status commit together.
A kill at any point loses nothing: what was not committed is pending and is fetched again.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import zip_longest
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from frontline.errors import ItemProblem
from frontline.feeds.feedlist import FeedSource
from frontline.feeds.http import FEED_ACCEPT, PAGE_ACCEPT, Fetcher, FetchFailed
from frontline.feeds.pages import page_items
from frontline.feeds.parse import FeedUnreadable, parse_feed
from frontline.feeds.state import (
    MAX_ATTEMPTS,
    FeedPoll,
    FeedState,
    PendingItem,
    due_items,
    feed_states,
    gives_up,
    record_outcomes,
    save_polls,
)
from frontline.ingest import Outcome, ingest_items, print_problem
from frontline.record import Document
from frontline.store.db import Store, transaction
from frontline.store.ingest import Clock, default_clock

if TYPE_CHECKING:
    import duckdb

    from frontline.cluster import Runner


@dataclass(slots=True)
class PollSummary:
    number: int = 1            # which poll of the run (watch counts them)
    feeds: int = 0
    feeds_unchanged: int = 0   # answered 304
    feeds_failed: int = 0
    items_new: int = 0         # items not seen before in any feed
    pages_fetched: int = 0
    articles_added: int = 0
    articles_known: int = 0    # fetched, and the same text was already stored
    events_added: int = 0
    items_failed: int = 0      # pages that could not be fetched or read, articles that could not be extracted
    canonical_events: int = 0  # in the whole store after the poll
    requests: int = 0          # HTTP requests, robots.txt and redirects included
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return self.feeds_failed > 0 or self.items_failed > 0

    def line(self) -> str:
        """The one line printed after each poll."""
        feeds = f"{self.feeds} feed(s) ({self.feeds_unchanged} unchanged, {self.feeds_failed} failed)"
        return (f"poll {self.number}: {feeds}; {self.items_new} new item(s); {self.pages_fetched} page(s) fetched; "
                f"stored {self.articles_added} new article(s) with {self.events_added} event(s); "
                f"{self.articles_known} already stored; {self.items_failed} failed; "
                f"{self.canonical_events} canonical event(s); {self.requests} request(s); {self.seconds:.1f} s")


def poll(feeds: Sequence[FeedSource], store: Store, fetcher: Fetcher, *, runner: Runner | None = None,
         batch_size: int = 20, clock: Clock = default_clock,
         on_problem: Callable[[ItemProblem], None] = print_problem) -> PollSummary:
    """One pass over `feeds`: their new items fetched, extracted and stored; failures to `on_problem`."""
    started = time.perf_counter()
    requests_before = fetcher.counts.requests
    summary = PollSummary(feeds=len(feeds))
    urls = [feed.url for feed in feeds]
    fetcher.new_poll()
    with store.writing() as con:  # makes or upgrades the file before any request
        states = feed_states(con, urls)
    polls = [_poll_feed(feed, states.get(feed.url), fetcher, on_problem) for feed in feeds]
    summary.feeds_unchanged = sum(p.outcome == "unchanged" for p in polls)
    summary.feeds_failed = sum(p.outcome == "failed" for p in polls)
    with store.writing() as con:
        with transaction(con):
            summary.items_new = save_polls(con, polls, _now(clock))
        due = due_items(con, urls)
    if due:
        fetched = _Count()
        by_url = {item.url: item for item in due}
        done = ingest_items(_fetch_pages(_taking_turns(due), fetcher, fetched), store, batch_size=batch_size,
                            clock=clock, on_problem=_with_retry_note(by_url, on_problem), runner=runner,
                            on_batch=_recorder(clock))
        summary.pages_fetched = fetched.value
        summary.articles_added, summary.articles_known = done.articles_added, done.articles_known
        summary.events_added, summary.items_failed = done.events_added, done.items_failed
        summary.canonical_events = done.canonical_events
    else:
        with store.reading() as con:
            row = con.execute("SELECT count(*) FROM canonical_events").fetchone()
            summary.canonical_events = int(row[0]) if row else 0
    summary.requests = fetcher.counts.requests - requests_before
    summary.seconds = time.perf_counter() - started
    return summary


def watch(feeds: Sequence[FeedSource], store: Store, fetcher: Fetcher, *, every: float, once: bool = False,
          polls: int | None = None, on_poll: Callable[[PollSummary], None] = lambda _: None,
          sleep: Callable[[float], None] = time.sleep, **options: object) -> list[PollSummary]:
    """Poll every `every` seconds (from the start of one poll to the next) until stopped, or once, or `polls` times.
    `options` go to `poll`. The summaries, oldest first (kept only for a bounded run: once or `polls`)."""
    done: list[PollSummary] = []
    number = 0
    while True:
        number += 1
        started = time.monotonic()
        summary = poll(feeds, store, fetcher, **options)  # type: ignore[arg-type]
        summary.number = number
        on_poll(summary)
        if once or polls is not None:
            done.append(summary)
        if once or (polls is not None and number >= polls):
            return done
        sleep(max(0.0, every - (time.monotonic() - started)))


def _poll_feed(feed: FeedSource, state: FeedState | None, fetcher: Fetcher,
               on_problem: Callable[[ItemProblem], None]) -> FeedPoll:
    where = f"feed {feed.url}"
    try:
        fetched = fetcher.get(feed.url, accept=FEED_ACCEPT, etag=state.etag if state else None,
                              last_modified=state.last_modified if state else None)
        if fetched.status == 304:
            return FeedPoll(feed.url, "unchanged")
        parsed = parse_feed(fetched.content, fetched.url, fetched.content_type)
    except (FetchFailed, FeedUnreadable) as failure:
        on_problem(ItemProblem(where, f"{failure.reason}; asked again next poll"))
        return FeedPoll(feed.url, "failed", error=failure.reason)
    if parsed.warning:
        on_problem(ItemProblem(where, parsed.warning, failed=False))
    outlet = feed.outlet or parsed.title or urlsplit(feed.url).netloc
    if parsed.malformed:  # perhaps cut off in transit: no validators, so the next poll reads it whole
        return FeedPoll(feed.url, "changed", outlet, entries=tuple(parsed.entries))
    return FeedPoll(feed.url, "changed", outlet, fetched.etag, fetched.last_modified, tuple(parsed.entries))


@dataclass(slots=True)
class _Count:
    value: int = 0


def _fetch_pages(items: Iterable[PendingItem], fetcher: Fetcher, fetched: _Count) -> Iterator[Document | ItemProblem]:
    """Each item's page read into a Document, or an ItemProblem; lazily, as ingest takes batches."""
    for item in items:
        try:
            page = fetcher.get(item.url, accept=PAGE_ACCEPT)
        except FetchFailed as failure:
            yield ItemProblem(item.url, failure.reason, item.url)
            continue
        fetched.value += 1
        yield from page_items(item, page)


def _taking_turns(items: Sequence[PendingItem]) -> list[PendingItem]:
    """The items ordered one host after the other (a, b, c, a, b, c...): while one host's delay runs,
    another's page is fetched. Each host's items keep their order."""
    by_host: dict[str, list[PendingItem]] = defaultdict(list)
    for item in items:
        by_host[urlsplit(item.url).netloc].append(item)
    return [item for turn in zip_longest(*by_host.values()) for item in turn if item is not None]


def _with_retry_note(items: dict[str, PendingItem],
                     on_problem: Callable[[ItemProblem], None]) -> Callable[[ItemProblem], None]:
    """A failed item's line says whether it will be tried again (state.record_outcomes' rule)."""
    def report(problem: ItemProblem) -> None:
        item = items.get(problem.doc_id or "")
        if problem.failed and item is not None:
            note = (f"given up after {item.attempts + 1} attempts" if gives_up(item)
                    else f"tried again next poll (attempt {item.attempts + 1} of {MAX_ATTEMPTS})")
            problem = dataclasses.replace(problem, reason=f"{problem.reason}; {note}")
        on_problem(problem)

    return report


def _recorder(clock: Clock) -> Callable[[duckdb.DuckDBPyConnection, list[Outcome]], None]:
    def record(con: duckdb.DuckDBPyConnection, outcomes: list[Outcome]) -> None:
        record_outcomes(con, [(o.key, o.status, o.reason) for o in outcomes], _now(clock))

    return record


def _now(clock: Clock) -> dt.datetime:
    """Naive UTC, as the store keeps times."""
    return dt.datetime.fromtimestamp(clock(), dt.UTC).replace(tzinfo=None)
