"""``wegwijzer sources check | confirm | report`` against a local site."""

from __future__ import annotations

from pathlib import Path

import pytest

from devtools.knowledge_fixtures import make_valid_event, write_event
from devtools.page_server import Page, page_server
from rasa_ext.cli import main


def test_check_confirm_check_again_and_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    with page_server() as site:
        site.pages.update({f"/p{i}": Page(body=f"<main>Regel {i}</main>") for i in range(4)})
        event = make_valid_event()
        for index, step in enumerate(event["steps"]):
            step["source_url"] = f"{site.base}/p{index}"
        write_event(tmp_path / "kb", event)
        monkeypatch.setenv("WEGWIJZER_KB_DIR", str(tmp_path / "kb"))
        monkeypatch.setenv("WEGWIJZER_DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
        monkeypatch.setenv("WEGWIJZER_TODAY", "2026-11-30")

        assert main(["sources", "check", "--delay", "0"]) == 0
        out = capsys.readouterr().out
        assert "unconfirmed  birth/step_0" in out and "4 page(s) fetched for 4 step(s)" in out

        assert main(["sources", "confirm", "birth", "step_0", "--by", "An"]) == 0
        assert "checked_on: 2026-11-30" in (tmp_path / "kb" / "birth.yml").read_text(encoding="utf-8")
        assert main(["sources", "confirm", "birth", "nope", "--by", "An"]) == 2
        assert "No step or right 'nope'" in capsys.readouterr().err

        site.pages["/p0"] = Page(body="<main>Regel 0, gewijzigd</main>")
        site.pages["/p3"] = Page(status=404)
        assert main(["sources", "check", "--delay", "0"]) == 1  # something is gone
        out = capsys.readouterr().out
        assert "changed      birth/step_0" in out and "gone         birth/step_3" in out

        report = tmp_path / "sources.html"
        assert main(["sources", "report", "--out", str(report)]) == 0
        html = report.read_text(encoding="utf-8")
        assert html.index("verdwenen") < html.index("gewijzigd sinds") < html.index("nog nooit")
