"""frontline watch in one process: feed lists, the polite fetcher, feed parsing, and polls of a local site.

The site (feed_site.py) runs on 127.0.0.1 in a thread of the test process and serves real
articles of ../shared/corpus; nothing leaves the machine.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from feed_site import Feed, Site, SiteServer, corpus, refused_url, troubled_site
from typer.testing import CliRunner

from frontline.cli import app
from frontline.feeds.feedlist import EXAMPLES, FeedSource, read_feed_list
from frontline.feeds.http import Fetcher, FetchFailed, Politeness, default_user_agent
from frontline.feeds.parse import FeedUnreadable, parse_feed
from frontline.feeds.state import MAX_ATTEMPTS
from frontline.feeds.watch import poll, watch
from frontline.store.db import Store

FAST = Politeness(default_user_agent(), timeout=0.5, deadline=3.0, host_delay=0.0, retries=1, backoff=0.05)


def quiet(_problem: object) -> None:
    pass


# --- the feed list --------------------------------------------------------------------------------------------

def test_feed_list_takes_urls_yaml_and_opml_each_feed_once_and_names_bad_entries(tmp_path):
    yaml_file = tmp_path / "feeds.yaml"
    yaml_file.write_text("feeds:\n  - url: https://a.vn/rss/the-gioi.rss\n    outlet: Báo A\n"
                         "  - url: ftp://b.vn/feed\n  - https://c.vn/rss\n", encoding="utf-8")
    opml = tmp_path / "reader.opml"
    opml.write_text('<?xml version="1.0"?><opml version="2.0"><body><outline text="Tin">'
                    '<outline type="rss" text="Báo D" xmlUrl="https://d.vn/rss.xml"/>'
                    '<outline type="rss" text="A again" xmlUrl="https://a.vn/rss/the-gioi.rss"/></outline></body></opml>',
                    encoding="utf-8")
    found = read_feed_list(["https://e.vn/atom", str(yaml_file), str(opml), str(tmp_path / "missing.yaml"),
                            str(tmp_path)])
    assert found.feeds == [FeedSource("https://e.vn/atom"), FeedSource("https://a.vn/rss/the-gioi.rss", "Báo A"),
                           FeedSource("https://c.vn/rss"), FeedSource("https://d.vn/rss.xml", "Báo D")]
    assert len(found.problems) == 3
    assert "entry 2: 'ftp://b.vn/feed' is not an http:// or https:// URL" in found.problems[0]
    assert "missing.yaml: no such file" in found.problems[1]


def test_the_example_feeds_ship_with_the_package_say_they_are_unverified_and_print():
    found = read_feed_list([str(EXAMPLES)])
    assert not found.problems and len(found.feeds) >= 6
    assert all(feed.url.startswith("https://") and feed.outlet for feed in found.feeds)
    assert {"VnExpress", "Tuổi Trẻ", "Thanh Niên", "Dân Trí", "VietnamPlus", "Người Lao Động"} <= {
        feed.outlet for feed in found.feeds}
    printed = CliRunner().invoke(app, ["watch", "--list-examples"])
    assert printed.exit_code == 0 and printed.output == EXAMPLES.read_text(encoding="utf-8")
    assert "UNVERIFIED" in printed.output


def test_watch_without_a_usable_feed_is_a_usage_error(tmp_path):
    done = CliRunner().invoke(app, ["watch", "ftp://x.vn/feed", "--once", "--db", str(tmp_path / "x.duckdb")])
    assert done.exit_code == 2
    assert not (tmp_path / "x.duckdb").exists()


# --- reading feeds ---------------------------------------------------------------------------------------------

def test_an_rss_item_is_dated_in_the_feeds_own_time_zone_and_keyed_without_tracking():
    body = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>VnExpress</title>
      <item><title>Nga tan cong</title><link>https://vnexpress.net/a.html?utm_source=rss&amp;id=4#comments</link>
        <pubDate>Sat, 01 Jun 2024 01:30:00 +0700</pubDate></item>
      <item><title>Again</title><link>https://vnexpress.net/a.html?id=4</link></item>
      <item><title>No link</title></item></channel></rss>"""
    parsed = parse_feed(body, "https://vnexpress.net/rss/the-gioi.rss", "application/rss+xml")
    assert parsed.title == "VnExpress"
    assert [(e.url, e.published) for e in parsed.entries] == [("https://vnexpress.net/a.html?id=4", "2024-06-01")]
    assert "1 item(s) without an http(s) link" in parsed.warning


