"""The layers of the tree: imports only run downward, and the domain core has no cycles.

devtools (tests and benchmarks)
rasa_ext (start-up, worker, stores, patches)   channels (input channels)   actions (SDK adapters)
bot (domain core: no Rasa, no Sanic)
"""

from __future__ import annotations

import ast
from pathlib import Path

from bot.settings import REPO_ROOT

FORBIDDEN = {
    "bot": {"rasa", "rasa_sdk", "sanic", "actions", "channels", "rasa_ext", "devtools", "tests", "bench"},
    "actions": {"channels", "rasa_ext", "devtools", "tests", "bench", "rasa", "sanic"},
    "channels": {"actions", "rasa_ext", "devtools", "tests", "bench"},
    "rasa_ext": {"actions", "channels", "devtools", "tests", "bench"},
    "devtools": {"tests", "bench"},
    "bench": {"tests"},
}
"""Top-level packages each layer must never import (``rasa_sdk`` is the actions' own library)."""


def _imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
    return modules


def test_imports_only_run_downward() -> None:
    offenders = {}
    for layer, forbidden in FORBIDDEN.items():
        files = sorted((REPO_ROOT / layer).rglob("*.py"))
        assert files, layer
        for path in files:
            bad = sorted(m for m in _imported_modules(path) if m.split(".")[0] in forbidden)
            if bad:
                offenders[str(path.relative_to(REPO_ROOT))] = bad
    assert offenders == {}


def test_the_domain_core_has_no_cycle_between_its_parts() -> None:
    """Subpackages of bot/ (knowledge, journeys, places, ...) import each other one way only."""
    edges: dict[str, set[str]] = {}
    for path in (REPO_ROOT / "bot").rglob("*.py"):
        parts = path.relative_to(REPO_ROOT / "bot").parts
        source = parts[0] if len(parts) > 1 else path.stem
        for module in _imported_modules(path):
            names = module.split(".")
            if names[0] == "bot" and len(names) > 1 and names[1] != source:
                edges.setdefault(source, set()).add(names[1])
    cycles = []

    def visit(node: str, trail: list[str]) -> None:
        for target in sorted(edges.get(node, ())):
            if target in trail:
                cycles.append(trail[trail.index(target) :] + [target])
            elif len(trail) < 12:
                visit(target, trail + [target])

    for start in sorted(edges):
        visit(start, [start])
    assert cycles == []
