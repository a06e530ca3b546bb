"""From raw fields to a checked Document: the rules every reader shares.

Each reader (text, JSONL, CSV, HTML) finds the fields its own way; the checks
on them (an id, a text that is a string and not empty nor huge, a publication
date that parses and is not in the future) live here so that all formats
reject the same things with the same words.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from frontline.errors import ItemProblem, ItemRejected
from frontline.io.clean import clean_field, clean_text
from frontline.io.decode import Decoded
from frontline.record import Document, Published

# One million characters is about 65 times the longest article in our two
# corpora (15,500 characters; the median is 2,150) and as long as a novel.
# Anything longer is a scraped dump or concatenated files, not one article;
# the pipeline's time and memory grow with the text, so one such item would
# hold a worker far longer than any real article. Rejecting it keeps a batch moving.
MAX_ARTICLE_CHARS = 1_000_000

# How many bytes of one item are read at most before it is called too big
# without decoding it: 8 bytes a character covers any real encoding of a
# 1,000,000-character article (UTF-8 of decomposed Vietnamese takes up to 5,
# JSON's \u escapes 6), so only items that are surely too big are cut short.
MAX_ITEM_BYTES = 8 * MAX_ARTICLE_CHARS

_ID_TYPES = (str, int)


def too_big_by_bytes(size: int, at_least: bool = False) -> str:
    """The reason for an item that was not even read whole (`at_least`: its end was not reached)."""
    more = "more than " if at_least else ""
    return f"article of {more}{size / 1e6:.1f} MB exceeds the {MAX_ARTICLE_CHARS:,} character limit"


def too_long(chars: int) -> str:
    return f"article of {chars:,} characters exceeds the {MAX_ARTICLE_CHARS:,} character limit"


def new_document(*, doc_id: object, text: object, source: str, published: object = None,
                 lang: object = None, url: object = None, outlet: object = None,
                 title: object = None) -> Document:
    """A Document from one item's fields; raises ItemRejected saying what is wrong."""
    doc_id = _checked_id(doc_id)
    if text is None:
        raise ItemRejected("no 'text'")
    if not isinstance(text, str):
        raise ItemRejected(f"'text' is {kind_of(text)}, not a string")
    if len(text) > MAX_ARTICLE_CHARS:
        raise ItemRejected(too_long(len(text)))
    text = clean_text(text)
    if not text:
        raise ItemRejected("empty article")
    return Document(
        doc_id=doc_id,
        text=text,
        published=checked_date(published),
        lang=lang.strip().lower() if isinstance(lang, str) and lang.strip() else None,
        url=clean_field(url),
        outlet=clean_field(outlet),
        title=clean_field(title),
        source_path=source,
    )


def checked_date(value: object, today: dt.date | None = None) -> Published | None:
    """The publication date, None when absent; ItemRejected when invalid or in the future."""
    if value is not None and not isinstance(value, (str, dt.date)):
        raise ItemRejected(f"publication date {value!r} is not YYYY-MM or YYYY-MM-DD")
    try:
        published = Published.parse(value.strip() if isinstance(value, str) else value)
    except ValueError as error:
        raise ItemRejected(str(error)) from None
    # a day of slack: an article dated "today" in Hanoi (UTC+7) is tomorrow for a UTC clock
    latest_possible = (today or dt.date.today()) + dt.timedelta(days=1)
    if published is not None and published.earliest() > latest_possible:
        raise ItemRejected(f"publication date {published} is in the future")
    return published


def document_or_problem(source: str, doc_id: object = None, decoded: Decoded | None = None,
                        **fields: object) -> Iterator[Document | ItemProblem]:
    """What a reader yields for one item: the Document (after any warning) or its problem."""
    name = doc_id if isinstance(doc_id, str) else None
    try:
        doc = new_document(doc_id=doc_id, source=source, **fields)
    except ItemRejected as rejected:
        yield ItemProblem(source, rejected.reason, name)
        return
    if decoded is not None and decoded.replaced:
        yield ItemProblem(source, replaced_bytes_warning(decoded), doc.doc_id, failed=False)
    yield doc


def replaced_bytes_warning(decoded: Decoded) -> str:
    count = decoded.replaced
    return (f"{count} byte{'s' if count > 1 else ''} that {'are' if count > 1 else 'is'} not valid "
            f"{decoded.encoding.upper()} replaced by U+FFFD; the rest of the article was read")


def _checked_id(doc_id: object) -> str:
    if isinstance(doc_id, bool) or not isinstance(doc_id, _ID_TYPES):
        raise ItemRejected("no 'id'" if doc_id is None else f"'id' is {kind_of(doc_id)}, not a string")
    doc_id = str(doc_id).strip()
    if not doc_id:
        raise ItemRejected("empty 'id'")
    return doc_id


def kind_of(value: object) -> str:
    """How a message names a JSON value's type: 'a number', 'a list', 'null'."""
    names = {type(None): "null", str: "a string", bool: "a boolean", int: "a number", float: "a number",
             list: "a list", dict: "an object"}
    return names.get(type(value), type(value).__name__)
