"""`frontline eval GOLD_DIR`: extract a gold folder's articles and score them (SPEC.md)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from frontline.scoring import score, scored


def load_gold(gold_dir: Path) -> dict[str, dict]:
    """Gold articles by doc_id, from gold.jsonl or *.gold.json files."""
    docs: dict[str, dict] = {}
    jsonl = gold_dir / "gold.jsonl"
    if jsonl.exists():
        for line in jsonl.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                docs[item["doc_id"]] = item
    for path in sorted(gold_dir.glob("*.gold.json")):
        item = json.loads(path.read_text(encoding="utf-8"))
        docs[item["doc"]["id"]] = item
    if not docs:
        raise FileNotFoundError(f"no gold.jsonl or *.gold.json in {gold_dir}")
    return docs


def article_paths(gold_dir: Path) -> list[str]:
    """The article files of a gold folder: articles.jsonl, or the text file each *.gold.json names."""
    paths = [str(gold_dir / "articles.jsonl")] if (gold_dir / "articles.jsonl").exists() else []
    for gold in sorted(gold_dir.glob("*.gold.json")):
        item = json.loads(gold.read_text(encoding="utf-8"))
        paths.append(str(gold_dir / item["doc"].get("text_file", f"{item['doc']['id']}.txt")))
    return paths


def evaluate_folder(gold_dir: Path, output: Path | None = None) -> dict:
    """Extract every article of the folder and score the asserted and claimed events."""
    from frontline.batch import process_item
    from frontline.io import read_inputs
    from frontline.io.writers import event_json

    gold = load_gold(gold_dir)
    events: dict[str, list[dict]] = {}
    out = output.open("w", encoding="utf-8") if output else None
    try:
        for item in read_inputs(article_paths(gold_dir)):
            result = process_item(item)
            for problem in result.problems:
                print(problem, file=sys.stderr)
            for event in result.events:
                if out is not None and event.exported_by_default:
                    out.write(event_json(event) + "\n")
                record = event.as_dict()
                if scored(record):
                    events.setdefault(event.doc_id, []).append(record)
    finally:
        if out is not None:
            out.close()
    return score(gold, events)


def format_scores(result: dict, as_json: bool = False) -> str:
    """The figures in score.py's own layout, so the two can be read side by side."""
    if as_json:
        return json.dumps(result, ensure_ascii=False)
    lines = [f"articles {result['articles']}  gold {result['gold_events']}  "
             f"system {result['system_events']}  matched {result['matched']}"]
    for key in ("event", "strict"):
        m = result[key]
        lines.append(f"{key:7s} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}")
    lines += [f"  {name:15s} {value:.3f}" for name, value in result["on_matched"].items()]
    return "\n".join(lines)
