"""Finding place mentions in one sentence.

Two passes. Multi-word curated and country names are matched first, as
written ("dải Gaza", "Cộng hòa Séc", "TP.HCM"). Then each run of capitalised
words is cut into the longest names the gazetteer knows, left to right, and
each name is kept or dropped by what surrounds it: a place cue ("tỉnh",
"ở") admits even a small village; a person's title, a Vietnamese family
name, an organisation's head word, the first word of a sentence or a small
population rule it out. A name followed, in its run, by a word that is no
place is part of a longer proper name ("New York Times", "Đức Hoàng"). Last, a seat of power
after a word that puts a crowd at it ("bên ngoài Nhà Trắng") is a mention of its city (landmarks.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from frontline.geo.candidate_weights import Candidate, Context, admissible, rank
from frontline.geo.cues import GOVERNMENT, ORG, OWNER, PERSON, TITLE, Cues, PlaceCue
from frontline.geo.gazetteer_file import Store
from frontline.geo.landmarks import landmarks
from frontline.geo.model import Place, PlaceMention
from frontline.geo.rows import SRC_SPELLING
from frontline.geo.text import (
    exact_key,
    fold_key,
    is_vietnamese,
    spelling_key,
    tones_apart,
    without_article,
    written_alike,
)
from frontline.geo.tokens import CONNECTORS, Words, capitalised, runs, with_opening_articles, words

MAX_WORDS = 6   # the longest name tried
_key = lru_cache(maxsize=65_536)(exact_key)
_ABBREVIATED_CUES = frozenset({"TP", "Tp", "Q", "TX", "P"})   # "TP. Hưng Yên", "Q. Thanh Khê"
_PUNCTUATION = re.compile(r"[^\w\s]|\n")   # what ends a clause between two words
_MODEL_NUMBER = re.compile(r"\s?[-‐–]\s?\d")


def _fold_allowed(vietnamese: bool, place: Place, stored: str) -> bool:
    """May a spelling meet this place by its accent-folded key only?

    A foreign spelling may ("Albu Kamal" = "Ālbū Kamāl") if the stored name is
    not Vietnamese ("My" is not "Mỹ"); a Vietnamese one may not ("Ngà" is not
    "Nga"), except a Vietnamese province written with its
    marks meeting its unmarked English name ("Quảng Ninh" = "Quang Ninh").
    """
    if not vietnamese:
        return place.iso2 != "VN" and not is_vietnamese(stored)
    return place.iso2 == "VN" and place.kind == "admin1" and stored.isascii()


@dataclass(frozen=True, slots=True)
class _Around:
    """What the words before a name say about it."""
    cue: PlaceCue | None      # a place cue: "tỉnh", "ở", "phía tây"
    title: bool               # a person's title or a credit: the name is a person or an outlet
    org: bool                 # an organisation's head word: the name is part of its name
    owner: bool               # the name modifies the noun before it ("Quân đội Syria")
    government: bool = False  # "chính phủ X", "phía X"
    person: bool = False      # after "ông", "bà", "bầu": a person's name


_NO_CUE = _Around(None, False, False, False)     # nothing before the name says what it is
_INSIDE = _NO_CUE                                # so is a name after another name in the same run
_PERSON = _Around(None, True, False, True, person=True)


@dataclass(frozen=True, slots=True)
class _ListSoFar:
    """The cued place a list of names began with: a name joined to it takes its cue, and only
    a place of its country ("các làng Razat, Ruku, Kura": no Kura in Switzerland)."""
    end: int          # where the name before ended
    around: _Around   # the cue it had
    iso2: str         # the country it was found in

    def narrowed(self, mention: PlaceMention) -> PlaceMention | None:
        return mention.within((self.iso2,))
_SOURCE, _CREDIT = 1, 2                          # what _credit() finds before a name
_EXACT = Context(cue=True)                      # a curated phrase matched as written
Ranked = tuple[tuple[Place, ...], tuple[float, ...]]


class Finder:
    def __init__(self, store: Store, cues: Cues, lexicon: frozenset[str], phrases: list[str], lang: str = "vi") -> None:
        self.store, self.cues = store, cues
        self.landmarks = landmarks(lang)
        self.words2 = frozenset(w for w in lexicon if " " in w)     # "ý tưởng", "anh hùng"
        self.syllables = frozenset(w for w in lexicon if " " not in w)
        self.phrases: dict[str, set[str]] = {}
        for surface in phrases:
            key = _key(surface)
            forms = {surface}
            if any(key.startswith(head + " ") for head in cues.lowercase_heads):
                forms.add(surface[0].swapcase() + surface[1:])       # "dải Gaza" as well as "Dải Gaza"
            self.phrases.setdefault(key, set()).update(forms)
        self.phrase_words: dict[str, int] = {}   # first word -> the most words a phrase it opens has
        for k in self.phrases:
            first, n = k.split()[0], k.count(" ") + 1
            self.phrase_words[first] = max(n, self.phrase_words.get(first, 0))
        self.lowercase_first = frozenset(h.split()[0] for h in cues.lowercase_heads)
        self.direction_heads = frozenset(h.split()[-1] for h in cues.direction_heads)
        self.candidates = lru_cache(maxsize=100_000)(self._candidates)
        self._ranked = lru_cache(maxsize=100_000)(self._ranked_uncached)
        self._plans: dict[tuple, list[tuple[int, int, Ranked]]] = {}
        self._around_words = lru_cache(maxsize=20_000)(self._around_uncached)

    def _candidates(self, key: str) -> tuple[Candidate, ...]:
        """Every place this exact key can name; accent-folded matches only for non-Vietnamese spellings."""
        vietnamese = is_vietnamese(key)
        best: dict[int, Candidate] = {}
        tones = tones_apart(key)
        for hit in self.store.hits(fold_key(key)):
            exact = hit.exact == key or tones_apart(hit.exact) == tones
            place = self.store.place(hit.place_id)
            if place is None or (not exact and not _fold_allowed(vietnamese, place, hit.exact)):
                continue
            old = best.get(hit.place_id)
            if old is None or (exact, -hit.src) > (old.exact, -old.src):
                best[hit.place_id] = Candidate(place, hit.src, exact)
        if not best and not vietnamese:
            return self._spelled(key)
        return tuple(best.values())

    def _spelled(self, key: str) -> tuple[Candidate, ...]:
        """The towns a name no stored spelling matches may be, by its spelling key ("Khan
        Sheikhoun" for Khan Shaykhun): those whose name begins with the same letter and is
        written nearly alike."""
        spelled = spelling_key(key)
        if not spelled:
            return ()
        bare = without_article(key)
        places = (self.store.place(pid) for pid, stored in self.store.spelled(spelled) if written_alike(bare, stored))
        return tuple(Candidate(place, SRC_SPELLING, False) for place in places if place is not None)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[PlaceMention]:
        ws = words(text, start, end, self.syllables)
        low, caps = ws.low, [w[0].isupper() or ("-" in w and capitalised(w)) for w in ws.words]
        taken = [False] * len(ws)
        found: list[PlaceMention] = []
        for i in range(len(ws)):
            if not taken[i] and (caps[i] or low[i] in self.lowercase_first) and low[i] in self.phrase_words:
                got = self._phrase_at(ws, i, low)
                if got is not None:
                    found.append(got[0])
                    taken[i:got[1] + 1] = [True] * (got[1] + 1 - i)
        usable = with_opening_articles(ws, [caps[i] and not taken[i] and not self._breaks(ws, i, low)
                                            for i in range(len(ws))])
        listed: _ListSoFar | None = None
        for run in runs(ws, usable):
            around = self._around(ws, run[0], low)
            in_run = self._run(ws, run, low, around)
            before = listed
            if not in_run and listed is not None and self._in_list(ws, run, around, listed):
                around = listed.around
                in_run = [m for m in map(listed.narrowed, self._run(ws, run, low, around)) if m is not None]
            found.extend(in_run)
            last = in_run[-1].place if in_run else None
            cued = around.cue is not None and not around.cue.weak
            if cued and last and last.kind != "country":
                listed = _ListSoFar(ws.ends[run[-1]], around, last.iso2)
            elif before is not None and around is before.around and not in_run:
                # a village the gazetteer lacks does not end the list: "ở Kafar Zita, al-Latamineh, Mourek"
                listed = _ListSoFar(ws.ends[run[-1]], before.around, before.iso2)
            else:
                listed = None
        # a landmark holds the country that says whose it is ("trước Quốc hội Mỹ"): one mention, its city
        sites = self.landmarks.find(text, start, len(text) if end is None else end,
                                    self.store.by_geonameid, self._country, self.store.capital)
        found = [f for f in found if not any(m.start < f.end and f.start < m.end for m in sites)] + sites
        found.sort(key=lambda m: m.start)
        return _qualified(text, found)

    def _country(self, name: str) -> Place | None:
        """The country a name is, as written ("Mỹ", "Hàn Quốc"), if it is one."""
        return next((c.place for c in self.candidates(exact_key(name)) if c.exact and c.place.kind == "country"), None)

    def _breaks(self, ws: Words, i: int, low: list[str]) -> bool:
        """A capitalised word that cannot be part of a name here."""
        word = ws.word(i)
        if word.isupper() and low[i] in self.cues.cue_words:                       # "TP"
            return True
        if i and low[i] in self.cues.directions and low[i - 1] in self.direction_heads and ws.joined(i):
            return True                                                             # "miền Đông"
        if low[i] in self.cues.compass and self._opens_part(ws, i, low):
            return True                                                             # "Bắc Hama"
        if not ws.initial(i):
            return False
        if low[i] in self.cues.cue_words or word in self.cues.ambiguous_first:     # "Tại", "Anh"
            return True
        return self._is_word(ws, i, low)                                            # "Ý tưởng"

    def _opens_part(self, ws: Words, i: int, low: list[str]) -> bool:
        """Whether word i is a direction (or the second word of one) before a name it is no part of:
        "Bắc Hama", "Tây Bắc Syria", but not "Bắc Kinh", "Đông Ghouta", "Bắc Mỹ", "Đại Tây Dương"."""
        compass = self.cues.compass
        first = i - 1 if i and ws.joined(i) and f"{low[i - 1]} {low[i]}" in compass else i
        name = i + 1
        if name < len(ws) and ws.joined(name) and f"{low[i]} {low[name]}" in compass:
            name += 1                                                               # "Tây Bắc Syria"
        if name >= len(ws) or not ws.joined(name) or not capitalised(ws.word(name)):
            return False
        if self._ends_word_before(ws, first, low):
            return False                                                            # "Đại Tây Dương"
        for j in range(name, min(len(ws), first + MAX_WORDS)):
            key = _key(ws.text[ws.starts[first]:ws.ends[j]])
            if key in self.cues.whole_names or key in self.phrases or self.candidates(key):
                return False
        if self._syllable(ws.word(name)):   # "Tây Nguyên": a Vietnamese name, unless of a country
            return any(c.place.kind == "country" for j in range(name, min(len(ws), name + MAX_WORDS))
                       for c in self.candidates(_key(ws.text[ws.starts[name]:ws.ends[j]])))
        return True

    def _ends_word_before(self, ws: Words, first: int, low: list[str]) -> bool:
        """Whether the direction at word `first` belongs to the word before it: a name ("Đại Tây
        Dương") or a word that is no direction ("mùa đông", "phương Tây")."""
        if not first or not ws.joined(first):
            return False
        return capitalised(ws.word(first - 1)) or f"{low[first - 1]} {low[first]}" in self.cues.not_directions

    def _bare_direction(self, ws: Words, i: int, low: list[str]) -> PlaceCue | None:
        """The direction right before word i with no head ("ở Bắc Hama", "tại đông Aleppo"): the
        name is that part of the place, as after "phía". Not where the direction ends a word of the
        language ("phương Tây", "đám đông") or another name, nor in a name of its own ("Bắc Mỹ")."""
        for n in (2, 1):
            first = i - n
            if first < 0 or not all(ws.joined(k) for k in range(first + 1, i + 1)):
                continue
            cue = self.cues.bare_directions.get(" ".join(low[first:i]))
            if cue is None:
                continue
            if self._ends_word_before(ws, first, low) or (
                    first and ws.joined(first) and f"{low[first - 1]} {low[first]}" in self.words2):
                return None
            if any(" ".join(low[first:j + 1]) in self.cues.whole_names for j in range(i, min(len(ws), i + 3))):
                return None
            return cue
        return None

    def _is_word(self, ws: Words, j: int, low: list[str]) -> bool:
        """A capitalised syllable that makes a Vietnamese word with the next: "Ý tưởng", "Hồi giáo"."""
        k = j + 1
        return k < len(ws) and ws.joined(k) and not capitalised(ws.word(k)) \
            and f"{low[j]} {low[k]}" in self.words2

    def _syllable(self, word: str) -> bool:
        return "-" not in word and (is_vietnamese(word) or word.casefold() in self.syllables)

    def _phrase_at(self, ws: Words, i: int, low: list[str]) -> tuple[PlaceMention, int] | None:
        for j in range(min(len(ws), i + self.phrase_words[low[i]]) - 1, i, -1):
            surface = " ".join(ws.text[ws.starts[i]:ws.ends[j]].split())
            forms = self.phrases.get(_key(surface))
            if forms and surface in forms:
                around = self._around(ws, i, low)
                ranked = self._ranked(_key(surface), _EXACT, around.cue.prefers if around.cue else None)
                if ranked:
                    return self._mention(ws, i, j, ranked, around, low), j
        return None

    def _around(self, ws: Words, i: int, low: list[str]) -> _Around:
        around = self._around_words(tuple(self._before(ws, i, low)), self._credit(ws, i, low))
        if around == _NO_CUE:
            cue = self._bare_direction(ws, i, low)
            if cue is not None:
                return _Around(cue, False, False, False)
        return around

    def _around_uncached(self, before: tuple[str, ...], credit: int) -> _Around:
        flags, cue = self.cues.before(list(before), self.words2)
        if cue is not None and not credit:
            return _Around(cue, False, False, False)
        if flags & PERSON or credit == _CREDIT:
            return _PERSON
        title = bool(flags & TITLE) or credit == _SOURCE
        return _Around(None, title, bool(flags & ORG), title or bool(flags & (ORG | OWNER)),
                       bool(flags & GOVERNMENT))

    def _in_list(self, ws: Words, run: list[int], around: _Around, listed: _ListSoFar) -> bool:
        """Whether a name with no cue of its own continues the list of cued places before it
        ("ở Abu Kamal và Hajin": Hajin is cued by "ở" as Abu Kamal is).

        After a comma the name must go on to another name, so that "ở Damascus, Assad nói" does
        not cue a clause's subject."""
        if around != _NO_CUE:
            return False
        gap = ws.text[listed.end:ws.starts[run[0]]]
        if not self.cues.joins_list(gap):
            return False
        end = ws.ends[run[-1]]
        return gap.strip() != "," or self.cues.continues_list(ws.text[end:end + 24])

    def _run(self, ws: Words, run: list[int], low: list[str], around: _Around) -> list[PlaceMention]:
        """The places in one run of capitalised words (its plan is cached: runs repeat)."""
        first, last = run[0], run[-1]
        tail = last + 1 < len(ws) and ws.joined(last + 1) and low[last + 1]
        key = (tuple(ws.words[k] for k in run), around, ws.initial(first), tail,
               _MODEL_NUMBER.match(ws.text, ws.ends[last]) is not None)
        plan = self._plans.get(key)
        if plan is None:
            if len(self._plans) > 50_000:
                self._plans.clear()
            plan = self._plans[key] = self._plan(ws, run, low, around)
        # the run's first name (after an article that opens it) has the run's cue
        return [self._mention(ws, run[p], run[q], ranked,
                              around if all(low[run[k]] in CONNECTORS for k in range(p)) else _INSIDE, low)
                for p, q, ranked in plan]

    def _plan(self, ws: Words, run: list[int], low: list[str], around: _Around) -> list[tuple[int, int, Ranked]]:
        # (kept pure in the run's words and context: _run caches it)
        """Which words of the run are which places: (first, last, ranked candidates), run-relative."""
        first = run[0]
        if around.person:                          # "ông Putin", "bầu Đức"
            return []
        strong_cue = around.cue is not None and not around.cue.weak
        if ws.word(first) in self.cues.surnames:   # "Nguyễn Văn A"; "Kim" alone needs a cue
            org = around.org or (len(run) == 1 and not strong_cue)
            whole = self._longest(ws, run, 0, low, around, Context(cue=strong_cue, org=org))
            return [(0, whole[0], whole[1])] if whole and whole[0] == len(run) - 1 and whole[1] else []
        opens = ws.initial(first) and self._syllable(ws.word(first))
        out: list[tuple[int, int, Ranked]] = []
        p = 0
        lead = 0   # the run's first name: a leading article ("al - Mayadeen") does not end it
        while p < len(run):
            if low[run[p]] in CONNECTORS and p > lead:
                p += 1
                continue
            here, context = (around, Context(cue=strong_cue, org=around.org)) if p == lead else (_INSIDE, Context())
            if p == lead and low[run[p]] in CONNECTORS:
                # GeoNames writes an article or not ("Al Mayadin", "Ad Dana" = "Dana"): the whole name
                # where it is written so ("El Paso", "al - Mayadeen"), else the name after the article
                # ("al - Dana" is no "Aldana"), else the whole name however it matched
                whole = self._longest(ws, run, p, low, here, context)
                if whole is not None and whole[1] is None:
                    p = whole[0] + 1           # a stop-listed name ("al - Qaeda"): no place in it
                    continue
                chosen = (p, whole[0], whole[1]) if whole is not None and whole[1] else None
                if chosen is None or not self._exact(ws, run[p], run[chosen[1]]):
                    bare = self._longest(ws, run, p + 1, low, here, context) if p + 1 < len(run) else None
                    if bare is not None and bare[1]:
                        chosen = (p + 1, bare[0], bare[1])   # the mention: the name the places answer to
                if chosen is None:
                    p = lead = p + 1
                    continue
                out.append(chosen)
                p = chosen[1] + 1
                continue
            got = self._longest(ws, run, p, low, here, context, sentence_first=opens and p == 0)
            if got is None:
                if p == 0 and opens and low[first] in self.cues.openers:
                    p += 1                     # "Sau Albu Kamal": the first word is just a word
                    continue
                if out and out[-1][1] == p - 1 and not self._names_owner(out[-1][2], ws.word(run[p])):
                    out.pop()                  # "New York Times", "Đức Hoàng": part of a longer name
                break                          # a word that is no place: the rest is one proper name
            q, ranked = got
            if ranked:
                if p == 0 and around.title:    # "Tổng thống Mỹ Donald Trump": keep the country only
                    top = ranked[0][0]
                    return [(p, q, ranked)] if top.kind == "country" or top.seat else []
                out.append((p, q, ranked))
            p = q + 1
        return out

    def _longest(self, ws: Words, run: list[int], p: int, low: list[str], around: _Around, context: Context,
                 sentence_first: bool = False) -> tuple[int, Ranked | None] | None:
        """The longest name starting at run[p]: (q, ranked), ranked None for a stop-listed name."""
        text, i = ws.text, run[p]
        prefers = around.cue.prefers if around.cue else None
        for q in range(min(len(run), p + MAX_WORDS) - 1, p - 1, -1):
            j = run[q]
            if low[j] in CONNECTORS:
                continue
            span = text[ws.starts[i]:ws.ends[j]]
            key = _key(span)
            if key in self.cues.not_places:
                return q, None
            if _MODEL_NUMBER.match(text, ws.ends[j]):
                continue                       # "Hwasong-12", "Su-35": a weapon, not a town
            ctx = context
            if q == p:
                if self._is_word(ws, j, low):
                    continue
                syllable = self._syllable(span)
                ctx = Context(context.cue, True, syllable, sentence_first and syllable,
                              span.isupper() and len(span) > 1, context.org)
            elif span.replace(" ", "").isupper():
                ctx = Context(context.cue, all_caps=True)
            ranked = self._ranked(key, ctx, prefers)
            if ranked:
                return q, ranked
        return None

    def _exact(self, ws: Words, i: int, j: int) -> bool:
        """Whether some place is written as words i..j are, not only alike without spaces or accents."""
        return any(c.exact for c in self.candidates(_key(ws.text[ws.starts[i]:ws.ends[j]])))

    def _ranked_uncached(self, key: str, ctx: Context, prefers: str | None) -> Ranked | None:
        cands = [c for c in self.candidates(key) if admissible(c, ctx)]
        return rank(cands, prefers) if cands else None

    def _credit(self, ws: Words, i: int, low: list[str]) -> int:
        """A source ("Theo Sina") or a credit ("(ảnh: Gia Hưng)") names the words after it."""
        if i == 0:
            return 0
        gap = ws.gap_before(i)
        if not (gap.isspace() or gap.strip() == ":"):
            return 0
        if low[i - 1] in self.cues.credits:
            return _CREDIT
        return _SOURCE if low[i - 1] in self.cues.sources and gap.isspace() else 0

    def _names_owner(self, ranked: Ranked, next_word: str) -> bool:
        """A country or capital before a foreign name says whose it is ("Mỹ Donald Trump");
        before a Vietnamese syllable it is part of a Vietnamese name ("Đức Hoàng")."""
        top = ranked[0][0]
        return (top.kind == "country" or top.seat) and not self._syllable(next_word)

    def _before(self, ws: Words, i: int, low: list[str]) -> list[str]:
        """The words right before word i in the same clause, nearest last ("TP. X", "Q. X" count)."""
        lo = max(0, i - self.cues.max_words)
        if i and not _PUNCTUATION.search(ws.text, ws.ends[lo], ws.starts[i]):
            return low[lo:i]             # the common case: only spaces between the words
        out: list[str] = []
        k = i
        while k > 0 and len(out) < self.cues.max_words:
            gap = ws.gap_before(k)
            abbreviated = k == i and gap.strip() == "." and ws.words[k - 1] in _ABBREVIATED_CUES
            if "\n" in gap or not (gap.isspace() or abbreviated):
                break
            out.append(low[k - 1])
            k -= 1
        return out[::-1]

    def _after(self, ws: Words, j: int, low: list[str]) -> list[str]:
        """The words right after word j in the same clause (up to five)."""
        out: list[str] = []
        k = j + 1
        while k < len(ws) and len(out) < 5 and not _PUNCTUATION.search(ws.text, ws.ends[k - 1], ws.starts[k]):
            out.append(low[k])
            k += 1
        return out

    def _mention(self, ws: Words, i: int, j: int, ranked: Ranked, around: _Around, low: list[str]) -> PlaceMention:
        start, end = ws.starts[i], ws.ends[j]
        places, scores = ranked
        top = places[0]
        government = (around.cue is None and not around.owner and (top.kind == "country" or top.seat)
                      and (around.government or self.cues.government([], self._after(ws, j, low))))
        spelled = all(c.src == SRC_SPELLING for c in self.candidates(_key(ws.text[start:end])))
        return PlaceMention(start, end, ws.text[start:end], places, around.cue.cue if around.cue else None,
                            government, around.owner, scores, spelled)


_QUALIFIER_GAP = re.compile(r"\s*(?:\(|,|–|—)\s*")   # "Balakot (Pakistan)", "Salisbury, Anh", "Balakot – Pakistan"


def _qualified(text: str, found: list[PlaceMention]) -> list[PlaceMention]:
    """A town followed by a country says which town it is: "Salisbury (Anh)" is not Salisbury in
    Zimbabwe, "Palmyra, Syria" not Palmyra in the United States. A country that none of the town's
    namesakes lies in says nothing of it ("Idlib, Nga không kích" starts a clause); a hyphen joins
    sides, not a town and its country ("biên giới Gaza - Israel")."""
    kept = list(found)
    for i, (town, country) in enumerate(zip(found, found[1:])):
        if (town.place.kind != "country" and country.place.kind == "country"
                and _QUALIFIER_GAP.fullmatch(text, town.end, country.start)):
            kept[i] = town.within({country.place.iso2}) or town
    return kept
