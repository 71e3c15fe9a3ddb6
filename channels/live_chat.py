"""The live chat between a citizen and a caseworker, as the channels share it.

While a caseworker has claimed a conversation, what the citizen types in the widget is stored
with the case and shown in the console (``forward_citizen_message``, called by the web channel),
and the console writes its own events into the conversation (``append_to_tracker``).
"""

from __future__ import annotations

import asyncio

from rasa.shared.core.events import Event
from sanic.request import Request

from bot.handoff import cases
from bot.settings import Settings
from channels.push import CONSOLE_TOPIC, hub


async def append_to_tracker(request: Request, conversation_id: str, event: Event) -> None:
    """Adds one event to a conversation under Rasa's conversation lock."""
    agent = request.app.ctx.agent
    async with agent.lock_store.lock(conversation_id):
        tracker = await agent.tracker_store.get_or_create_tracker(conversation_id)
        tracker.update(event)
        await agent.tracker_store.save(tracker)


async def forward_citizen_message(sender: str, message: str) -> None:
    """Messages of a claimed conversation go to the caseworker too (called by the web channel)."""
    database_url = Settings.from_env().database_url
    case = await asyncio.to_thread(cases.active_case_for, database_url, sender)
    if case is None or case["status"] != "claimed":
        return
    shown = message if not message.startswith("/") else ""
    if not shown:
        return
    stored = await asyncio.to_thread(
        cases.add_message, database_url, case["id"], "citizen", shown[: cases.MAX_MESSAGE]
    )
    await hub.publish(CONSOLE_TOPIC, {"type": "message", "case_id": case["id"], **stored})
