"""How many people an event killed, from digits, number words and ACLED's vague counts.

"khiến 40 người chết" -> 40; "ít nhất 182 người đã thiệt mạng" -> 182;
"hàng chục người thiệt mạng" -> 12 (ACLED: dozens); "tiêu diệt khoảng 20 chiến binh" -> 20.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from frontline.lang import load


@dataclass(frozen=True, slots=True)
class Count:
    start: int
    end: int
    text: str
    value: int


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict]:
    data = load("vi", "numbers")
    number_words = _alternation(list(data["digits"]))
    vague = _alternation(list(data["vague"]))
    number = rf"(?:\d{{1,3}}(?:\.\d{{3}})+|\d+|(?:(?:{number_words})\s*)+|{vague})"
    people = _alternation(data["people_nouns"])
    bounds = _alternation(data["bounds"])
    fillers = _alternation(data["fillers"])
    deaths = _alternation(data["death_words"])
    # count, then who (a few words, e.g. a nationality), maybe "và" a second count, then the death word:
    # "3 du khách Việt Nam và một hướng dẫn viên người Ai Cập đã thiệt mạng"
    who = rf"(?:{people})(?:\s+[\w\-]+){{0,4}}?"
    count_first = re.compile(
        rf"(?<!\w)(?:(?:{bounds})\s+)?(?P<n>{number})\s+{who}"
        rf"(?:\s+và\s+(?P<n2>{number})\s+[\w\-]+(?:\s+[\w\-]+){{0,6}}?)?"
        rf"(?:\s*,\s*trong đó có[^,.]*,)?(?:\s+(?:{fillers}))*\s+(?:{deaths})(?!\w)", re.IGNORECASE)
    # killing verb, then the count: "tiêu diệt khoảng 20 chiến binh Hamas"
    verb_first = re.compile(
        rf"(?<!\w)(?:tiêu diệt|giết|giết chết|sát hại|bắn chết|hạ sát|hành quyết)\s+(?:(?:{bounds})\s+)?"
        rf"(?P<n>{number})\s+(?:{people})(?!\w)", re.IGNORECASE)
    return count_first, verb_first, data


def parse_number(words: str) -> int | None:
    """An integer from digits ("1.500"), Vietnamese number words or a vague count."""
    _, _, data = _patterns()
    text = " ".join(words.lower().split())
    if text in data["vague"]:
        return int(data["vague"][text])
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+|\d+", text):
        return int(text.replace(".", ""))
    total, current = 0, 0
    digits = data["digits"]
    for word in text.split():
        value = digits.get(word)
        if value is None:
            return None
        if value in (1000, 1000000):
            total += max(current, 1) * value
            current = 0
        elif value == 100:
            current = max(current, 1) * 100
        elif value == 10 and word == "mươi":
            current = max(current, 1) * 10
        else:
            current += value
    return total + current if total + current > 0 else None


def find_deaths(folded: str, start: int, end: int) -> list[Count]:
    """Every death count in folded[start:end], in order."""
    count_first, verb_first, _ = _patterns()
    found: list[Count] = []
    for pattern in (count_first, verb_first):
        for m in pattern.finditer(folded, start, end):
            value = parse_number(m.group("n"))
            if value is None:
                continue
            second = m.groupdict().get("n2")
            value += (parse_number(second) or 0) if second else 0
            found.append(Count(m.start(), m.end(), m.group(), value))
    return sorted(found, key=lambda c: c.start)
