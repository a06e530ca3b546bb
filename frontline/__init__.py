"""frontline: Vietnamese news articles in, ACLED-coded conflict events out."""
from __future__ import annotations

import unicodedata

from frontline.record import Document, Event, Published

__all__ = ["extract", "Document", "Event", "Published"]
__version__ = "0.1.0"


def extract(text: str, published: str | None = None, lang: str | None = None,
            doc_id: str = "text", all_modalities: bool = False) -> list[Event]:
    """Events of one article. Only asserted and claimed ones unless all_modalities."""
    from frontline.pipeline import extract_document

    doc = Document(doc_id=doc_id, text=unicodedata.normalize("NFC", text),
                   published=Published.parse(published), lang=lang)
    events = extract_document(doc)
    return events if all_modalities else [e for e in events if e.exported_by_default]
