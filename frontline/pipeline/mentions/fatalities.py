"""How many people an event killed, from digits, number words and ACLED's vague counts.

"khiến 40 người chết" -> 40; "ít nhất 182 người đã thiệt mạng" -> 182;
"hàng chục người thiệt mạng" -> 12 (ACLED: dozens); "tiêu diệt khoảng 20 chiến binh" -> 20.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from frontline.lang import load


@dataclass(frozen=True, slots=True)
class Count:
    start: int
    end: int
    text: str
    value: int


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class NumberWords:
    """A language's number words and death-count phrasings (numbers.yaml), compiled once."""
    count_first: re.Pattern[str]   # "ít nhất 182 người đã thiệt mạng"
    verb_first: re.Pattern[str]    # "tiêu diệt khoảng 20 chiến binh"
    digits: dict[str, int]
    vague: dict[str, int]          # ACLED's figures for "hàng chục", "hàng trăm" ...

    @classmethod
    def of(cls, code: str) -> NumberWords:
        data = load(code, "numbers")
        number_words = _alternation(list(data["digits"]))
        vague = _alternation(list(data["vague"]))
        number = rf"(?:\d{{1,3}}(?:\.\d{{3}})+|\d+|(?:(?:{number_words})\s*)+|{vague})"
        people = _alternation(data["people_nouns"])
        bounds = _alternation(data["bounds"])
        fillers = _alternation(data["fillers"])
        deaths = _alternation(data["death_words"])
        also = _alternation(data["and"])
        among = _alternation(data["among_them"])
        # count, then who (a few words, e.g. a nationality), maybe "và" a second count, then the death word:
        # "3 du khách Việt Nam và một hướng dẫn viên người Ai Cập đã thiệt mạng"
        who = rf"(?:{people})(?:\s+[\w\-]+){{0,4}}?"
        count_first = re.compile(
            rf"(?<!\w)(?:(?:{bounds})\s+)?(?P<n>{number})\s+{who}"
            rf"(?:\s+(?:{also})\s+(?P<n2>{number})\s+[\w\-]+(?:\s+[\w\-]+){{0,6}}?)?"
            rf"(?:\s*,\s*(?:{among})[^,.]*,)?(?:\s+(?:{fillers}))*\s+(?:{deaths})(?!\w)", re.IGNORECASE)
        # killing verb, then the count: "tiêu diệt khoảng 20 chiến binh Hamas"
        verb_first = re.compile(
            rf"(?<!\w)(?:{_alternation(data['killing_verbs'])})\s+(?:(?:{bounds})\s+)?"
            rf"(?P<n>{number})\s+(?:{people})(?!\w)", re.IGNORECASE)
        return cls(count_first, verb_first, dict(data["digits"]), dict(data["vague"]))


def parse_number(words: NumberWords, text: str) -> int | None:
    """An integer from digits ("1.500"), number words or a vague count."""
    text = " ".join(text.lower().split())
    if text in words.vague:
        return int(words.vague[text])
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+|\d+", text):
        return int(text.replace(".", ""))
    total, current = 0, 0
    for word in text.split():
        value = words.digits.get(word)
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


def find_deaths(words: NumberWords, folded: str, start: int, end: int) -> list[Count]:
    """Every death count in folded[start:end], in order."""
    found: list[Count] = []
    for pattern in (words.count_first, words.verb_first):
        for m in pattern.finditer(folded, start, end):
            value = parse_number(words, m.group("n"))
            if value is None:
                continue
            second = m.groupdict().get("n2")
            value += (parse_number(words, second) or 0) if second else 0
            found.append(Count(m.start(), m.end(), m.group(), value))
    return sorted(found, key=lambda c: c.start)
