"""Real passages for the extraction tests: where they come from and how they are fed to frontline.

Every passage is copied verbatim from /work/shared/corpus (never the eval sets);
`corpus_texts` lets a test check that it still is.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import pytest

from frontline.record import Event

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


class Passage(NamedTuple):
    doc: str         # article id in /work/shared/corpus
    published: str   # the article's date (Dân Trí) or a plausible one (VietNews)
    text: str        # copied verbatim from the article


def extract(p: Passage, all_modalities: bool = False, rules_only: bool = False) -> list[Event]:
    """The events read from a passage: the rules with the place and type models (the rules alone
    with `rules_only`). Whether a whole article keeps each one is the event model's call, measured
    on held-out articles (test_eval)."""
    import unicodedata

    from frontline.pipeline import Models, extract_document, shipped_models
    from frontline.record import Document, Published

    shipped = shipped_models()
    doc = Document(doc_id=p.doc, text=unicodedata.normalize("NFC", p.text), published=Published.parse(p.published))
    events = extract_document(doc, models=Models() if rules_only else Models(shipped.place, shipped.type))
    return events if all_modalities else [e for e in events if e.exported_by_default]


@lru_cache(maxsize=1)
def corpus_texts() -> dict[str, str]:
    """Article id -> text, for the corpora passages come from (the pool's: articles never coded)."""
    texts: dict[str, str] = {}
    for name in ("vietnews-sample.jsonl", "dantri-2020-21.jsonl", "vi-conflict-pool.jsonl"):
        path = CORPUS / name
        if not path.exists():
            pytest.skip(f"corpus not found: {path}")
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                texts[row["id"]] = row["text"]
    return texts
