"""Build one candidate event from a trigger in its sentence, or say why there is none."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from frontline.geo.model import Place
from frontline.learn.type_features import type_features
from frontline.pipeline.events.context import ArticleContext
from frontline.pipeline.events.frame import Candidate, DateChoice, choose_actors, choose_date, each_day
from frontline.pipeline.events.places import choose_place, near_place, placed_candidates
from frontline.pipeline.events.sub_event import resolve_type
from frontline.pipeline.explanation import Explanation
from frontline.pipeline.mentions.actors import ActorMention, with_kind
from frontline.pipeline.mentions.fatalities import find_deaths
from frontline.pipeline.mentions.modality import Modality, background_reason, clause_start, modality_of
from frontline.pipeline.mentions.triggers import Trigger, context_classes, find_triggers
from frontline.pipeline.text.segment import Sentence
from frontline.taxonomy import INTER_CODES, actor_name

NEWS_WINDOW_DAYS = 60  # CODING.md: only events within about 60 days before publication are news
FILE_PHOTO_DAYS = 7    # a caption dated this long before publication shows an old photo
BOMBINGS = ("Remote explosive/landmine/IED", "Suicide bomb", "Grenade")
PROTEST_TYPES = ("Peaceful protest", "Protest with intervention", "Excessive force against protesters",
                 "Violent demonstration", "Mob violence")
DEFAULT_ACTOR = {  # who acts when the sentence names no one, by sub-event type
    "Peaceful protest": "protesters", "Protest with intervention": "protesters",
    "Excessive force against protesters": "protesters", "Violent demonstration": "rioters",
    "Mob violence": "rioters", "Arrests": "police", "Disrupted weapons use": "military",
}


def _overlaps(trigger: Trigger, actors: list[ActorMention]) -> ActorMention | None:
    return next((a for a in actors if a.start < trigger.end and trigger.start < a.end), None)


def _in_window(ctx: ArticleContext, date: DateChoice) -> str | None:
    """Why the date puts the event out of the news: background, or not yet happened."""
    published = ctx.doc.published
    if published is None:
        return None
    day: dt.date = date.date
    if (published.earliest() - day).days > NEWS_WINDOW_DAYS:
        return f"background: {day.isoformat()} is more than {NEWS_WINDOW_DAYS} days before publication"
    if (day - published.latest()).days > 0:
        return f"planned: {day.isoformat()} is after publication"
    return None


def _protesters_acting(ctx: ArticleContext, sentence: Sentence, trigger: Trigger, actor: ActorMention) -> bool:
    """Protesters named on a dated day are a protest: "AFP ngày 15-12 đưa tin những người biểu tình vẫy cờ"."""
    if actor.kind != "protesters" or trigger.kind != "protest":
        return False
    others = [t for t in find_triggers(ctx.language.triggers, ctx.folded, sentence.start, sentence.end)
              if t.kind in ("protest", "riot") and not (actor.start <= t.start < actor.end)]
    return not others and bool(ctx.in_span(ctx.dates, sentence.start, sentence.end))


def _dated_other_than_report(ctx: ArticleContext, sentence: Sentence) -> bool:
    """Whether the sentence dates something other than the day it was published ("hôm 14/7")."""
    published = ctx.doc.published
    return any(published is None or d.date != published.anchor()
               for d in ctx.in_span(ctx.dates, sentence.start, sentence.end))


def _fatalities(ctx: ArticleContext, sentence: Sentence, trigger: Trigger) -> tuple[int | None, tuple | None]:
    counts = find_deaths(ctx.language.numbers, ctx.folded, sentence.start, sentence.end)
    if not counts:
        return None, None
    after = [c for c in counts if c.start >= trigger.start]
    best = after[0] if after else counts[-1]
    return best.value, (best.start, best.end)


def build_candidates(ctx: ArticleContext, sentence: Sentence, trigger: Trigger,
                     explain: Explanation, place_model=None, type_model=None) -> list[Candidate]:
    """The candidates of a trigger: one per place where its event happened (places.py)."""
    candidate = build_candidate(ctx, sentence, trigger, explain, type_model)
    if candidate is None:
        return []
    return [day for placed in placed_candidates(ctx, sentence, candidate, place_model) for day in each_day(placed)]


def build_candidate(ctx: ArticleContext, sentence: Sentence, trigger: Trigger,
                    explain: Explanation, type_model=None) -> Candidate | None:
    """The candidate of one trigger, or None when it cannot be an event (no place, date or type).

    A reason the rules have to doubt it (a topic, an anaphora, a habitual cue) does not end it:
    it is kept in `dropped`, which the rules obey and the event model weighs. Each part is read
    once, in order (actors, place, date, then what they allow), and the record is made whole."""
    actors, _ = ctx.actors(sentence)
    doubt = _doubt(ctx, sentence, trigger, actors)
    actor1, actor2, assoc1 = choose_actors(ctx, sentence, trigger, actors)
    place, place_mention, place_how = choose_place(ctx, sentence, trigger, (actor1, actor2))
    date = choose_date(ctx, sentence, trigger)
    if (doubt is None and date is not None and date.how == "publication date"
            and ctx.language.frame.plural.search(ctx.folded, max(sentence.start, trigger.start - 12), trigger.start)):
        doubt = "many events at no date: a summary, not one event"
    reading = _read(ctx, sentence, trigger, actors, (actor1, actor2), place, date, type_model)
    if isinstance(reading, str):
        explain.trigger(trigger.text, trigger.start, "dropped", doubt or reading)
        return None
    assert place is not None and date is not None   # _read gives a reason when either is missing
    candidate = Candidate(
        sentence, trigger, reading.actor1, reading.actor2, assoc1, place, place_mention, place_how, date,
        reading.modality, reading.sub_event_type, reading.type_reason,
        place_near=place_mention is not None and near_place(ctx, sentence, place_mention),
        fatalities=reading.fatalities, fatality_span=reading.fatality_span, dropped=doubt or reading.doubt,
        type_features=reading.type_features, type_score=reading.type_score)
    if candidate.dropped:
        explain.trigger(trigger.text, trigger.start, "dropped", candidate.dropped)
        return candidate
    explain.trigger(trigger.text, trigger.start, "event", candidate.type_reason,
                    sub_event_type=candidate.sub_event_type, modality=reading.modality.value,
                    modality_reason=reading.modality.reason, date=date.date.isoformat(),
                    date_from=date.how, place=place.name, place_from=place_how)
    return candidate


def _doubt(ctx: ArticleContext, sentence: Sentence, trigger: Trigger, actors: list[ActorMention]) -> str | None:
    """Why the wording suggests the trigger does not report an event of its own, if it does."""
    blocking = _overlaps(trigger, actors)
    if blocking is not None and not _protesters_acting(ctx, sentence, trigger, blocking):
        return f"part of the actor name '{blocking.text}'"
    if ctx.language.frame.nominalised.search(ctx.folded, max(sentence.start, trigger.start - 8), trigger.start) and \
            not _dated_other_than_report(ctx, sentence):
        return "'việc ...': speaks of a deed, does not report it"
    if trigger.nominal and ctx.language.frame.anaphora.match(ctx.folded, trigger.end):
        return "refers back to an event already reported"
    if (trigger.nominal and ctx.language.frame.about.search(ctx.folded, sentence.start, trigger.start)
            and not _dated_other_than_report(ctx, sentence)):
        return "speaks about an event, does not report it"
    return None


@dataclass(frozen=True, slots=True)
class _Reading:
    """What a trigger with a place and a date says: how it is told, its type, who acted on
    whom once ACLED's defaults are applied, and the deaths."""
    modality: Modality
    doubt: str | None             # a background cue or a file photo: the rules doubt it
    sub_event_type: str
    type_reason: str
    type_features: dict
    type_score: float | None
    actor1: ActorMention | None
    actor2: ActorMention | None
    fatalities: int | None
    fatality_span: tuple[int, int] | None


