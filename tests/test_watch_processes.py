"""frontline watch as a user runs it: the command twice, a SIGKILL mid-poll then a rerun, and a soak of ten polls.

The site (feed_site.py) is a thread of this test process on 127.0.0.1; the watches are
real subprocesses, except the soak, which measures this process's own memory.
"""
from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from feed_site import Feed, Site, SiteServer, corpus, troubled_site
from test_store_support import signature

from frontline.feeds.feedlist import FeedSource
from frontline.feeds.http import Fetcher, Politeness, default_user_agent
from frontline.feeds.watch import PollSummary, poll, watch
from frontline.store.db import Store

pytestmark = pytest.mark.slow  # processes, a whole poll's extraction, a soak: not the quick loop

CLI = [sys.executable, "-m", "frontline.cli"]
FAST = ["--timeout", "0.5", "--host-delay", "0", "--retries", "1"]


def run_watch(feeds: list[FeedSource], db: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, "watch", *(f.url for f in feeds), "--once", "--db", str(db), *FAST, *extra],
                          capture_output=True, text=True, timeout=180)


def uninterrupted(feeds: list[FeedSource], db: Path) -> Path:
    """The store one whole poll makes, polled in this process (the reference a subprocess's store must equal)."""
    with Fetcher(Politeness(default_user_agent(), timeout=0.5, host_delay=0.0, retries=1)) as fetcher:
        # by URL alone, as run_watch names them: the outlet is then each feed's own title
        poll([FeedSource(feed.url) for feed in feeds], Store(db), fetcher, on_problem=lambda _: None, batch_size=8)
    return db


def articles(db: Path) -> set[tuple[str, str]]:
    with Store(db).reading() as con:
        return set(con.execute("SELECT article_id, content_hash FROM articles").fetchall())


def item_statuses(db: Path) -> dict[str, int]:
    with Store(db).reading() as con:
        return dict(con.execute("SELECT status, count(*) FROM feed_items GROUP BY status").fetchall())


def test_watch_once_stores_each_good_article_once_names_each_failure_then_adds_nothing(tmp_path):
    with SiteServer(Site()) as site:
        feeds, paths = troubled_site(site)
        db = tmp_path / "news.duckdb"
        first = run_watch(feeds, db)
        assert first.returncode == 1, first.stderr  # failures: exit code 1, as ingest's
        assert articles(db) and {a for a, _ in articles(db)} == {site.url(p) for p in paths}
        errors = [line for line in first.stderr.splitlines() if line.startswith("error: ")]
        assert len(errors) == 6, first.stderr
        assert "Traceback" not in first.stderr
        assert re.search(r"^poll 1: 5 feed\(s\) \(0 unchanged, 3 failed\); 14 new item\(s\); 11 page\(s\) fetched; "
                         r"stored 10 new article\(s\) with \d+ event\(s\); 1 already stored; 3 failed;",
                         first.stderr, re.M), first.stderr

        stored = articles(db)
        asked = len(site.requests())
        second = run_watch(feeds, db)
        again = site.requests()[asked:]
    assert articles(db) == stored
    assert re.search(r"^poll 1: 5 feed\(s\) \(2 unchanged, 3 failed\); 0 new item\(s\); 0 page\(s\) fetched; "
                     r"stored 0 new article\(s\) with 0 event\(s\); 0 already stored; 3 failed;", second.stderr, re.M)
    # the good feeds answered 304; of the pages, only the failed ones were asked again
    assert sorted(p for p in again if p.startswith(("/bai/", "/ban-sao/"))) == [
        "/bai/missing.html", "/bai/slow.html", "/bai/slow.html"]
    assert [p for p in again if p.startswith(("/rss/the-gioi", "/atom/"))] == ["/rss/the-gioi.rss", "/atom/quoc-te.xml"]


