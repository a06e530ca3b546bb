"""Decisions learned from the annotated corpus, with the rules' readings as features.

    data/annotated/<lang>/train  --frontline train-->  frontline/models/*.json  --pipeline-->  events

The rules propose candidate events; a linear model trained on `train/` only says
how likely each one is to be a real, reported event (its `confidence`) and drops
those below the threshold that cross-validation chose. Models are plain JSON:
readable, diffable, and loaded without unpickling anything.
"""
