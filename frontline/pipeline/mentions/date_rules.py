"""The shapes of date expressions, and the calendar arithmetic behind them.

Words come from lang/<code>/dates.yaml; this module only arranges them into one
regular expression per form, with named groups that dates.py resolves, plus
the small look-arounds (the word before, the words after) that decide whether
an ambiguous match ("thứ hai", "1/3") is a date at all, and the ranges that a
resolved expression covers.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from frontline.lang import load
from frontline.record import Published

DAY = dt.timedelta(days=1)
YEAR = r"(?:19|20)\d\d"
# Nothing number-like may follow: "1.300", "8/11/17", "3-1-0"; "30/4-1/5" is two dates.
END = r"(?!\d|[.,/]\d|[-–]\d{1,2}(?![/.\-–]\d))"
_NOT_BEFORE_DAY = r"\w.,/+"  # not a day inside "1.300", "12/8/11", "+84"
_NOT_BEFORE_WORDY_DAY = _NOT_BEFORE_DAY + r"\-–"  # nor "Hwasong -15 tháng 11/2017"
_KEPT_BEFORE = ("tod", "noun", "part", "n")  # in the span; "ctx" is not
_PREV_WORD = re.compile(r"(\w+)\s*$")


def _escaped(word: str) -> str:
    return re.escape(word).replace(r"\ ", r"\s+")


def alt(words: Iterable[object], case: bool = False) -> str:
    """An alternation, longest first, ignoring case unless told not to; a space matches any spaces."""
    body = "|".join(_escaped(word) for word in sorted({str(w) for w in words}, key=len, reverse=True))
    return f"(?:{body})" if case else f"(?i:{body})"


def anchored(words: Iterable[object]) -> str:
    """alt(words) at the start of a core, only at the start of a word. It opens with a plain class
    of first letters ("[HhNn]"), which lets re skip through a text several times faster."""
    ordered = sorted({str(w) for w in words}, key=len, reverse=True)
    firsts = "".join(sorted({c for w in ordered for c in (w[0].lower(), w[0].upper())}))
    rests = "|".join(f"(?<={_either_case(w[0])}){_escaped(w[1:])}" for w in ordered)
    return rf"[{re.escape(firsts)}](?<!\w.)(?i:{rests})"


def _either_case(letter: str) -> str:
    return f"[{re.escape(letter.lower() + letter.upper())}]"


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.VERBOSE)


@dataclass(frozen=True, slots=True)
class Hit:
    """A core match and the words found before it, read as one: hit["tod"], hit["m"]."""

    core: re.Match[str]
    groups: dict[str, str | None]
    start: int  # the span, from the first kept word before the core to the core's end
    end: int

    def __getitem__(self, name: str) -> str | None:
        return self.groups.get(name)

    def need(self, name: str) -> str:
        """A group the form that matched always holds (the day "d" of "ngày 8/11")."""
        value = self.groups.get(name)
        if value is None:
            raise ValueError(f"date form without its {name!r} group: {self.core.group()!r}")
        return value


def hit(text: str, core: re.Match[str], before: re.Pattern[str] | None, lo: int) -> Hit:
    """The core with what comes before it, looked for no further back than lo."""
    if before is None:
        return Hit(core, core.groupdict(), core.start(), core.end())
    found = before.search(text, max(lo, core.start() - 30), core.start())
    assert found is not None  # every group is optional: it always matches at the end
    kept = [found.start(group) for group in _KEPT_BEFORE if group in found.re.groupindex and found[group]]
    start = min(kept, default=core.start())
    return Hit(core, core.groupdict() | found.groupdict(), start, core.end())


def prev_word(text: str, index: int) -> str:
    """The word just before text[index], lowercased ("" at the start)."""
    match = _PREV_WORD.search(text, max(0, index - 40), index)
    return match.group(1).lower() if match else ""


@dataclass(frozen=True, slots=True, eq=False)
class DateGrammar:
    """One language's date expressions (lang/<code>/dates.yaml) arranged into one pattern per form.

    Each form is found by its core, which starts with the token that sets it apart (a digit,
    "tháng", "thứ", ...) so that scanning a text stays fast; the words that may come before the
    core ("vào sáng ngày", "đầu") are read by the before_* patterns.
    """

    vocab: dict[str, Any]
    forms: tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None], ...]  # (form, core, words before it)
    connector: re.Pattern[str]
    fraction: re.Pattern[str]
    lunar_after: re.Pattern[str]
    ordinal_after: re.Pattern[str]
    weekday_context: frozenset[str]
    ordinal_nouns: frozenset[str]
    count_words: frozenset[str]
    every_words: frozenset[str]
    lunar_before: frozenset[str]
    not_tod_after: frozenset[str]
    holiday_words: frozenset[str]
    vague_counts: frozenset[str]

    @classmethod
    def of(cls, code: str) -> DateGrammar:
        vocab: dict[str, Any] = load(code, "dates")
        nouns: dict[str, str] = vocab["nouns"]  # day, month, year, week, weekday

        def lowered(name: str) -> frozenset[str]:
            return frozenset(str(word).lower() for word in vocab[name])

        def days(not_after: str) -> str:
            """A day or two ("8", "8-9", "27 và 28") not glued to what comes before (checked past its 1st digit)."""
            return (rf"(?P<d>\d(?<![{not_after}].)\d?)"
                    rf"(?:\s*(?P<rsep>{alt(vocab['range_connectors'])})\s*(?P<d2>\d{{1,2}}))?")

        tod = alt(vocab["times_of_day"])
        month_name = f"(?:{alt(vocab['month_names'])}|{alt(vocab['month_names_capitalised'], case=True)})"
        any_month_name = alt([*vocab["month_names"], *vocab["month_names_capitalised"]])  # for look-aheads
        parts = alt(part for unit in vocab["parts"].values() for part in unit)
        # After a month or day: an explicit year ("tháng 12 – 2018" too), or where that month falls
        # ("tháng 5 tới"). A qualifier is not one when a date follows it: "từ tháng 3 tới tháng 5".
        date_noun = alt([nouns["day"], nouns["month"], nouns["year"], *vocab["day_nouns"]])
        year_tail = rf"""(?: (?:[/.]|\s?[-–]\s?)(?P<y>{YEAR}) | \s+{alt([nouns["year"]])}\s+(?P<y2>{YEAR})
            | \s+(?P<mq>{alt(vocab["month_qualifiers"])})(?!\w|\s+(?:{date_noun}|\d)) )?"""
        ctx = alt([*vocab["context_words"], *vocab["holiday_words"]])
        # "thứ Ba (22/11)", "hôm nay, 21/4", "ngày hôm qua 30-4": a written-out day after a relative one.
        appendix = rf"""(?:(?:\s*(?P<paren>\()\s*|,?\s+)(?:{alt([nouns["day"]])}\s+)?
            (?P<ad>\d{{1,2}})[/.\-–](?P<am>\d{{1,2}})(?:[/.\-–](?P<ay>{YEAR}))?{END}(?(paren)\s*\)))?"""

        numeric = _compile(rf"{days(_NOT_BEFORE_DAY)}(?P<sep>[/.\-–])(?P<m>\d{{1,2}}){year_tail}{END}")
        wordy = _compile(
            rf"""{days(_NOT_BEFORE_WORDY_DAY)}\s+{alt([nouns["month"]])}
            \s+(?:(?P<m>\d{{1,2}})|(?P<mname>{month_name})){year_tail}(?!\w|\s+{alt([nouns["day"]])})""")
        # "tháng 3", "tháng Tư", "tháng 3-6/2019" (March to June)
        month = _compile(
            rf"""{anchored([nouns['month']])}
            \s+(?:(?P<m>\d{{1,2}})(?:\s?[-–]\s?(?P<m2>\d{{1,2}}))?|(?P<mname>{month_name}))
            {year_tail}(?!\w|[.,/]\d)""")
        period = _compile(
            rf"""(?P<unit>{anchored(vocab["period_units"])})
            (?:\s+(?P<y>{YEAR})|\s+(?P<q>{alt(vocab["period_qualifiers"])}))?
            (?!\w|[.,/]\d|\s+\d|\s+{alt(vocab["not_ago_followers"])}(?!\w))(?(q)|(?!\s+{any_month_name}(?!\w)))""")
        # "thứ" takes a day name after it ("thứ Ba"); "chủ nhật" does not: there wd is None.
        weekday = _compile(
            rf"""{anchored([nouns["weekday"], vocab["sunday"]])}
            (?:(?<={_either_case(nouns["weekday"][-1])})\s+(?P<wd>{alt(vocab["weekdays"])})
              |(?<={_either_case(vocab["sunday"][-1])}))(?!\w)
            (?:\s+(?P<wq>{alt(vocab["weekday_weeks"])})(?!\w))?{appendix}""")
        relday = _compile(
            rf"""(?P<rel>{anchored([*vocab["relative_days"], *vocab["after_time_of_day"]])})(?!\w){appendix}""")
        counted = _compile(
            rf"""(?P<unit>{anchored(vocab["count_units"])})\s+(?P<dir>{alt(vocab["count_directions"])})(?!\w)
            (?!\s+{alt(vocab["not_ago_followers"])}(?!\w))""")
        # "hôm sau", "hai ngày trước đó": counted from the date written before (dates.py _from_previous)
        previous_day = _compile(
            rf"""(?P<prev>{anchored(vocab["days_from_previous"])})(?!\w)
            (?!\s+{alt(vocab["not_ago_followers"])}(?!\w))""")
        previous_count = _compile(
            rf"""(?P<unit>{anchored([nouns["day"]])})\s+(?P<dir>{alt(vocab["count_from_previous"])})(?!\w)""")
        count_word = rf"(?P<n>\d{{1,3}}|{alt(vocab['counts'])})"  # "vài", "10": before a unit or after "trước đó"
        previous_after = _compile(  # "Trước đó một ngày", "sau đó 4 ngày"
            rf"""(?P<dir>{anchored(vocab["count_from_previous"])})\s+{count_word}\s+(?P<unit>{alt([nouns["day"]])})(?!\w)""")
        ago_before = _compile(  # "cách đây 3 tuần": the direction before the count
            rf"""(?P<dir>{anchored(vocab["count_prefixes"])})\s+{count_word}\s+(?P<unit>{alt(vocab["count_units"])})(?!\w)""")
        deed = vocab["before_deed"]
        before_deed = _compile(  # "một ngày sau khi ...", "hai tuần sau cuộc ..."
            rf"""(?P<unit>{anchored(vocab["count_units"])})\s+{alt([deed["after"]])}
            (?:\s+{alt(deed["joiners"])}(?!\w)|(?=\s+{alt(deed["deed_nouns"])}(?!\w)))""")
        # Words right before a core, up to it: a context word (kept out of the span), a part
        # of the day and a day noun ("vào sáng ngày 8/11"), or a part of a unit ("đầu tháng").
        before_day = _compile(
            rf"(?:(?<!\w)(?P<ctx>{ctx})\s+)?(?:(?<!\w)(?P<tod>{tod})\s+)?"
            rf"(?:(?<!\w)(?P<noun>{alt(vocab['day_nouns'])})\s+)?$")
        before_part = _compile(rf"(?:(?<!\w)(?P<part>{parts})\s+)?$")
        before_rel = _compile(rf"(?:(?<!\w)(?P<tod>{tod})\s+)?(?:(?<!\w)(?P<noun>{alt([nouns['day']])})\s+)?$")
        before_count = _compile(rf"(?:(?<![\w.,]){count_word}\s+)?$")
        forms = (("numeric", numeric, before_day), ("wordy", wordy, before_day), ("month", month, before_part),
                 ("period", period, before_part), ("weekday", weekday, before_day),
                 ("relday", relday, before_rel), ("counted", counted, before_count),
                 ("previous_day", previous_day, before_rel), ("previous_count", previous_count, before_count),
                 ("previous_after", previous_after, None), ("before_deed", before_deed, before_count),
                 ("ago_before", ago_before, None))
        return cls(
            vocab, forms,
            re.compile(rf"\)?\s*{alt(vocab['list_connectors'])}\s*"),
            re.compile(rf"\s+{alt(vocab['fraction_followers'])}(?!\w)"),
            re.compile(rf"\s*\(?\s*{alt(vocab['lunar_after'])}(?!\w)"),
            re.compile(rf"\s+{alt(vocab['ordinal_followers'])}(?!\w)"),
            lowered("weekday_context"), lowered("ordinal_nouns"), lowered("counts"), lowered("every_words"),
            lowered("lunar_before"), lowered("not_time_of_day_after"), lowered("holiday_words"),
            lowered("vague_counts"))

    def is_connector(self, gap: str) -> bool:
        """Whether the text between two dates joins them into a list: "4/5 và 9/5", "30.4, 1.5"."""
        return self.connector.fullmatch(gap) is not None

    def fraction_follows(self, text: str, index: int) -> bool:
        return self.fraction.match(text, index) is not None

    def lunar(self, text: str, start: int, end: int) -> bool:
        """Whether a "tháng 9" at [start, end) is a lunar month: "rằm tháng 9", "tháng 11 âm lịch"."""
        return prev_word(text, start) in self.lunar_before or self.lunar_after.match(text, end) is not None

    def is_weekday(self, match: Hit, text: str) -> bool:
        """Whether "thứ X" names a day rather than an ordinal ("lần thứ hai", "ngày thứ ba liên tiếp")."""
        if match["wd"] is None:  # "chủ nhật"
            return True
        before = (match["noun"] or match["tod"] or prev_word(text, match.start)).lower()
        if before in self.ordinal_nouns:
            return False
        in_a_week = match["wq"] is not None and match["wq"].lower().startswith(self.vocab["nouns"]["week"])
        if match["ad"] or in_a_week or match["wd"][0].isupper():
            return True
        return before in self.weekday_context and self.ordinal_after.match(text, match.core.end("wd")) is None

    def count(self, word: str) -> int:
        """The number a count word says: digits as written, "vài" as `counts` has it (word: a key())."""
        return int(word) if word.isdigit() else int(self.vocab["counts"][word])

    def counted_before(self, text: str, index: int) -> bool:
        """Whether a count comes before a period word: "3 tháng sau" is "three months later"."""
        word = prev_word(text, index)
        return word.isdigit() or word in self.count_words

    def year_for(self, published: Published | None, month: int, day: int, qualifier: str | None) -> int | None:
        """The year of a day/month written without one: on or before publication unless told otherwise."""
        if published is None:
            return None
        where = self.vocab["month_qualifiers"][key(qualifier)] if qualifier else "last"
        if isinstance(where, int):
            return published.year + where
        if where == "next":
            return published.year if month >= published.month else published.year + 1
        latest = published.latest()
        return latest.year if (month, day) <= (latest.month, latest.day) else latest.year - 1

    def part_of(self, unit: str, word: str | None) -> tuple[int, int] | None:
        bounds = self.vocab["parts"][unit].get(key(word)) if word else None
        return (bounds[0], bounds[1]) if bounds else None


# Calendar arithmetic: what a resolved expression covers.


@dataclass(frozen=True, slots=True)
class Resolved:
    """What one match means; `tail` ones count only right after another date ("4/5 và 9/5")."""

    earliest: dt.date
    latest: dt.date
    precision: int
    relative: bool = True
    date: dt.date | None = None
    tail: bool = False
    guessed_year: bool = False  # "8/11": the year is the publication's or the one before
    listed: bool = False        # "hôm 1 và 2/11": two days named one by one, not a span
    from_previous: int | None = None  # "hôm sau": days from the date before; earliest/latest wait for it
    before_deed: bool = False  # "một ngày sau khi": back from its clause's day (a date before it in its sentence)

    @property
    def day(self) -> dt.date:
        """The day that stands for it: its own, or the middle of its range."""
        return self.date or self.earliest + (self.latest - self.earliest) // 2


def key(words: str) -> str:
    """A vocabulary key for matched words: lowercased, single-spaced."""
    return " ".join(words.lower().split())


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The day, or None when there is no such day (31/2, 45/13)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def relative(published: Published, lo: int, hi: int, precision: int) -> Resolved:
    """Days lo..hi from publication; a month-only publication cannot give a day or week."""
    base = published.anchor()
    if published.day is None and precision < 3:  # the anchor, if the expression can reach it
        earliest, latest = published.earliest() + lo * DAY, published.latest() + hi * DAY
        date = base if earliest <= base <= latest else earliest + (latest - earliest) // 2
        return Resolved(earliest, latest, 3, date=date)
    return Resolved(base + lo * DAY, base + hi * DAY, precision)


def month_range(year: int, month: int, part: tuple[int, int] | None, is_relative: bool) -> Resolved:
    """A month (precision 3, the 15th stands for it) or a part of one (precision 2, its middle)."""
    if part is None:
        first, last = dt.date(year, month, 1), dt.date(year, month, last_day(year, month))
        return Resolved(first, last, 3, is_relative, date=dt.date(year, month, 15))
    end = min(part[1], last_day(year, month))
    return Resolved(dt.date(year, month, part[0]), dt.date(year, month, end), 2, is_relative)


def year_range(year: int, part: tuple[int, int] | None, is_relative: bool) -> Resolved:
    """A year (1 July stands for it) or a part of one; both precision 3."""
    if part is None:
        return Resolved(dt.date(year, 1, 1), dt.date(year, 12, 31), 3, is_relative, date=dt.date(year, 7, 1))
    last = dt.date(year, part[1], last_day(year, part[1]))
    return Resolved(dt.date(year, part[0], 1), last, 3, is_relative)