def test_a_watch_killed_mid_poll_resumes_to_the_store_an_uninterrupted_run_makes(tmp_path):
    pool = corpus("vi-conflict-pool.jsonl", 40)
    with SiteServer(Site()) as site:
        paths = [site.add(article) for article in pool]
        site.feeds["/rss/the-gioi.rss"] = Feed(paths[:25])
        site.feeds["/atom/quoc-te.xml"] = Feed(paths[20:], atom=True)
        feeds = [FeedSource(site.url(path), "Báo Thử") for path in site.feeds]
        whole = uninterrupted(feeds, tmp_path / "whole.duckdb")
        assert len(articles(whole)) == 40

        for kill_at in (1, 20):  # before the first batch is stored; in the third batch's fetching
            db = tmp_path / f"killed-{kill_at}.duckdb"
            pages_asked = sum(1 for p in site.requests() if p in site.pages)
            process = subprocess.Popen([*CLI, "watch", *(f.url for f in feeds), "--once", "--db", str(db), *FAST,
                                        "--batch-size", "8"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            site.kill = (pages_asked + kill_at, process.pid)
            process.communicate(timeout=180)
            assert process.returncode == -9
            before = articles(db)
            assert len(before) == 8 * ((kill_at - 1) // 8)  # whole batches only
            assert item_statuses(db).get("stored", 0) == len(before)  # nothing marked done that was not stored

            asked = len(site.requests())
            rerun = run_watch(feeds, db, "--batch-size", "8")
            assert rerun.returncode == 0, rerun.stderr
            assert "(2 unchanged, 0 failed)" in rerun.stderr  # the feeds answered 304: the items were kept pending
            fetched_again = {site.url(p) for p in site.requests()[asked:] if p in site.pages}
            assert not fetched_again & {a for a, _ in before}  # what was stored is not fetched again
            assert articles(db) == articles(whole)
            assert signature(Store(db)) == signature(Store(whole))
            assert item_statuses(db) == {"stored": 40}


def rss_kb() -> float:
    """This process's resident memory, in KB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return float(line.split()[1])
    pytest.skip("no /proc/self/status")


def test_soak_three_feeds_five_hundred_items_ten_polls_in_bounded_time_and_flat_memory(tmp_path):
    news = corpus("vietnews-sample.jsonl", 500)
    assert len(news) == 500
    site = Site()
    feeds_paths = ["/rss/the-gioi.rss", "/rss/thoi-su.rss", "/atom/quoc-te.xml"]
    for path in feeds_paths:
        site.feeds[path] = Feed([], atom=path.startswith("/atom"))
    pending = [site.add(article) for article in news]
    added: list[str] = []

    def publish(count: int, feeds: list[str]) -> None:
        """`count` new items spread over `feeds`, newest first; each feed lists its latest 60."""
        for n in range(count):
            if not pending:
                return
            path = pending.pop(0)
            added.append(path)
            feed = site.feeds[feeds[n % len(feeds)]]
            feed.links[:0] = [path]
            del feed.links[60:]

    publish(60, feeds_paths)
    memory: list[float] = []
    summaries: list[PollSummary] = []

    def after_poll(summary: PollSummary) -> None:
        summaries.append(summary)
        memory.append(rss_kb())

    def between_polls(_seconds: float) -> None:
        number = len(summaries)
        publish(49, feeds_paths if number % 3 else feeds_paths[:2])  # every third poll one feed is unchanged

    started = time.monotonic()
    with SiteServer(site), Fetcher(Politeness(default_user_agent(), timeout=2.0, host_delay=0.0)) as fetcher:
        watch([FeedSource(site.url(path)) for path in feeds_paths], Store(tmp_path / "soak.duckdb"), fetcher,
              every=0, polls=10, sleep=between_polls, on_poll=after_poll, batch_size=50)
    seconds = time.monotonic() - started

    assert len(added) == 500 and not pending
    assert sum(s.articles_added for s in summaries) == 500 and sum(s.items_failed for s in summaries) == 0
    assert sum(s.feeds_unchanged for s in summaries) >= 3  # the feed left alone answered 304
    page_requests = [p for p in site.requests() if p in site.pages]
    assert sorted(page_requests) == sorted(added)  # each page fetched exactly once over ten polls
    assert seconds < 90, seconds
    # memory: after the warm-up (models, gazetteer, DuckDB) the resident size stays within a bound
    growth_mb = (max(memory[3:]) - memory[2]) / 1024
    print(f"soak: {seconds:.1f} s; RSS after each poll (MB): {[round(m / 1024) for m in memory]}")
    assert growth_mb < 40, memory


def test_on_a_dask_cluster_the_articles_are_extracted_by_the_workers_to_the_same_store(tmp_path):
    pool = corpus("vi-conflict-pool.jsonl", 12)
    with SiteServer(Site()) as site:
        site.feeds["/rss/the-gioi.rss"] = Feed([site.add(article) for article in pool])
        feeds = [FeedSource(site.url("/rss/the-gioi.rss"), "Báo Thử")]
        here, there = uninterrupted(feeds, tmp_path / "here.duckdb"), tmp_path / "dask.duckdb"
        on_dask = run_watch(feeds, there, "--workers", "1")
    assert on_dask.returncode == 0, on_dask.stderr
    assert "stored 12 new article(s)" in on_dask.stderr
    assert articles(there) == articles(here)
    assert signature(Store(there)) == signature(Store(here))


def test_a_running_watch_polls_every_interval_and_stops_cleanly_on_sigterm(tmp_path):
    pool = corpus("vi-conflict-pool.jsonl", 4)
    with SiteServer(Site()) as site:
        site.feeds["/rss.xml"] = Feed([site.add(article) for article in pool[:2]])
        db = tmp_path / "live.duckdb"
        process = subprocess.Popen([*CLI, "watch", site.url("/rss.xml"), "--every", "1s", "--db", str(db), *FAST],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        lines: list[str] = []
        assert process.stderr is not None
        for line in process.stderr:
            lines.append(line)
            if line.startswith("poll 1:"):
                site.feeds["/rss.xml"].links[:0] = [site.add(article) for article in pool[2:]]
            if line.startswith("poll 3:"):
                process.terminate()
                break
        rest = process.communicate(timeout=60)[1]
    assert process.returncode == 130
    assert "stopped;" in rest and "Traceback" not in rest
    polls = [line for line in lines if line.startswith("poll ")]
    assert "stored 2 new article(s)" in polls[0] and "stored 2 new article(s)" in polls[1]
    assert "(1 unchanged, 0 failed)" in polls[2] and "0 page(s) fetched" in polls[2]
    assert len(articles(db)) == 4