def _read(ctx: ArticleContext, sentence: Sentence, trigger: Trigger, actors: list[ActorMention],
          roles: tuple[ActorMention | None, ActorMention | None], place: Place | None, date: DateChoice | None,
          type_model=None) -> _Reading | str:
    """Modality, type, default actors and deaths; or the reason the trigger gives no event."""
    folded = ctx.folded
    if date is None:
        return "no date: the article has no publication date and the text no full date"
    if place is None:
        return "no place: neither the sentence nor the article names one"
    words = ctx.language
    doubt = background_reason(words.modality, folded, sentence.start, trigger.start, trigger.end, sentence.end,
                              trigger.nominal)
    modality = modality_of(words.modality, folded, sentence.start, sentence.end, trigger.start, actors,
                           protest=trigger.kind in ("protest", "riot"), nominal=trigger.nominal)
    window = _in_window(ctx, date)
    if window:
        return window
    published = ctx.doc.published
    if (published is not None and date.mention is not None and ctx.is_caption(sentence)
            and not ctx.photo_story
            and (published.earliest() - date.mention.latest).days > FILE_PHOTO_DAYS):
        doubt = doubt or "file photo: a caption dated well before publication"
    clause = (clause_start(words.modality, folded, sentence.start, trigger.start), sentence.end)
    victims = "victim" in context_classes(words.triggers, folded, *clause)
    protesting = any(a.kind == "protesters" for a in actors) or words.frame.protest_word.search(
        folded, sentence.start, sentence.end) is not None
    actor1, actor2 = roles
    typed = resolve_type(words.typing, trigger.kind, folded, (sentence.start, sentence.end), clause, actor1,
                         actor2, place.iso2, victims, protesting)
    if typed.sub_event_type is None:
        return typed.reason
    sub_event_type, type_reason = typed.sub_event_type, typed.reason
    features = type_features(folded, sentence, trigger, typed.sub_event_type, actor1, actor2, ctx.trigger_kinds)
    score = None
    if type_model is not None:
        chosen, score = type_model.choose(features, typed.sub_event_type)
        if chosen != typed.sub_event_type:
            sub_event_type = chosen
            type_reason = f"type model: {chosen} (the rules said {typed.sub_event_type})"
    if sub_event_type == "Non-violent transfer of territory" and place.kind == "country":
        # "Mỹ rút quân khỏi Afghanistan", "rời khỏi Iraq": a country left is a pull-out or a policy, not
        # territory handed over at a place (train: 1 of 37 such readings was coded)
        return "a country left, not a place handed over"
    actor1, actor2 = _default_actors(sub_event_type, actor1, actor2, trigger, modality)
    deaths, span = _fatalities(ctx, sentence, trigger)
    return _Reading(modality, doubt, sub_event_type, type_reason, features, score, actor1, actor2, deaths, span)


