"""`frontline eval GOLD_DIR`: extract a gold folder's articles and score them (SPEC.md)."""
from __future__ import annotations

import json
import sys
from collections.abc import Callable
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
    """Extract every article of the folder and score the asserted and claimed events; also how
    often events of each confidence band are right, and what a --min-confidence cut buys."""
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
    return dict(score(gold, events), confidence=confidence_table(gold, events))


BANDS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0001)
CUTS = (0.0, 0.2, 0.4, 0.6, 0.8)


def confidence_table(gold: dict[str, dict], events: dict[str, list[dict]]) -> dict:
    """Reliability (confidence band -> share of events that match a gold event) and, for each
    --min-confidence cut, the event P/R/F1 of what is kept."""
    from frontline.scoring import pair

    right: list[tuple[float, bool]] = []
    for doc_id, doc in gold.items():
        system = events.get(doc_id, [])
        matched = {id(s) for s, _ in pair(system, doc.get("events", []))}
        right += [(float(e.get("confidence") or 0.0), id(e) in matched) for e in system]
    bands = []
    for low, high in zip(BANDS, BANDS[1:]):
        inside = [ok for c, ok in right if low <= c < high]
        bands.append({"band": f"{low:.1f}-{min(high, 1.0):.1f}", "events": len(inside),
                      "right": round(sum(inside) / len(inside), 3) if inside else None})
    cuts = []
    for cut in CUTS:
        kept = {d: [e for e in es if float(e.get("confidence") or 0.0) >= cut] for d, es in events.items()}
        result = score(gold, kept)
        cuts.append({"min_confidence": cut, "events": result["system_events"], **result["event"]})
    return {"reliability": bands, "min_confidence": cuts}


def format_confidence(result: dict) -> str:
    table = result["confidence"]
    lines = ["confidence band   events   right"]
    lines += [f"{b['band']:17s} {b['events']:6d}   {'-' if b['right'] is None else format(b['right'], '.3f')}"
              for b in table["reliability"]]
    lines.append("--min-confidence  events   P      R      F1")
    lines += [f"{c['min_confidence']:<17.1f} {c['events']:6d}   {c['precision']:.3f}  {c['recall']:.3f}  {c['f1']:.3f}"
              for c in table["min_confidence"]]
    return "\n".join(lines)


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


DEFAULT_SETS = (Path("data/annotated/vi/heldout"), Path("../shared/eval/vi-dev"))


def format_side_by_side(results: dict[str, dict]) -> str:
    """Several gold folders' figures in columns, so the held-out and dev figures read together."""
    names = list(results)
    width = max(12, *(len(n) for n in names)) + 2
    lines = ["".ljust(18) + "".join(n.rjust(width) for n in names)]
    def figure(*path: str) -> Callable[[dict], str]:
        def cell(result: dict) -> str:
            value = result
            for key in path:
                value = value[key]
            return f"{value:.3f}" if isinstance(value, float) else str(value)
        return cell

    rows: list[tuple[str, Callable[[dict], str]]] = [
        ("articles", figure("articles")), ("gold events", figure("gold_events")),
        ("system events", figure("system_events"))]
    for key in ("event", "strict"):
        for part in ("precision", "recall", "f1"):
            rows.append((f"{key} {part[:1].upper() if part != 'f1' else 'F1'}", figure(key, part)))
    rows += [(f"  {name}", figure("on_matched", name))
             for name in ("sub_event_type", "actor1", "date_exact", "town_10km")]
    for label, cell in rows:
        lines.append(label.ljust(18) + "".join(cell(results[n]).rjust(width) for n in names))
    return "\n".join(lines)


def cross_validated() -> dict[str, dict]:
    """The figures each shipped model reports from cross-validation on the train folder."""
    from frontline.learn.linear import MODELS_DIR

    found = {}
    for path in sorted(MODELS_DIR.glob("*.json")):
        body = json.loads(path.read_text(encoding="utf-8"))
        found[path.stem] = body.get("report", {}).get("cross_validation", {})
    return found
