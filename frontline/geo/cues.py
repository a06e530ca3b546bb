"""The words around a name, from lang/<code>/place_cues.yaml, as sets of word sequences.

Every cue is a short sequence of words right before a name ("ở tỉnh",
"chính phủ", "Tổng thống") or right after it ("tuyên bố", "đã cáo buộc").
The finder reads the few words on either side of a name and looks them up
here; keys are exact_key()s (lower case, diacritics kept).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from frontline.geo.text import exact_key
from frontline.lang import load

TITLE, ORG, OWNER, GOVERNMENT, PLACE, PERSON = 1, 2, 4, 8, 16, 32


@dataclass(frozen=True, slots=True)
class PlaceCue:
    cue: str              # as reported on the mention: "thành phố", "tỉnh", "phía tây"
    prefers: str | None   # "city", "admin1", "country" or None
    weak: bool = False    # "đến", "từ": also before people, so it admits no small place


def _list_words(text: str) -> list[str]:
    """The words of the text between or after listed names, a comma counting as one."""
    return text.replace(",", " , ").split()


def _keys(forms: list[str]) -> frozenset[str]:
    return frozenset(exact_key(f) for f in forms if exact_key(f))


class Cues:
    def __init__(self, lang: str = "vi") -> None:
        raw = load(lang, "place_cues")
        self.place: dict[str, PlaceCue] = {}
        qualifiers = _keys(raw["kind_qualifiers"])
        for cue, spec in raw["place_cues"].items():
            place_cue = PlaceCue(cue, spec.get("prefers"), bool(spec.get("weak")))
            for key in map(exact_key, spec["forms"]):
                self.place[key] = place_cue
                if place_cue.prefers in ("city", "admin1"):   # "thị trấn chiến lược", "ngôi làng nhỏ"
                    for qualifier in qualifiers:
                        self.place.setdefault(f"{key} {qualifier}", place_cue)
        d = raw["direction_cues"]
        self.direction_heads = _keys(d["heads"])
        self.directions = _keys(d["directions"])
        # "phía Nam tỉnh Idlib", "miền đông nước Mỹ": the direction of a province or country named by
        # its kind keeps that kind's preference; a town's ("phía tây thành phố Mosul") stays the town
        regions = {exact_key(form): spec.get("prefers") for spec in raw["place_cues"].values()
                   for form in spec["forms"] if spec.get("prefers") in ("admin1", "country")}
        linker = exact_key(d["linker"])
        for head in self.direction_heads:
            for direction in self.directions:
                cue = PlaceCue(f"{head.split()[-1]} {direction}", None)
                self.place[f"{head} {direction}"] = cue
                self.place[f"{head} {direction} {linker}"] = cue
                for region, prefers in regions.items():
                    for key in (f"{head} {direction} {region}", f"{head} {direction} {linker} {region}"):
                        self.place[key] = PlaceCue(cue.cue, prefers)
        self.compass = {exact_key(w): (int(n), int(e)) for w, (n, e) in d["compass"].items()}
        # a bare direction before a name ("Bắc Hama") is reported as the first head's ("phía bắc"); weak:
        # "Bắc Sinai" is no Mexican village named Sinai
        bare_head = exact_key(d["heads"][0]).split()[-1]
        self.bare_directions = {w: PlaceCue(f"{bare_head} {w}", None, weak=True) for w in self.compass}
        self.whole_names = _keys(d["whole_names"])
        self.not_directions = _keys(d["not_directions"])
        self.government_before = _keys(raw["government_before"])
        self.government_after = _keys(raw["government_after"])
        self.fillers = _keys(raw["government_fillers"])
        self.titles = _keys(raw["person_titles"])
        self.persons = _keys(raw["person_words"])
        self.owners = _keys(raw["owner_nouns"])
        self.orgs = _keys(raw["org_heads"])
        self.surnames = frozenset(raw["surnames"])
        self.not_places = _keys(raw["not_places"])
        self.ambiguous_first = frozenset(raw["ambiguous_first_words"])
        self.openers = frozenset(w.casefold() for w in raw["sentence_openers"])
        self.sources = _keys(raw["source_words"])
        self.credits = _keys(raw["credit_words"])
        self.lowercase_heads = _keys(raw["lowercase_heads"])
        self.list_joins = frozenset(" ".join(w.casefold().split()) for w in raw["list_joins"])
        self.list_fillers = _keys(raw["list_fillers"])
        lies_in = "|".join(sorted(map(re.escape, raw["list_lies_in"]), key=len, reverse=True))
        # the text from a list's last name to the place it lies in: "... , thuộc tỉnh "
        self.list_lies_in = re.compile(rf"\s*,?\s*(?:{lies_in})\s+(?:\S+\s+){{0,2}}?$", re.IGNORECASE)
        self.cue_words = frozenset(k for k in self.place if " " not in k)
        every = (*self.place, *self.government_before, *self.titles, *self.persons, *self.owners, *self.orgs)
        self.max_words = max(k.count(" ") + 1 for k in every)
        self.roles: dict[str, int] = {}   # a word sequence -> the roles (bit flags) it plays before a name
        for flag, keys in ((TITLE, self.titles), (PERSON, self.persons), (ORG, self.orgs), (OWNER, self.owners),
                           (GOVERNMENT, self.government_before), (PLACE, self.place)):
            for key in keys:
                self.roles[key] = self.roles.get(key, 0) | flag

    def before(self, before: list[str], compounds: frozenset[str] = frozenset()) -> tuple[int, PlaceCue | None]:
        """The roles of the longest cue `before` ends with, and the place cue among them.

        A Vietnamese compound word hides the nouns inside it: "yêu cầu" (to ask)
        is not "cầu" (a bridge), "quân đội" is not "đội" (a team).
        """
        mask = ~0
        for n in range(min(len(before), self.max_words), 0, -1):
            key = " ".join(before[-n:])
            role = self.roles.get(key, 0) & mask
            if role:
                return role, self.place.get(key) if role & PLACE else None
            if n == 2 and key in compounds:
                mask = PLACE | GOVERNMENT   # "sở tại X" still has "tại"
        return 0, None

    def joins_list(self, gap: str) -> bool:
        """Whether the text between two names joins them in a list: ", ", " và ", ", và "."""
        words = " ".join(_list_words(gap.casefold()))
        return words in self.list_joins or (words.startswith(", ") and words[2:] in self.list_joins)

    def joins_kinds(self, gap: str) -> bool:
        """`joins_list`, or a join followed by the next name's own kind of place: "Jabal Turdah, đảo
        Sakr và ngôi làng al - Jafrah" (a strong cue, not "từ" or "vào")."""
        words = _list_words(gap.casefold())
        for n in range(1, len(words)):
            cue = self.place.get(exact_key(" ".join(words[n:])))
            if cue is not None and not cue.weak and self.joins_list(" ".join(words[:n])):
                return True
        return self.joins_list(gap)

    def conjoins(self, gap: str) -> bool:
        """Whether the gap between two names holds a joining word, not only a comma: "Kafar Zita và
        Morek" is a list, "Ghazlani, Mosul, Iraq" an address, as is "thôn Trà Nô, xã Phước Hà"."""
        words = _list_words(gap.casefold())
        phrases = words + [f"{a} {b}" for a, b in zip(words, words[1:])]   # "và", "cũng như"
        return any(p != "," and p in self.list_joins for p in phrases)

    def continues_list(self, after: str) -> bool:
        """Whether the text after a name goes on to another name: ", Baynin", " và Shinan"
        (", một quả bom" does not)."""
        words = _list_words(after)
        for n in (2, 1):
            if len(words) > n and " ".join(words[:n]).casefold() in self.list_joins:
                return words[n][:1].isupper()
        return False

    def direction(self, cue: str | None) -> tuple[int, int] | None:
        """The compass point of a direction cue ("phía nam" -> (-1, 0)), None for any other cue."""
        if not cue or " " not in cue:
            return None
        return self.compass.get(cue.split(" ", 1)[1])

    def place_cue(self, before: list[str]) -> PlaceCue | None:
        """The longest place cue `before` ends with; `before` is the words before a name, nearest last."""
        for n in range(min(len(before), self.max_words), 0, -1):
            cue = self.place.get(" ".join(before[-n:]))
            if cue is not None:
                return cue
        return None

    def ends_with(self, before: list[str], keys: frozenset[str]) -> bool:
        return any(" ".join(before[-n:]) in keys for n in range(1, min(len(before), self.max_words) + 1))

    def government(self, before: list[str], after: list[str]) -> bool:
        """"chính phủ X", "phía X", or "X tuyên bố", "X đã cáo buộc" (`after`: the words after a name)."""
        if self.ends_with(before, self.government_before):
            return True
        k = 0
        while True:
            if k < len(after) and after[k] in self.fillers:
                k += 1
            elif " ".join(after[k:k + 2]) in self.fillers:
                k += 2
            else:
                break
        return any(" ".join(after[k:k + n]) in self.government_after for n in (1, 2, 3) if k + n <= len(after))


@cache
def cues(lang: str = "vi") -> Cues:
    return Cues(lang)
