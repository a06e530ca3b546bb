"""A feed's bytes to its items (feedparser: RSS 0.9x-2.0, RSS 1.0, Atom).

feedparser is given the bytes frontline fetched, never a URL: it fetches nothing. An item
is its link (made absolute, without #fragment or utm_ tracking parameters, so one article
linked two ways is one item), its title, and its publication day as the feed writes it,
in the feed's own time zone: "Mon, 01 Jun 2024 01:30:00 +0700" is 2024-06-01 (feedparser's
own parsed date is UTC, which would make it May 31).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit


@dataclass(frozen=True, slots=True)
class FeedEntry:
    url: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD


@dataclass(slots=True)
class ParsedFeed:
    title: str | None
    entries: list[FeedEntry] = field(default_factory=list)
    warning: str | None = None  # the feed was read despite broken markup, or some items had no link
    malformed: bool = False     # broken markup: perhaps cut off, so its validators are not worth keeping


class FeedUnreadable(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def parse_feed(body: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    """The items of one feed document, in its order, each link once; FeedUnreadable when there is no feed."""
    import feedparser

    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(body, response_headers=headers)
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not parsed.get("version") and not parsed.entries:
        why = f" ({_first_line(problem)})" if problem else ""
        raise FeedUnreadable(f"not an RSS or Atom feed{why}")
    entries: list[FeedEntry] = []
    seen: set[str] = set()
    unlinked = 0
    for raw in parsed.entries:
        link = item_url(raw.get("link") or "", url)
        if link is None:
            unlinked += 1
            continue
        if link in seen:
            continue
        seen.add(link)
        entries.append(FeedEntry(link, _text(raw.get("title")), entry_day(raw)))
    if problem and not entries:
        raise FeedUnreadable(f"malformed feed, no item could be read ({_first_line(problem)})")
    notes = []
    if problem:
        notes.append(f"malformed feed, read as far as possible ({_first_line(problem)})")
    if unlinked:
        notes.append(f"{unlinked} item(s) without an http(s) link skipped")
    return ParsedFeed(_text(parsed.feed.get("title")), entries, "; ".join(notes) or None, malformed=bool(problem))


def item_url(link: str, base: str) -> str | None:
    """The item's key: absolute, http(s) only, no fragment, no utm_* parameters; None when not a web link."""
    if not link.strip():
        return None
    absolute = urljoin(base, link.strip())
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    query = parts.query
    pairs = parse_qsl(query, keep_blank_values=True)
    if any(key.lower().startswith("utm_") for key, _ in pairs):  # else left as written
        query = urlencode([(key, value) for key, value in pairs if not key.lower().startswith("utm_")])
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path or "/", query, ""))


def entry_day(entry: Any) -> str | None:
    """The item's publication day in the time zone the feed wrote it in (else UTC); None when it gives none."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if isinstance(raw, str) and raw.strip():
            day = _day(raw.strip())
            if day:
                return day
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
    return None


def _day(raw: str) -> str | None:
    try:
        return parsedate_to_datetime(raw).date().isoformat()  # RSS: RFC 822
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return dt.datetime.fromisoformat(raw).date().isoformat()  # Atom: RFC 3339
    except ValueError:
        return None


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _first_line(error: object) -> str:
    """The parser's message, its first line: "line 2: no element found" (not "<unknown>:2:34: ...")."""
    text = str(error).strip()
    if not text:
        return type(error).__name__
    text = text.splitlines()[0][:160]
    where, _, message = text.partition(": ")
    if where.startswith("<unknown>:") and message:
        return f"line {where.split(':')[1]}: {message}"
    return text