def test_an_atom_feed_gives_relative_links_made_absolute():
    body = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
      <entry><title>X</title><link href="/the-gioi/x.htm"/><updated>2024-06-01T01:30:00+07:00</updated></entry></feed>"""
    parsed = parse_feed(body, "https://tuoitre.vn/rss/the-gioi.rss")
    assert [(e.url, e.title, e.published) for e in parsed.entries] == [("https://tuoitre.vn/the-gioi/x.htm", "X",
                                                                          "2024-06-01")]


@pytest.mark.parametrize("body", [b"<html><body><p>Trang chu</p></body></html>", b"", b"\x00\x01binary"])
def test_what_is_not_a_feed_is_unreadable(body):
    with pytest.raises(FeedUnreadable, match="not an RSS or Atom feed"):
        parse_feed(body, "https://x.vn/rss")


# --- the fetcher's manners --------------------------------------------------------------------------------------

@pytest.fixture
def site():
    with SiteServer(Site()) as served:
        yield served


def test_requests_name_frontline_and_an_unchanged_feed_costs_a_304(site):
    path = site.add({"id": "a", "text": "Bài báo thử.", "title": "A"})
    site.feeds["/rss.xml"] = Feed([path])
    with Fetcher(FAST) as fetcher:
        first = fetcher.get(site.url("/rss.xml"))
        again = fetcher.get(site.url("/rss.xml"), etag=first.etag)
    assert first.status == 200 and first.etag and again.status == 304 and again.content == b""
    import frontline

    headers = [h for _, p, h in site.log if p == "/rss.xml"]
    assert all(h["User-Agent"].startswith(f"frontline/{frontline.__version__} (") for h in headers)
    assert headers[1]["If-None-Match"] == first.etag


def test_robots_txt_is_asked_once_per_host_and_obeyed(site):
    site.robots = "User-agent: *\nAllow: /\n\nUser-agent: frontline\nDisallow: /private/\n"
    site.pages["/private/a.html"] = site.pages["/public/a.html"] = b"<html>x</html>"
    with Fetcher(FAST) as fetcher:
        with pytest.raises(FetchFailed, match="disallowed by the host's robots.txt"):
            fetcher.get(site.url("/private/a.html"))
        assert fetcher.get(site.url("/public/a.html")).status == 200
    assert site.requests() == ["/robots.txt", "/public/a.html"]


def test_a_host_is_asked_no_faster_than_the_host_delay(site):
    for n in range(3):
        site.pages[f"/p{n}.html"] = b"<html>x</html>"
    with Fetcher(Politeness(default_user_agent(), host_delay=0.4)) as fetcher:
        for n in range(3):
            fetcher.get(site.url(f"/p{n}.html"))
    times = [at for at, _, _ in site.log]  # as the server saw them arrive (a thread's start may lag a little)
    assert len(times) == 4  # robots.txt and three pages
    assert min(b - a for a, b in zip(times, times[1:])) >= 0.3
    assert times[-1] - times[0] >= 1.15


def test_a_page_that_never_answers_fails_within_its_timeout_and_retries(site):
    site.hanging.add("/slow.html")
    started = time.monotonic()
    with Fetcher(FAST) as fetcher, pytest.raises(FetchFailed, match=r"no answer within 0.5 s \(2 tries\)"):
        fetcher.get(site.url("/slow.html"))
    assert time.monotonic() - started < 2.5
    assert site.requests("/slow.html") == ["/slow.html", "/slow.html"]


def test_a_page_over_the_size_cap_is_refused(site):
    site.pages["/big.html"] = b"<html>" + b"x" * 20_000 + b"</html>"
    capped = Politeness(default_user_agent(), host_delay=0.0, max_bytes=10_000)
    with Fetcher(capped) as fetcher, pytest.raises(FetchFailed, match="over the 10,000-byte cap"):
        fetcher.get(site.url("/big.html"))


def test_a_refused_connection_is_one_reason_and_the_host_is_not_asked_again_in_the_poll():
    url = refused_url()
    with Fetcher(FAST) as fetcher:
        with pytest.raises(FetchFailed, match=r"^cannot connect \(connection refused\)$"):
            fetcher.get(url)
        with pytest.raises(FetchFailed, match="not tried again in this poll"):
            fetcher.get(url.replace("the-gioi", "other"))


# --- polls ---------------------------------------------------------------------------------------------------------

def stored(db: Path) -> dict[str, tuple]:
    with Store(db).reading() as con:
        rows = con.execute("SELECT article_id, url, outlet, published, content_hash FROM articles").fetchall()
    return {row[0]: row[1:] for row in rows}


def test_a_poll_stores_every_good_article_once_names_each_failure_and_a_second_adds_nothing(site, tmp_path):
    feeds, paths = troubled_site(site)
    db = tmp_path / "watch.duckdb"
    problems: list = []
    with Fetcher(FAST) as fetcher:
        first = poll(feeds, Store(db), fetcher, on_problem=problems.append)
        articles = stored(db)
        assert set(articles) == {site.url(path) for path in paths}
        assert first.articles_added == 10 and first.articles_known == 1  # the copy: same text, other URL
        assert {outlet for _, outlet, _, _ in articles.values()} == {"Báo Thử"}
        assert all(published for _, _, published, _ in articles.values())
        failures = sorted(str(p) for p in problems if p.failed)
        assert len(failures) == 6, failures
        for where, why in [("/rss/broken.rss", "malformed feed, no item could be read (line"),
                           ("/rss/error.rss", "answered 500"),
                           ("/rss/the-gioi.rss", "cannot connect (connection refused)"),
                           ("/bai/missing.html", "answered 404"), ("/bai/slow.html", "no answer within 0.5 s"),
                           ("/private/secret.html", "disallowed by the host's robots.txt")]:
            assert sum(where in line and why in line for line in failures) == 1, (where, failures)
        assert all(line.count("\n") == 0 for line in failures)

        asked_before = len(site.requests())
        problems.clear()
        second = poll(feeds, Store(db), fetcher, on_problem=problems.append)
    assert stored(db) == articles
    assert (second.items_new, second.articles_added, second.feeds_unchanged) == (0, 0, 2)
    # only the two pages that failed are asked again (retried), no page of a stored article
    asked_again = [path for path in site.requests()[asked_before:] if path.startswith(("/bai/", "/ban-sao/"))]
    assert sorted(asked_again) == ["/bai/missing.html", "/bai/slow.html", "/bai/slow.html"]
    assert any("attempt 2 of" in str(p) for p in problems)


def test_items_that_appear_between_polls_are_fetched_and_a_page_that_comes_back_is_stored(site, tmp_path):
    articles = corpus("dantri-2020-21.jsonl", 6, where='"dantri-news_world_')
    paths = [site.add(article) for article in articles]
    site.feeds["/rss.xml"] = Feed(paths[:3])
    late = site.add(articles[5], "/bai/late.html")
    site.statuses[late] = 503   # not up yet when the feed lists it
    site.feeds["/rss.xml"].links.append(late)
    db = tmp_path / "watch.duckdb"
    feeds = [FeedSource(site.url("/rss.xml"))]

    def between_polls(_seconds: float) -> None:
        site.feeds["/rss.xml"].links[:0] = paths[3:5]   # two new items on top
        site.statuses.pop(late)

    with Fetcher(FAST) as fetcher:
        done = watch(feeds, Store(db), fetcher, every=0, polls=2, sleep=between_polls, on_problem=quiet)
    assert [(s.items_new, s.articles_added, s.items_failed) for s in done] == [(4, 3, 1), (2, 3, 0)]
    assert set(stored(db)) == {site.url(path) for path in [*paths[:5], late]}
    assert sorted(site.requests("/bai/")).count(late) == 3  # one try and one retry in poll 1, stored in poll 2


def test_a_page_that_keeps_failing_is_given_up_after_its_attempts(site, tmp_path):
    site.feeds["/rss.xml"] = Feed(["/bai/gone.html"])
    db = tmp_path / "watch.duckdb"
    problems: list = []
    with Fetcher(FAST) as fetcher:
        watch([FeedSource(site.url("/rss.xml"))], Store(db), fetcher, every=0, polls=MAX_ATTEMPTS + 2,
              sleep=lambda _: None, on_problem=problems.append)
    assert len(site.requests("/bai/gone.html")) == MAX_ATTEMPTS
    assert f"given up after {MAX_ATTEMPTS} attempts" in str(problems[-1])
    with Store(db).reading() as con:
        assert con.execute("SELECT status, attempts, last_error FROM feed_items").fetchall() == [
            ("given_up", MAX_ATTEMPTS, "answered 404 Not Found")]


def test_a_store_made_before_watch_is_upgraded_and_an_article_ingested_from_a_file_is_not_fetched(site, tmp_path):
    import json

    from frontline.ingest import ingest
    from frontline.store import schema

    articles = corpus("dantri-2020-21.jsonl", 3, where='"dantri-news_world_')
    paths = [site.add(article) for article in articles]
    db = tmp_path / "old.duckdb"
    known = tmp_path / "known.jsonl"  # the first article, ingested from a file with the page's URL
    known.write_text(json.dumps({**articles[0], "url": site.url(paths[0])}, ensure_ascii=False) + "\n",
                     encoding="utf-8")
    ingest([str(known)], Store(db, migrations=schema.MIGRATIONS[:1]), on_problem=quiet)
    site.feeds["/rss.xml"] = Feed(paths)
    with Fetcher(FAST) as fetcher:
        done = poll([FeedSource(site.url("/rss.xml"))], Store(db), fetcher, on_problem=quiet)
    assert (done.items_new, done.pages_fetched, done.articles_added) == (2, 2, 2)
    assert paths[0] not in site.requests()
    with Store(db).reading() as con:
        assert schema.current_version(con) == schema.latest_version() == 2
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
        assert dict(con.execute("SELECT status, count(*) FROM feed_items GROUP BY status").fetchall()) == {
            "known": 1, "stored": 2}
