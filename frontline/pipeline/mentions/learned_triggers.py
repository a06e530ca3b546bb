"""A war word the lexicon lacks, read by the sentence models (frontline/models/sentence*.json).

A sentence with no war word of triggers.yaml may still report an event. The sentence model,
learned from the coded corpus, gives the chance that it does; where that chance reaches its
threshold, the run of words that weighs most becomes the sentence's trigger, of the sub-event
type the sentence type model reads. Its events are doubted: the event model judges them.
"""
from __future__ import annotations

from dataclasses import dataclass

from frontline.learn.linear import ChoiceModel, LinearModel, shipped_choice_model, shipped_model
from frontline.learn.sentence_features import sentence_features, word_runs
from frontline.pipeline.mentions.triggers import Trigger, TriggerSpec
from frontline.pipeline.text.segment import Sentence

NO_EVENT = "none"   # the label of sentences that report no event


@dataclass(frozen=True, slots=True)
class SentenceReader:
    detector: LinearModel   # does the sentence report an event; `threshold` is where it is read at all
    typer: ChoiceModel      # of which sub-event type, among sentences that report one

    def sub_event_type(self, features: dict[str, float]) -> str:
        probabilities = self.typer.probabilities(features)
        return max(self.typer.classes, key=lambda c: (probabilities[c], c))

    def chance(self, folded: str, sentence: Sentence) -> float:
        """The chance that the sentence reports an event, whatever its words."""
        return self.detector.raw(sentence_features(word_runs(folded, sentence.start, sentence.end)))

    def trigger(self, folded: str, sentence: Sentence) -> Trigger | None:
        """The sentence's trigger when it reads an event there, else None."""
        runs = word_runs(folded, sentence.start, sentence.end)
        if not runs:
            return None
        features = sentence_features(runs)
        chance = self.detector.raw(features)
        if chance < self.detector.threshold:
            return None
        label = self.sub_event_type(features)
        # the words that say what happened: those that weigh most for its type. Words that only say
        # that something happened ("hôm 30/4") weigh most for the detector, alike for every type
        column = self.typer.classes.index(label)

        def weight(run: tuple[str, int, int]) -> float:
            row = self.typer.weights.get(f"G={run[0]}")
            return row[column] if row else float("-inf")

        best = max(runs, key=weight)
        # the whole phrase it is part of, when the phrase weighs for the type too ("tên lửa", not "lửa")
        _, start, end = max((run for run in runs if run[1] <= best[1] and best[2] <= run[2] and weight(run) > 0),
                            key=lambda run: (run[2] - run[1], weight(run)), default=best)
        return Trigger(start, end, folded[start:end], TriggerSpec(label, generic=True, needs=()),
                       learned=round(chance, 3))


def shipped_reader() -> SentenceReader | None:
    detector, typer = shipped_model("sentence"), shipped_choice_model("sentence_type")
    return SentenceReader(detector, typer) if detector is not None and typer is not None else None
