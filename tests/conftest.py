"""Shared fixtures. Real article text comes from ../shared/corpus, never from the eval sets."""
from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus" / "dantri-2020-21.jsonl"


@pytest.fixture(scope="session")
def corpus_articles() -> list[dict]:
    """Eight real Dân Trí articles (id, text, published, url, outlet, lang, title, topic)."""
    if not CORPUS.exists():
        pytest.skip(f"corpus not found: {CORPUS}")
    with CORPUS.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in itertools.islice(handle, 8)]


@pytest.fixture(scope="session", autouse=True)
def built_gazetteer() -> None:
    """Build the gazetteer once before any test: a command run by a test then finds it, and its stderr
    holds only what the test is about, not the first run's building messages."""
    from frontline.geo.build import build_gazetteer

    build_gazetteer()
