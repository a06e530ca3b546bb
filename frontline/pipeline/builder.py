"""Build one candidate event from a trigger in its sentence, or say why there is none."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from frontline.geo import gazetteer
from frontline.learn.type_features import type_features
from frontline.pipeline.actors import ActorMention, with_kind
from frontline.pipeline.context import ArticleContext
from frontline.pipeline.explanation import Explanation
from frontline.pipeline.fatalities import find_deaths
from frontline.pipeline.frame import (
    Candidate,
    choose_actors,
    choose_date,
    choose_place,
    near_place,
    place_list,
    place_tests,
    without_containers,
)
from frontline.pipeline.listed_places import listed_names, village, village_mention
from frontline.pipeline.modality import background_reason, clause_start, modality_of
from frontline.pipeline.segment import Sentence
from frontline.pipeline.sub_event import resolve_type
from frontline.pipeline.triggers import NOUN_FORM, Trigger, context_classes, find_triggers
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


def _in_window(ctx: ArticleContext, candidate: Candidate) -> str | None:
    """Why the date puts the event out of the news: background, or not yet happened."""
    published = ctx.doc.published
    if published is None:
        return None
    day: dt.date = candidate.date.date
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
    """The candidates of a trigger: one per place where its event happened.

    The rules pick the nearest fitting place and the places listed with it ("Dijon, Lyon và
    Marseille"); with a place model, every place the sentence names is weighed instead and
    each one the model accepts gives a candidate (the rules' pick is one of its features)."""
    candidate = build_candidate(ctx, sentence, trigger, explain, type_model)
    if candidate is None:
        return []
    ruled = _rule_places(ctx, sentence, candidate)
    candidate.place_options = _place_options(ctx, sentence, candidate, ruled)
    return _villages(ctx, sentence, _directional(ctx, _model_places(ctx, sentence, candidate, place_model) or ruled))


def _model_places(ctx: ArticleContext, sentence: Sentence, candidate: Candidate, place_model) -> list[Candidate]:
    """One candidate per place the place model accepts (none without a model or options)."""
    if place_model is None or not candidate.place_options:
        return []
    scored = [(m, place_model.probability(features)) for m, features in candidate.place_options]
    return [replace(candidate, place=m.place, place_mention=m, place_how="in sentence", place_score=p,
                    place_near=near_place(ctx, sentence, m), place_options=[])
            for m, p in _listed_choice(ctx, scored, place_model.threshold)]


def _directional(ctx: ArticleContext, placed: list[Candidate]) -> list[Candidate]:
    """A place named with a direction ("miền Bắc Hama", "phía Nam tỉnh Idlib", "miền Đông Syria")
    is that part of the province or country: the event goes to the part's point (geo_precision 2).
    A city named so stays the city unless its name is also its province's ("Hama", "Idlib")."""
    out = []
    for c in placed:
        mention, place = c.place_mention, c.place
        compass = ctx.language.cues.direction(mention.cue) if mention is not None else None
        if compass is None or place is None or mention is None:
            out.append(c)
            continue
        region = place if place.kind != "city" else next(
            (p for p in mention.candidates if p.kind == "admin1" and p.iso2 == place.iso2), None)
        part = gazetteer().part_of(region, compass) if region is not None else None
        out.append(c if part is None else replace(c, place=part, place_near=True))
    return out


def _villages(ctx: ArticleContext, sentence: Sentence, placed: list[Candidate]) -> list[Candidate]:
    """The chosen places' candidates, with one more per name listed with a place that the
    gazetteer lacks, placed there. The place a list is said to lie in keeps its own event: the
    coders of the training corpus often code it too, and cross-validation prefers it (README)."""
    known = [(m.start, m.end) for m in ctx.in_span(ctx.places, sentence.start, sentence.end)]
    known += [(a.start, a.end) for a in ctx.actors(sentence)[0]]
    added: list[Candidate] = []
    seen: set[int] = set()
    for chosen in placed:
        mention = chosen.place_mention
        if mention is None or chosen.place is None or chosen.place.kind == "country":
            continue
        for name in listed_names(ctx.text, sentence.start, sentence.end, mention, known, ctx.language.cues):
            if name.start not in seen:
                seen.add(name.start)
                place = village(name, chosen.place)
                added.append(replace(chosen, place=place, place_mention=village_mention(name, place, ctx.text),
                                     place_how="in sentence", place_near=True, place_options=[]))
    return sorted(placed + added, key=lambda c: c.place_mention.start if c.place_mention else -1)


def _listed_choice(ctx: ArticleContext, scored: list[tuple], threshold: float) -> list[tuple]:
    """The model's best place, and the other accepted places listed with it ("ở Kafar Zita và
    al-Latamineh"): one event per place of a list (ACLED), never a place of another clause."""
    accepted = sorted((pair for pair in scored if pair[1] >= threshold), key=lambda pair: pair[0].start)
    if not accepted:
        return []
    best = max(accepted, key=lambda pair: (pair[1], -pair[0].start))
    chosen = [best]
    index = accepted.index(best)
    for step in (-1, 1):
        i = index
        while 0 <= i + step < len(accepted):
            near, far = sorted((accepted[i][0], accepted[i + step][0]), key=lambda m: m.start)
            if not ctx.language.frame.list_gap.fullmatch(ctx.folded, near.end, far.start):
                break
            i += step
            chosen.append(accepted[i])
    kept = {m.start for m in without_containers(ctx, sorted((m for m, _ in chosen), key=lambda m: m.start))}
    return sorted((pair for pair in chosen if pair[0].start in kept), key=lambda pair: pair[0].start)


def _rule_places(ctx: ArticleContext, sentence: Sentence, candidate: Candidate) -> list[Candidate]:
    if candidate.place_mention is None or candidate.place_mention.place.kind == "country":
        return [candidate]  # "Nga và Ukraine trao đổi tù nhân": countries listed are the parties
    listed = place_list(ctx, sentence, candidate.place_mention)
    return [candidate if m.start == candidate.place_mention.start
            else replace(candidate, place=m.place, place_mention=m)
            for m in listed]


def _place_options(ctx: ArticleContext, sentence: Sentence, candidate: Candidate,
                   ruled: list[Candidate]) -> list[tuple]:
    """Every place the sentence names that no actor of the candidate holds, with its features."""
    from frontline.learn.place_features import place_features

    taken = [(a.start, a.end) for a in (candidate.actor1, candidate.actor2) if a is not None and a.end > a.start]
    mentions = [m for m in ctx.event_places(sentence) if not any(s < m.end and m.start < e for s, e in taken)]
    listed = {c.place_mention.start for c in ruled if c.place_mention is not None}
    return [(m, place_features(ctx, sentence, candidate.trigger, m, candidate.place_mention, listed,
                               place_tests(ctx, sentence, candidate.trigger, m, candidate.actor1), mentions))
            for m in mentions]


def build_candidate(ctx: ArticleContext, sentence: Sentence, trigger: Trigger,
                    explain: Explanation, type_model=None) -> Candidate | None:
    """The candidate of one trigger, or None when it cannot be an event (no place, date or type).

    A reason the rules have to doubt it (a topic, an anaphora, a habitual cue) does not end it:
    it is kept in `dropped`, which the rules obey and the event model weighs."""
    actors, _ = ctx.actors(sentence)
    doubt = _doubt(ctx, sentence, trigger, actors)
    candidate = Candidate(sentence, trigger)
    candidate.actor1, candidate.actor2, candidate.assoc1 = choose_actors(ctx, sentence, trigger, actors)
    candidate.place, candidate.place_mention, candidate.place_how = choose_place(
        ctx, sentence, trigger, (candidate.actor1, candidate.actor2))
    mention = candidate.place_mention
    candidate.place_near = mention is not None and near_place(ctx, sentence, mention)
    candidate.date = choose_date(ctx, sentence, trigger)
    if (doubt is None and candidate.date is not None and candidate.date.how == "publication date"
            and ctx.language.frame.plural.search(ctx.folded, max(sentence.start, trigger.start - 12), trigger.start)):
        doubt = "many events at no date: a summary, not one event"
    reason = _reject_reason(ctx, sentence, trigger, candidate, actors, type_model)
    if reason:
        explain.trigger(trigger.text, trigger.start, "dropped", doubt or reason)
        return None
    candidate.dropped = doubt or candidate.dropped
    if candidate.dropped:
        explain.trigger(trigger.text, trigger.start, "dropped", candidate.dropped)
        return candidate
    explain.trigger(trigger.text, trigger.start, "event", candidate.type_reason,
                    sub_event_type=candidate.sub_event_type, modality=candidate.modality.value,
                    modality_reason=candidate.modality.reason, date=candidate.date.date.isoformat(),
                    date_from=candidate.date.how, place=candidate.place.name if candidate.place else None,
                    place_from=candidate.place_how)
    return candidate


def _doubt(ctx: ArticleContext, sentence: Sentence, trigger: Trigger, actors: list[ActorMention]) -> str | None:
    """Why the wording suggests the trigger does not report an event of its own, if it does."""
    blocking = _overlaps(trigger, actors)
    if blocking is not None and not _protesters_acting(ctx, sentence, trigger, blocking):
        return f"part of the actor name '{blocking.text}'"
    if ctx.language.frame.nominalised.search(ctx.folded, max(sentence.start, trigger.start - 8), trigger.start) and \
            not _dated_other_than_report(ctx, sentence):
        return "'việc ...': speaks of a deed, does not report it"
    if NOUN_FORM.match(trigger.text) and ctx.language.frame.anaphora.match(ctx.folded, trigger.end):
        return "refers back to an event already reported"
    if (NOUN_FORM.match(trigger.text) and ctx.language.frame.about.search(ctx.folded, sentence.start, trigger.start)
            and not _dated_other_than_report(ctx, sentence)):
        return "speaks about an event, does not report it"
    return None


def _reject_reason(ctx: ArticleContext, sentence: Sentence, trigger: Trigger, candidate: Candidate,
                   actors: list[ActorMention], type_model=None) -> str | None:
    """Fill modality, type, actors and deaths; the reason the trigger gives no event, if any."""
    folded = ctx.folded
    if candidate.date is None:
        return "no date: the article has no publication date and the text no full date"
    if candidate.place is None:
        return "no place: neither the sentence nor the article names one"
    words = ctx.language
    candidate.dropped = background_reason(words.modality, folded, sentence.start, trigger.start, trigger.end,
                                          sentence.end)
    candidate.modality = modality_of(words.modality, folded, sentence.start, sentence.end, trigger.start, actors,
                                     protest=trigger.kind in ("protest", "riot"))
    window = _in_window(ctx, candidate)
    if window:
        return window
    published = ctx.doc.published
    if (published is not None and candidate.date.mention is not None and ctx.is_caption(sentence)
            and not ctx.is_photo_story()
            and (published.earliest() - candidate.date.mention.latest).days > FILE_PHOTO_DAYS):
        candidate.dropped = candidate.dropped or "file photo: a caption dated well before publication"
    clause = (clause_start(words.modality, folded, sentence.start, trigger.start), sentence.end)
    victims = "victim" in context_classes(words.triggers, folded, *clause)
    protesting = any(a.kind == "protesters" for a in actors) or words.frame.protest_word.search(
        folded, sentence.start, sentence.end) is not None
    typed = resolve_type(words.typing, trigger.kind, folded, (sentence.start, sentence.end), clause, candidate.actor1,
                         candidate.actor2, candidate.place.iso2, victims, protesting)
    if typed.sub_event_type is None:
        return typed.reason
    candidate.sub_event_type, candidate.type_reason = typed.sub_event_type, typed.reason
    candidate.type_features = type_features(folded, sentence, trigger, typed.sub_event_type, candidate.actor1,
                                            candidate.actor2, ctx.trigger_kinds)
    if type_model is not None:
        chosen, candidate.type_score = type_model.choose(candidate.type_features, typed.sub_event_type)
        if chosen != typed.sub_event_type:
            candidate.sub_event_type = chosen
            candidate.type_reason = f"type model: {chosen} (the rules said {typed.sub_event_type})"
    _default_actors(candidate)
    candidate.fatalities, candidate.fatality_span = _fatalities(ctx, sentence, trigger)
    return None


def _default_actors(candidate: Candidate) -> None:
    """The actor ACLED codes when the sentence names none: protesters, the police, unidentified men."""
    sub = candidate.sub_event_type
    country = candidate.place.country
    actor1 = candidate.actor1
    if sub in ("Violent demonstration", "Mob violence") and actor1 is not None and actor1.kind == "protesters":
        candidate.actor1 = with_kind(actor1, "rioters")
        return
    if sub in BOMBINGS and actor1 is not None and actor1.kind in ("police", "government"):
        # "Lực lượng an ninh đã tới kiểm tra khu vực có bom nổ": the police came after the bomb
        candidate.actor2 = candidate.actor2 or actor1
        actor1 = candidate.actor1 = None
    if sub == "Agreement":  # states agree through their governments, not their armies
        for role in ("actor1", "actor2"):
            actor = getattr(candidate, role)
            if actor is not None and actor.kind == "military" and actor.country:
                setattr(candidate, role, with_kind(actor, "government"))
        if candidate.actor1 is not None:
            return
    claimer = candidate.modality.claimed_by
    if actor1 is None and claimer is not None and claimer.country and sub not in PROTEST_TYPES \
            and not NOUN_FORM.match(candidate.trigger.text):
        # "Tel Aviv tuyên bố chiến dịch đã tiêu diệt 20 chiến binh": who claims the deed did it
        candidate.actor1 = ActorMention(claimer.start, claimer.end, claimer.text, "military", 1,
                                        actor_name("military", claimer.country), claimer.iso2, claimer.country)
        return
    if sub in PROTEST_TYPES and actor1 is not None and actor1.kind not in ("protesters", "rioters", "civilians"):
        if candidate.actor2 is None and actor1.kind in ("police", "military"):
            candidate.actor2 = actor1  # "cảnh sát đã sử dụng hơi cay ... với những người biểu tình"
        actor1 = None
    elif actor1 is not None and actor1.kind not in ("civilians", "government"):
        return
    kind = DEFAULT_ACTOR.get(sub, "unidentified")
    if actor1 is not None and actor1.kind == "government" and kind == "unidentified":
        kind = "military"  # "Israel" the state acting by force is its military
    inter = INTER_CODES[kind]
    owner = actor1.country if actor1 is not None and actor1.country else country
    if kind == "military" and sub == "Disrupted weapons use":
        owner = country  # the air defence of the country where the weapon was stopped
    if sub not in PROTEST_TYPES and actor1 is not None and actor1.kind == "civilians" and candidate.actor2 is None:
        candidate.actor2 = actor1
    candidate.actor1 = ActorMention(candidate.trigger.start, candidate.trigger.start, "", kind, inter,
                                    actor_name(kind, owner), None, owner)
