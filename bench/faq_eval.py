"""How well typed questions find their FAQ answer among the (up to) three questions offered as
buttons, and how often a typed answer would be taken for a question (false hits).

Held-out: the last paraphrase of every FAQ entry is kept out of the index and asked; the entry
must come back (within the same life event, as in a conversation). False hits: every typed answer
of the conversation corpus (bench/conversations, "say" of answers) asked within its journey must
find nothing. Prints the figures per threshold, then one JSON line for the chosen threshold.

Usage: .venv/bin/python bench/faq_eval.py
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.dialogue.reading import is_question  # noqa: E402
from bot.knowledge.faq import load_faq  # noqa: E402
from bot.understanding.faq_match import MIN_SCORE, FaqIndex  # noqa: E402

THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35)


def typed_answers() -> list[tuple[str, str]]:
    """(journey, typed answer) pairs of the dev corpus."""
    pairs = []
    for file in sorted((Path(__file__).parent / "conversations" / "dev").glob("*.yml")):
        for conversation in (yaml.safe_load(file.read_text(encoding="utf-8")) or {}).get("conversations", []):
            journey = conversation.get("journey")
            for answer in (conversation.get("answers") or {}).values():
                if journey and isinstance(answer, dict) and answer.get("say"):
                    pairs.append((journey, str(answer["say"])))
    return pairs


def main() -> int:
    entries = load_faq()
    held = [(entry, entry.questions[-1]) for entry in entries if len(entry.questions) >= 2]
    index = FaqIndex(dataclasses.replace(entry, questions=entry.questions[:-1]) for entry in entries)
    answers = typed_answers()
    chosen = {}
    for threshold in THRESHOLDS:
        offered = hit1 = hit3 = 0
        for entry, question in held:
            hits = index.suggest(question, entry.event_id, 3, threshold)
            if hits:
                offered += 1
                hit1 += hits[0].entry.id == entry.id
                hit3 += any(hit.entry.id == entry.id for hit in hits)
        false_hits = sum(
            1 for journey, said in answers if is_question(said) and index.suggest(said, journey, 3, threshold)
        )
        row = {
            "threshold": threshold,
            "held_out_questions": len(held),
            "offered": round(offered / len(held), 3),
            "hit_at_1": round(hit1 / len(held), 3),
            "hit_at_3": round(hit3 / len(held), 3),
            "typed_answers": len(answers),
            "typed_answers_taken_for_questions": false_hits,
        }
        print(
            f"threshold {threshold:.2f}: offered {row['offered']:.1%}, "
            f"right one first {row['hit_at_1']:.1%}, "
            f"right one among the 3 buttons {row['hit_at_3']:.1%}, false hits {false_hits}/{len(answers)}"
        )
        if abs(threshold - MIN_SCORE) < 1e-9:
            chosen = row
    print(json.dumps(chosen))
    return 0


if __name__ == "__main__":
    sys.exit(main())
