"""A fetched article page to the Document frontline ingests, read as `.html` input is.

The main text is trafilatura's (frontline.io.webpage, unchanged). The feed knows some
things better than the page: the publication day (a structured field, in the outlet's
own time zone) and the title it announced; the outlet is the feed list's name for it.
The page's metadata fills what the feed does not give. The article's id is the item's
URL, so the same link is one article however many feeds carry it.
"""
from __future__ import annotations

from collections.abc import Iterator

from frontline.errors import ItemProblem, ItemRejected
from frontline.feeds.http import Fetched
from frontline.feeds.state import PendingItem
from frontline.io.documents import checked_date
from frontline.io.webpage import read_html
from frontline.record import Document

HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")


def page_items(item: PendingItem, fetched: Fetched) -> Iterator[Document | ItemProblem]:
    """The Document of one fetched page (after any warning), or the ItemProblem saying why there is none."""
    kind = (fetched.content_type or "text/html").split(";")[0].strip().lower()
    if kind not in HTML_TYPES:
        yield ItemProblem(item.url, f"not a web page ({kind})", item.url)
        return
    try:
        feed_day = checked_date(item.published)
    except ItemRejected as rejected:
        yield ItemProblem(item.url, f"the feed's date: {rejected.reason}", item.url)
        return
    for read in read_html(fetched.content, item.url, item.url):
        if isinstance(read, Document):
            read.published = feed_day or read.published
            read.title = item.title or read.title
            read.outlet = item.outlet or read.outlet
            read.url = fetched.url
        yield read
