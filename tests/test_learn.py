"""The learned parts: trained only on train/, deterministic, shipped as JSON, and `confidence` usable.

The corpus under data/annotated/vi/ is the real annotated pool; the held-out part and the
eval sets are never trained on, and retraining gives the same bytes.
"""
from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from frontline.batch import process_item
from frontline.io import read_inputs
from frontline.learn.linear import MODELS_DIR, ChoiceModel, LinearModel
from frontline.learn.train import train_models

pytestmark = pytest.mark.slow  # processes, stores and whole parts of the corpus: not the quick loop

ROOT = Path(__file__).resolve().parents[1]
ANNOTATED = ROOT / "data" / "annotated" / "vi"
EVAL = ROOT.parent / "shared" / "eval"
SEED = ROOT / "examples" / "albu_kamal_2017-11.txt"


def _articles(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _runs(text: str, n: int = 10) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i:i + n]) for i in range(max(0, len(words) - n + 1))}


def test_train_holds_no_article_of_heldout_or_the_eval_sets():
    train = _articles(ANNOTATED / "train" / "articles.jsonl")
    others = _articles(ANNOTATED / "heldout" / "articles.jsonl")
    if (EVAL / "vi-dev" / "articles.jsonl").exists():
        others += _articles(EVAL / "vi-dev" / "articles.jsonl")
        others.append({"id": "albu_kamal_2017-11", "text": SEED.read_text(encoding="utf-8")})
    assert len(train) >= 400 and len(others) >= 80
    assert not {a["id"] for a in train} & {a["id"] for a in others}
    seen: dict[str, str] = {}
    for article in others:
        for run in _runs(article["text"]):
            seen[run] = article["id"]
    for article in train:  # near-copies share many ten-word runs; different stories share a few
        shared = {seen[r] for r in _runs(article["text"]) if r in seen}
        counts = [sum(1 for r in _runs(article["text"]) if seen.get(r) == other) for other in shared]
        assert max(counts, default=0) < 20, article["id"]


def test_both_parts_have_gold_for_every_article_and_every_event_type():
    for part in ("train", "heldout"):
        ids = [a["id"] for a in _articles(ANNOTATED / part / "articles.jsonl")]
        gold = _articles(ANNOTATED / part / "gold.jsonl")
        assert [g["doc_id"] for g in gold] == ids
    types = {e["event_type"] for g in _articles(ANNOTATED / "train" / "gold.jsonl") for e in g["events"]}
    assert types == {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
                     "Strategic developments"}


def test_training_refuses_the_held_out_part():
    with pytest.raises(ValueError, match="held-out"):
        train_models(ANNOTATED / "heldout")


def test_retraining_a_slice_gives_the_same_bytes(tmp_path):
    """Deterministic training: the same articles give byte-identical models."""
    slice_dir = tmp_path / "slice"
    slice_dir.mkdir()
    for name in ("articles.jsonl", "gold.jsonl"):
        lines = (ANNOTATED / "train" / name).read_text(encoding="utf-8").splitlines(keepends=True)
        (slice_dir / name).write_text("".join(lines[:60]), encoding="utf-8")
    first = [m.to_json() for m in train_models(slice_dir)]
    second = [m.to_json() for m in train_models(slice_dir)]
    assert first == second
    assert [json.loads(text)["name"] for text in first] == ["place", "type", "sentence", "sentence_type", "event"]


def test_shipped_models_are_small_json_and_load():
    paths = sorted(MODELS_DIR.glob("*.json"))
    assert [p.stem for p in paths] == ["event", "place", "sentence", "sentence_type", "type"]
    assert sum(p.stat().st_size for p in paths) <= 30 * 1024 * 1024
    event = LinearModel.from_json((MODELS_DIR / "event.json").read_text(encoding="utf-8"))
    assert 0.0 < event.threshold < 1.0 and event.report["cross_validation"]["reliability"]
    typing = ChoiceModel.from_json((MODELS_DIR / "type.json").read_text(encoding="utf-8"))
    assert "Air/drone strike" in typing.classes


def test_confidence_is_a_probability_and_min_confidence_filters(tmp_path):
    [result] = [process_item(item) for item in read_inputs([str(SEED)])]
    reported = [e for e in result.events if e.exported_by_default]
    assert reported and all(0.0 <= e.confidence <= 1.0 for e in result.events)
    assert len({e.confidence for e in reported}) > 1, "a confidence that is the same for all helps nobody"
    middle = sorted(e.confidence for e in reported)[len(reported) // 2]
    out = tmp_path / "events.jsonl"
    done = subprocess.run([sys.executable, "-m", "frontline", "extract", str(SEED), "-o", str(out),
                           "--min-confidence", str(middle)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    kept = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert kept and all(e["confidence"] >= middle for e in kept)
    assert len(kept) == sum(1 for e in reported if e.confidence >= middle)


def test_models_change_only_with_a_retrain():
    """The shipped models say what they were trained on: the train part as it is now."""
    event = json.loads((MODELS_DIR / "event.json").read_text(encoding="utf-8"))
    train_articles = len(_articles(ANNOTATED / "train" / "articles.jsonl"))
    assert event["report"]["articles"] == train_articles, "retrain after changing data/annotated/vi/train"
    digest = hashlib.sha256((ANNOTATED / "train" / "gold.jsonl").read_bytes()).hexdigest()
    assert event["report"]["gold_sha256"] == digest, "retrain after changing data/annotated/vi/train"


def test_sure_events_count_only_when_they_are_right_that_often():
    """The event model's regularisation is chosen, among those the folds score alike, for the most
    events given a confidence of 0.8 or more: counted only if 80 % of them are right, reported ones only."""
    from frontline.learn.corpus import Labelled
    from frontline.learn.train import SURE, _sure_events

    def rows(rights: list[bool], modality: str = "asserted") -> list[Labelled]:
        return [Labelled("doc", {}, right, event={"modality": modality}) for right in rights]

    four_of_five = rows([True, True, True, True, False])
    assert SURE == 0.8
    assert _sure_events(four_of_five, [0.9] * 5) == 5
    assert _sure_events(rows([True, True, True, False, False]), [0.9] * 5) == 0   # 60 % right: no use
    assert _sure_events(four_of_five, [0.9, 0.9, 0.9, 0.9, 0.5]) == 4            # under 0.8: not counted
    assert _sure_events(rows([True] * 5, "planned"), [0.9] * 5) == 0             # plans are not reported
    assert _sure_events([], []) == 0
