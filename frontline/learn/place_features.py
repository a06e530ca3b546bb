"""What the place model sees of one (war word, place named in its sentence) pair.

The rules pick one place per war word (and the places listed with it); the model
sees every place the sentence names, with the rules' own tests as features, and
learns which of them are where the event happened: one, several (a strike on three
villages is three events) or none (the place is where a missile came from).
"""
from __future__ import annotations

import re

from frontline.learn.features import bucket as _bucket
from frontline.pipeline.mentions.modality import clause_start

_WORD = re.compile(r"\w+")
_LIST_NEIGHBOUR = re.compile(r"^\s*(?:,|và|hoặc|cũng như)\s*$", re.IGNORECASE)


def place_features(ctx, sentence, trigger, mention, chosen, listed: set[int], tests: dict[str, bool],
                   options: list) -> dict[str, float]:
    """Features of placing the event of `trigger` at `mention` (`chosen`: the rules' pick or None)."""
    folded = ctx.folded
    place = mention.place
    feats: dict[str, float] = {"bias": 1.0}

    def on(name: str, value: float = 1.0) -> None:
        feats[name] = value

    on(f"kind={place.kind}")
    on(f"cue={mention.cue or 'none'}")
    on(f"trigger_kind={trigger.kind}")
    on(f"kind_x_trigger={place.kind}|{trigger.kind}")
    if chosen is not None and chosen.start == mention.start:
        on("rule_choice")
    elif chosen is None:
        on("rule_chose_elsewhere")
    if mention.start in listed:
        on("rule_list")
    for name, value in tests.items():
        if value:
            on(name)
    after = mention.start >= trigger.end
    gap = mention.start - trigger.end if after else trigger.start - mention.end
    on(f"side={'after' if after else 'before'}")
    words_between = _WORD.findall(folded[min(trigger.end, mention.end):max(trigger.start, mention.start)])
    on(f"gap={_bucket(len(words_between), (0, 2, 5, 10, 20))}")
    on(f"gap_x_side={'after' if after else 'before'}|{_bucket(gap, (10, 40, 100))}")
    clause = clause_start(ctx.language.modality, folded, sentence.start, trigger.start)
    on("same_clause" if mention.start >= clause else "earlier_clause")
    before = folded[max(sentence.start, mention.start - 30):mention.start]
    before_words = [w.lower() for w in _WORD.findall(before)][-2:]
    for word in before_words:
        on(f"B={word}")
    if len(before_words) == 2:
        on(f"B2={before_words[0]}_{before_words[1]}")
    neighbours = [o for o in options if o is not mention]
    if any(_LIST_NEIGHBOUR.match(folded[min(o.end, mention.end):max(o.start, mention.start)] or "x")
           for o in neighbours):
        on("listed_with_another")
    on(f"places_in_sentence={_bucket(len(options), (1, 2, 3, 5))}")
    kinds = {o.place.kind for o in neighbours}
    if place.kind == "country" and "city" in kinds:
        on("country_beside_town")
    if place.kind == "city" and any(o.place.kind == "country" and o.place.iso2 == place.iso2 for o in neighbours):
        on("town_with_its_country")
    main = ctx.main
    if main is not None:
        on("main_country" if main.iso2 == place.iso2 else "other_country")
        if main.kind != "country" and main.geonameid == place.geonameid:
            on("main_town")
    on(f"mentions_in_article={_bucket(ctx.mentions_of(place), (1, 2, 4))}")
    return feats
