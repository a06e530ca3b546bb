"""Villages listed beside a known place that the gazetteer lacks: one event each (ACLED).

"không kích vào các thị trấn Kabani, Sirmaniyeh ở Jabal Al-Akrad", "tại các thị
trấn như Khan Shaykhun, Al - Tamanah và Tal Dhahab": GeoNames has few of the
villages a strike sentence lists, yet CODING.md codes one event per named place.
A name of such a list that resolves to nothing is placed where the list's known
place is (the town listed with it, or the place the list is said to be in), at
geo_precision 2, and keeps its own name as the event's location.

A list is names joined by the language's list joins (", ", " và "), and it must be
a list of places: its first name follows a place cue ("các làng", "ở"), or it is
said to lie in a place ("... ở Sahl al-Ghab").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from frontline.geo.cues import Cues
from frontline.geo.model import Place, PlaceMention
from frontline.geo.text import exact_key, is_vietnamese
from frontline.geo.tokens import Words, capitalised, runs, with_opening_articles, words

_SPACED = re.compile(r"\s*([-‐–'’])\s*")   # "Al - Tamanah" -> "Al-Tamanah", "Ma ' an" -> "Ma'an"
MAX_NAME_WORDS = 5
MAX_NESTING = 3     # lists in a district in a province


@dataclass(frozen=True, slots=True)
class ListedName:
    start: int
    end: int
    name: str        # as the event's location: spaced hyphens and apostrophes closed up


def listed_names(text: str, sentence_start: int, sentence_end: int, anchor: PlaceMention,
                 known: list[tuple[int, int]], cues: Cues, syllables: frozenset[str] | None = None
                 ) -> list[ListedName]:
    """The names listed with `anchor` (a place the sentence names) that are no known place: the list
    it is part of, and the list said to lie in it ("ở thị trấn al - Zuka và Kafar Zita ở Bắc Hama
    cũng như Sheikh Mustafa ..." has both).

    `known`: spans of the sentence's places and actors; a name overlapping one is not a village.
    `syllables`: the language's, so that "Ma ’ ar Zita" is one name (geo/tokens.py)."""
    ws, village_runs, spans = _names(text, sentence_start, sentence_end, syllables)
    found: list[tuple[int, int]] = []
    at = next((k for k, (s, e) in enumerate(spans) if s <= anchor.start and anchor.end <= e), None)
    if at is not None:
        lo, hi = _extent(text, spans, at, cues)
        if hi > lo and (anchor.cue is not None or _cued(ws, village_runs[lo], cues)):
            found.append((lo, hi))
    lying: tuple[int, int] | None = None
    start = spans[at][0] if at is not None else anchor.start
    for _ in range(MAX_NESTING):   # "các làng Razat, Ruku của huyện Gashish thuộc bang Plateau"
        before = [k for k, (_, e) in enumerate(spans) if e <= start and cues.list_lies_in.fullmatch(text, e, start)]
        if not before:
            break
        lo, _ = _extent(text, spans[:before[-1] + 1], before[-1], cues)
        if not _cued(ws, village_runs[lo], cues):
            break
        lying, start = (lo, before[-1]), spans[lo][0]
    if lying is not None:
        found.append(lying)
    out: list[ListedName] = []
    for lo, hi in sorted(found):
        out += [n for n in _unknown(text, ws, village_runs[lo:hi + 1], spans[lo:hi + 1], known, cues)
                if all(n.start != o.start for o in out)]
    return out


def cued_lists(text: str, sentence_start: int, sentence_end: int, known: list[tuple[int, int]], cues: Cues,
               syllables: frozenset[str] | None = None) -> list[ListedName]:
    """The names of lists a place cue opens that hold no known place ("tập kích vào các thị trấn
    Deir Sinbol, Baynin và Shinan"): villages of the place the sentence's event is put at from its
    context."""
    ws, village_runs, spans = _names(text, sentence_start, sentence_end, syllables)
    out: list[ListedName] = []
    k = 0
    while k < len(spans):
        lo, hi = _extent(text, spans, k, cues)
        if lo == k and hi > lo and _cued(ws, village_runs[lo], cues) and not any(
                s < spans[hi][1] and spans[lo][0] < e for s, e in known):
            out += _unknown(text, ws, village_runs[lo:hi + 1], spans[lo:hi + 1], known, cues)
        k = max(k, hi) + 1
    return out


def name_runs(ws: Words) -> list[list[int]]:
    """The runs of words a name can be: capitalised, with a lower-case article opening one ("al - Zuka")."""
    return runs(ws, with_opening_articles(ws, [capitalised(w) for w in ws.words]))


def _names(text: str, start: int, end: int, syllables: frozenset[str] | None
           ) -> tuple[Words, list[list[int]], list[tuple[int, int]]]:
    """The words of text[start:end], the runs of them short enough to be a village's name, and their spans."""
    ws = words(text, start, end, syllables)
    found = [r for r in name_runs(ws) if len(r) <= MAX_NAME_WORDS]
    return ws, found, [(ws.starts[r[0]], ws.ends[r[-1]]) for r in found]


def _extent(text: str, spans: list[tuple[int, int]], at: int, cues: Cues) -> tuple[int, int]:
    """The first and last run of the list run `at` is part of, each name maybe with its own kind of
    place ("Jabal Turdah, đảo Sakr và ngôi làng al - Jafrah"); (at, at) when the names around it are
    joined by commas alone: "căn cứ Ghazlani, Mosul, Iraq", "thôn Trà Nô, xã Phước Hà" are addresses."""
    lo = hi = at
    while lo > 0 and cues.joins_kinds(text[spans[lo - 1][1]:spans[lo][0]]):
        lo -= 1
    while hi + 1 < len(spans) and cues.joins_kinds(text[spans[hi][1]:spans[hi + 1][0]]):
        hi += 1
    if not any(cues.conjoins(text[spans[k][1]:spans[k + 1][0]]) for k in range(lo, hi)):
        return at, at
    return lo, hi


def _cued(ws: Words, run: list[int], cues: Cues) -> bool:
    """Whether a place cue ("các làng", "ở", "thị trấn như") comes right before the run."""
    first = run[0]
    before = ws.low[max(0, first - cues.max_words - 6):first]
    for n in range(0, min(len(before), 6) + 1):
        head, filler = before[:len(before) - n], " ".join(before[len(before) - n:])
        if n and filler not in cues.list_fillers:
            continue
        cue = cues.place_cue(head)
        if cue is not None and not cue.weak:
            return True
    return False


def _unknown(text: str, ws: Words, village_runs: list[list[int]], spans: list[tuple[int, int]],
             known: list[tuple[int, int]], cues: Cues) -> list[ListedName]:
    out = []
    for run, (start, end) in zip(village_runs, spans):
        if any(s < end and start < e for s, e in known):
            continue
        surface = text[start:end]
        key = exact_key(surface)
        if all(is_vietnamese(ws.word(i)) for i in run) or key in cues.not_places or key in cues.place:
            continue  # a Vietnamese name in a foreign list is a person or an outlet, not a village; "TP" a kind
        out.append(ListedName(start, end, _SPACED.sub(r"\1", surface)))
    return out


def village(name: ListedName, near: Place) -> Place:
    """A place GeoNames lacks, put at the known place it is listed with (geo_precision 2)."""
    return replace(near, geonameid=None, name=name.name, kind="city", population=0, seat=False)


def village_mention(name: ListedName, place: Place, text: str) -> PlaceMention:
    return PlaceMention(name.start, name.end, text[name.start:name.end], (place,), cue=None)
