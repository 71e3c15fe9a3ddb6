"""Offering a person: live chat, a service point nearby, or 1700."""

from __future__ import annotations

from typing import Any

from bot.dialogue.state import ConversationState
from bot.dialogue.turn import TurnResult
from bot.handoff.referral import referral
from bot.journeys.journey import build_plan
from bot.knowledge.knowledge_base import KnowledgeBase
from bot.knowledge.texts import text
from bot.normalize import normalise


def handoff_buttons(live_open: bool) -> list[dict[str, str]]:
    buttons = [{"title": text("button_handoff_physical"), "payload": "/handoff_physical"}]
    if live_open:
        buttons.insert(0, {"title": text("button_handoff_live"), "payload": "/handoff_live"})
    return buttons


def person_way(message: str, live_open: bool, asked_before: bool) -> str | None:
    """The way to a person the message chooses: a button title typed over ("chatten met een
    medewerker"), or, when the choice was already offered, live chat (or a visit when nobody is
    online) rather than the same buttons again; None: offer the choice."""
    typed = normalise(message)
    for payload, key in (
        ("handoff_live", "button_handoff_live"),
        ("handoff_physical", "button_handoff_physical"),
    ):
        if normalise(text(key)) in typed and (live_open or payload == "handoff_physical"):
            return payload
    if asked_before:
        return "handoff_live" if live_open else "handoff_physical"
    return None


def offer_person(turn: TurnResult, live_open: bool) -> None:
    """The ways to reach a person (live chat only while caseworkers are online)."""
    turn.say(text("handoff_options" if live_open else "handoff_options_closed"), handoff_buttons(live_open))


def point_line(point: Any) -> str:
    """One service point as a line: name, address, phone, hours, website and its source."""
    parts = [f"- {point.name}"]
    parts += [
        value
        for value in (point.address, point.phone and f"tel. {point.phone}", point.opening_hours, point.url)
        if value
    ]
    return ", ".join(parts) + f" (bron: {point.source_url})"


def refer(turn: TurnResult, state: ConversationState, kb: KnowledgeBase) -> bool:
    """Service points near the person (or the 1700 fallback) with what to bring; False if the
    municipality is unknown."""
    journey = state.journey
    result = referral(state.municipality or "", journey.event_id if journey else None)
    if result is None:
        return False
    if not result["in_flanders"]:
        turn.say(text("referral_outside_flanders", municipality=result["municipality"]))
        return True
    lines = [text("referral_header", municipality=result["municipality"])]
    lines += [point_line(point) for point in result["service_points"]]
    lines.append(result["fallback"]["text"] if result["fallback"] else text("referral_1700"))
    event = kb.get(journey.event_id) if journey else None
    if journey is not None and event is not None and journey.phase != "questions":
        plan = build_plan(event, journey.answers, journey.event_date)
        if plan.steps:
            step = plan.steps[min(journey.step_index, len(plan.steps) - 1)].step
            if step.documents:
                lines.append(text("referral_bring", documents=", ".join(step.documents)))
    turn.say("\n".join(lines))
    return True
