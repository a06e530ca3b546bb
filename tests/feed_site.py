"""A news site on 127.0.0.1 for the watch's tests (no tests here): feeds and article pages.

The pages wrap real articles of ../shared/corpus in simple HTML; the feeds list them as RSS
2.0 or Atom. The site can also misbehave as real ones do: a page that 404s or never
answers, a feed that answers 500 or is not a feed, robots.txt rules. It answers
If-None-Match with a 304 when a feed is unchanged, and logs every request it gets.
"""
from __future__ import annotations

import hashlib
import html
import json
import os
import re
import signal
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from frontline.feeds.feedlist import FeedSource

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def corpus(name: str, count: int, where: str = "") -> list[dict]:
    """The first `count` articles of a corpus file (whose line contains `where`), each text once."""
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"corpus not found: {path}")
    found, texts = [], set()
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if where in line:
                article = json.loads(line)
                if article["text"] not in texts and len(article["text"]) < 6000:
                    texts.add(article["text"])
                    found.append(article)
                    if len(found) == count:
                        break
    return found


def page_html(article: dict) -> bytes:
    """An article page as outlets write them: a menu, the article, a footer."""
    title = html.escape(article.get("title") or article["text"].split("\n", 1)[0])
    paragraphs = "".join(f"<p>{html.escape(line)}</p>\n" for line in article["text"].split("\n") if line.strip())
    date = article.get("published") or "2021-05-01"
    return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta property="og:site_name" content="Báo Thử">'
            f'<meta property="article:published_time" content="{date}T08:00:00+07:00"></head><body>'
            f'<nav><a href="/">Trang chủ</a> <a href="/the-gioi">Thế giới</a> <a href="/kinh-te">Kinh tế</a></nav>'
            f'<article><h1>{title}</h1>\n{paragraphs}</article>'
            f'<footer>© Báo Thử. Liên hệ quảng cáo.</footer></body></html>').encode()


@dataclass
class Feed:
    links: list[str]                     # paths of its items, newest first
    atom: bool = False
    etag: bool = True                    # answers If-None-Match with 304 when unchanged
    status: int | None = None            # answer this instead (500)
    body: bytes | None = None            # answer this instead (a malformed feed)


@dataclass
class Site:
    feeds: dict[str, Feed] = field(default_factory=dict)
    pages: dict[str, bytes] = field(default_factory=dict)
    titles: dict[str, tuple[str, str]] = field(default_factory=dict)   # path -> (title, published)
    statuses: dict[str, int] = field(default_factory=dict)             # path -> an error status to answer
    hanging: set[str] = field(default_factory=set)                     # paths that never answer
    robots: str = "User-agent: *\nDisallow: /private/\n"
    log: list[tuple[float, str, dict[str, str]]] = field(default_factory=list)
    kill: tuple[int, int] | None = None  # (n, pid): SIGKILL pid when the n-th article page is asked for
    released: threading.Event = field(default_factory=threading.Event)
    port: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, article: dict, path: str | None = None) -> str:
        path = path or f"/bai/{article['id']}.html"
        self.pages[path] = page_html(article)
        self.titles[path] = (article.get("title") or article["text"].split("\n", 1)[0],
                             article.get("published") or "2021-05-01")
        return path

    def requests(self, prefix: str = "") -> list[str]:
        with self._lock:
            return [path for _, path, _ in self.log if path.startswith(prefix)]

    def feed_body(self, feed: Feed) -> bytes:
        if feed.body is not None:
            return feed.body
        items = []
        for path in feed.links:
            title, published = self.titles.get(path, ("Không có", "2021-05-01"))
            title = _XML_FORBIDDEN.sub(" ", title)  # a real title may hold a control character XML 1.0 forbids
            if feed.atom:
                items.append(f"<entry><title>{html.escape(title)}</title><link href=\"{self.url(path)}\"/>"
                             f"<id>{self.url(path)}</id><updated>{published}T01:30:00+07:00</updated></entry>")
            else:
                day = time.strptime(published[:10], "%Y-%m-%d")
                stamp = time.strftime("%a, %d %b %Y 01:30:00 +0700", day)
                items.append(f"<item><title>{html.escape(title)}</title><link>{self.url(path)}?utm_source=rss</link>"
                             f"<guid>{self.url(path)}</guid><pubDate>{stamp}</pubDate></item>")
        if feed.atom:
            return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                    f'<title>Báo Thử - Quốc tế</title><id>{self.url("/")}</id><updated>2021-05-01T00:00:00Z</updated>'
                    + "".join(items) + "</feed>").encode()
        return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Báo Thử - Thế giới</title>'
                f'<link>{self.url("/")}</link><description>Tin thế giới</description>'
                + "".join(items) + "</channel></rss>").encode()


