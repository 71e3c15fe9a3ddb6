"""A correction of an earlier answer, typed while the assistant already asks the next question.

"nee, ik zei net dat we het NIET eens zijn" answers no question: it corrects the answer before. The
fact phrases of the questions already answered decide; the open question is then asked again (its
leading "nee" belongs to the correction, not to the new question)."""

from __future__ import annotations

import datetime as dt

from bot.dialogue.journey_dates import read_date_correction, set_date, starts_correction
from bot.dialogue.presenting import answer_clause, date_clause
from bot.dialogue.state import Journey
from bot.journeys.journey import plan_questions
from bot.knowledge.knowledge_base import LifeEvent
from bot.understanding.fact_scan import scan_facts


def correct_earlier_answers(
    journey: Journey, event: LifeEvent, text: str, skip: str, today: dt.date | None = None
) -> list[str]:
    """Answers already given that the message states otherwise, and a date given before that it
    corrects ("sorry, fout: het was 10 augustus"): changed, and said back."""
    clauses: list[str] = []
    if today is not None and journey.event_date is not None and starts_correction(text):
        reading = read_date_correction(event, text, today, journey.event_date)
        if reading is not None and not reading.too_vague and reading.day != journey.event_date:
            set_date(journey, event, reading, today, clauses, [])
            # said back even when no step counts from it
            if not clauses and journey.event_date == reading.day:
                clauses.append(date_clause(event, reading.day, today))
    for question in plan_questions(event):
        if question.id == skip or question.id not in journey.answers:
            continue
        value = scan_facts(question, text)
        if value is not None and value != journey.answers[question.id]:
            journey.answers[question.id] = value
            clauses.append(answer_clause(event, question.id, value) or "")
    return [c for c in clauses if c]
