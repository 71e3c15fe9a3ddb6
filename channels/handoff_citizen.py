"""The citizen's side of a hand-off in the web channel: where they stand in the queue, stopping
the wait, the typing signal to the caseworker, and what happens to messages typed while waiting.

Routes (added to the web channel's blueprint, under ``/webhooks/web/``), all for the caller's own
conversation only: its private id travels in the ``X-Wegwijzer-Conversation`` header, as for the
history.

- ``GET handoff``: ``status`` (none | open | claimed), position, expected wait, opening hours.
- ``POST handoff/cancel``: stop waiting; the case leaves the queue and the bot answers again.
- ``POST handoff/typing``: the citizen is typing (shown in the console, throttled).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Awaitable, Callable
from typing import Any
from zoneinfo import ZoneInfo

from rasa.core.channels.channel import UserMessage
from rasa.shared.core.events import BotUttered, ConversationPaused, ConversationResumed, SlotSet
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.handoff import cases, queue
from bot.handoff.office_hours import OfficeHours
from bot.knowledge.texts import format_date, text
from bot.places.fallback import FLEMISH_INFO_LINE
from bot.settings import Settings
from channels.live_chat import append_to_tracker
from channels.push import CONSOLE_TOPIC, hub
from channels.responses import error_response

SLOT_CASE = "handoff_case_id"
TYPING_INTERVAL_SECONDS = 2.0
"""At most one typing signal per conversation in this interval (the page sends one per 3 s)."""

LimitCheck = Callable[[Request], Awaitable[HTTPResponse | None]]
SenderCheck = Callable[[Request], str | None]


class TypingThrottle:
    """Remembers when each conversation last sent a typing signal (in this process)."""

    def __init__(
        self, interval: float = TYPING_INTERVAL_SECONDS, clock: Callable[[], float] = time.monotonic
    ):
        self.interval, self.clock = interval, clock
        self.last: dict[str, float] = {}

    def allow(self, key: str) -> bool:
        now = self.clock()
        if now - self.last.get(key, -self.interval) < self.interval:
            return False
        if len(self.last) > 10_000:  # forget old conversations
            self.last = {k: v for k, v in self.last.items() if now - v < self.interval}
        self.last[key] = now
        return True


def waiting_info(settings: Settings, state: dict[str, Any], now: dt.datetime | None = None) -> dict[str, Any]:
    """The queue state with what the widget tells a waiting citizen (opening hours, 1700)."""
    hours = OfficeHours.parse(settings.office_hours)
    moment = now or dt.datetime.now(dt.timezone.utc)
    info = dict(state)
    info["open_now"] = hours.is_open(moment)
    info["hours"] = hours.describe()
    info["next_opening"] = None
    if not info["open_now"]:
        opening = hours.next_opening(moment)
        if opening is not None:
            local = opening.astimezone(ZoneInfo(hours.timezone))
            info["next_opening"] = text(
                "office_hours_next", day=format_date(local.date()), time=local.strftime("%H.%M")
            )
    info["phone"] = FLEMISH_INFO_LINE
    info["phone_text"] = text(
        "handoff_call_instead",
        label=text("fallback_phone_label", phone=FLEMISH_INFO_LINE),
        hours=text("fallback_phone_hours"),
    )
    return info


async def hold_while_waiting(
    request: Request,
    sender: str,
    message: str,
    on_new_message: Callable[[UserMessage], Awaitable[Any]],
    user_message: UserMessage,
) -> list[dict[str, Any]] | None:
    """A typed message while the conversation waits for a caseworker: kept for the caseworker
    (stored with the case, shown in the console) and logged in the conversation without a bot
    answer; the citizen is told it was passed on. Returns the reply, or None when the conversation
    is not waiting (the bot answers as usual) or the message is a button payload."""
    if message.startswith("/"):
        return None
    database_url = Settings.from_env().database_url
    case = await asyncio.to_thread(cases.active_case_for, database_url, sender)
    if case is None or case["status"] != "open":
        return None
    stored = await asyncio.to_thread(
        cases.add_message, database_url, case["id"], "citizen", message[: cases.MAX_MESSAGE]
    )
    await hub.publish(CONSOLE_TOPIC, {"type": "message", "case_id": case["id"], **stored})
    # Rasa logs (and parses) the message of a paused conversation without answering it.
    await append_to_tracker(request, sender, ConversationPaused())
    try:
        await on_new_message(user_message)
    finally:
        current = await asyncio.to_thread(cases.active_case_for, database_url, sender)
        if current is None or current["status"] != "claimed":  # a caseworker may have taken it meanwhile
            await append_to_tracker(request, sender, ConversationResumed())
    notice = text("handoff_held")
    await append_to_tracker(request, sender, BotUttered(notice, data={"custom": {"type": "handoff_note"}}))
    return [{"recipient_id": sender, "text": notice, "custom": {"type": "handoff_note"}}]


def add_citizen_routes(web: Blueprint, sender_of: SenderCheck, over_limit: LimitCheck) -> None:
    """Adds the hand-off routes to the web channel's blueprint."""
    throttle = TypingThrottle()

    async def checked(request: Request) -> tuple[str | None, HTTPResponse | None]:
        limited = await over_limit(request)
        if limited is not None:
            return None, limited
        sender = sender_of(request)
        if sender is None:
            return None, error_response(
                400,
                "invalid_sender",
                "Send the conversation's own id in the X-Wegwijzer-Conversation header.",
            )
        return sender, None

    @web.route("/handoff", methods=["GET", "OPTIONS"])
    async def handoff_state(request: Request) -> HTTPResponse:
        sender, refused = await checked(request)
        if refused is not None or sender is None:
            return refused or error_response(400, "invalid_sender", "No conversation.")
        settings = Settings.from_env()
        state = await asyncio.to_thread(queue.queue_state, settings.database_url, sender)
        return response.json(waiting_info(settings, state), headers={"Cache-Control": "no-store"})

    @web.route("/handoff/cancel", methods=["POST", "OPTIONS"])
    async def cancel(request: Request) -> HTTPResponse:
        sender, refused = await checked(request)
        if refused is not None or sender is None:
            return refused or error_response(400, "invalid_sender", "No conversation.")
        database_url = Settings.from_env().database_url
        case = await asyncio.to_thread(
            queue.cancel_waiting, database_url, sender, text("handoff_cancelled_note")
        )
        if case is None:
            return error_response(409, "not_waiting", "This conversation is not waiting for a caseworker.")
        notice = text("handoff_cancelled")
        await append_to_tracker(request, sender, SlotSet(SLOT_CASE, None))
        await append_to_tracker(request, sender, BotUttered(notice))
        await hub.publish(CONSOLE_TOPIC, {"type": "case", "case_id": case["id"], "status": "cancelled"})
        return response.json({"status": "cancelled", "text": notice})

    @web.route("/handoff/typing", methods=["POST", "OPTIONS"])
    async def typing(request: Request) -> HTTPResponse:
        sender, refused = await checked(request)
        if refused is not None or sender is None:
            return refused or error_response(400, "invalid_sender", "No conversation.")
        if not throttle.allow(sender):
            return response.json({"sent": False})
        database_url = Settings.from_env().database_url
        case = await asyncio.to_thread(cases.active_case_for, database_url, sender)
        if case is None:
            return response.json({"sent": False})
        await hub.publish(CONSOLE_TOPIC, {"type": "typing", "case_id": case["id"]})
        return response.json({"sent": True})
