"""Rasa test stories (NLU + dialogue) against the trained model."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import REPO_ROOT

MODEL = REPO_ROOT / "models" / "wegwijzer.tar.gz"


@pytest.mark.slow
def test_rasa_test_stories_pass(tmp_path: Path) -> None:
    if not MODEL.exists():
        pytest.fail("No trained model: run `make train` (make test does it for you).")
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "rasa"),
            "test",
            "core",
            "--model",
            str(MODEL),
            "--stories",
            "tests/stories",
            "--out",
            str(tmp_path),
            "--fail-on-prediction-errors",
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    failed = tmp_path / "failed_test_stories.yml"
    details = failed.read_text(encoding="utf-8") if failed.exists() else ""
    assert result.returncode == 0, details + result.stdout[-3000:] + result.stderr[-3000:]
