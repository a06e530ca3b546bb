"""`frontline train ANNOTATED_DIR`: learn the place model, then the event model, from a train folder.

Deterministic: the same folder gives the same bytes (folds by a hash of the story, lbfgs
from zero, rounded weights, sorted keys). Cross-validation by story group gives the
figures the README quotes, the threshold, and the calibration of `confidence`.
"""
from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from frontline.learn.corpus import (
    Labelled,
    TypedExample,
    labelled_events,
    labelled_places,
    labelled_sentences,
    labelled_types,
    story_groups,
)
from frontline.learn.linear import ChoiceModel, LinearModel, overrule
from frontline.record import EXPORTED_MODALITIES
from frontline.scoring import score

FOLDS = 5
REGULARISATION = 0.5     # LogisticRegression C
EVENT_REGULARISATION = (0.01, 0.02, 0.03, 0.05, 0.1, 0.2, 0.5, 1.0)  # the event model's C: the one the folds score best
F1_SLACK = 0.01         # see train_event_model's choose()
C_SLACK = 0.001         # cross-validated F1 within this of the best ties (see train_event_model)
SURE = 0.8              # the confidence analysts filter on (issue 12: right at least that often)
BANDS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0001)
FORBIDDEN_PARTS = ("heldout", "eval")   # never trained on: the honest figures come from these


def _fold(group: str) -> int:
    """A story group's fold. Salted: the held-out split (the kit's split.py) takes the groups whose
    unsalted hash is 0 modulo 5, so unsalted folds would leave fold 0 empty in train (4 folds, not 5)."""
    return int(hashlib.sha256(f"fold {group}".encode()).hexdigest(), 16) % FOLDS


