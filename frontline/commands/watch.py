"""`frontline watch`: news feeds in, events out, for as long as it runs (a few lines over frontline.feeds)."""
from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from frontline.commands.options import (
    DbPath,
    SchedulerOption,
    Wait,
    WorkersOption,
    cluster_errors,
    cluster_spec,
)
from frontline.commands.stopping import interrupted_as_stopped, stopped_with
from frontline.commands.store import store_errors
from frontline.store import DEFAULT_DB

if TYPE_CHECKING:
    from frontline.cluster import ClusterSpec
    from frontline.feeds.feedlist import FeedSource
    from frontline.feeds.http import Politeness
    from frontline.store.db import Store

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*$")
_UNIT = {"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0}


def duration(text: str) -> float:
    """Seconds from "90", "90s", "10m" or "1h"."""
    match = _DURATION.match(text.lower())
    if not match or float(match.group(1)) <= 0:
        raise typer.BadParameter(f"{text!r} is not a duration such as 30s, 10m or 1h")
    return float(match.group(1)) * _UNIT[match.group(2)]


def watch_command(
    feeds: Annotated[list[str] | None, typer.Argument(
        help="Feed URLs (RSS or Atom), or .yaml / .opml files listing them.", show_default=False)] = None,
    db: DbPath = Path(DEFAULT_DB),
    every: Annotated[str, typer.Option(
        "--every", help="Time from one poll's start to the next: 30s, 10m, 1h.")] = "10m",
    once: Annotated[bool, typer.Option(
        "--once", help="Poll once and exit (exit code 1 when anything failed).")] = False,
    list_examples: Annotated[bool, typer.Option(
        "--list-examples", help="Print the example feed list (Vietnamese outlets' world news) and exit.")] = False,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Articles stored per transaction.")] = 20,
    timeout: Annotated[float, typer.Option(
        "--timeout", min=0.01, help="Seconds to connect, and to wait for each read of an answer (a whole answer: "
                                    "6 times this).")] = 10.0,
    host_delay: Annotated[float, typer.Option(
        "--host-delay", min=0.0, help="Seconds between two requests to one host (longer when its robots.txt "
                                      "asks).")] = 1.0,
    retries: Annotated[int, typer.Option(
        "--retries", min=0, help="Further tries, with doubling waits, of a request that timed out, was refused "
                                 "or answered 429 or 5xx.")] = 2,
    contact: Annotated[str | None, typer.Option(
        "--contact", envvar="FRONTLINE_CONTACT", help="An e-mail or URL added to the User-Agent, so that a site's "
                                                      "operator can reach you.")] = None,
    wait: Wait = 60.0,
    scheduler: SchedulerOption = None,
    workers: WorkersOption = None,
) -> None:
    """Poll news feeds, and ingest each new article as `frontline ingest` does, every --every or --once.

    Polite: robots.txt obeyed, one request per host per --host-delay, an unchanged feed costs a 304.

    Each feed or page that fails is one line on stderr and is tried again next poll (a page up to 5 times).

    The feeds' state is kept in the store: a stopped or killed watch resumes where it was.
    """
    from frontline.feeds.feedlist import examples_text, read_feed_list
    from frontline.feeds.http import Politeness, default_user_agent
    from frontline.store.db import Store

    if list_examples:
        sys.stdout.write(examples_text())
        return
    seconds = duration(every)
    found = read_feed_list(list(feeds or []))
    for problem in found.problems:
        print(f"error: {problem}", file=sys.stderr)
    if not found.feeds:
        raise typer.BadParameter("no feed to watch (see --list-examples)", param_hint="FEEDS")
    cluster = cluster_spec(scheduler, workers)
    with stopped_with("stopped; whatever was being fetched or stored and not committed is fetched again on the "
                      "next run"):
        politeness = Politeness(user_agent=default_user_agent(contact), timeout=timeout, deadline=6 * timeout,
                                host_delay=host_delay, retries=retries)
        failed = _run(found.feeds, Store(db, wait=wait), politeness, cluster, every=seconds, once=once,
                      batch_size=batch_size)
    raise typer.Exit(1 if failed or found.problems else 0)


def _run(feeds: list[FeedSource], store: Store, politeness: Politeness, cluster: ClusterSpec | None, *,
         every: float, once: bool, batch_size: int) -> bool:
    """Poll until stopped (or once); True when the --once poll had a failure."""
    from frontline.cluster import open_runner
    from frontline.feeds.http import Fetcher
    from frontline.feeds.watch import watch

    with store_errors(store.path), cluster_errors(), open_runner(cluster) as runner, Fetcher(politeness) as fetcher, \
            interrupted_as_stopped():
        done = watch(feeds, store, fetcher, every=every, once=once,
                     on_poll=lambda summary: print(summary.line(), file=sys.stderr, flush=True),
                     runner=runner, batch_size=batch_size)
    return any(summary.failed for summary in done)


def register(app: typer.Typer) -> None:
    app.command("watch")(watch_command)
