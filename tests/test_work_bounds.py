"""Work per article is linear in its length, and no input stops a run.

An article of one war word repeated with no sentence end used to cost its length squared (a
44 KB one 45 s); the fuzzed lines below once ran for over fifteen minutes.
"""
from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from frontline.pipeline import extract_document
from frontline.record import Document, Published

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "albu_kamal_2017-11.txt"
WAR_WORD = "không kích "


def _seconds(text: str) -> float:
    """CPU seconds of this process: the work done, whatever else the machine is running."""
    started = time.process_time()
    extract_document(Document("long", text, Published.parse("2020-01-01")))
    return time.process_time() - started


def test_a_440_kb_article_costs_under_ten_times_a_44_kb_one():
    _seconds(SEED.read_text(encoding="utf-8"))  # start-up: gazetteer, lexicons, models
    small = _seconds(WAR_WORD * 4_000)            # 44 KB
    big = _seconds(WAR_WORD * 40_000)             # 440 KB: read, not refused
    assert big < 10 * small + 1.0, (small, big)


def _bad_lines(count: int, seed: int = 7) -> list[bytes]:
    """Lines of every kind of trouble the reader tests know, real article text among them."""
    rng = random.Random(seed)
    seed_text = SEED.read_text(encoding="utf-8")
    makers = [
        lambda i: json.dumps({"id": f"w{i}", "text": WAR_WORD * rng.randint(100, 800)}, ensure_ascii=False).encode(),
        lambda i: json.dumps({"id": f"s{i}", "text": seed_text * rng.randint(1, 2), "published": "2017-11"},
                             ensure_ascii=False).encode(),
        lambda i: b"\x00" * rng.randint(1, 4096),
        lambda i: bytes(rng.randrange(256) for _ in range(rng.randint(1, 300))),
        lambda i: json.dumps({"id": f"u{i}", "text": seed_text[:500]}).encode("utf-16"),
        lambda i: b'{"id": "broken", "text": "kh\xc3',
        lambda i: json.dumps({"id": f"d{i}", "text": "Quân đội không kích.", "published": "2999-01-01"}).encode(),
        lambda i: json.dumps({"id": f"n{i}", "text": ""}).encode(),
        lambda i: json.dumps([1, 2, 3]).encode(),
        lambda i: b"[" * 5000,
        lambda i: json.dumps({"id": f"e{i}", "text": "Syrian troops shelled the town of Albu Kamal on Sunday. " * 5},
                             ).encode(),
        lambda i: json.dumps({"id": f"c{i}", "text": "\u202e\u200b" * 100 + "không kích Aleppo"}, ensure_ascii=False
                             ).encode(),
    ]
    return [makers[i % len(makers)](i) for i in range(count)]


def test_thousands_of_bad_lines_end_with_one_message_each(tmp_path):
    lines = _bad_lines(2_400)
    path = tmp_path / "fuzz.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    done = subprocess.run([sys.executable, "-m", "frontline.cli", "extract", str(path), "-o", str(tmp_path / "out.jsonl")],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 1  # some items failed, and the run ended
    assert "Traceback" not in done.stderr
    problems = [line for line in done.stderr.splitlines() if line.startswith(("error:", "warning:"))]
    assert len(problems) >= 2_400 // 12 * 6
    assert (tmp_path / "out.jsonl").stat().st_size > 0  # the seed's lines still gave events
