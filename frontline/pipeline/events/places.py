"""Where a war word's event happened: the one step that owns place choice.

The rules pick the place nearest the war word in its sentence, else one from the sentences
before, else the article's main place (choose_place), and the places listed with it ("Dijon,
Lyon và Marseille"). With a place model, every place the sentence names is weighed instead and
each one the model accepts gives a candidate (the rules' pick is one of its features); when it
accepts none, the event is placed as if its sentence named no place. Then a
place named with a direction becomes that part of its province or country, and each village
listed beside a placed town that the gazetteer lacks becomes an event of its own.
"""
from __future__ import annotations

import re
from dataclasses import replace

from frontline.geo import gazetteer
from frontline.geo.model import Place, PlaceMention
from frontline.geo.rank import distance_km
from frontline.geo.text import is_vietnamese
from frontline.geo.tokens import OPENING_ARTICLES, words
from frontline.pipeline.events.context import ArticleContext
from frontline.pipeline.events.frame import INHERIT_SENTENCES, Candidate
from frontline.pipeline.events.listed_places import (
    MAX_NAME_WORDS,
    cued_lists,
    listed_names,
    name_runs,
    village,
    village_mention,
)
from frontline.pipeline.mentions.actors import ActorMention
from frontline.pipeline.mentions.modality import clause_start
from frontline.pipeline.mentions.triggers import Trigger
from frontline.pipeline.text.segment import Sentence

REFUSED = "(no place named in the sentence accepted)"   # how a refused place's event was placed
MAX_NAMES_BETWEEN = 8   # names the gazetteer lacks that a list of places may hold between two it has
# an article opening the next name: "Kafar Zita, al - Latamineh" is found as "Latamineh"
_ARTICLE_AT_END = re.compile(rf"(?<!\w)(?:{'|'.join(sorted(OPENING_ARTICLES))})\s*[-‐–]?\s*$", re.IGNORECASE)


def placed_candidates(ctx: ArticleContext, sentence: Sentence, candidate: Candidate, place_model=None
                      ) -> list[Candidate]:
    """The candidate once per place its event happened at (its `place_options` filled for the model)."""
    ruled = _rule_places(ctx, sentence, candidate)
    options = _place_options(ctx, sentence, candidate, ruled)
    # the options are the trigger's own reading's: a place listed with it does not carry them again
    ruled = [replace(c, place_options=options) if c is candidate else c for c in ruled]
    candidate = replace(candidate, place_options=options)
    placed = (_model_places(ctx, sentence, candidate, place_model)
              or _refused_place(ctx, sentence, candidate, place_model) or ruled)
    return _villages(ctx, sentence, _directional(ctx, [_at_the_stopper(ctx, sentence, c) for c in placed]))


def _at_the_stopper(ctx: ArticleContext, sentence: Sentence, candidate: Candidate) -> Candidate:
    """A weapon stopped with no town or province named is stopped where its stopper stands: "phòng
    không Syria bắn hạ một tiêm kích F-16 của Israel", "Iran bắn rơi UAV Mỹ" happened in Syria and
    Iran, not in the countries that own what was downed (nor in a town of the article's context
    in another country)."""
    stopper, mention = candidate.actor1, candidate.place_mention
    if (candidate.sub_event_type != "Disrupted weapons use" or stopper is None or stopper.iso2 is None
            or candidate.place is None or candidate.place.iso2 == stopper.iso2
            or (mention is not None and candidate.place.kind != "country")
            or any(m.cue is not None for m in ctx.event_places(sentence))):
        return candidate   # a town, or a place the words put it in ("bị bắn hạ ở phía Đông Ukraine")
    place, how = context_place(ctx, sentence, [stopper.iso2])
    if place is None or place.iso2 != stopper.iso2:
        place, how = ctx.country_place(stopper.iso2), "the country of the one who stopped it"
    return replace(candidate, place=place, place_mention=None, place_how=how, place_near=False, place_options=[])


