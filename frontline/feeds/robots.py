"""robots.txt: what a host lets frontline fetch, asked once per host and kept for a day.

RFC 9309's reading of the answer: rules from a 2xx; a 4xx means there are no rules (all
allowed); a 5xx (or 429) means the host cannot say, so nothing is fetched from it until it can
(kept for a short while only, then asked again). A host that cannot be reached at all is
not cached: the fetch that needed it fails with that reason.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.robotparser import RobotFileParser

KEEP_SECONDS = 24 * 3600.0       # RFC 9309: a cached robots.txt should not be used for more than a day
KEEP_UNAVAILABLE_SECONDS = 600.0  # a 5xx: ask again after this, not before every page
MAX_CRAWL_DELAY = 60.0            # a Crawl-delay beyond this would stall a poll: capped


@dataclass(frozen=True, slots=True)
class Rules:
    parser: RobotFileParser
    unavailable: str | None  # why nothing may be fetched (robots.txt answered 5xx), else None
    expires: float

    def allows(self, user_agent: str, url: str) -> bool:
        return self.unavailable is None and self.parser.can_fetch(user_agent, url)

    def crawl_delay(self, user_agent: str) -> float:
        delay = self.parser.crawl_delay(user_agent) if self.unavailable is None else None
        return min(float(delay), MAX_CRAWL_DELAY) if delay else 0.0


def rules_from(status: int, body: bytes, now: float) -> Rules:
    """The rules a robots.txt answer gives (status after redirects, and its body)."""
    parser = RobotFileParser()
    if 200 <= status < 300:
        parser.parse(body.decode("utf-8", errors="replace").splitlines())
        return Rules(parser, None, now + KEEP_SECONDS)
    if 400 <= status < 500 and status != 429:  # 429 (too many requests) is the server asking to wait
        parser.parse([])  # no rules: everything allowed
        return Rules(parser, None, now + KEEP_SECONDS)
    parser.parse(["User-agent: *", "Disallow: /"])
    return Rules(parser, f"robots.txt answered {status}: the host does not say what may be fetched",
                 now + KEEP_UNAVAILABLE_SECONDS)


class RobotsCache:
    """Rules per origin (scheme://host:port); `fetch(origin)` gets (status, body) or raises."""

    def __init__(self, fetch: Callable[[str], tuple[int, bytes]], clock: Callable[[], float] = time.monotonic):
        self._fetch = fetch
        self._clock = clock
        self._rules: dict[str, Rules] = {}

    def rules(self, origin: str) -> Rules:
        now = self._clock()
        cached = self._rules.get(origin)
        if cached is None or cached.expires <= now:
            status, body = self._fetch(origin)
            cached = self._rules[origin] = rules_from(status, body, now)
        return cached
