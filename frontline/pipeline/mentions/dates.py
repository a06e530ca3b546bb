"""Date expressions in Vietnamese text, resolved against the publication date.

INTERFACE (implemented by the dates work; the pipeline codes against it):

    find_dates(grammar, text, published, start=0, end=None) -> list[DateMention]

returns every date expression in text[start:end], in order, each resolved to
a calendar day with ACLED's time_precision. Offsets are into `text`.

A language's DateGrammar (date_rules.py, words from lang/<code>/dates.yaml) finds the
candidates; plain Python resolves them. dateparser (1.5.0, tried and no longer a
dependency) is not used, not even as a fallback: searching one sentence takes
~5 ms, it misses "hôm 11/11", "đầu tháng 11" and "tháng 10 năm ngoái", has no
precision for "tuần trước", and reads "thứ Bảy tuần trước" as two dates, the
first of them this week's Saturday.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from frontline.pipeline.mentions import date_rules as rules
from frontline.record import Published


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    date: dt.date          # the day that stands for it: the day, or the middle of a range
    precision: int         # 1 day, 2 a few days / week / part of a month, 3 month or vaguer
    earliest: dt.date      # the range the expression covers
    latest: dt.date
    relative: bool         # resolved against the publication date ("hôm qua"), not written out ("8/11")
    days: tuple[dt.date, ...] = ()  # the days a list names one by one ("hôm 1 và 2/11"); empty otherwise
    before_deed: bool = False  # "một ngày sau khi ...": it dates only the deed told after it


_HALF_SPAN = {1: 0, 2: 3, 3: 15}  # days either side of a point resolved at each precision

Resolver = Callable[[rules.DateGrammar, rules.Hit, str, Published | None], rules.Resolved | None]


def _month_number(g: rules.DateGrammar, match: rules.Hit) -> int | None:
    if match["m"]:
        month = int(match["m"])
    else:
        name = " ".join(match.need("mname").split())
        month = g.vocab["month_names"].get(name.lower()) or g.vocab["month_names_capitalised"][name]
    return month if 1 <= month <= 12 else None


def _days(g: rules.DateGrammar, match: rules.Hit, published: Published | None, month: int) -> rules.Resolved | None:
    """"ngày 8/11", "ngày 8-9/11/2017": one day or a range of days of one month."""
    first_day = int(match.need("d"))
    last_day = int(match["d2"] or first_day)
    explicit = match["y"] or match["y2"]
    year = int(explicit) if explicit else g.year_for(published, month, first_day, match["mq"])
    if year is None:
        return None
    first, last = rules.safe_date(year, month, first_day), rules.safe_date(year, month, last_day)
    if first is None or last is None or last < first:  # 31/2, 45/13
        return None
    precision = 1 if first == last else 2 if (last - first).days < 7 else 3
    guessed = not explicit and not match["mq"]
    listed = first != last and rules.key(match["rsep"] or "") in g.vocab["day_list_connectors"]
    return rules.Resolved(first, last, precision, bool(match["mq"]) and not explicit, guessed_year=guessed,
                          listed=listed)


def _appendix(match: rules.Hit, published: Published | None, offset: int, weekday: int | None = None
              ) -> rules.Resolved | None:
    """The day written after "hôm nay" or a weekday: "thứ Ba (22/11)" is 22/11, in the year
    nearest the day the words alone give ("ngày mai (1/1)" on 31/12 is next year's)."""
    day, month = int(match.need("ad")), int(match.need("am"))
    if match["ay"]:
        years = [int(match["ay"])]
    elif published is not None:
        years = [published.year - 1, published.year, published.year + 1]
    else:
        return None
    dates = [date for year in years if (date := rules.safe_date(year, month, day))]
    if weekday is not None:  # "thứ Hai (1/1)": the year where 1/1 is a Monday, if one is
        dates = [date for date in dates if date.weekday() == weekday] or dates
    if not dates:
        return None
    around = published.anchor() + offset * rules.DAY if published else dates[0]
    date = min(dates, key=lambda candidate: abs(candidate - around))
    return rules.Resolved(date, date, 1, relative=False)


def _numeric(g: rules.DateGrammar, match: rules.Hit, text: str, published: Published | None) -> rules.Resolved | None:
    start, end = match.start, match.end
    strong = match["tod"] or match["noun"]
    if not strong and g.fraction_follows(text, end) or g.lunar(text, start, end):
        return None  # "đến 1/3 dân số", "lễ 10/3 Âm lịch"
    resolved = _days(g, match, published, int(match.need("m")))
    if resolved is None:
        return None
    ctx, slash = (match["ctx"] or "").lower(), match["sep"] == "/"
    in_parens = text[start - 1 : start] == "(" and text[end : end + 1] == ")"
    licensed = strong or match["y"] or match["y2"] or (ctx and (slash or ctx in g.holiday_words))
    tail = not (licensed or (slash and in_parens))
    return replace(resolved, tail=tail)


def _wordy(g: rules.DateGrammar, match: rules.Hit, text: str, published: Published | None) -> rules.Resolved | None:
    if not any(match[g] for g in ("tod", "noun", "ctx", "y", "y2", "mq")):
        return None  # a bare "2 tháng 10" may be "two months ten (days)"
    month = _month_number(g, match)
    if month is None or g.lunar(text, match.start, match.end):
        return None
    return _days(g, match, published, month)


def _month(g: rules.DateGrammar, match: rules.Hit, text: str, published: Published | None) -> rules.Resolved | None:
    start, end = match.start, match.end
    month = _month_number(g, match)
    if month is None or g.lunar(text, start, end) or rules.prev_word(text, start) in g.every_words:
        return None
    part = g.part_of("month", match["part"])
    if match["part"] and part is None:
        return None
    explicit = match["y"] or match["y2"]
    first_day = part[0] if part else 1
    year = int(explicit) if explicit else g.year_for(published, month, first_day, match["mq"])
    if year is None:
        return None
    resolved = rules.month_range(year, month, part, is_relative=bool(match["mq"]) and not explicit)
    if match["m2"]:  # "từ tháng 3-6/2019": March to June
        last_month = int(match["m2"])
        if part or not month < last_month <= 12:
            return None
        last = rules.month_range(year, last_month, None, resolved.relative).latest
        return replace(resolved, latest=last, date=None)
    return resolved


def _period(g: rules.DateGrammar, match: rules.Hit, text: str, published: Published | None) -> rules.Resolved | None:
    """"tuần trước", "đầu tháng này", "năm ngoái", "cuối năm 2014": a calendar unit near publication."""
    unit = g.vocab["period_units"][match.need("unit").lower()]
    part = g.part_of(unit, match["part"])
    if match["part"] and part is None:
        return None
    if match["y"]:
        return rules.year_range(int(match["y"]), part, is_relative=False) if unit == "year" else None
    if not (part or match["q"]) or published is None or g.counted_before(text, match.start):
        return None
    shift = g.vocab["period_qualifiers"][rules.key(match["q"])] if match["q"] else None
    if shift == "past" and part is None:  # "tuần qua": the span just past
        days = {"week": 6, "month": 30, "year": 365}[unit]
        return rules.relative(published, -days, 0, 2 if unit == "week" else 3)
    if shift == "past":  # "cuối tuần qua" = "cuối tuần trước"
        shift = -1
    base, latest = published.anchor(), published.latest()
    if unit == "week":
        if shift is None:  # "đầu tuần": the latest one begun by publication
            shift = 0 if part and base.weekday() >= part[0] else -1
        monday = 7 * shift - base.weekday()
        lo, hi = part or (0, 6)
        return rules.relative(published, monday + lo, monday + hi, 2)
    if unit == "month":
        if shift is None:
            shift = 0 if part and dt.date(published.year, published.month, part[0]) <= latest else -1
        index = published.year * 12 + published.month - 1 + shift
        return rules.month_range(index // 12, index % 12 + 1, part, is_relative=True)
    if shift is None:
        shift = 0 if part and dt.date(published.year, part[0], 1) <= latest else -1
    return rules.year_range(published.year + shift, part, is_relative=True)


def _weekday(g: rules.DateGrammar, match: rules.Hit, text: str, published: Published | None) -> rules.Resolved | None:
    if not g.is_weekday(match, text):
        return None
    weekday = 6 if match["wd"] is None else g.vocab["weekdays"][match["wd"].lower()]
    if published is None:
        return _appendix(match, None, 0, weekday) if match["ad"] else None
    base = published.anchor()
    week = g.vocab["weekday_weeks"][rules.key(match["wq"])] if match["wq"] else None
    if week is None:  # the latest such day on or before publication
        offset = -((base.weekday() - weekday) % 7)
    else:
        offset = 7 * week - base.weekday() + weekday
    if match["ad"]:
        return _appendix(match, published, offset, weekday)
    return rules.relative(published, offset, offset, 1)


def _relday(g: rules.DateGrammar, match: rules.Hit, text: str, published: Published | None) -> rules.Resolved | None:
    word = rules.key(match.need("rel"))
    after_time = word not in g.vocab["relative_days"]
    if after_time and (not match["tod"] or match["noun"]):
        return None  # "sáng nay", "tối qua"; but "ngày nay" is "nowadays"
    if match["tod"] and rules.prev_word(text, match.start) in g.not_tod_after:
        return None  # "ánh sáng qua ..." is light, not yesterday morning
    offset = g.vocab["after_time_of_day" if after_time else "relative_days"][word]
    if match["ad"]:
        return _appendix(match, published, offset)
    if published is None:
        return None
    return rules.relative(published, offset, offset, 1)


def _count_of_days(g: rules.DateGrammar, match: rules.Hit) -> tuple[int, int, bool] | None:
    """"vài ngày", "2 tuần": how many days, the unit's days, whether the count is vague."""
    if match["n"] is None:
        return None
    word = rules.key(match["n"])
    if rules.key(match.need("unit")) == "hôm" and word not in g.vague_counts:
        return None  # "Boeing 737 MAX 8 hôm nay"
    unit = g.vocab["count_units"][rules.key(match.need("unit"))]
    return g.count(word) * unit, unit, word in g.vague_counts


def _count_precision(unit: int, vague: bool) -> int:
    return 1 if unit == 1 and not vague else 2 if unit <= 7 else 3


def _counted(g: rules.DateGrammar, match: rules.Hit, text: str, published: Published | None) -> rules.Resolved | None:
    """"mấy ngày qua" (a span ending at publication), "10 ngày trước" or "cách đây 10 ngày" (a point
    back), "vài ngày tới"."""
    counted = _count_of_days(g, match)
    if published is None or counted is None:
        return None
    days, unit, vague = counted
    word = rules.key(match.need("dir"))
    direction = g.vocab["count_directions"].get(word) or g.vocab["count_prefixes"][word]
    if direction != "ago":
        lo, hi = (-days, 0) if direction == "past" else (0, days)
        return rules.relative(published, lo, hi, 2 if days <= 7 else 3)
    precision = _count_precision(unit, vague)
    half = _HALF_SPAN[precision]
    return rules.relative(published, -days - half, -days + half, precision)


def _previous(g: rules.DateGrammar, match: rules.Hit, text: str, published: Published | None) -> rules.Resolved | None:
    """"ngày hôm sau", "hai ngày trước đó": a step from the date written before, which find_dates
    supplies (_from_previous); a vague count ("vài ngày sau đó") is a few days, precision 2."""
    if match["prev"] is not None:
        step, vague = g.vocab["days_from_previous"][rules.key(match["prev"])], False
    elif match["n"] is None:
        return None  # "những ngày sau đó" has its count; a bare "ngày sau đó" may be "the days after"
    else:
        word = rules.key(match["n"])
        step = g.vocab["count_from_previous"][rules.key(match.need("dir"))] * g.count(word)
        vague = word in g.vague_counts
    return rules.Resolved(dt.date.min, dt.date.min, 2 if vague else 1, from_previous=step)


def _before_deed(g: rules.DateGrammar, match: rules.Hit, text: str, published: Published | None
                 ) -> rules.Resolved | None:
    """"một ngày sau khi Israel không kích": the deed told next is that long before the day of the
    clause, which find_dates supplies (_from_previous: a date before it in its sentence, else publication)."""
    counted = _count_of_days(g, match)
    if counted is None:
        return None  # "ngày sau khi" alone is no count
    days, unit, vague = counted
    return rules.Resolved(dt.date.min, dt.date.min, _count_precision(unit, vague), from_previous=-days,
                          before_deed=True)


# what each form of the grammar means
_RESOLVERS: dict[str, Resolver] = {"numeric": _numeric, "wordy": _wordy, "month": _month, "period": _period,
                                   "weekday": _weekday, "relday": _relday, "counted": _counted,
                                   "previous_day": _previous, "previous_count": _previous,
                                   "previous_after": _previous, "before_deed": _before_deed, "ago_before": _counted}

_Found = tuple[int, int, rules.Resolved]
_SENTENCE_END = re.compile(r"[.!?…]\s|\n")


def _overlaps(chosen: list[_Found], starts: list[int], item: _Found) -> tuple[bool, int]:
    """Whether item overlaps one of `chosen` (sorted, disjoint; `starts` their starts), and where it
    would go among them: a look at its two neighbours, so choosing among n dates costs n log n."""
    i = bisect.bisect_left(starts, item[0])
    return (i > 0 and chosen[i - 1][1] > item[0]) or (i < len(chosen) and chosen[i][0] < item[1]), i


def _longest_first(found: list[_Found]) -> list[_Found]:
    chosen: list[_Found] = []
    starts: list[int] = []
    for item in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
        overlapping, i = _overlaps(chosen, starts, item)
        if not overlapping:
            chosen.insert(i, item)
            starts.insert(i, item[0])
    return chosen


def _add_tails(g: rules.DateGrammar, text: str, chosen: list[_Found], tails: list[_Found]) -> list[_Found]:
    """Bare "1/5" after a date and a connector is a date too: "ngày 30/4 và 1/5", "lễ 30.4, 1.5"."""
    chosen = list(chosen)
    starts = [c[0] for c in chosen]
    for item in sorted(tails, key=lambda f: f[0]):
        overlapping, i = _overlaps(chosen, starts, item)
        if overlapping or i == 0:
            continue
        if g.is_connector(text[chosen[i - 1][1] : item[0]]):
            chosen.insert(i, item)
            starts.insert(i, item[0])
    return chosen


def _in_order(g: rules.DateGrammar, text: str, chosen: list[_Found]) -> list[_Found]:
    """A listed day whose year was guessed does not go back a year from the one before it:
    "lễ 30/4, 1/5" or "đêm 22/4, rạng sáng 23/4" published on 22/4 stay in that year."""
    ordered: list[_Found] = []
    for start, end, this in chosen:
        if ordered and this.guessed_year and g.is_connector(text[ordered[-1][1] : start]):
            first = ordered[-1][2]
            since, until = (rules.safe_date(d.year + 1, d.month, d.day) for d in (this.earliest, this.latest))
            if this.latest < first.earliest and since and until and (since - first.latest).days <= 62:
                this = replace(this, earliest=since, latest=until)
        ordered.append((start, end, this))
    return ordered


def _from_previous(text: str, published: Published | None, chosen: list[_Found]) -> list[_Found]:
    """Steps from the date before ("hôm 26/2 ... Ngày hôm sau"): that date must name a day or a few
    (precision 1-2); the step's own day can be the next one's base. A step before a deed ("một ngày
    sau khi") takes only a date in its own sentence. Without a base a step back counts from
    publication (the report's day), a step forward is no date."""
    resolved: list[_Found] = []
    base: rules.Resolved | None = None
    base_end = 0
    for start, end, this in chosen:
        if this.from_previous is not None:
            step_base = base
            if this.before_deed and _SENTENCE_END.search(text, base_end, start):
                step_base = None
            if step_base is None and this.from_previous < 0 and published is not None and published.day:
                step_base = rules.relative(published, 0, 0, 1)
            if step_base is None:
                continue
            day = step_base.day + this.from_previous * rules.DAY
            precision = max(step_base.precision, this.precision)
            half = rules.DAY * _HALF_SPAN[precision]
            this = replace(this, earliest=day - half, latest=day + half, date=day, precision=precision,
                           relative=step_base.relative, from_previous=None)
        if this.precision <= 2 and not this.before_deed:  # a deed's day is not the story's
            base, base_end = this, end
        resolved.append((start, end, this))
    return resolved


def find_dates(g: rules.DateGrammar, text: str, published: Published | None, start: int = 0, end: int | None = None
               ) -> list[DateMention]:
    """Every date expression in text[start:end], in order; where two overlap the longer wins."""
    end = len(text) if end is None else end
    found: list[_Found] = []
    for form, pattern, before in g.forms:
        resolve = _RESOLVERS[form]
        for core in pattern.finditer(text, start, end):
            match = rules.hit(text, core, before, start)
            resolved = resolve(g, match, text, published)
            if resolved is not None:
                found.append((match.start, match.end, resolved))
    chosen = _longest_first([f for f in found if not f[2].tail])
    chosen = _in_order(g, text, _add_tails(g, text, chosen, [f for f in found if f[2].tail]))
    chosen = _from_previous(text, published, chosen)
    return [
        DateMention(s, e, text[s:e], r.day,
                    r.precision, r.earliest, r.latest, r.relative, (r.earliest, r.latest) if r.listed else (),
                    r.before_deed)
        for s, e, r in chosen
    ]


def undated_event_date(published: Published) -> tuple[dt.date, int]:
    """The date of an event the text does not date: publication day with precision 2, or mid-month with 3."""
    if published.day is not None:
        return published.anchor(), 2
    return published.anchor(), 3