class _Handler(BaseHTTPRequestHandler):
    site: Site

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        site = self.site
        path = self.path.split("?", 1)[0]
        with site._lock:
            site.log.append((time.monotonic(), path, dict(self.headers)))
            pages_asked = sum(1 for _, p, _ in site.log if p in site.pages)
        if site.kill and path in site.pages and pages_asked >= site.kill[0]:
            os.kill(site.kill[1], signal.SIGKILL)
            site.kill = None
        if path in site.hanging:
            site.released.wait(30)
            return
        if path in site.statuses:
            self._answer(site.statuses[path], b"error", "text/plain")
        elif path == "/robots.txt":
            self._answer(200, site.robots.encode(), "text/plain")
        elif path in site.feeds:
            self._feed(site.feeds[path])
        elif path in site.pages:
            self._answer(200, site.pages[path], "text/html; charset=utf-8")
        else:
            self._answer(404, b"<html><body>Not found</body></html>", "text/html")

    def _feed(self, feed: Feed) -> None:
        if feed.status:
            self._answer(feed.status, b"server error", "text/plain")
            return
        body = self.site.feed_body(feed)
        etag = f'"{hashlib.sha1(body).hexdigest()[:16]}"'
        if feed.etag and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        kind = "application/atom+xml" if feed.atom else "application/rss+xml"
        self._answer(200, body, f"{kind}; charset=utf-8", {"ETag": etag} if feed.etag else {})

    def _answer(self, status: int, body: bytes, kind: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


class SiteServer:
    """`with SiteServer(site):` serves `site` on a free port of 127.0.0.1 in a thread of this process."""

    def __init__(self, site: Site):
        self.site = site
        handler = type("Handler", (_Handler,), {"site": site})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        site.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Site:
        self.thread.start()
        return self.site

    def __exit__(self, *_: object) -> None:
        self.site.released.set()
        self.server.shutdown()
        self.server.server_close()


def troubled_site(site: Site) -> tuple[list[FeedSource], list[str]]:
    """Two good feeds sharing items, and everything that goes wrong: the good articles' paths too."""
    articles = corpus("vi-conflict-pool.jsonl", 10)
    paths = [site.add(article) for article in articles]
    copy = site.add(articles[0], "/ban-sao/copy.html")      # the same article under another URL
    site.hanging.add("/bai/slow.html")
    site.feeds["/rss/the-gioi.rss"] = Feed(paths[:7] + [copy, "/bai/missing.html", "/private/secret.html"])
    site.feeds["/atom/quoc-te.xml"] = Feed(paths[5:] + ["/bai/slow.html"], atom=True)
    site.feeds["/rss/broken.rss"] = Feed([], body=b"<rss><channel><item><title>cut off")
    site.feeds["/rss/error.rss"] = Feed([], status=500)
    feeds = [FeedSource(site.url(path), "Báo Thử") for path in site.feeds] + [FeedSource(refused_url())]
    return feeds, paths


def refused_url() -> str:
    """A URL on a local port where nothing listens: connection refused."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/rss/the-gioi.rss"
