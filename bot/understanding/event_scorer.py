"""A second opinion on which life event a typed message is about.

Rasa's DIET classifier is often sure and wrong on long or misspelled stories ("mijn studies zijn
gedaan sinds eind augustus, ik ben 25" read as a birth with 0.98). A linear model over character
and word n-grams of the same NLU examples errs differently; the two are combined log-linearly, with
DIET's confidences softened first (temperature), so that neither can overrule the other alone.
Measured in docs/benchmarks.md ("Second opinion on life events").
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np
import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion
from sklearn.svm import LinearSVC

from bot.normalize import normalise

OTHER = "other"
"""The linear model's class for every intent that is not a life event."""

DIET_TEMPERATURE = 4.0
DIET_WEIGHT = 0.5
SVM_SCALE = 3.0
"""Decision values times this, through a softmax, give the linear model's probabilities."""
SVM_C = 0.5
CLEAR_SECOND_OPINION = 0.3
"""Inside a journey, a situation offered as a button needs this much from the linear model (or a trigger)."""
SECONDARY_MIN = 0.1
"""A second situation the classifier finds in a message also needs this much from the linear model."""

FALLBACK_THRESHOLD = 0.45
"""The FallbackClassifier threshold of config.yml."""
FALLBACK_INTENT = "nlu_fallback"

_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


def nlu_examples(nlu_dir: Path) -> list[tuple[str, str]]:
    """(text, intent) for every example in the Rasa NLU files under ``nlu_dir`` (entity marks removed)."""
    examples: list[tuple[str, str]] = []
    for path in sorted(nlu_dir.rglob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for item in document.get("nlu") or []:
            intent = item.get("intent") if isinstance(item, dict) else None
            if not intent:
                continue
            for line in str(item.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    examples.append((_ANNOTATION.sub(r"\1", line[2:]), str(intent)))
    return examples


class EventScorer:
    """Life-event probabilities from n-grams, and their combination with the classifier's ranking."""

    def __init__(self, examples: Iterable[tuple[str, str]], events: Iterable[str]) -> None:
        self.events = frozenset(events)
        texts, labels = [], []
        for text, intent in examples:
            texts.append(normalise(text))
            labels.append(intent if intent in self.events else OTHER)
        if len(set(labels)) < 2:
            raise ValueError("the event scorer needs examples of at least two classes")
        self._features = FeatureUnion(
            [
                ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)),
                ("words", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True)),
            ]
        )
        self._model = LinearSVC(C=SVM_C, class_weight="balanced")
        self._model.fit(self._features.fit_transform(texts), labels)
        self.classes: tuple[str, ...] = tuple(str(c) for c in self._model.classes_)
        self._last: tuple[str, dict[str, float]] | None = None

    def probabilities(self, text: str) -> dict[str, float]:
        """Probability per life event, plus ``other`` for everything else (the last text's result is
        kept: one turn asks for the same message up to three times)."""
        if self._last is not None and self._last[0] == text:
            return self._last[1]
        scores = self._model.decision_function(self._features.transform([normalise(text)]))[0] * SVM_SCALE
        exp = np.exp(scores - scores.max())
        result = dict(zip(self.classes, (exp / exp.sum()).tolist()))
        self._last = (text, result)
        return result

    def best(self, text: str) -> str:
        """The linear model's pick for ``text`` alone (``other`` when no life event)."""
        probabilities = self.probabilities(text)
        return max(probabilities, key=probabilities.__getitem__)

    def disputed(self, text: str, ranking: Sequence[tuple[str, float]]) -> tuple[str, ...]:
        """The classifier's best life event and this model's, when they differ (else nothing).

        On the tuning sets the right situation was one of the two in every such case, and the
        combination picked the wrong one in a quarter of them: a question is better than a guess.
        """
        diet_best = next((name for name, _ in ranking if name != FALLBACK_INTENT), None)
        mine = self.best(text)
        if diet_best in self.events and mine in self.events and diet_best != mine:
            return (str(diet_best), mine)
        return ()

    def supported(self, text: str, events: Sequence[str], named: Iterable[str]) -> list[str]:
        """The events a trigger phrase names, or that this model also gives SECONDARY_MIN or more."""
        probabilities = self.probabilities(text)
        return [e for e in events if e in set(named) or probabilities.get(e, 0.0) >= SECONDARY_MIN]

    def rerank(self, text: str, ranking: Sequence[tuple[str, float]]) -> tuple[tuple[str, float], ...]:
        """The classifier's ranking with life events rescored by both models.

        The mass the combination leaves to ``other`` is shared by the non-event intents in the
        classifier's proportions; the fallback intent is recomputed with config.yml's thresholds.
        """
        diet = {name: conf for name, conf in ranking if name != FALLBACK_INTENT}
        if not diet:
            return tuple(ranking)
        mine = self.probabilities(text)
        diet_other = max(1e-6, 1.0 - sum(diet.get(e, 0.0) for e in self.events))
        # The classifier reports its top intents only: one left out scored at most the lowest shown.
        unseen = min(diet.values())
        log_scores = {}
        for name in self.classes:
            d = diet_other if name == OTHER else diet.get(name, unseen)
            log_scores[name] = DIET_WEIGHT * math.log(max(d, 1e-6)) / DIET_TEMPERATURE + (
                1 - DIET_WEIGHT
            ) * math.log(max(mine.get(name, 0.0), 1e-6))
        top = max(log_scores.values())
        exp = {name: math.exp(score - top) for name, score in log_scores.items()}
        total = sum(exp.values())
        combined = {name: value / total for name, value in exp.items()}
        rest = {name: conf for name, conf in diet.items() if name not in self.events}
        rest_total = sum(rest.values())
        scores = {e: combined.get(e, 0.0) for e in self.events}
        for name, conf in rest.items():
            share = conf / rest_total if rest_total > 0 else 1.0 / len(rest)
            scores[name] = combined.get(OTHER, 0.0) * share
        # The order is the combination's; the confidences keep the classifier's scale (its best
        # confidence goes to the new best intent), so thresholds tuned on it keep their meaning.
        order = sorted(scores, key=lambda name: -scores[name])
        values = sorted((conf for _, conf in ranking if _ != FALLBACK_INTENT), reverse=True)
        values += [0.0] * (len(order) - len(values))
        return tuple(zip(order, values))


def reranked_intent(original: str | None, ranking: Sequence[tuple[str, float]]) -> tuple[str | None, float]:
    """The intent after re-ranking: the classifier's own fallback stands; otherwise the new best."""
    if original == FALLBACK_INTENT or not ranking:
        return original, FALLBACK_THRESHOLD if original == FALLBACK_INTENT else 0.0
    return ranking[0]


def settle_dispute(disputed: Sequence[str], named: Iterable[str], pick: str) -> str | None:
    """What settles two disputed events: the one a trigger phrase of the message names; ``pick``
    (the combination's) when both are named, for the message is about both; None when neither is,
    and the person is asked."""
    hits = set(named) & set(disputed)
    if not hits:
        return None
    return hits.pop() if len(hits) == 1 else pick


def events_of(examples: Iterable[tuple[str, str]], life_events: Mapping[str, object]) -> set[str]:
    """The intents of the examples that are life events of the knowledge base."""
    return {intent for _, intent in examples if intent in life_events}
