"""Metrics of the life-event classifier on a labelled CSV (``text,label``); no Rasa imports.

``label`` is one or more life-event ids separated by ``|``, or ``none``. A row is correct when
the top predicted life event is one of its labels; for ``none`` when no life event is predicted.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

NONE = "none"


@dataclass(frozen=True)
class LabelledRow:
    text: str
    labels: frozenset[str]
    line: int
    split: str = ""
    """``train`` or ``eval`` in files that have a split column (tests/data/real_questions.csv)."""


class EvalFileError(ValueError):
    """The evaluation CSV is malformed (message names file and line)."""


def read_labelled_csv(path: Path, known_labels: set[str]) -> list[LabelledRow]:
    """Reads and checks an evaluation file."""
    rows: list[LabelledRow] = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or not {"text", "label"} <= set(reader.fieldnames):
            raise EvalFileError(f"{path}:1: header must have the columns text,label")
        for line, record in enumerate(reader, start=2):
            text, raw = (record.get("text") or "").strip(), (record.get("label") or "").strip()
            if not text or not raw:
                raise EvalFileError(f"{path}:{line}: empty text or label")
            labels = frozenset(part.strip() for part in raw.split("|") if part.strip())
            unknown = labels - known_labels - {NONE}
            if unknown:
                raise EvalFileError(f"{path}:{line}: unknown label(s) {', '.join(sorted(unknown))}")
            if NONE in labels and len(labels) > 1:
                raise EvalFileError(f"{path}:{line}: 'none' cannot be combined with other labels")
            rows.append(LabelledRow(text, labels, line, (record.get("split") or "").strip()))
    return rows


@dataclass
class Scores:
    """Confusion counts and derived metrics."""

    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    confusions: Counter = field(default_factory=Counter)
    correct: int = 0
    n: int = 0

    def add(self, gold: frozenset[str], predicted: str) -> None:
        """Counts one row: ``predicted`` is a life-event id or ``none``."""
        self.n += 1
        if predicted in gold:
            self.correct += 1
            self.tp[predicted] += 1
        else:
            self.fp[predicted] += 1
            for label in gold:
                self.fn[label] += 1
            self.confusions[("|".join(sorted(gold)), predicted)] += 1

    def per_label(self) -> dict[str, tuple[float, float, float, int]]:
        """label -> (precision, recall, f1, support)."""
        labels = set(self.tp) | set(self.fp) | set(self.fn)
        out = {}
        for label in sorted(labels):
            tp, fp, fn = self.tp[label], self.fp[label], self.fn[label]
            precision = tp / (tp + fp) if tp + fp else 0.0
            recall = tp / (tp + fn) if tp + fn else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            out[label] = (precision, recall, f1, tp + fn)
        return out

    def summary(self) -> dict[str, float | int]:
        """accuracy, macro_f1 (over labels with support), none_recall, n."""
        table = self.per_label()
        supported = [f1 for (_, _, f1, support) in table.values() if support]
        none_recall = table.get(NONE, (0.0, 0.0, 0.0, 0))[1]
        return {
            "accuracy": round(self.correct / self.n, 4) if self.n else 0.0,
            "macro_f1": round(sum(supported) / len(supported), 4) if supported else 0.0,
            "none_recall": round(none_recall, 4),
            "n": self.n,
        }


@dataclass
class MultiEventScores:
    """How well all events of multi-event messages are found (second pass)."""

    multi_rows: int = 0
    all_found: int = 0
    single_rows: int = 0
    extra_on_single: int = 0

    def add(self, gold: frozenset[str], detected: set[str]) -> None:
        """Counts one row; ``none`` rows are ignored."""
        if NONE in gold:
            return
        if len(gold) > 1:
            self.multi_rows += 1
            self.all_found += gold <= detected
        else:
            self.single_rows += 1
            self.extra_on_single += len(detected - gold) > 0
