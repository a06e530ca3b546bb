"""One candidate event per trigger: who, where and when, read from its sentence.

Roles follow Vietnamese word order: the actor before the verb acts ("phiến quân
IS đã tái chiếm"), the one after it is acted on; "bị X <verb>" makes X the agent;
"giữa A và B" names both sides. A place or date the sentence lacks is taken from
the sentences just before it, as a reader would.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from frontline.geo.model import Place, PlaceMention
from frontline.geo.rank import distance_km
from frontline.lang.language import FramePhrasings
from frontline.pipeline.actors import ActorMention, country_actor
from frontline.pipeline.context import ArticleContext
from frontline.pipeline.dates import DateMention
from frontline.pipeline.modality import Modality, clause_start
from frontline.pipeline.segment import Sentence
from frontline.pipeline.triggers import NOUN_FORM, Trigger

SPEAKING_ONLY = ("police", "government", "civilians", "protesters")
INHERIT_SENTENCES = 3

@dataclass(slots=True)
class DateChoice:
    date: object            # datetime.date
    precision: int
    mention: DateMention | None
    how: str                # "in sentence", "from sentence N", "publication date"

    @property
    def day_known(self) -> bool:
        """The text names the very day (not a range, not the publication date)."""
        return self.mention is not None and self.mention.precision == 1


@dataclass(slots=True)
class Candidate:
    sentence: Sentence
    trigger: Trigger
    actor1: ActorMention | None = None
    actor2: ActorMention | None = None
    assoc1: list[ActorMention] = field(default_factory=list)
    place: Place | None = None
    place_mention: PlaceMention | None = None
    place_how: str = ""
    place_near: bool = False   # "gần thành phố Idlib", "ngoại ô Damascus": near the town, not in it
    date: DateChoice | None = None
    modality: Modality | None = None
    sub_event_type: str | None = None
    type_reason: str = ""
    fatalities: int | None = None
    fatality_span: tuple[int, int] | None = None
    dropped: str | None = None
    place_options: list = field(default_factory=list)  # (PlaceMention, features) the place model weighs
    type_features: dict = field(default_factory=dict)  # what the type model weighs
    place_score: float | None = None   # the place model's probability for this place
    type_score: float | None = None    # the type model's probability for this sub-event type

    @property
    def generic(self) -> bool:
        """A reading that a precise one of the same event absorbs: a generic word, or a town
        taken by someone the sentence does not name ("Việc chiếm lại được nhà thờ")."""
        return self.trigger.spec.generic or (self.trigger.kind == "territory" and self.actor1 is None)

    @property
    def weak(self) -> bool:
        """A reading with no anchor of its own: a generic word whose date and place come from other
        sentences (an echo), or any word with no date anywhere near it and no place in its sentence
        (a weapon's description, a general remark)."""
        own_place = self.place_how == "in sentence"
        own_date = self.date is not None and self.date.how == "in sentence"
        undated = self.date is None or self.date.how == "publication date"
        # "cuộc tấn công đã buộc Nga ...": "the attack" of an earlier sentence, not a new one
        anaphoric = self.trigger.spec.generic and bool(NOUN_FORM.match(self.trigger.text)) and not own_date
        return (self.generic and not own_place and not own_date) or (undated and not own_place) or anaphoric


def choose_actors(ctx: ArticleContext, sentence: Sentence, trigger: Trigger,
                  actors: list[ActorMention]) -> tuple[ActorMention | None, ActorMention | None, list[ActorMention]]:
    """actor1, actor2 and actor1's associates for a trigger."""
    phr = ctx.language.frame
    folded = ctx.folded
    others = [a for a in actors if a.end <= trigger.start or a.start >= trigger.end]
    before = [a for a in others if a.end <= trigger.start and _can_act(phr, folded, a, trigger)]
    after = [a for a in others if a.start >= trigger.end]
    clause = clause_start(ctx.language.modality, folded, sentence.start, trigger.start)
    actor1 = actor2 = None
    # "bị nhóm phiến quân HTS pháo kích": the agent stands between "bị" and the verb
    agent = [a for a in before if phr.passive.search(folded, sentence.start, a.start)]
    if agent:
        actor1 = agent[-1]
        patients = [a for a in before if a.end <= actor1.start]
        actor2 = patients[-1] if patients else None
    elif phr.passive.search(folded, sentence.start, trigger.start) or trigger.text.lower().startswith("bị "):
        patients = [a for a in before if a.start >= clause] or before
        actor2 = patients[-1] if patients else None
        agents = [a for a in after if phr.agent_of.match(folded, trigger.end, a.start)]
        actor1 = agents[0] if agents else None
        if actor2 is None:  # "căn cứ Hmeymim bị tấn công ... khiến 2 binh sĩ Nga thiệt mạng"
            actor2 = next((a for a in after if a is not actor1), None)
    else:
        in_clause = [a for a in before if a.start >= clause]
        pool = in_clause or before
        # "dưới sự yểm trợ hỏa lực của Không quân Nga", "cuộc không kích của Israel": the agent follows
        agents = [a for a in after if phr.agent_of.match(folded, trigger.end, a.start)
                  and not folded[trigger.end:a.start].strip(" ,").count(" ") > 1]
        owner = _owner_after(ctx, sentence, trigger)
        if agents:
            actor1, pool = agents[0], []
        elif owner is not None:
            actor1, pool = owner, []
        # "cuộc giao tranh ác liệt giữa IS và Quân đội Syria": the first of the pair acts
        pair = [a for a in others if phr.between.search(folded, sentence.start, a.start)]
        if pair and not agents:
            actor1, pool = pair[0], []
            actor2 = next((a for a in others if a.start > actor1.start and a.name != actor1.name), None)
        if pool:
            actor1 = pool[-1]
            subject = _country_subject(ctx, sentence, trigger)
            if subject is not None and subject.start > actor1.end:
                actor1 = subject  # "Hezbollah cáo buộc Israel đứng sau vụ kích nổ": the nearer one acts
        if actor1 is None and after and phr.subordinate.search(folded, sentence.start, trigger.start):
            # the main clause's subject, unless it is who suffered: "khiến 2 binh sĩ Nga thiệt mạng"
            actor1 = next((a for a in after if not phr.suffered.match(folded, a.end)), None)
        if actor2 is None:
            actor2 = next((a for a in after if a is not actor1 and a.name != getattr(actor1, "name", None)), None)
    if actor1 is None:
        actor1 = _country_subject(ctx, sentence, trigger)
    assoc = [a for a in before if actor1 is not None and a is not actor1 and a.kind == actor1.kind
             and a.end >= actor1.start - 12 and a.start > actor1.start]
    if actor2 is not None and actor1 is not None and actor2.name and actor2.name == actor1.name:
        actor2 = None
    return actor1, actor2, assoc


def _can_act(phr: FramePhrasings, folded: str, actor: ActorMention, trigger: Trigger) -> bool:
    """Whether an actor before the trigger may be its agent, not only the one who speaks of it.

    "Cảnh sát Bỉ cho biết ... một vụ nổ súng": the police report the shooting;
    "Tổng thống Ukraine ... đề cập vụ tấn công": the president speaks, he did not strike.
    """
    between = folded[actor.end:trigger.start]
    if actor.kind == "government" and len(between.split()) > 2:
        return False
    if phr.suffered.match(between):
        return False
    if phr.possessor.search(folded, max(0, actor.start - 8), actor.start) and not phr.armed_thing.search(
            folded, max(0, actor.start - 40), actor.start):
        # "máy nhắn tin của Hezbollah phát nổ": whose pagers, not who set them off; but "các máy bay
        # chiến đấu của Không quân Syria đã oanh tạc": the air force's planes are the air force
        return False
    return not (actor.kind in SPEAKING_ONLY and phr.speech.search(between) and NOUN_FORM.match(trigger.text))


def _country_subject(ctx: ArticleContext, sentence: Sentence, trigger: Trigger) -> ActorMention | None:
    """A country named just before the verb acts: "Israel đẩy mạnh tấn công Rafah"."""
    phr = ctx.language.frame
    for mention in reversed(ctx.event_places(sentence)):
        if mention.end > trigger.start or mention.place.kind != "country":
            continue
        gap = ctx.folded[mention.end:trigger.start]
        if (len(gap.split()) > 3 or any(p in gap for p in ",;:")) and not phr.behind.match(gap):
            return None
        if phr.place_preposition.search(ctx.folded, sentence.start, mention.start):
            return None
        return country_actor(mention, ctx.text)
    return _owner_after(ctx, sentence, trigger)  # "cuộc không kích của Israel"


def _owner_after(ctx: ArticleContext, sentence: Sentence, trigger: Trigger) -> ActorMention | None:
    """"các đòn không kích của Israel": a country after "của" owns the deed."""
    phr = ctx.language.frame
    after = [m for m in ctx.event_places(sentence) if m.start >= trigger.end and m.place.kind == "country"]
    if after and phr.agent_of.fullmatch(ctx.folded, trigger.end, after[0].start):
        return country_actor(after[0], ctx.text)
    return None


def choose_place(ctx: ArticleContext, sentence: Sentence, trigger: Trigger,
                 actors: tuple[ActorMention | None, ...]) -> tuple[Place | None, PlaceMention | None, str]:
    """The place nearest the trigger in its sentence; else the sentences before; else the article's.

    A place taken from elsewhere must lie in a country the sentence is about (its
    actors' or places' countries); if not, the event is placed at that country.
    """
    phr = ctx.language.frame
    taken = [(a.start, a.end) for a in actors if a is not None]
    mentions = [m for m in ctx.event_places(sentence) if not any(s < m.end and m.start < e for s, e in taken)]
    cities = [m for m in mentions if m.place.kind != "country"]
    countries = ctx.sentence_countries(sentence)
    capital = phr.capital.search(ctx.folded, sentence.start, sentence.end)
    if capital and not cities and countries and ctx.capital(countries[0]) is not None:
        return ctx.capital(countries[0]), None, f"the capital ('{capital.group().strip()}')"
    here = without_containers(ctx, [m for m in mentions if not _away(ctx, sentence, trigger, m)
                                     and not ctx.stray(m)])
    if here:
        best = _nearest_place(ctx, sentence, trigger, here, actors[0])
        if best.place.kind == "country" and phr.capital_of.search(ctx.folded, sentence.start, best.start):
            city = ctx.capital(best.place.iso2)
            if city is not None:
                return city, best, "the capital of the country named"
        return best.place, best, "in sentence"
    found, how = None, ""
    for back in range(1, INHERIT_SENTENCES + 1):
        index = sentence.index - back
        if index < 0:
            break
        before = ctx.sentences[index]
        earlier = [m for m in ctx.event_places(before) if m.place.kind != "country"
                   and not phr.not_there.search(ctx.folded, before.start, m.start)]
        if len({m.place.geonameid for m in earlier}) > 1:
            break  # "Dijon, Lyon và Marseille": which of them the next sentence means is unknown
        if earlier:
            found, how = earlier[-1].place, f"from {back} sentence(s) before"
            break
    main = ctx.main_place()
    main_country = main.iso2 if main else None
    if found is not None and found.iso2 not in countries and found.iso2 != main_country:
        found = None  # a town of another country named just before: "quan chức ... tại New Delhi"
    if found is None:
        found, how = main, "the article's main place"
    if countries and (found is None or found.iso2 not in countries and found.iso2 != main_country):
        return ctx.country_place(countries[0]), None, "the country the sentence names"
    return found, None, how



def place_list(ctx: ArticleContext, sentence: Sentence, chosen: PlaceMention) -> list[PlaceMention]:
    """The places listed with the chosen one, in order: each is an event of its own (ACLED)."""
    phr = ctx.language.frame
    mentions = [m for m in ctx.event_places(sentence) if m.place.kind == chosen.place.kind]
    index = next(i for i, m in enumerate(mentions) if m.start == chosen.start)
    start = end = index
    while start > 0 and phr.list_gap.fullmatch(ctx.folded, mentions[start - 1].end, mentions[start].start):
        start -= 1
    while end + 1 < len(mentions) and phr.list_gap.fullmatch(ctx.folded, mentions[end].end, mentions[end + 1].start):
        end += 1
    return mentions[start:end + 1]


def without_containers(ctx: ArticleContext, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """Drop the city that only says where the town before it is: "thị trấn Insein, Yangon"."""
    kept = []
    for i, mention in enumerate(mentions):
        before = mentions[i - 1] if i else None
        if (before is not None and before.place.kind == "city" and mention.place.kind in ("city", "admin1")
                and ctx.folded[before.end:mention.start].strip() in (",", "-", "–")
                and mention.place.population > before.place.population
                and (mention.place.kind == "admin1" or distance_km(before.place, mention.place) <= 60)):
            continue
        kept.append(mention)
    return kept


def _away(ctx: ArticleContext, sentence: Sentence, trigger: Trigger, mention: PlaceMention) -> bool:
    """Whether the words before a place make it where something came from, not where it happened.

    "tên lửa bắn đi từ Israel" is not in Israel; but a withdrawal happens at the place
    left: "rút khỏi thành phố Al-Qaim".
    """
    phr = ctx.language.frame
    away = phr.not_there.search(ctx.folded, sentence.start, mention.start)
    return bool(away) and not (trigger.kind == "withdrawal" and away.group().startswith("khỏi"))


def _clause_tests(ctx: ArticleContext, sentence: Sentence, trigger: Trigger, mention: PlaceMention,
                  actor1: ActorMention | None) -> tuple[bool, bool, bool, bool, bool]:
    """outside the trigger's clause, where something came from (or an owner), the acting state's own
    country, fronted, and "away" ("từ", "khỏi"): `_rank`'s key and part of the place model's view."""
    phr = ctx.language.frame
    place = mention.place
    away = _away(ctx, sentence, trigger, mention)
    origin = away or (place.kind == "country" and bool(phr.owner.search(ctx.folded, sentence.start, mention.start)))
    # a state strikes abroad ("Israel không kích Lebanon") but arrests at home ("cảnh sát Đức bắt")
    own_country = (actor1 is not None and place.kind == "country" and place.iso2 == actor1.iso2
                   and trigger.kind not in ("arrest", "protest", "riot"))
    # the trigger's own clause first: "phá hủy xuồng cảm tử của Ukraine - Tây Ban Nha ..." is two headlines
    clause = clause_start(ctx.language.modality, ctx.folded, sentence.start, trigger.start)
    end_match = phr.clause_end.search(ctx.folded, trigger.end, sentence.end)
    fronted = bool(phr.fronted_place.match(ctx.folded, sentence.start)) and mention.start < clause
    outside = not (fronted or clause <= mention.start < (end_match.start() if end_match else sentence.end))
    return outside, origin, own_country, fronted, away


def place_tests(ctx: ArticleContext, sentence: Sentence, trigger: Trigger, mention: PlaceMention,
                actor1: ActorMention | None) -> dict[str, bool]:
    """The rules' tests of a place for a trigger, by name: what the place model sees of them."""
    outside, origin, own_country, fronted, away = _clause_tests(ctx, sentence, trigger, mention, actor1)
    return {"outside_clause": outside, "origin": origin, "own_country": own_country, "fronted": fronted,
            "away": away, "stray": ctx.stray(mention), "near": near_place(ctx, sentence, mention)}


def near_place(ctx: ArticleContext, sentence: Sentence, mention: PlaceMention) -> bool:
    """ACLED's geo_precision 2: the words before the place put the event near it, not in it."""
    phr = ctx.language.frame
    return bool(phr.near_word.search(ctx.folded, max(sentence.start, mention.start - 40), mention.start))


def _rank(ctx: ArticleContext, sentence: Sentence, trigger: Trigger, mention: PlaceMention,
          actor1: ActorMention | None) -> tuple:
    outside, origin, own_country, _, _ = _clause_tests(ctx, sentence, trigger, mention, actor1)
    specificity = {"city": 0, "admin1": 1, "country": 2}.get(mention.place.kind, 3)
    distance = mention.start - trigger.end if mention.start >= trigger.end else (trigger.start - mention.end) * 2
    return (outside, origin, own_country, specificity, distance)


def _nearest_place(ctx: ArticleContext, sentence: Sentence, trigger: Trigger, mentions: list[PlaceMention],
                   actor1: ActorMention | None) -> PlaceMention:
    return min(mentions, key=lambda m: _rank(ctx, sentence, trigger, m, actor1))


def choose_date(ctx: ArticleContext, sentence: Sentence, trigger: Trigger) -> DateChoice | None:
    """The date nearest the trigger in its sentence; else a recent sentence's; else publication."""
    phr = ctx.language.frame
    dates = ctx.in_span(ctx.dates, sentence.start, sentence.end)
    if dates:
        clause = clause_start(ctx.language.modality, ctx.folded, sentence.start, trigger.start)
        # the day of a report ("TASS ... hôm nay tiết lộ") yields to the day of the deed ("Sáng 22/7, ...")
        best = min(dates, key=lambda d: (bool(phr.reported.match(ctx.folded, d.end)), abs(d.start - trigger.start)))
        # a protest is reported as it goes on
        if phr.reported.match(ctx.folded, best.end) and best.precision == 1 \
                and trigger.kind not in ("protest", "riot") and not phr.ongoing.search(ctx.folded, clause, trigger.end):
            # "Giới chức Lebanon ngày 18/9 thông báo ... thiệt mạng": the day of the report, the
            # event before it (CODING.md: the day before, precision 2)
            return DateChoice(best.date - dt.timedelta(days=1), 2, best, "the day before the report")
        return DateChoice(best.date, best.precision, best, "in sentence")
    for back in range(1, INHERIT_SENTENCES + 1):
        index = sentence.index - back
        if index < 0:
            break
        # a month ("tháng trước") dates a story, not the deeds of the sentences after it
        earlier = [d for d in ctx.in_span(ctx.dates, ctx.sentences[index].start, ctx.sentences[index].end)
                   if ctx.is_news_date(d) and d.precision < 3]
        if earlier:
            best = earlier[-1]
            return DateChoice(best.date, max(best.precision, 2), best, f"from {back} sentence(s) before")
    published = ctx.doc.published
    if published is None:
        return None
    return DateChoice(published.anchor(), 2 if published.day else 3, None, "publication date")
