"""The live chat between a citizen and a caseworker, as the channels share it.

While a caseworker has claimed a conversation, what the citizen types in the widget is stored
with the case and shown in the console (``forward_citizen_message``, called by the web channel),
and the console writes its own events into the conversation (``append_to_tracker``).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterable
from typing import Any

from rasa.shared.core.events import Event
from sanic.request import Request

from bot.handoff import cases
from bot.insights.privacy import redact
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


TRANSCRIPT_MARGIN_SECONDS = 10.0
"""Bot messages up to this long after the case was made still belong to the conversation before
the hand-off (the 'I pass you on' answer)."""


def _iso(timestamp: Any) -> str | None:
    if not isinstance(timestamp, (int, float)):
        return None
    return dt.datetime.fromtimestamp(timestamp, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def transcript_entries(
    events: Iterable[Any], until: float | None, since: float | None = None
) -> list[dict[str, Any]]:
    """The conversation with the bot before the hand-off, redacted, for the caseworker: what the
    citizen typed (or the button they chose) and what Wegwijzer answered, with times.

    It ends at ``until`` or at the first pause from ``since`` (the case's creation) on: what comes
    after a pause (a message typed while waiting, the live chat) is in the case's own messages.
    """
    entries: list[dict[str, Any]] = []
    for event in events:
        data = event.as_dict() if hasattr(event, "as_dict") else dict(event)
        timestamp = data.get("timestamp")
        if isinstance(timestamp, (int, float)) and (
            (until is not None and timestamp > until)
            or (since is not None and data.get("event") == "pause" and timestamp >= since)
        ):
            break
        metadata = data.get("metadata") or {}
        if data.get("event") == "user":
            said = metadata.get("display") or data.get("text") or ""
            if said and not said.startswith("/"):
                entries.append(
                    {"author": "citizen", "text": redact(said).text, "created_at": _iso(timestamp)}
                )
        elif data.get("event") == "bot" and not metadata.get("caseworker"):
            custom = (data.get("data") or {}).get("custom") or {}
            said = data.get("text") or custom.get("plain_text") or custom.get("title") or ""
            if said:
                entries.append({"author": "bot", "text": said, "created_at": _iso(timestamp)})
    return entries


async def conversation_transcript(
    request: Request, conversation_id: str, case_created_at: str | None
) -> list:
    """The redacted conversation before the hand-off of ``conversation_id`` (empty when unknown)."""
    agent = getattr(request.app.ctx, "agent", None)
    if agent is None or agent.tracker_store is None:
        return []
    tracker = await agent.tracker_store.retrieve(conversation_id)
    if tracker is None:
        return []
    until: float | None = None
    since: float | None = None
    if case_created_at:
        created = dt.datetime.fromisoformat(case_created_at.rstrip("Z")).replace(tzinfo=dt.timezone.utc)
        since = created.timestamp()  # whole seconds: never after the real moment
        until = since + TRANSCRIPT_MARGIN_SECONDS
    return await asyncio.to_thread(transcript_entries, list(tracker.events), until, since)
