"""Test services are found by version, not by a hard-coded path."""

from __future__ import annotations

from pathlib import Path

from devtools.services import postgres_bin


def _install(root: Path, version: str) -> Path:
    folder = root / version / "bin"
    folder.mkdir(parents=True)
    (folder / "initdb").write_text("#!/bin/sh\n")
    return folder


def test_the_newest_installed_postgresql_major_version_is_used(tmp_path: Path) -> None:
    _install(tmp_path, "9")
    newest = _install(tmp_path, "17")
    _install(tmp_path, "15")
    (tmp_path / "18" / "bin").mkdir(parents=True)  # a half-removed version without initdb
    assert postgres_bin(tmp_path) == newest


def test_no_postgresql_folder_falls_back_to_path(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    assert postgres_bin(tmp_path) is None
    on_path = tmp_path / "local" / "bin"
    on_path.mkdir(parents=True)
    (on_path / "initdb").write_text("#!/bin/sh\n")
    (on_path / "initdb").chmod(0o755)
    monkeypatch.setenv("PATH", str(on_path))
    assert postgres_bin(tmp_path) == on_path
