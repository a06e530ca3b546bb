"""What a poll of `frontline watch` costs: with nothing new, and with new articles.

    python bench/bench_watch.py [--feeds 8] [--items 50] [--new 5] [--no-write]

Serves `--feeds` feeds, each on its own local server (its own host, as outlets are),
each listing `--items` real Dân Trí articles (../shared/corpus) as pages, and polls
them with the library (as a running `frontline watch` does: robots.txt asked once):

1. the first poll: every item new (feeds x items articles);
2. a poll with nothing new: each feed answers 304 (ETag);
3. the same when the feeds do not send an ETag: each answers 200 and every item is known;
4. a poll with `--new` new articles in each feed;
each with the default politeness (1 s between two requests to one host) and without any
delay (what the machine spends). Times are wall-clock; requests are HTTP requests made.
The figures are printed and written to bench/results.md under their own heading.
"""
from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import platform
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from feed_site import Feed, Site, SiteServer, corpus  # noqa: E402 - the tests' local site
from results_md import replace_section  # noqa: E402 - bench/, beside this script

from frontline.feeds.feedlist import FeedSource  # noqa: E402
from frontline.feeds.http import Fetcher, Politeness, default_user_agent  # noqa: E402
from frontline.feeds.watch import PollSummary, poll  # noqa: E402
from frontline.store.db import Store  # noqa: E402

HEADING = "## Watch: what a poll costs (bench/bench_watch.py)"


def run(feeds: int, items: int, new: int, host_delay: float, folder: Path) -> list[tuple[str, PollSummary]]:
    articles = corpus("dantri-2020-21.jsonl", feeds * (items + new))
    sites = [Site(robots="User-agent: *\nAllow: /\n") for _ in range(feeds)]
    later: list[list[str]] = []
    with contextlib.ExitStack() as stack:
        for n, site in enumerate(sites):
            stack.enter_context(SiteServer(site))
            mine = articles[n * (items + new):(n + 1) * (items + new)]
            site.feeds["/rss/the-gioi.rss"] = Feed([site.add(article) for article in mine[:items]])
            later.append([site.add(article) for article in mine[items:]])
        sources = [FeedSource(site.url("/rss/the-gioi.rss"), f"Báo {n}") for n, site in enumerate(sites)]
        store = Store(folder / f"watch-{host_delay}.duckdb")
        done = []
        with Fetcher(Politeness(default_user_agent(), host_delay=host_delay)) as fetcher:
            done.append((f"first poll: {feeds * items} new articles", poll(sources, store, fetcher)))
            done.append(("nothing new, feeds answer 304", poll(sources, store, fetcher)))
            for site in sites:
                site.feeds["/rss/the-gioi.rss"].etag = False
            done.append((f"nothing new, no ETag: 200 and {feeds * items} known items", poll(sources, store, fetcher)))
            for site, paths in zip(sites, later):
                site.feeds["/rss/the-gioi.rss"].links[:0] = paths
            done.append((f"{feeds * new} new articles ({new} a feed)", poll(sources, store, fetcher)))
    return done


def report(feeds: int, results: dict[float, list[tuple[str, PollSummary]]]) -> str:
    lines = [HEADING, "",
             f"Machine: {platform.machine()}, Python {platform.python_version()}; run {dt.date.today().isoformat()}. "
             f"{feeds} feeds, each its own local server; real Dân Trí articles.", "",
             "| poll | requests | pages fetched | articles stored | time, 1 s between requests to a host "
             "| time, no delay |", "|---|---:|---:|---:|---:|---:|"]
    polite, fast = results[1.0], results[0.0]
    for (name, slow), (_, quick) in zip(polite, fast):
        lines.append(f"| {name} | {slow.requests} | {slow.pages_fetched} | {slow.articles_added} | "
                     f"{slow.seconds:.2f} s | {quick.seconds:.2f} s |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=8)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--new", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="Print only; leave bench/results.md alone.")
    args = parser.parse_args()
    import frontline

    frontline.extract("Quân đội Syria tái chiếm thành phố Albu Kamal hôm 8/11.", published="2017-11")  # load models
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-watch-") as tmp:
        for delay in (0.0, 1.0):
            results[delay] = run(args.feeds, args.items, args.new, delay, Path(tmp))
            for name, summary in results[delay]:
                print(f"host delay {delay:g} s: {name}: {summary.line()}", flush=True)
    text = report(args.feeds, results)
    print(text)
    if not args.no_write:
        replace_section(HEADING, text)


if __name__ == "__main__":
    main()
