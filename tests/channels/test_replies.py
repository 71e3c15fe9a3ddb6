"""The chat channels' shared request handling: validation and a polite answer instead of silence."""

from __future__ import annotations

import re
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot.knowledge.texts import text
from channels.rate_limit import SharedRateLimiter
from channels.replies import ChatRequest, handle_safely, parse_chat_request

SENDER = re.compile(r"^[a-f0-9]{32}$")


class FakeTracker:
    def __init__(self, paused: bool) -> None:
        self.paused = paused

    def is_paused(self) -> bool:
        return self.paused


class FakeStore:
    def __init__(self, paused: bool | None = None, fails: bool = False) -> None:
        self.paused, self.fails = paused, fails

    async def retrieve(self, _sender: str) -> FakeTracker | None:
        if self.fails:
            raise ConnectionError("store down")
        return None if self.paused is None else FakeTracker(self.paused)


class FakeAgent:
    def __init__(self, store: FakeStore) -> None:
        self.tracker_store = store


class FakeRequest:
    def __init__(self, body: Any, broken: bool = False) -> None:
        self.body, self.broken = body, broken

    @property
    def json(self) -> Any:
        if self.broken:
            raise ValueError("malformed")
        return self.body


def message(collector: CollectingOutputChannel) -> UserMessage:
    return UserMessage("hallo", collector, "a" * 32, input_channel="web")


async def test_an_exception_in_rasa_becomes_a_503_with_the_technical_problem_text() -> None:
    async def fails(_message: UserMessage) -> None:
        raise RuntimeError("database gone")

    collector = CollectingOutputChannel()
    status, messages = await handle_safely(fails, message(collector), collector, FakeAgent(FakeStore()))
    assert status == 503 and messages == [{"recipient_id": "a" * 32, "text": text("technical_problem")}]


async def test_silence_from_the_bot_becomes_the_technical_problem_text() -> None:
    async def silent(_message: UserMessage) -> None:
        return None

    collector = CollectingOutputChannel()
    status, messages = await handle_safely(silent, message(collector), collector, FakeAgent(FakeStore(False)))
    assert status == 200 and messages[0]["text"] == text("technical_problem")
    # The store being down does not change that.
    status, messages = await handle_safely(
        silent, message(collector), collector, FakeAgent(FakeStore(fails=True))
    )
    assert messages[0]["text"] == text("technical_problem")


async def test_a_paused_conversation_stays_silent_while_a_caseworker_talks() -> None:
    async def silent(_message: UserMessage) -> None:
        return None

    collector = CollectingOutputChannel()
    status, messages = await handle_safely(silent, message(collector), collector, FakeAgent(FakeStore(True)))
    assert (status, messages) == (200, [])


async def test_the_bots_messages_are_passed_on_unchanged() -> None:
    collector = CollectingOutputChannel()

    async def answers(user_message: UserMessage) -> None:
        await collector.send_text_message(user_message.sender_id, "Dag!")

    status, messages = await handle_safely(answers, message(collector), collector, None)
    assert status == 200 and [m["text"] for m in messages] == ["Dag!"]


async def parse(body: Any, broken: bool = False, limiter: SharedRateLimiter | None = None) -> Any:
    return await parse_chat_request(
        FakeRequest(body, broken),  # type: ignore[arg-type]
        SENDER,
        "32 hexadecimal characters",
        2000,
        limiter or SharedRateLimiter("test-replies", limit=100),
    )


async def test_valid_requests_are_returned_and_bad_ones_get_the_right_status() -> None:
    sender = "b" * 32
    assert await parse({"sender": sender, "message": "hallo"}) == ChatRequest(
        sender, "hallo", {"sender": sender, "message": "hallo"}
    )
    assert (await parse(None, broken=True)).status == 400
    assert (await parse(["sender"])).status == 400
    assert (await parse({"sender": "../etc", "message": "x"})).status == 400
    assert (await parse({"sender": sender, "message": 5})).status == 400
    too_long = await parse({"sender": sender, "message": "a" * 2001})
    assert too_long.status == 413 and b"message_too_long" in too_long.body


async def test_too_many_messages_for_one_conversation_get_429() -> None:
    limiter = SharedRateLimiter("test-replies-limit", limit=2)
    body = {"sender": "c" * 32, "message": "hallo"}
    assert isinstance(await parse(body, limiter=limiter), ChatRequest)
    assert isinstance(await parse(body, limiter=limiter), ChatRequest)
    assert (await parse(body, limiter=limiter)).status == 429