def _as_government(actor: ActorMention | None) -> ActorMention | None:
    """States agree through their governments, not their armies."""
    return with_kind(actor, "government") if actor is not None and actor.kind == "military" and actor.country \
        else actor


def _default_actors(sub: str, actor1: ActorMention | None, actor2: ActorMention | None, trigger: Trigger,
                    modality: Modality) -> tuple[ActorMention | None, ActorMention | None]:
    """actor1 and actor2 as ACLED codes them when the sentence names no one: protesters, the
    police, unidentified men."""
    if sub in ("Violent demonstration", "Mob violence") and actor1 is not None and actor1.kind == "protesters":
        return with_kind(actor1, "rioters"), actor2
    if sub in BOMBINGS and actor1 is not None and actor1.kind in ("police", "government"):
        # "Lực lượng an ninh đã tới kiểm tra khu vực có bom nổ": the police came after the bomb
        actor1, actor2 = None, actor2 or actor1
    if sub == "Agreement":
        actor1, actor2 = _as_government(actor1), _as_government(actor2)
        if actor1 is not None:
            return actor1, actor2
    claimer = modality.claimed_by
    if actor1 is None and claimer is not None and claimer.country and sub not in PROTEST_TYPES \
            and not trigger.nominal:
        # "Tel Aviv tuyên bố chiến dịch đã tiêu diệt 20 chiến binh": who claims the deed did it
        return ActorMention(claimer.start, claimer.end, claimer.text, "military", 1,
                            actor_name("military", claimer.country), claimer.iso2, claimer.country), actor2
    if sub in PROTEST_TYPES and actor1 is not None and actor1.kind not in ("protesters", "rioters", "civilians"):
        if actor2 is None and actor1.kind in ("police", "military"):
            actor2 = actor1  # "cảnh sát đã sử dụng hơi cay ... với những người biểu tình"
        actor1 = None
    elif actor1 is not None and actor1.kind not in ("civilians", "government"):
        return actor1, actor2
    kind = DEFAULT_ACTOR.get(sub, "unidentified")
    if actor1 is not None and actor1.kind == "government" and kind == "unidentified":
        kind = "military"  # "Israel" the state acting by force is its military
    owner = actor1.country if actor1 is not None and actor1.country else None
    if kind == "military" and sub == "Disrupted weapons use":
        owner = None  # the air defence of the country where the weapon was stopped
    if sub not in PROTEST_TYPES and actor1 is not None and actor1.kind == "civilians" and actor2 is None:
        actor2 = actor1
    # with no owner the text names, the actor is of the event's country, named when the event is
    # made: the place model may place it elsewhere than the rules' first choice
    return ActorMention(trigger.start, trigger.start, "", kind, INTER_CODES[kind],
                        actor_name(kind, owner) if owner else None, None, owner), actor2
