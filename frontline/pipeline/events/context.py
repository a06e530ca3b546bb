"""What the pipeline knows of one article before it builds events.

The article is read once: its sentences, the places the gazetteer finds (ranked
with the whole article as context), every date expression, the sources it cites.
Actors and triggers are then read sentence by sentence, only where they can matter.
"""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from frontline.geo import gazetteer
from frontline.geo.model import Place, PlaceMention
from frontline.pipeline.mentions.actors import ActorMention, find_actors
from frontline.pipeline.mentions.dates import DateMention, find_dates
from frontline.pipeline.mentions.sources import find_sources, source_names
from frontline.pipeline.text.segment import Sentence
from frontline.record import Document

if TYPE_CHECKING:
    from frontline.lang.language import Language

TITLE_CHARS = 120  # news titles are short; a long first line is a lead or a caption
STRAY_MAIN_MENTIONS = 2  # mentions of the main country that make a lone foreign town suspect


@dataclass(frozen=True, slots=True)
class ArticleContext:
    """The article read once, before any event is built; nothing in it changes afterwards."""
    doc: Document
    folded: str
    sentences: list[Sentence]
    places: list[PlaceMention]
    dates: list[DateMention]
    sources: list[str]
    source_spans: list[tuple[int, int]]
    language: Language = field(kw_only=True)  # the article's: its words, phrasings and cues
    trigger_kinds: frozenset[str] = field(kw_only=True, default=frozenset())  # every war word's kind in its war sense
    # what read_article derives from the fields above, once
    sentence_actors: tuple[tuple[list[ActorMention], set[int]], ...] = field(kw_only=True, default=())
    # the place the article is about: its most named country (actors' countries count), and in it
    # the most named town, if any
    main: Place | None = field(kw_only=True, default=None)
    # told in captions (a slideshow): its captions are its body, dated like one
    photo_story: bool = field(kw_only=True, default=False)
    place_starts: tuple[int, ...] = field(kw_only=True, default=())  # for in_span
    date_starts: tuple[int, ...] = field(kw_only=True, default=())
    place_counts: Counter = field(kw_only=True, default_factory=Counter)       # geonameid -> mentions
    country_counts: Counter = field(kw_only=True, default_factory=Counter)     # iso2 -> mentions

    @property
    def text(self) -> str:
        return self.doc.text

    def in_span(self, items: list, start: int, end: int) -> list:
        """The items (sorted by .start) that lie within [start, end): the article's places or dates."""
        if items is self.places:
            starts = self.place_starts
        elif items is self.dates:
            starts = self.date_starts
        else:
            raise ValueError("in_span reads the article's places or dates")
        low = bisect.bisect_left(starts, start)
        high = bisect.bisect_left(starts, end)
        return [item for item in items[low:high] if item.end <= end]

    def actors(self, sentence: Sentence) -> tuple[list[ActorMention], set[int]]:
        """The sentence's actors, and the starts of the place mentions that name their country."""
        return self.sentence_actors[sentence.index]

    def event_places(self, sentence: Sentence) -> list[PlaceMention]:
        """Place mentions of the sentence that can be where an event happened.

        Not a capital or country standing for its government ("chính phủ Damascus"),
        not the country of an actor ("Quân đội Syria") or a word of an actor's name
        ("dân quân ủng hộ Iran"), not inside a source's name, not a time zone, not a place that
        only says where the place before it lies ("Meiktila, nằm ở phía đông bắc Magway").
        """
        actors, used = self.actors(sentence)
        mentions = self.in_span(self.places, sentence.start, sentence.end)
        return [m for i, m in enumerate(mentions)
                if not m.government and not m.attributive and m.start not in used
                and not any(a.start < m.end and m.start < a.end for a in actors)
                and not self._in_source(m.start)
                and not self.language.frame.time_zone.search(self.folded, max(0, m.start - 8), m.start)
                and not (_stands_for_state(m) and not self._in_cued_list(mentions, i))
                and not (i and self.language.frame.locator.fullmatch(self.folded, mentions[i - 1].end, m.start))]

    def _in_cued_list(self, mentions: list[PlaceMention], i: int) -> bool:
        """Whether the i-th mention goes on a list of its country's towns that a word of place opens:
        "tuần hành ở New York, Boston, Washington DC" names three cities, where "giữa New Delhi và
        Islamabad" names two states, and so do "ở Síp, Athens và Ankara cũng đã tuyên bố" (a country
        is no town) and "biểu tình nổ ra ở Hong Kong, Bắc Kinh thường xuyên ..." (another country's)."""
        gap, country = self.language.frame.list_gap, mentions[i].place.iso2
        while i and (mentions[i - 1].place.kind, mentions[i - 1].place.iso2) == ("city", country) \
                and gap.fullmatch(self.folded, mentions[i - 1].end, mentions[i].start):
            i -= 1
            if mentions[i].cue not in NOT_LOCATIVE:
                return True
        return False

    def _in_source(self, position: int) -> bool:
        """Inside a source's name ("Ảnh: AMN"); the spans are in order and do not overlap."""
        i = bisect.bisect_right(self.source_spans, (position, float("inf"))) - 1
        return i >= 0 and self.source_spans[i][0] <= position < self.source_spans[i][1]

    def mentions_of(self, place: Place) -> int:
        """How many times the article names this place."""
        return self.place_counts[place.geonameid]

    def is_news_date(self, mention) -> bool:
        """Within the news window of the article: not background, not after publication."""
        published = self.doc.published
        if published is None:
            return True
        return (published.earliest() - mention.date).days <= 60 and mention.date <= published.latest()

    def country_place(self, iso2: str) -> Place:
        return gazetteer().country(iso2)

    def capital(self, iso2: str) -> Place | None:
        return gazetteer().capital(iso2)

    def stray(self, mention: PlaceMention) -> bool:
        """A town of a country the article names nowhere else, in an article clearly about another:
        a foreign one-word name matched to a namesake far away ("các vị trí của IS ở Dayatheh và
        Kara" in a Syria story is not Kara, Togo)."""
        if mention.place.kind == "country":
            return False
        main = self.main
        if main is None or main.iso2 == mention.place.iso2:
            return False
        return (self.country_counts[mention.place.iso2] <= 1
                and self.country_counts[main.iso2] >= STRAY_MAIN_MENTIONS)

    def is_title(self, sentence: Sentence) -> bool:
        """The title line: the first paragraph, one short undated sentence, of an article of several."""
        if sentence.paragraph != 0 or "\n" not in self.text or sentence.end - sentence.start > TITLE_CHARS:
            return False
        if self.in_span(self.dates, sentence.start, sentence.end):
            return False
        return all(s.paragraph != 0 or s.index == sentence.index for s in self.sentences[:3])

    def is_caption(self, sentence: Sentence) -> bool:
        """A photo or video caption: it carries a credit, or the next sentence is one ("Ảnh: AMN.")."""
        if self.language.frame.credit.search(self.folded, sentence.start, sentence.end):
            return True
        following = sentence.index + 1
        return following < len(self.sentences) and bool(
            self.language.frame.credit.match(self.folded, self.sentences[following].start))

    def find_main_place(self) -> Place | None:
        """The main place, from the sentences' actors and places (read_article keeps it in `main`)."""
        countries: dict[str, float] = {}
        towns: dict[int, tuple[int, int, Place]] = {}
        for sentence in self.sentences:
            actors, _ = self.actors(sentence)
            for actor in actors:  # an actor's country counts a little: "binh sĩ Nga" is often abroad
                if actor.iso2 and actor.kind != "government":
                    countries[actor.iso2] = countries.get(actor.iso2, 0) + 0.25
            for m in self.event_places(sentence):
                if self.language.frame.comes_from.search(self.folded, max(0, m.start - 8), m.start):
                    continue  # "Tony Scardamaglia từ Palermo": where a person comes from
                if not m.attributive:  # a town counts for its country more than the country's own name
                    countries[m.place.iso2] = countries.get(m.place.iso2, 0) + (1.5 if m.place.kind != "country" else 1)
                if m.place.kind != "country" and m.place.geonameid is not None:
                    count, first, _ = towns.get(m.place.geonameid, (0, m.start, m.place))
                    towns[m.place.geonameid] = (count + 1, first, m.place)
        if not countries:
            return None
        main = min(countries, key=lambda code: (-countries[code], code))
        ranked = sorted((t for t in towns.values() if t[2].iso2 == main), key=lambda t: (-t[0], t[1]))
        return ranked[0][2] if ranked else self.country_place(main)

    def sentence_countries(self, sentence: Sentence) -> list[str]:
        """ISO2 codes of the countries a sentence is about: its actors' and its places'."""
        actors, _ = self.actors(sentence)
        codes = [a.iso2 for a in actors if a.iso2 and a.kind != "government"]
        codes += [m.place.iso2 for m in self.event_places(sentence)]
        return list(dict.fromkeys(codes))


