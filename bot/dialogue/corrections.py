"""A correction of an earlier answer, typed while the assistant already asks the next question.

"nee, ik zei net dat we het NIET eens zijn" answers no question: it corrects the answer before. The
fact phrases of the questions already answered decide; the open question is then asked again (its
leading "nee" belongs to the correction, not to the new question)."""

from __future__ import annotations

from bot.dialogue.presenting import answer_clause
from bot.dialogue.state import Journey
from bot.journeys.journey import plan_questions
from bot.knowledge.knowledge_base import LifeEvent
from bot.understanding.fact_scan import scan_facts


def correct_earlier_answers(journey: Journey, event: LifeEvent, text: str, skip: str) -> list[str]:
    """Answers already given that the message states otherwise: changed, and said back."""
    clauses = []
    for question in plan_questions(event):
        if question.id == skip or question.id not in journey.answers:
            continue
        value = scan_facts(question, text)
        if value is not None and value != journey.answers[question.id]:
            journey.answers[question.id] = value
            clauses.append(answer_clause(event, question.id, value) or "")
    return [c for c in clauses if c]
