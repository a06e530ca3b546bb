"""An HTML page: its main text by trafilatura, its title and date from the page's metadata.

trafilatura leaves menus, related links and footers out; htmldate (inside
trafilatura) reads the date from the page's markup. A page where little text
is left (a 404, a login form, a bare menu) has no article to read.
"""
from __future__ import annotations

from collections.abc import Iterator

from frontline.errors import ItemProblem, ItemRejected
from frontline.io.clean import clean_text
from frontline.io.decode import decode_bytes
from frontline.io.documents import document_or_problem
from frontline.record import Document

NO_ARTICLE = "no article text found in the HTML page"

# Less text than this after extraction is boilerplate: a menu and a 404 line
# come to 20-60 characters, while the shortest article in our corpora has 475.
MIN_PAGE_TEXT_CHARS = 200

# Only dates in the page's markup, not guesses from "© 2020" in the footer:
# a wrong day is worse than none. No upper bound here, so that a date in the
# future reaches our own check and is reported instead of silently dropped.
_DATE_PARAMS = {"original_date": True, "extensive_search": False, "max_date": "2999-12-31"}


def read_html(raw: bytes, doc_id: str, source: str) -> Iterator[Document | ItemProblem]:
    """The Document of one web page, or why there is none."""
    try:
        decoded = decode_bytes(raw)
    except ItemRejected as rejected:
        yield ItemProblem(source, rejected.reason, doc_id)
        return
    if not decoded.text.strip():
        yield ItemProblem(source, "empty article", doc_id)
        return
    try:
        page = _extract(decoded.text)
    except Exception as error:  # noqa: BLE001 -- lxml and htmldate raise many kinds on broken markup
        yield ItemProblem(source, f"the HTML page could not be parsed ({type(error).__name__}: {error})", doc_id)
        return
    if page is None or len(clean_text(page.text or "")) < MIN_PAGE_TEXT_CHARS:
        yield ItemProblem(source, NO_ARTICLE, doc_id)
        return
    yield from document_or_problem(source, doc_id, decoded, text=page.text, published=page.date,
                                   title=page.title, url=page.url, outlet=page.sitename)


def _extract(html: str):  # -> trafilatura.settings.Document | None
    import trafilatura  # 0.2 s to import: only when a page comes

    return trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                       date_extraction_params=_DATE_PARAMS)
