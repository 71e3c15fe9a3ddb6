"""The complaint route: first the service itself, then its complaint desk, then the ombudsman, for
the government level the complaint is about (all three when the message does not say)."""

from __future__ import annotations

from functools import lru_cache

from bot.dialogue.turn import TurnResult
from bot.knowledge.content_rules import expected_level
from bot.knowledge.routes import COMPLAINT_LEVELS, Complaints, load_complaints
from bot.knowledge.texts import text


@lru_cache(maxsize=1)
def complaints() -> Complaints:
    return load_complaints()


def complaint_level(message: str) -> str | None:
    """``municipal``, ``flemish`` or ``federal`` for the service the message names, else None."""
    found = expected_level(message)
    return COMPLAINT_LEVELS.get(found[1]) if found else None


def answer_complaint(out: TurnResult, message: str) -> None:
    routes = complaints().steps
    level = complaint_level(message)
    parts = [text("complaint_intro")]
    if level is not None:
        parts += [f"{number}. {step.text}" for number, step in enumerate(routes[level], start=1)]
        parts.append(text("faq_source", url=routes[level][0].url))
    else:
        parts.append(text("complaint_which_level"))
        for name in ("municipal", "flemish", "federal"):
            first = routes[name][0]
            parts.append(
                f"- {text(f'complaint_level_{name}')} {first.text} {text('faq_source', url=first.url)}"
            )
    out.say(
        "\n".join(parts),
        [{"title": text("button_human"), "payload": "/request_human"}],
        {"type": "complaint"},
    )
