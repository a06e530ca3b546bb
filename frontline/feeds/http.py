"""One polite HTTP client for feeds and pages (httpx).

Polite: a User-Agent naming frontline and its version; robots.txt asked once per host and
obeyed (for feeds too), at every redirect hop; at least `host_delay` seconds between two
requests to one host (robots.txt's Crawl-delay when it asks more); conditional GET, so an
unchanged feed costs a 304 and no body. Robust: connect and read timeouts and a deadline
for the whole answer (a server that trickles bytes cannot hold a poll), a size cap read as
the bytes come (a huge or endless page is cut off, not buffered), and retries with
doubling backoff for what may pass (timeouts, refused connections, 429, 5xx; Retry-After
obeyed up to a cap). A host that cannot be reached is not tried again in the same poll.
Every failure is a FetchFailed whose reason is one line.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from frontline.feeds.robots import RobotsCache

MAX_REDIRECTS = 5
MAX_RETRY_AFTER = 30.0        # seconds: a longer Retry-After is left to the next poll
ROBOTS_MAX_BYTES = 500_000    # RFC 9309: at least 500 KiB of a robots.txt is read

FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


def default_user_agent(contact: str | None = None) -> str:
    import frontline

    extra = f"; {contact}" if contact else ""
    return f"frontline/{frontline.__version__} (news feed watcher for conflict-event research{extra})"


@dataclass(frozen=True, slots=True)
class Politeness:
    """How frontline treats the hosts it fetches from; every number is a command-line option."""

    user_agent: str
    timeout: float = 10.0       # seconds to connect, and at most between two reads of one answer
    deadline: float = 60.0      # seconds for one whole answer
    host_delay: float = 1.0     # seconds between two requests to one host
    retries: int = 2            # further tries of a request that failed in a way that may pass
    backoff: float = 1.0        # seconds before the first retry; doubled for each one after
    max_bytes: int = 5_000_000  # an answer longer than this is refused (a news page is 50-500 KB)


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str                    # after redirects
    status: int                 # 200 (or another 2xx), or 304 for a conditional GET
    content: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None


class FetchFailed(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class _MayPass(FetchFailed):
    """A failure worth retrying (after `wait` seconds when the server said so)."""

    def __init__(self, reason: str, wait: float | None = None, host_down: bool = False, status: int | None = None):
        super().__init__(reason)
        self.wait = wait
        self.host_down = host_down
        self.status = status  # the HTTP status (429 or 5xx) when the server answered


@dataclass(slots=True)
class FetchCounts:
    requests: int = 0
    not_modified: int = 0
    bytes: int = 0


class Fetcher:
    """GET with frontline's manners; `close()` (or `with`) ends its connections."""

    def __init__(self, politeness: Politeness, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic, transport: httpx.BaseTransport | None = None):
        self.politeness = politeness
        self.counts = FetchCounts()
        self._sleep = sleep
        self._clock = clock
        self._next_at: dict[str, float] = {}    # origin -> earliest time of its next request
        self._down: dict[str, str] = {}         # origin -> why it could not be reached in this poll
        self._robots = RobotsCache(self._fetch_robots, clock)
        timeout = httpx.Timeout(politeness.timeout)
        self._client = httpx.Client(timeout=timeout, follow_redirects=False, transport=transport,
                                    headers={"User-Agent": politeness.user_agent})

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def new_poll(self) -> None:
        """Forget which hosts were down: each poll tries every host again."""
        self._down.clear()

    def get(self, url: str, *, accept: str = PAGE_ACCEPT, etag: str | None = None,
            last_modified: str | None = None) -> Fetched:
        """The answer to GET `url` (a 304 when the validators still hold), or FetchFailed."""
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        tries = self.politeness.retries + 1
        for attempt in range(tries):
            try:
                return self._follow(url, headers, self.politeness.max_bytes, check_robots=True)
            except _MayPass as failure:
                if failure.host_down:
                    self._down[_origin(url)] = failure.reason
                if attempt + 1 == tries or failure.host_down:
                    suffix = f" ({tries} tries)" if tries > 1 and not failure.host_down else ""
                    raise FetchFailed(failure.reason + suffix) from None
                self._sleep(failure.wait if failure.wait is not None else self.politeness.backoff * 2 ** attempt)
        raise AssertionError("unreachable")

    def _follow(self, url: str, headers: dict[str, str], max_bytes: int, check_robots: bool) -> Fetched:
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            origin = _origin(current)
            if origin in self._down:
                raise FetchFailed(f"{self._down[origin]} (host not tried again in this poll)")
            if check_robots:
                rules = self._robots.rules(origin)
                if not rules.allows(self.politeness.user_agent, current):
                    raise FetchFailed(rules.unavailable or "disallowed by the host's robots.txt")
                self._wait_turn(origin, rules.crawl_delay(self.politeness.user_agent))
            else:
                self._wait_turn(origin, 0.0)
            location, fetched = self._once(current, headers, max_bytes)
            if fetched is not None:
                return fetched
            current = location
        raise FetchFailed(f"more than {MAX_REDIRECTS} redirects")

    def _once(self, url: str, headers: dict[str, str], max_bytes: int) -> tuple[str, Fetched | None]:
        """One request: (the redirect's target, None) or ("", the answer)."""
        self.counts.requests += 1
        started = self._clock()
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                status = response.status_code
                if response.is_redirect and "location" in response.headers:
                    return urljoin(url, response.headers["location"]), None
                if status == 304:
                    self.counts.not_modified += 1
                    return "", self._answer(url, response, b"")
                if status == 429 or status >= 500:
                    raise _MayPass(f"answered {status} {response.reason_phrase}".rstrip(),
                                   _retry_after(response.headers.get("retry-after")), status=status)
                if status >= 300:
                    raise FetchFailed(f"answered {status} {response.reason_phrase}".rstrip())
                body = self._read(response, max_bytes, started)
                return "", self._answer(url, response, body)
        except httpx.ConnectTimeout:
            raise _MayPass(f"no connection within {self.politeness.timeout:g} s", host_down=True) from None
        except httpx.ConnectError as error:
            raise _MayPass(f"cannot connect ({_short(error)})", host_down=True) from None
        except httpx.TimeoutException:
            raise _MayPass(f"no answer within {self.politeness.timeout:g} s") from None
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as error:
            raise _MayPass(f"the connection broke ({_short(error)})") from None
        except httpx.HTTPError as error:  # a URL httpx cannot request, too many headers, a bad encoding...
            raise FetchFailed(f"cannot be fetched ({type(error).__name__}: {_short(error)})") from None

    def _read(self, response: httpx.Response, max_bytes: int, started: float) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise FetchFailed(f"answer of {int(declared):,} bytes is over the {max_bytes:,}-byte cap")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            self.counts.bytes += len(chunk)
            if size > max_bytes:
                raise FetchFailed(f"answer is over the {max_bytes:,}-byte cap; not read further")
            if self._clock() - started > self.politeness.deadline:
                raise _MayPass(f"answer not complete within {self.politeness.deadline:g} s")
            chunks.append(chunk)
        return b"".join(chunks)

    def _answer(self, url: str, response: httpx.Response, body: bytes) -> Fetched:
        return Fetched(url=url, status=response.status_code, content=body,
                       content_type=response.headers.get("content-type"), etag=response.headers.get("etag"),
                       last_modified=response.headers.get("last-modified"))

    def _wait_turn(self, origin: str, crawl_delay: float) -> None:
        now = self._clock()
        ready = self._next_at.get(origin, now)
        if ready > now:
            self._sleep(ready - now)
        self._next_at[origin] = max(ready, now) + max(self.politeness.host_delay, crawl_delay)

    def _fetch_robots(self, origin: str) -> tuple[int, bytes]:
        """robots.txt of `origin` (redirects followed, no retries: a failure is the next request's reason)."""
        if origin in self._down:
            raise FetchFailed(f"{self._down[origin]} (host not tried again in this poll)")
        try:
            fetched = self._follow(f"{origin}/robots.txt", {"Accept": "text/plain"}, ROBOTS_MAX_BYTES,
                                   check_robots=False)
        except _MayPass as failure:
            if failure.status is not None:
                return failure.status, b""  # the host cannot say now: nothing fetched, asked again later
            # unreachable, or too slow to send a small file: its pages would fare no better in this poll
            self._down[origin] = failure.reason if failure.host_down else f"robots.txt: {failure.reason}"
            raise FetchFailed(self._down[origin]) from None
        except FetchFailed as failure:
            if failure.reason.startswith("answered 4"):
                return 404, b""
            if "cap" in failure.reason:  # RFC 9309: parse what fits; an oversized file is read as empty here
                return 200, b""
            raise
        return fetched.status, fetched.content


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _short(error: Exception) -> str:
    """An httpx error's message without the OS's errno prefix: 'connection refused'."""
    text = str(error).strip() or type(error).__name__
    if text.startswith("[Errno") and "]" in text:
        text = text.split("]", 1)[1].strip()
    return text.splitlines()[0][:200].lower()


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds (a number or an HTTP date), capped; None when absent or unreadable."""
    if not value:
        return None
    if value.strip().isdigit():
        return min(float(value.strip()), MAX_RETRY_AFTER)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return min(max(0.0, when.timestamp() - time.time()), MAX_RETRY_AFTER)