def _fit(rows: list, label=lambda row: row.right, c: float = REGULARISATION):
    """A logistic regression (multinomial when the labels are many) over the rows' named features."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer(sort=True)
    x = vectorizer.fit_transform([r.features for r in rows])
    model = LogisticRegression(C=c, solver="lbfgs", max_iter=5000)
    model.fit(x, [label(r) for r in rows])
    return vectorizer, model


def _splits(rows: list, groups: dict[str, str], label, least: int = 2):
    """(fold, the rows of the other folds, the indices of the fold's rows) for each fold that has rows
    and whose other folds hold at least `least` labels; folds by story group."""
    folds = [_fold(groups.get(r.doc_id, r.doc_id)) for r in rows]
    for k in range(FOLDS):
        train = [r for r, f in zip(rows, folds) if f != k]
        test = [i for i, f in enumerate(folds) if f == k]
        if test and len({label(r) for r in train}) >= least:
            yield k, train, test


def _out_of_fold(rows: list[Labelled], groups: dict[str, str], c: float = REGULARISATION,
                 fitted: dict | None = None) -> list[float]:
    """Each row's probability from a model that never saw its story (each fold's fit goes to `fitted`)."""
    raw = [0.0] * len(rows)
    for k, train, test in _splits(rows, groups, lambda row: row.right):
        vectorizer, model = _fit(train, c=c)
        if fitted is not None:
            fitted[k] = (vectorizer, model)
        for i, p in zip(test, model.predict_proba(vectorizer.transform([rows[i].features for i in test]))[:, 1]):
            raw[i] = float(p)
    return raw


def _weights(vectorizer, model) -> dict[str, float]:
    return dict(zip(vectorizer.get_feature_names_out(), (float(w) for w in model.coef_[0])))


def _calibrate(rows: list[Labelled], raw: list[float]):
    from sklearn.isotonic import IsotonicRegression

    return IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(raw, [r.right for r in rows])


def _model(name: str, rows: list[Labelled], raw: list[float], choose_threshold, report: dict,
           cross_validation, c: float = REGULARISATION) -> LinearModel:
    """Calibrate the out-of-fold probabilities, pick the threshold, report the folds' figures at it,
    fit on every row."""
    iso = _calibrate(rows, raw)
    calibrated = [float(p) for p in iso.predict(raw)]
    threshold = choose_threshold(calibrated)
    vectorizer, model = _fit(rows, c=c)
    weights = _weights(vectorizer, model)
    report = dict(report, cross_validation=cross_validation(calibrated, threshold))
    return LinearModel(name, weights, float(model.intercept_[0]), threshold,
                       tuple(float(x) for x in iso.X_thresholds_), tuple(float(y) for y in iso.y_thresholds_), report)


def _prf(tp: int, chosen: int, right: int) -> dict[str, float]:
    p = tp / chosen if chosen else 0.0
    r = tp / right if right else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def _place_choices(rows: list[Labelled], probabilities: list[float] | None, threshold: float) -> dict:
    """P/R/F1 of the (war word, place) pairs chosen: by the model, falling back to the rules'
    pick for a word where it accepts none (as the pipeline does), or by the rules alone."""
    chosen: list[bool] = []
    by_word: dict[int, list[int]] = {}
    for i, r in enumerate(rows):
        by_word.setdefault(r.group, []).append(i)
    chosen = [False] * len(rows)
    for members in by_word.values():
        picked = [i for i in members if probabilities is not None and probabilities[i] >= threshold]
        for i in picked or [i for i in members if rows[i].rule]:
            chosen[i] = True
    tp = sum(1 for c, r in zip(chosen, rows) if c and r.right)
    return _prf(tp, sum(chosen), sum(r.right for r in rows))


def train_place_model(folder: Path, groups: dict[str, str]) -> tuple[LinearModel, dict[int, LinearModel]]:
    """The place model, and the model of each fold (fitted without its stories; the whole model's
    calibration and threshold)."""
    rows = labelled_places(folder)
    if len({r.right for r in rows}) < 2:
        raise ValueError(f"{folder}: too few labelled places to learn from ({len(rows)})")
    fitted: dict = {}
    raw = _out_of_fold(rows, groups, fitted=fitted)

    def choose(calibrated: list[float]) -> float:
        grid = sorted({round(p, 3) for p in calibrated} | {0.5})
        return max(grid, key=lambda t: (_place_choices(rows, calibrated, t)["f1"], -t))

    def cross_validation(calibrated: list[float], t: float) -> dict:
        return {"folds": f"{FOLDS}, by story group", "measure": "(war word, place) pairs",
                "rules_alone": _place_choices(rows, None, t), "with_model": _place_choices(rows, calibrated, t)}

    report = {"examples": len(rows), "right": sum(r.right for r in rows), "war_words": len({r.group for r in rows})}
    place = _model("place", rows, raw, choose, report, cross_validation)
    return place, {k: replace(place, weights=_weights(v, m), intercept=float(m.intercept_[0]), report={})
                   for k, (v, m) in fitted.items()}


TYPE_SLACK = 0.005
SWITCHES = (0.5, 0.6, 0.7, 0.8, 0.9, 1.01)   # how sure the type model must be to overrule the rules


def train_type_model(folder: Path, groups: dict[str, str]) -> tuple[ChoiceModel, dict[int, ChoiceModel]]:
    """Sub-event types: cross-validated against the rules' own types, the switch chosen on the folds;
    and the model of each fold."""
    rows = labelled_types(folder)
    if len({r.label for r in rows}) < 2:
        raise ValueError(f"{folder}: too few typed war words to learn from ({len(rows)})")
    oof: list[dict[str, float]] = [{} for _ in rows]
    fitted = {}
    for k, train, test in _splits(rows, groups, lambda row: row.label):
        vectorizer, model = _fit(train, label=lambda row: row.label)
        fitted[k] = (vectorizer, model)
        for i, probs in zip(test, model.predict_proba(vectorizer.transform([rows[i].features for i in test]))):
            oof[i] = dict(zip(model.classes_, (float(p) for p in probs)))

    def chosen(i: int, switch: float) -> str:
        return overrule(oof[i], rows[i].rules, switch) if oof[i] else rows[i].rules

    def accuracy(switch: float) -> float:
        return round(sum(chosen(i, switch) == r.label for i, r in enumerate(rows)) / len(rows), 4)

    # the most conservative switch within TYPE_SLACK of the best: overrule the rules only when sure
    best = max(accuracy(s) for s in SWITCHES)
    switch = max(s for s in SWITCHES if accuracy(s) >= best - TYPE_SLACK)
    report = {"war_words": len(rows), "cross_validation": {
        "folds": f"{FOLDS}, by story group", "measure": "share of war words given the gold sub-event type",
        "rules_alone": accuracy(1.01), "with_model": accuracy(switch),
        "by_switch": {str(s): accuracy(s) for s in SWITCHES}}}
    return (_choice_model("type", rows, switch, report),
            {k: _as_choice_model("type", v, m, switch, {}) for k, (v, m) in fitted.items()})


def _choice_model(name: str, rows: list[TypedExample], switch: float, report: dict,
                  c: float = REGULARISATION) -> ChoiceModel:
    """A multinomial model fitted on every row, its weights by feature name."""
    vectorizer, model = _fit(rows, label=lambda row: row.label, c=c)
    return _as_choice_model(name, vectorizer, model, switch, report)


def _as_choice_model(name: str, vectorizer, model, switch: float, report: dict) -> ChoiceModel:
    names = vectorizer.get_feature_names_out()
    coef = model.coef_ if len(model.classes_) > 2 else [-model.coef_[0], model.coef_[0]]
    intercepts = model.intercept_ if len(model.classes_) > 2 else [-model.intercept_[0], model.intercept_[0]]
    weights = {name: [float(coef[c][j]) for c in range(len(model.classes_))] for j, name in enumerate(names)}
    return ChoiceModel(name, tuple(str(c) for c in model.classes_), weights,
                       tuple(float(b) for b in intercepts), switch, report)


SENTENCE_SWITCH = 0.5        # the chance of an event at which a sentence with no war word is read at all
SENTENCE_RUN_SENTENCES = 5   # a run of words in fewer train sentences than this is not learned from
TYPE_RUN_SENTENCES = 5       # the same, among the sentences that report an event (for their type)


def _common_runs(rows: list[TypedExample], least: int) -> list[TypedExample]:
    """The rows with only the runs of words that at least `least` of them hold: rarer ones would
    only be remembered, and would swell the shipped model."""
    seen: dict[str, int] = {}
    for row in rows:
        for name in row.features:
            seen[name] = seen.get(name, 0) + 1
    return [TypedExample(r.doc_id, {n: v for n, v in r.features.items() if seen[n] >= least}, r.label, r.rules)
            for r in rows]


def _sentence_reader(rows: list[TypedExample], no_event: str, report: dict | None = None):
    """Whether a sentence reports an event (a binary model over all rows) and of which sub-event type
    (a multinomial model over the rows that report one)."""
    from frontline.pipeline.mentions.learned_triggers import SentenceReader

    as_event = [Labelled(r.doc_id, r.features, r.label != no_event) for r in rows]
    vectorizer, model = _fit(as_event)
    detector = LinearModel("sentence", _weights(vectorizer, model), float(model.intercept_[0]), SENTENCE_SWITCH,
                           report=report or {})
    typed = _common_runs([r for r in rows if r.label != no_event], TYPE_RUN_SENTENCES)
    return SentenceReader(detector, _choice_model("sentence_type", typed, 1.0, {"sentences": len(typed)}))


def train_sentence_model(folder: Path, groups: dict[str, str]):
    """The sentence reader, and the reader of each fold."""
    from frontline.pipeline.mentions.learned_triggers import NO_EVENT

    rows = _common_runs(labelled_sentences(folder, NO_EVENT), SENTENCE_RUN_SENTENCES)
    if len({r.label for r in rows}) < 3:
        raise ValueError(f"{folder}: too few sentences of events of two types to learn from ({len(rows)})")
    by_fold = {}
    found = right = typed = 0
    for k, train, test in _splits(rows, groups, lambda row: row.label, least=3):
        reader = by_fold[k] = _sentence_reader(train, NO_EVENT)
        for row in (rows[i] for i in test):
            if row.rules != NO_EVENT:
                continue  # a sentence with a war word is read by the rules
            read = reader.detector.raw(row.features) >= SENTENCE_SWITCH
            found += read
            right += read and row.label != NO_EVENT
            typed += read and row.label == reader.sub_event_type(row.features)
    unread = [r for r in rows if r.rules == NO_EVENT]
    told = sum(r.label != NO_EVENT for r in unread)
    report = {"sentences": len(rows), "with_no_war_word": len(unread), "of_them_reporting_an_event": told,
              "switch": SENTENCE_SWITCH, "cross_validation": {
                  "folds": f"{FOLDS}, by story group",
                  "measure": "sentences with no war word of the lexicon read as reporting an event",
                  "rules_alone": _prf(0, 0, told), "with_model": _prf(right, found, told),
                  "read_with_the_gold_type": typed}}
    return _sentence_reader(rows, NO_EVENT, report), by_fold


def _event_scores(rows: list[Labelled], keep: list[bool] | None, gold: dict) -> dict:
    """Event and strict P/R/F1 (the scorer's own) of the reported events kept (all when keep is None)."""
    events: dict[str, list[dict]] = {}
    for i, row in enumerate(rows):
        if row.event is not None and row.event["modality"] in EXPORTED_MODALITIES and (keep is None or keep[i]):
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


def _sure_events(rows: list[Labelled], calibrated) -> int:
    """How many reported events the folds give a confidence of SURE or more, when at least that share
    of them is right (else 0: a confidence that claims more than it delivers is no use)."""
    sure = [r.right for r, p in zip(rows, calibrated)
            if p >= SURE and r.event is not None and r.event["modality"] in EXPORTED_MODALITIES]
    return len(sure) if sure and sum(sure) >= SURE * len(sure) else 0


def train_event_model(folder: Path, groups: dict[str, str], models, rules_only) -> LinearModel:
    rows, gold = labelled_events(folder, models)
    if len({r.right for r in rows}) < 2:
        raise ValueError(f"{folder}: too few labelled events to learn from ({len(rows)})")
    baseline_rows, _ = labelled_events(folder, rules_only)
    # the regularisation with the best cross-validated F1 at its best single threshold; of those within
    # C_SLACK of it (a difference the folds cannot tell from noise), the one that gives the most events
    # a confidence of SURE or more and keeps them right that often
    by_c, raws, sure = {}, {}, {}
    for c in EVENT_REGULARISATION:
        raws[c] = _out_of_fold(rows, groups, c)
        calibrated = _calibrate(rows, raws[c]).predict(raws[c])
        by_c[c] = max(_event_scores(rows, [p >= t for p in calibrated], gold)["event"]["f1"]
                      for t in (x / 40 for x in range(2, 36)))
        sure[c] = _sure_events(rows, calibrated)
    near_best = [c for c in by_c if by_c[c] >= max(by_c.values()) - C_SLACK]
    chosen_c = min(near_best, key=lambda c: (-sure[c], -by_c[c], c))
    raw = raws[chosen_c]

    def choose(calibrated: list[float]) -> float:
        """One threshold for every candidate, the rules' doubted ones too: a calibrated chance means
        the same whoever doubts the candidate. The best single threshold, then lowered as far as the
        cross-validated F1 stays within F1_SLACK of its: the F1 curve is flat near its top, and news
        unlike the train part loses least recall at the lower end. (A second threshold for the
        doubted candidates spent the slack on them and moved the first with every retraining:
        0.208 and 0.244 for two codes twelve train events apart, each 0.005 under this rule's F1.)"""
        grid = sorted({round(p, 3) for p in calibrated} | {0.0})

        def f1(threshold: float) -> float:
            return _event_scores(rows, [p >= threshold for p in calibrated], gold)["event"]["f1"]

        best = max(grid, key=lambda t: (f1(t), -t))
        floor = f1(best) - F1_SLACK
        return min(t for t in grid if t <= best and f1(t) >= floor)

    def cross_validation(calibrated: list[float], threshold: float) -> dict:
        keep = [p >= threshold for p in calibrated]
        chosen = [i for i, r in enumerate(rows)
                  if r.event is not None and r.event["modality"] in EXPORTED_MODALITIES and keep[i]]
        return {
            "folds": f"{FOLDS}, by story group", "measure": "the scorer's event and strict P/R/F1",
            "rules_alone": _event_scores(baseline_rows, None, gold),
            "with_place_and_type_models": _event_scores(rows, None, gold),
            "with_all_three_models": _event_scores(rows, keep, gold),
            "reliability": reliability([calibrated[i] for i in chosen], [rows[i].right for i in chosen])}

    report = {"articles": len(gold), "gold_events": sum(len(g.get("events", [])) for g in gold.values()),
              "regularisation": {"C": chosen_c, "cross_validated_f1_by_C": {str(c): f for c, f in by_c.items()},
                                 f"events_at_{SURE}_or_more_by_C": {str(c): n for c, n in sure.items()}},
              "gold_sha256": hashlib.sha256((folder / "gold.jsonl").read_bytes()).hexdigest(),
              "candidates": len(rows), "right": sum(r.right for r in rows)}
    return _model("event", rows, raw, choose, report, cross_validation, c=chosen_c)


def train_models(folder: Path) -> tuple[LinearModel, ChoiceModel, LinearModel, ChoiceModel, LinearModel]:
    """The place and type models from the rules' candidates, the sentence model from the coded
    sentences, then the event model over the candidates those three make."""
    from frontline.pipeline import RULES_ONLY, Models

    if any(part in FORBIDDEN_PARTS for part in folder.resolve().parts):
        raise ValueError(f"{folder} is a held-out or evaluation folder: nothing is trained on it")
    groups = story_groups(folder)
    place, place_folds = train_place_model(folder, groups)
    typing, type_folds = train_type_model(folder, groups)
    sentence, sentence_folds = train_sentence_model(folder, groups)
    # the event model learns from candidates read by models that never saw their story, as the
    # news it will judge is read: trained on all of train, the place and type models would be surer
    # of the train articles than of any other, and the event model would trust them more than it should
    by_fold = {k: Models(place=place_folds.get(k, place), type=type_folds.get(k, typing), overgenerate=True,
                         sentence=sentence_folds.get(k, sentence)) for k in range(FOLDS)}
    folds = {doc_id: by_fold[_fold(group)] for doc_id, group in groups.items()}
    event = train_event_model(folder, groups, Models(place=place, type=typing, overgenerate=True,
                                                     sentence=sentence, folds=folds), RULES_ONLY)
    return place, typing, sentence.detector, sentence.typer, event
