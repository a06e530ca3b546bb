"""What the type model sees of a war word: the rules' type, the word, and the words around it.

The rules type a war word by chains of cues ("pháo" -> shelling, "biểu tình" with police ->
intervention); the model sees the same cues as words and learns which chain to trust.
"""
from __future__ import annotations

import re

_WORD = re.compile(r"\w+")
CONTEXT_WORDS = 8


def type_features(folded: str, sentence, trigger, rules_type: str, actor1, actor2,
                  article_kinds: frozenset[str] = frozenset()) -> dict[str, float]:
    """`article_kinds`: the kinds of the article's other war words, so that a generic word ("vụ đánh
    bom") takes a precise type ("Suicide bomb") only where the article says it somewhere."""
    feats: dict[str, float] = {f"A={kind}": 1.0 for kind in article_kinds if kind != trigger.kind}
    feats.update({"bias": 1.0, f"rules={rules_type}": 1.0, f"kind={trigger.kind}": 1.0,
                               f"trig={trigger.text.lower()}": 1.0,
                               f"actor1={actor1.kind if actor1 else 'none'}": 1.0,
                               f"actor2={actor2.kind if actor2 else 'none'}": 1.0})
    left = [w.lower() for w in _WORD.findall(folded[sentence.start:trigger.start])][-CONTEXT_WORDS:]
    right = [w.lower() for w in _WORD.findall(folded[trigger.end:sentence.end])][:CONTEXT_WORDS]
    for word in left:
        feats[f"L={word}"] = 1.0
    for word in right:
        feats[f"R={word}"] = 1.0
    for a, b in zip(right, right[1:]):
        feats[f"R2={a}_{b}"] = 1.0
    for a, b in zip(left, left[1:]):
        feats[f"L2={a}_{b}"] = 1.0
    for word in set(_WORD.findall(folded[sentence.start:sentence.end].lower())):
        feats[f"S={word}"] = 0.3
    return feats
