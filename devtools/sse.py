"""A Server-Sent Events reader for end-to-end tests."""

from __future__ import annotations

import json
import threading
import time

import requests


class PushListener:
    """Reads a Server-Sent Events stream (a citizen's page or the caseworker console) in a thread."""

    def __init__(self, url: str, auth: tuple[str, str] | None = None) -> None:
        self.messages: list[dict] = []
        self.connected = threading.Event()
        self.response = requests.get(url, stream=True, timeout=(5, 60), auth=auth)
        assert self.response.status_code == 200, self.response.status_code
        threading.Thread(target=self._read, daemon=True).start()
        # The server says ": connected" once it has subscribed this stream: from then on nothing
        # pushed to it can be missed.
        assert self.connected.wait(15), f"the stream {url} never said it was connected"

    def _read(self) -> None:
        try:
            for line in self.response.iter_lines(decode_unicode=True):
                if line == ": connected":
                    self.connected.set()
                elif line and line.startswith("data: "):
                    self.messages.append(json.loads(line[6:]))
        except (requests.RequestException, AttributeError, ValueError):
            pass  # the stream was closed (close(), or the server ended it)

    def close(self) -> None:
        """Ends the stream (the server frees its slot)."""
        self.response.close()

    def wait_for(self, predicate, timeout: float = 15) -> dict:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in self.messages:
                if predicate(message):
                    return message
            time.sleep(0.1)
        raise AssertionError(f"no pushed message matched; got {self.messages}")


def citizen_stream(base: str, sender: str) -> PushListener:
    """The widget's live stream: a ticket asked with the id in a header, then the stream."""
    reply = requests.post(
        f"{base}/webhooks/web/events/ticket", headers={"X-Wegwijzer-Conversation": sender}, timeout=30
    )
    assert reply.status_code == 200, reply.text
    return PushListener(f"{base}/webhooks/web/events?ticket={reply.json()['ticket']}")
