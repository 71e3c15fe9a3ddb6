"""The catalogue tests run offline: any real HTTP request fails loudly."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from bot.catalogue import clear_context_cache


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may touch the network: any real HTTP request fails loudly."""
    clear_context_cache()

    def refuse(self: requests.Session, url: str, **kwargs: Any) -> None:
        raise AssertionError(f"unexpected network request to {url}")

    monkeypatch.setattr(requests.Session, "get", refuse)