def _refused_place(ctx: ArticleContext, sentence: Sentence, candidate: Candidate, place_model) -> list[Candidate]:
    """The candidate placed from its context when the place model accepts none of the places its
    sentence names, the rules' pick among them included: "máy bay Nga bị bắn rơi" names whose plane,
    not where it fell. Where the rules took a country, no refused country is taken back as "the
    country the sentence names"."""
    mention = candidate.place_mention
    if place_model is None or mention is None or not candidate.place_options:
        return []
    refused: set[str] = set()
    if mention.place.kind == "country":
        refused = {m.place.iso2 for m, _ in candidate.place_options if m.place.kind == "country"}
    countries = [c for c in ctx.sentence_countries(sentence) if c not in refused]
    place, how = context_place(ctx, sentence, countries)
    if place is None or place.kind == "country" and place.iso2 in refused:
        return []  # nowhere else to put it: the rules' pick stands
    return [replace(candidate, place=place, place_mention=None, place_how=f"{how} {REFUSED}", place_near=False,
                    place_options=[])]


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
        if best.place.kind == "country":
            # a sentence that names only the country of the town the article is about means the town
            # ("Syria" after "Idlib"): the coders of the train articles placed such events in the town
            town, how = context_place(ctx, sentence, [best.place.iso2])
            if town is not None and town.kind != "country" and town.iso2 == best.place.iso2:
                return town, None, f"{how} (in the country named)"
        return best.place, best, "in sentence"
    found, how = context_place(ctx, sentence, countries)
    return found, None, how


def context_place(ctx: ArticleContext, sentence: Sentence, countries: list[str]) -> tuple[Place | None, str]:
    """Where an event happened when its sentence names no place of its own: the town of the
    sentences just before, else the article's main place, unless the sentence is about another
    country (`countries`, ISO codes), which is then the place."""
    phr = ctx.language.frame
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
    main = ctx.main
    main_country = main.iso2 if main else None
    if found is not None and found.iso2 not in countries and found.iso2 != main_country:
        found = None  # a town of another country named just before: "quan chức ... tại New Delhi"
    if found is None:
        found, how = main, "the article's main place"
    if countries and (found is None or found.iso2 not in countries and found.iso2 != main_country):
        return ctx.country_place(countries[0]), "the country the sentence names"
    return found, how



def place_list(ctx: ArticleContext, sentence: Sentence, chosen: PlaceMention) -> list[PlaceMention]:
    """The places listed with the chosen one, in order: each is an event of its own (ACLED)."""
    mentions = [m for m in ctx.event_places(sentence) if m.place.kind == chosen.place.kind]
    index = next(i for i, m in enumerate(mentions) if m.start == chosen.start)
    start = end = index
    while start > 0 and listed_together(ctx, mentions[start - 1].end, mentions[start].start):
        start -= 1
    while end + 1 < len(mentions) and listed_together(ctx, mentions[end].end, mentions[end + 1].start):
        end += 1
    return mentions[start:end + 1]


def listed_together(ctx: ArticleContext, end: int, start: int) -> bool:
    """Whether the text from one place's end to the next one's start joins them in a list, maybe
    through names the gazetteer lacks ("Sheikh Mustafa, al - Rakaya, Kafar Sanjeh và Khan
    Sheikhoun"). A name written with its article ("al - Latamineh") is found by the name after it,
    so the article is no part of the gap."""
    if _list_gap(ctx, end, start):
        return True
    syllables = gazetteer().syllables
    ws = words(ctx.text, end, start, syllables)
    if not 0 < len(ws) <= MAX_NAMES_BETWEEN * MAX_NAME_WORDS:
        return False
    between = name_runs(ws)
    if not 0 < len(between) <= MAX_NAMES_BETWEEN or any(
            all(is_vietnamese(ws.word(i)) or ws.low[i] in syllables for i in run) for run in between):
        return False   # a Vietnamese name ("Nam", "Quân đội") is no village; the gaps' words are joins
    edges = [end, *(x for r in between for x in (ws.starts[r[0]], ws.ends[r[-1]])), start]
    return all(_list_gap(ctx, a, b) for a, b in zip(edges[::2], edges[1::2]))


def _list_gap(ctx: ArticleContext, end: int, start: int) -> bool:
    article = _ARTICLE_AT_END.search(ctx.folded, end, start)
    return ctx.language.frame.list_gap.fullmatch(ctx.folded, end, article.start() if article else start) is not None


def without_containers(ctx: ArticleContext, mentions: list[PlaceMention]) -> list[PlaceMention]:
    """Drop the city that only says where the town before it is: "thị trấn Insein, Yangon". In a
    longer list ("ở Kafar Zita, al-Latamineh, Mourek và Khan Sheikhoun") a bigger town after a comma
    is one more place of the list, not the address of the one before it."""
    kept = []
    for i, mention in enumerate(mentions):
        before = mentions[i - 1] if i else None
        if (before is not None and before.place.kind == "city" and mention.place.kind in ("city", "admin1")
                and ctx.folded[before.end:mention.start].strip() in (",", "-", "–")
                and mention.place.population > before.place.population
                and (mention.place.kind == "admin1" or distance_km(before.place, mention.place) <= 60)
                and not (i >= 2 and listed_together(ctx, mentions[i - 2].end, before.start))
                and not (i + 1 < len(mentions) and listed_together(ctx, mention.end, mentions[i + 1].start))):
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
    return away is not None and not (trigger.kind == "withdrawal" and away.group().startswith("khỏi"))


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


