"""Language resources: one folder of YAML data files per language code."""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import yaml

LANG_DIR = Path(__file__).parent
SUPPORTED = ("vi",)


@cache
def load(lang: str, name: str) -> Any:
    """The parsed content of lang/<lang>/<name>.yaml (cached: files never change at run time)."""
    path = LANG_DIR / lang / f"{name}.yaml"
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def alternation(phrases: Iterable[str]) -> str:
    """A regular-expression alternation of a data file's phrases, escaped, longest first, so that a
    phrase wins over its own first word ("mở màn" over "mở", "bởi vì" over "vì")."""
    return "|".join(re.escape(phrase) for phrase in sorted(phrases, key=len, reverse=True))
