"""A linear model stored as JSON: weights by feature name, a calibration curve and a threshold.

Training uses scikit-learn; running needs only this file, so extraction never imports
scikit-learn and a model is read with `json`, never unpickled.
"""
from __future__ import annotations

import bisect
import json
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"


@dataclass(frozen=True, slots=True)
class LinearModel:
    name: str
    weights: dict[str, float]
    intercept: float
    threshold: float                       # on the calibrated probability: below it, not an event
    calibration_x: tuple[float, ...] = ()  # raw probability -> share right (isotonic, on held-out folds)
    calibration_y: tuple[float, ...] = ()
    report: dict = field(default_factory=dict)

    def raw(self, features: dict[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def probability(self, features: dict[str, float]) -> float:
        """The calibrated probability that the candidate is a real, reported event."""
        p = self.raw(features)
        xs, ys = self.calibration_x, self.calibration_y
        if not xs:
            return p
        if p <= xs[0]:
            return ys[0]
        if p >= xs[-1]:
            return ys[-1]
        i = bisect.bisect_right(xs, p)
        x0, x1, y0, y1 = xs[i - 1], xs[i], ys[i - 1], ys[i]
        return y0 if x1 == x0 else y0 + (y1 - y0) * (p - x0) / (x1 - x0)

    def to_json(self) -> str:
        body = {"name": self.name, "intercept": round(self.intercept, 6), "threshold": round(self.threshold, 6),
                "calibration": {"x": [round(x, 6) for x in self.calibration_x],
                                "y": [round(y, 6) for y in self.calibration_y]},
                "report": self.report,
                "weights": {k: round(v, 6) for k, v in sorted(self.weights.items()) if round(v, 6) != 0.0}}
        return _dump(body)

    @classmethod
    def from_json(cls, text: str) -> LinearModel:
        body = json.loads(text)
        return cls(body["name"], body["weights"], body["intercept"], body["threshold"],
                   tuple(body["calibration"]["x"]), tuple(body["calibration"]["y"]), body.get("report", {}))


def _dump(body: dict) -> str:
    """Sorted JSON with one line per weight, so that a retrained model diffs line by line."""
    weights = body.pop("weights")
    head = json.dumps(body, ensure_ascii=False, indent=1, sort_keys=True)
    rows = [f" {json.dumps(name, ensure_ascii=False)}: {json.dumps(value)}" for name, value in sorted(weights.items())]
    return head[:-2] + ',\n "weights": {\n' + ",\n".join(rows) + "\n }\n}\n"


@cache
def shipped_model(name: str) -> LinearModel | None:
    """The model the package ships under frontline/models/NAME.json, loaded once per process."""
    path = MODELS_DIR / f"{name}.json"
    if not path.exists():
        return None
    return LinearModel.from_json(path.read_text(encoding="utf-8"))


def overrule(probs: dict[str, float], rules_label: str, switch: float) -> str:
    """The most probable label when it is the rules' own or at least `switch` probable, else the rules'."""
    best = max(probs, key=lambda label: (probs[label], label == rules_label))
    return best if best == rules_label or probs[best] >= switch else rules_label


@dataclass(frozen=True, slots=True)
class ChoiceModel:
    """A multinomial linear model: one weight per (feature, class); the classes are labels such as
    ACLED sub-event types. `switch` is how sure it must be to overrule the rules' own label."""

    name: str
    classes: tuple[str, ...]
    weights: dict[str, list[float]]
    intercepts: tuple[float, ...]
    switch: float
    report: dict = field(default_factory=dict)

    def probabilities(self, features: dict[str, float]) -> dict[str, float]:
        scores = list(self.intercepts)
        for name, value in features.items():
            row = self.weights.get(name)
            if row is not None:
                for i, w in enumerate(row):
                    scores[i] += w * value
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {label: e / total for label, e in zip(self.classes, exps)}

    def choose(self, features: dict[str, float], rules_label: str) -> tuple[str, float]:
        """The model's label where it is sure enough, else the rules'; and the model's probability of it."""
        probs = self.probabilities(features)
        label = overrule(probs, rules_label, self.switch)
        return label, probs.get(label, 0.0)

    def to_json(self) -> str:
        body = {"name": self.name, "classes": list(self.classes), "switch": round(self.switch, 6),
                "intercepts": [round(b, 6) for b in self.intercepts], "report": self.report,
                "weights": {k: [round(w, 6) for w in row] for k, row in sorted(self.weights.items())
                            if any(round(w, 6) != 0.0 for w in row)}}
        return _dump(body)

    @classmethod
    def from_json(cls, text: str) -> ChoiceModel:
        body = json.loads(text)
        return cls(body["name"], tuple(body["classes"]), body["weights"], tuple(body["intercepts"]),
                   body["switch"], body.get("report", {}))


@cache
def shipped_choice_model(name: str) -> ChoiceModel | None:
    path = MODELS_DIR / f"{name}.json"
    if not path.exists():
        return None
    return ChoiceModel.from_json(path.read_text(encoding="utf-8"))
