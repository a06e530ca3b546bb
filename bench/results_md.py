"""bench/results.md: each benchmark owns one section, starting at its `## ` heading."""
from __future__ import annotations

from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results.md"


def replace_section(heading: str, text: str) -> None:
    """Replace the section that starts at `heading` with `text` (or add it at the end), leaving the others."""
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    if heading in old:
        start = old.index(heading)
        rest = old.find("\n## ", start + len(heading))
        old = old[:start].rstrip("\n") + ("\n\n" + old[rest + 1:] if rest != -1 else "\n")
    RESULTS.write_text(old.rstrip("\n") + "\n\n" + text, encoding="utf-8")
