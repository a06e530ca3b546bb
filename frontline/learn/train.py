"""`frontline train ANNOTATED_DIR`: learn the event model from an annotated train folder.

Deterministic: the same folder gives the same bytes (folds by a hash of the story,
lbfgs from zero, rounded weights, sorted keys). Cross-validation by story
group gives the figures the README quotes and the calibration of `confidence`.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from frontline.learn.corpus import Labelled, labelled_candidates, story_groups
from frontline.learn.linear import LinearModel
from frontline.record import EXPORTED_MODALITIES
from frontline.scoring import score

FOLDS = 5
REGULARISATION = 0.5     # LogisticRegression C
BANDS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0001)
FORBIDDEN_PARTS = ("heldout", "eval")   # never trained on: the honest figures come from these


def _fold(group: str) -> int:
    return int(hashlib.sha256(group.encode()).hexdigest(), 16) % FOLDS


def _fit(rows: list[Labelled]):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer(sort=True)
    x = vectorizer.fit_transform([r.features for r in rows])
    model = LogisticRegression(C=REGULARISATION, solver="lbfgs", max_iter=5000)
    model.fit(x, [r.right for r in rows])
    return vectorizer, model


def _scores(rows: list[Labelled], probabilities: list[float] | None, threshold: float, gold: dict) -> dict:
    """Event and strict P/R/F1 (the scorer's own) of the reported events kept at `threshold`."""
    events: dict[str, list[dict]] = {}
    for i, row in enumerate(rows):
        if row.event["modality"] in EXPORTED_MODALITIES and (probabilities is None or probabilities[i] >= threshold):
            events.setdefault(row.doc_id, []).append(row.event)
    result = score(gold, events)
    return {"event": result["event"], "strict": result["strict"]}


def reliability(probabilities: list[float], right: list[bool]) -> list[dict]:
    """Confidence band -> how many events fall in it and the share of them that are right."""
    table = []
    for low, high in zip(BANDS, BANDS[1:]):
        inside = [r for p, r in zip(probabilities, right) if low <= p < high]
        table.append({"band": f"{low:.1f}-{min(high, 1.0):.1f}", "events": len(inside),
                      "right": round(sum(inside) / len(inside), 3) if inside else None})
    return table


def train_event_model(folder: Path) -> LinearModel:
    """Cross-validate by story, calibrate on the held-out folds, then fit on the whole folder."""
    from sklearn.isotonic import IsotonicRegression

    if any(part in FORBIDDEN_PARTS for part in folder.resolve().parts):
        raise ValueError(f"{folder} is a held-out or evaluation folder: nothing is trained on it")
    rows, gold = labelled_candidates(folder)
    if not rows or len({r.right for r in rows}) < 2:
        raise ValueError(f"{folder}: too few labelled candidates to learn from ({len(rows)})")
    groups = story_groups(folder)
    folds = [_fold(groups.get(r.doc_id, r.doc_id)) for r in rows]
    raw = [0.0] * len(rows)
    for k in range(FOLDS):
        train = [r for r, f in zip(rows, folds) if f != k]
        test = [i for i, f in enumerate(folds) if f == k]
        if not test or len({r.right for r in train}) < 2:
            continue
        vectorizer, model = _fit(train)
        probs = model.predict_proba(vectorizer.transform([rows[i].features for i in test]))[:, 1]
        for i, p in zip(test, probs):
            raw[i] = float(p)
    right = [r.right for r in rows]
    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(raw, right)
    calibrated = [float(p) for p in iso.predict(raw)]
    thresholds = sorted({round(p, 3) for p in calibrated} | {0.0})
    best = max(thresholds, key=lambda t: (_scores(rows, calibrated, t, gold)["event"]["f1"], -t))
    reported = [i for i, r in enumerate(rows) if r.event["modality"] in EXPORTED_MODALITIES]
    kept = [i for i in reported if calibrated[i] >= best]
    report = {
        "trained_on": {"articles": len(gold), "gold_events": sum(len(g.get("events", [])) for g in gold.values()),
                       "candidates": len(rows), "right": sum(right)},
        "cross_validation": {
            "folds": f"{FOLDS}, by story group",
            "rules_alone": _scores(rows, None, 0.0, gold),
            "with_model": _scores(rows, calibrated, best, gold),
            "reliability_of_kept": reliability([calibrated[i] for i in kept], [right[i] for i in kept]),
        },
    }
    vectorizer, model = _fit(rows)
    weights = dict(zip(vectorizer.get_feature_names_out(), (float(w) for w in model.coef_[0])))
    return LinearModel("event", weights, float(model.intercept_[0]), best,
                       tuple(float(x) for x in iso.X_thresholds_), tuple(float(y) for y in iso.y_thresholds_),
                       report)