def _model_places(ctx: ArticleContext, sentence: Sentence, candidate: Candidate, place_model) -> list[Candidate]:
    """One candidate per place the place model accepts (none without a model or options)."""
    if place_model is None or not candidate.place_options:
        return []
    scored = [(m, place_model.probability(features)) for m, features in candidate.place_options]
    left = _place_left(ctx, candidate.trigger, scored)
    chosen = [left] if left is not None else _listed_choice(ctx, scored, place_model.threshold)
    return [replace(candidate, place=m.place, place_mention=m, place_how="in sentence", place_score=p,
                    place_near=near_place(ctx, sentence, m), place_options=[])
            for m, p in chosen]


def _place_left(ctx: ArticleContext, trigger: Trigger, scored: list[tuple]) -> tuple | None:
    """The place a withdrawal names right after its verb ("rút khỏi thành phố Al-Qaim"): where it
    happened, whatever else the sentence names (a rule where the words are exact, not a weighing)."""
    if trigger.kind != "withdrawal":
        return None
    for mention, p in scored:
        gap = ctx.folded[trigger.end:mention.start].strip().lower()
        if mention.start >= trigger.end and gap in ("", (mention.cue or "").lower()):
            return mention, p
    return None


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
        for name in listed_names(ctx.text, sentence.start, sentence.end, mention, known, ctx.language.cues,
                                 gazetteer().syllables):
            if name.start not in seen:
                seen.add(name.start)
                place = village(name, chosen.place)
                added.append(replace(chosen, place=place, place_mention=village_mention(name, place, ctx.text),
                                     place_how="in sentence", place_near=True, place_options=[]))
    if not added and len(placed) == 1 and placed[0].place_mention is None and placed[0].place is not None \
            and placed[0].place.kind != "country":
        # the sentence names no known place, only a cued list of villages: they are where the event
        # happened, placed at the town or province its context gives
        context = placed[0]
        for name in cued_lists(ctx.text, sentence.start, sentence.end, known, ctx.language.cues,
                               gazetteer().syllables):
            place = village(name, context.place)
            added.append(replace(context, place=place, place_mention=village_mention(name, place, ctx.text),
                                 place_how=f"{context.place_how} (a village listed)", place_near=True,
                                 place_options=[]))
        if added:
            return added
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
            if not _joined(ctx, near, far):
                break
            i += step
            chosen.append(accepted[i])
    chosen += [pair for pair in _lying_in(ctx, accepted, min(m.start for m, _ in chosen)) if pair not in chosen]
    kept = {m.start for m in without_containers(ctx, sorted((m for m, _ in chosen), key=lambda m: m.start))}
    return sorted((pair for pair in chosen if pair[0].start in kept), key=lambda pair: pair[0].start)


def _joined(ctx: ArticleContext, near: PlaceMention, far: PlaceMention) -> bool:
    """Whether two places are one list: joined by a list's gap, or through places of the list between
    them that are no option of their own ("ở New York, Boston, Washington DC, Los Angeles": Washington
    read as the government does not end the list)."""
    chain = [near, *ctx.in_span(ctx.places, near.end, far.start), far]
    return all(listed_together(ctx, a.end, b.start) for a, b in zip(chain, chain[1:]))


def _lying_in(ctx: ArticleContext, accepted: list[tuple], container_start: int) -> list[tuple]:
    """The accepted places listed right before the chosen ones and said to lie in them ("2 làng Jibeen
    và Tell Meleh ở phía Bắc Hama"): each is an event of its own, as a village the gazetteer lacks is
    (_villages)."""
    before = [pair for pair in accepted if pair[0].end <= container_start]
    if not before:
        return []
    if not ctx.language.cues.list_lies_in.fullmatch(ctx.text, before[-1][0].end, container_start):
        return []
    listed = [before[-1]]
    for pair in reversed(before[:-1]):
        if not listed_together(ctx, pair[0].end, listed[-1][0].start):
            break
        listed.append(pair)
    return listed


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
