"""Gather the coded chunks of coding/ into train/ and heldout/ with the annotation kit's split.

Usage: python data/annotated/assemble.py [LANG]        (needs ../shared/annotate/split.py)
Only articles whose chunk has a gold line are taken; second codings (coding/second/) stay apart.
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
lang = sys.argv[1] if len(sys.argv) > 1 else "vi"
coding = HERE / lang / "coding"
split = HERE.parents[1].parent / "shared" / "annotate" / "split.py"
articles, gold = [], []
for gold_path in sorted(coding.glob("chunk*.gold.jsonl")):
    coded = {json.loads(line)["doc_id"]: line.rstrip("\n") for line in gold_path.open(encoding="utf-8") if line.strip()}
    chunk_articles = gold_path.with_name(gold_path.name.replace(".gold.", ".articles."))
    for line in chunk_articles.open(encoding="utf-8"):
        if line.strip() and json.loads(line)["id"] in coded:
            articles.append(line.rstrip("\n"))
            gold.append(coded[json.loads(line)["id"]])
with tempfile.TemporaryDirectory() as tmp:
    (Path(tmp) / "articles.jsonl").write_text("\n".join(articles) + "\n", encoding="utf-8")
    (Path(tmp) / "gold.jsonl").write_text("\n".join(gold) + "\n", encoding="utf-8")
    subprocess.run([sys.executable, str(split), f"{tmp}/articles.jsonl", f"{tmp}/gold.jsonl", str(HERE / lang)],
                   check=True)
