"""The push hub: in one process, and shared by several processes through Redis pub/sub."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from channels.push import PushHub, citizen_topic
from devtools.services import free_port, missing_services, redis_server

needs_redis = pytest.mark.skipif("redis-server" in missing_services(), reason="redis-server not installed")


async def _next_event(stream) -> str:  # type: ignore[no-untyped-def]
    """The next data line of an SSE stream, skipping comments (connected, keepalive)."""
    while True:
        chunk = await asyncio.wait_for(stream.__anext__(), timeout=10)
        if chunk.startswith("data: "):
            return chunk


async def _open(hub: PushHub, topic: str):  # type: ignore[no-untyped-def]
    stream = hub.stream(topic, keepalive=0.2)
    assert await asyncio.wait_for(stream.__anext__(), timeout=10) == ": connected\n\n"
    return stream


def test_in_process_delivery_reaches_only_the_topic() -> None:
    async def scenario() -> None:
        hub = PushHub(redis_url=None)
        mine, other = await _open(hub, citizen_topic("a" * 32)), await _open(hub, citizen_topic("b" * 32))
        await hub.publish(citizen_topic("a" * 32), {"text": "Dag, ik ben An.", "caseworker": True})
        assert await _next_event(mine) == 'data: {"text": "Dag, ik ben An.", "caseworker": true}\n\n'
        with pytest.raises(asyncio.TimeoutError):
            await asyncio.wait_for(_next_event(other), timeout=0.5)
        await mine.aclose()
        await other.aclose()
        assert hub.subscribers(citizen_topic("a" * 32)) == 0

    asyncio.run(scenario())


@needs_redis
def test_replicas_share_messages_through_redis(tmp_path: Path) -> None:
    with redis_server(tmp_path) as url:

        async def scenario() -> None:
            replica_a, replica_b = PushHub(redis_url=url), PushHub(redis_url=url)
            citizen = await _open(replica_b, citizen_topic("c" * 32))  # the page listens on replica B
            await replica_a.publish(
                citizen_topic("c" * 32),
                {"type": "handoff", "status": "started", "text": "Een medewerker helpt u nu verder."},
            )
            assert "Een medewerker helpt u nu verder." in await _next_event(citizen)
            await replica_b.publish(citizen_topic("c" * 32), {"text": "één"})  # also from its own replica
            assert "één" in await _next_event(citizen)
            await citizen.aclose()
            await replica_a.close()
            await replica_b.close()

        asyncio.run(scenario())


def test_redis_down_delivers_in_this_process() -> None:
    async def scenario() -> None:
        hub = PushHub(redis_url=f"redis://127.0.0.1:{free_port()}/0")  # nothing listens there
        queue: asyncio.Queue = asyncio.Queue()
        hub._subscribers["console"].add(queue)
        await hub.publish("console", {"type": "message", "case_id": 7})
        assert queue.get_nowait() == {"type": "message", "case_id": 7}
        await hub.close()

    asyncio.run(scenario())
