"""What the sentence model sees of a sentence: its runs of one to three words.

Most sentences that report an event hold a war word of the lexicon; the rest say it in
words no list foresaw ("lực lượng Iraq chiến đấu với IS ở tây Mosul", "giội bom xuống thị
trấn"). Runs of words are what a linear model can learn those phrasings from, and the run
that weighs most is where the event is read, as a war word would be.
"""
from __future__ import annotations

import re

_WORD = re.compile(r"\w+")
LONGEST_RUN = 3


def word_runs(folded: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Every run of one to LONGEST_RUN words of folded[start:end], lower case, with its offsets."""
    words = [(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(folded, start, end)]
    return [(" ".join(w for w, _, _ in words[i:i + n]), words[i][1], words[i + n - 1][2])
            for n in range(1, LONGEST_RUN + 1) for i in range(len(words) - n + 1)]


def sentence_features(runs: list[tuple[str, int, int]]) -> dict[str, float]:
    return {f"G={run}": 1.0 for run, _, _ in runs}