_COUNTRY_NAMES: dict[str, str] = {}


NOT_LOCATIVE = {None, "đến", "từ", "khỏi", "cách"}


def _stands_for_state(mention: PlaceMention) -> bool:
    """A capital named with no word of place before it stands for its state in foreign news:
    "Moscow đã đẩy lùi một vụ tấn công", "đoàn xe quân đội của Ankara", "giữa New Delhi và Islamabad".
    "ở Kabul", "tại thủ đô Brussels", "tấn công vào Kyiv" keep the city; so does a city that is its
    own country or territory (Hong Kong, Singapore), which has no other place to be."""
    place = mention.place
    if not (place.kind == "city" and place.seat and mention.cue in NOT_LOCATIVE):
        return False
    return gazetteer().country(place.iso2).name != place.name


def country_names() -> dict[str, str]:
    """ISO2 -> ACLED country name, for actors named by their country's code."""
    if not _COUNTRY_NAMES:
        _COUNTRY_NAMES.update(gazetteer().acled_country_names())
    return _COUNTRY_NAMES


def read_article(doc: Document, folded: str, sentences: list[Sentence], lang: Language,
                 trigger_kinds: frozenset[str] = frozenset()) -> ArticleContext:
    """The article read once (places, dates, sources, each sentence's actors, the main place), with
    the kinds of its war words."""
    geo = gazetteer()
    places = geo.resolve(geo.find(doc.text))
    dates = find_dates(lang.dates, doc.text, doc.published)
    source_hits = find_sources(lang.sources, folded)
    ctx = ArticleContext(doc, folded, sentences, places, dates, source_names(source_hits),
                         [(h.start, h.end) for h in source_hits], language=lang, trigger_kinds=trigger_kinds,
                         place_starts=tuple(m.start for m in places), date_starts=tuple(d.start for d in dates),
                         place_counts=Counter(m.place.geonameid for m in places),
                         country_counts=Counter(m.place.iso2 for m in places))
    actors = tuple(find_actors(lang.actors, doc.text, folded, s.start, s.end,
                               ctx.in_span(places, s.start, s.end), country_names()) for s in sentences)
    ctx = replace(ctx, sentence_actors=actors)
    photo_story = sum(1 for s in sentences if ctx.is_caption(s)) * 2 >= len(sentences)
    return replace(ctx, main=ctx.find_main_place(), photo_story=photo_story)
