"""Fixtures of the insights tests: a fresh database, and the report built over the sample."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.insights.analytics import build_report
from bot.insights.report_model import Report
from tests.bot.insights.report_sample import BIRTH_STEPS, DATE_FROM, DATE_TO, build_sample


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'app.db'}"


@pytest.fixture
def report(url: str, monkeypatch: pytest.MonkeyPatch) -> Report:
    build_sample(url, monkeypatch)
    return build_report(url, DATE_FROM, DATE_TO, {"birth": BIRTH_STEPS})
