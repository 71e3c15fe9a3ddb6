"""The domain core (bot/) stays free of Rasa, so it can be tested and reused without it."""
from __future__ import annotations

import ast
from pathlib import Path

BOT = Path(__file__).resolve().parent.parent / "bot"


def _imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
    return modules


def test_domain_core_never_imports_rasa_or_the_adapters() -> None:
    files = sorted(BOT.rglob("*.py"))
    assert len(files) > 30
    offenders = {
        str(path.relative_to(BOT.parent)): sorted(m for m in _imported_modules(path)
                                                 if m.split(".")[0] in {"rasa", "rasa_sdk", "actions", "channels"})
        for path in files
    }
    assert {path: mods for path, mods in offenders.items() if mods} == {}
