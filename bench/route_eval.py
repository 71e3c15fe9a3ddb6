"""How often a question outside the life events finds its door, and how often a life-event question
would be sent to a door instead.

Held-out: the last example of every route is kept out of the index and asked; its route must come
first. Wrong doors: the real questions about life events (tests/data/real_questions.csv, copied from
public FAQ pages) asked against the routes; each match is a wrong door. Prints per threshold, then
one JSON line for the threshold in use.

Usage: .venv/bin/python bench/route_eval.py
"""

from __future__ import annotations

import csv
import dataclasses
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.dialogue.faq_turn import ROUTE_MIN_SCORE, ROUTE_TOP_SCORE  # noqa: E402
from bot.knowledge.routes import ROUTE_EVENT, load_routes  # noqa: E402
from bot.understanding.faq_match import FaqIndex  # noqa: E402

THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5)
"""Scores the best route must reach before any is offered (the buttons then hold those >= 0.3)."""
REAL_QUESTIONS = Path(__file__).resolve().parent.parent / "tests" / "data" / "real_questions.csv"


def offered_routes(index: FaqIndex, question: str, top_score: float) -> list:
    """The buttons the dialogue would show (bot/dialogue/faq_turn.py): none unless the best route
    reaches ``top_score``; then up to three routes from ``ROUTE_MIN_SCORE``."""
    hits = index.suggest(question, ROUTE_EVENT, 3, ROUTE_MIN_SCORE)
    return hits if hits and hits[0].score >= top_score else []


def main() -> int:
    routes = load_routes()
    index = FaqIndex(dataclasses.replace(r.as_entry(), questions=(r.title, *r.examples[:-1])) for r in routes)
    with REAL_QUESTIONS.open(encoding="utf-8") as handle:
        life_event_questions = [row["text"] for row in csv.DictReader(handle)]
    chosen = {}
    for threshold in THRESHOLDS:
        right = found = offered = 0
        for route in routes:
            hits = offered_routes(index, route.examples[-1], threshold)
            found += bool(hits)
            right += bool(hits) and hits[0].entry.id == route.id
            offered += any(hit.entry.id == route.id for hit in hits)
        wrong_doors = sum(bool(offered_routes(index, q, threshold)) for q in life_event_questions)
        row = {
            "threshold": threshold,
            "held_out": len(routes),
            "found": round(found / len(routes), 3),
            "right_door": round(right / len(routes), 3),
            "right_door_among_buttons": round(offered / len(routes), 3),
            "life_event_questions": len(life_event_questions),
            "sent_to_a_door": wrong_doors,
        }
        print(
            f"threshold {threshold:.2f}: right door {row['right_door']:.1%} first, "
            f"{row['right_door_among_buttons']:.1%} among the buttons, of {len(routes)} held-out; "
            f"life-event questions sent to a door {wrong_doors}/{len(life_event_questions)}"
        )
        if abs(threshold - ROUTE_TOP_SCORE) < 1e-9:
            chosen = row
    print(json.dumps(chosen))
    return 0


if __name__ == "__main__":
    sys.exit(main())
