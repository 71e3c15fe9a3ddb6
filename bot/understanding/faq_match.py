"""Finds the FAQ entries a typed question may be about: a character n-gram TF-IDF (robust to
typos and Flemish spellings) over every paraphrase of an entry, blended with its answer text.

The best three entries of the journey's life event are offered as buttons ("Bedoelt u een van
deze vragen?"); bench/faq_eval.py measures how often the right one is among them (hit@3) and how
often a typed answer would be mistaken for a question.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from bot.knowledge.faq import FaqEntry
from bot.normalize import normalise

MIN_SCORE = 0.25
"""Below this the question is not matched at all (see bench/faq_eval.py)."""
ANSWER_WEIGHT = 0.3
"""Share of the score that comes from the answer text (the rest: the best paraphrase)."""


@dataclass(frozen=True)
class FaqHit:
    entry: FaqEntry
    score: float


class FaqIndex:
    def __init__(self, entries: Iterable[FaqEntry]) -> None:
        self.entries = tuple(entries)
        self.by_id = {entry.id: entry for entry in self.entries}
        self.rows = [(index, q) for index, entry in enumerate(self.entries) for q in entry.questions]
        self.vectorizer = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, preprocessor=normalise
        )
        corpus = [q for _, q in self.rows] + [entry.answer for entry in self.entries]
        if not corpus:
            self.questions = self.answers = None
            return
        self.vectorizer.fit(corpus)
        self.questions = self.vectorizer.transform([q for _, q in self.rows])
        self.answers = self.vectorizer.transform([entry.answer for entry in self.entries])

    def ranked(self, question: str, event_id: str | None = None) -> list[FaqHit]:
        """Entries (of ``event_id`` when given) by score, best first."""
        if self.questions is None or not question.strip():
            return []
        vector = self.vectorizer.transform([question])
        by_question = (self.questions @ vector.T).toarray().ravel()
        by_answer = (self.answers @ vector.T).toarray().ravel()
        best = np.zeros(len(self.entries))
        for row, (index, _) in enumerate(self.rows):
            best[index] = max(best[index], by_question[row])
        hits = [
            FaqHit(entry, float((1 - ANSWER_WEIGHT) * best[i] + ANSWER_WEIGHT * by_answer[i]))
            for i, entry in enumerate(self.entries)
            if event_id is None or entry.event_id == event_id
        ]
        return sorted(hits, key=lambda hit: -hit.score)

    def suggest(
        self, question: str, event_id: str | None = None, count: int = 3, min_score: float = MIN_SCORE
    ) -> list[FaqHit]:
        """Up to ``count`` entries worth offering; none when even the best is below ``min_score``."""
        ranked = self.ranked(question, event_id)
        if not ranked or ranked[0].score < min_score:
            return []
        return [hit for hit in ranked[:count] if hit.score >= min_score / 2]
