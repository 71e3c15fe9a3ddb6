"""The README and docs stay true to the tree: every path, make target, `wegwijzer` command and
setting they name exists, and every setting the code reads is documented."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from bot.settings import REPO_ROOT, VARIABLES
from rasa_ext.cli import build_parser

DOCS = [REPO_ROOT / "README.md", *sorted((REPO_ROOT / "docs").glob("*.md"))]
APP_PACKAGES = ("bot", "channels", "actions", "rasa_ext")
TOP_LEVEL = {p.name for p in REPO_ROOT.iterdir()} - {"var", "build", "models", ".venv"}
PATH_TOKEN = re.compile(r"`((?:[A-Za-z0-9_.-]+/)+[A-Za-z0-9_.-]*)`")
MAKE_TARGET = re.compile(r"`make ([a-z][a-z-]*)|^\s*make ([a-z][a-z-]*)", re.M)
COMMAND = re.compile(r"^\s*wegwijzer ([a-z][a-z-]*)|`wegwijzer ([a-z][a-z-]*)", re.M)
VARIABLE = re.compile(r"\bWEGWIJZER_[A-Z_]+\b(?!\.)")
DOCUMENTED = {variable.name for variable in VARIABLES}


def _texts() -> list[tuple[Path, str]]:
    return [(path, path.read_text(encoding="utf-8")) for path in DOCS]


def _makefile_targets() -> dict[str, bool]:
    """Target name -> whether it has a ``##`` help text (what ``make help`` prints)."""
    targets = {}
    for line in (REPO_ROOT / "Makefile").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([a-z][a-z-]*):(?!=)", line)
        if match:
            targets[match.group(1)] = "## " in line
    return targets


def _app_modules() -> list[Path]:
    return [
        path
        for package in APP_PACKAGES
        for path in (REPO_ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    ]


def test_paths_named_in_the_docs_exist() -> None:
    missing = []
    for doc, text in _texts():
        for token in PATH_TOKEN.findall(text):
            if token.split("/")[0] in TOP_LEVEL and not (REPO_ROOT / token).exists():
                missing.append(f"{doc.name}: {token}")
    assert missing == []


def test_make_targets_named_in_the_docs_exist_and_make_help_lists_every_target() -> None:
    targets = _makefile_targets()
    named = {a or b for _, text in _texts() for a, b in MAKE_TARGET.findall(text)}
    assert named
    assert named - set(targets) == set()
    assert [name for name, has_help in targets.items() if not has_help] == []


def test_wegwijzer_commands_named_in_the_docs_exist() -> None:
    commands = set(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    named = {a or b for _, text in _texts() for a, b in COMMAND.findall(text)}
    assert named and named - commands == set()


def test_every_setting_the_code_reads_is_documented_and_read_only_in_settings() -> None:
    in_code: set[str] = set()
    readers = []
    for path in _app_modules():
        source = path.read_text(encoding="utf-8")
        in_code |= set(VARIABLE.findall(source))
        if path != REPO_ROOT / "bot" / "settings.py" and re.search(r"os\.environ|os\.getenv", source):
            readers.append(str(path.relative_to(REPO_ROOT)))
    assert readers == []
    assert in_code - DOCUMENTED == set()


def test_the_readme_settings_table_lists_every_setting() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    rows = set(re.findall(r"^\s*\| `(WEGWIJZER_[A-Z_]+)` \|", readme, re.M))
    assert rows == DOCUMENTED


def test_variables_in_the_docs_are_settings_or_deployment_or_test_variables() -> None:
    others = set()
    for folder in ("deploy", "tests", "devtools"):
        for path in (REPO_ROOT / folder).rglob("*"):
            readable = path.suffix in {".py", ".yml", ".template", ""}
            if path.is_file() and readable and "node_modules" not in str(path):
                others |= set(VARIABLE.findall(path.read_text(encoding="utf-8", errors="ignore")))
    unknown = {
        f"{doc.name}: {name}"
        for doc, text in _texts()
        for name in VARIABLE.findall(text)
        if name not in DOCUMENTED | others
    }
    assert unknown == set()


@pytest.mark.parametrize("path", _app_modules(), ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_settings_helpers_are_only_given_documented_names(path: Path) -> None:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "setting" and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant):
                assert first.value in DOCUMENTED, f"{path}: setting({first.value!r})"


DOTTED = re.compile(r"`((?:bot|channels|rasa_ext|actions|devtools)(?:\.[A-Za-z_]+)+)")


def _resolves(dotted: str) -> bool:
    """Imports the longest module prefix, then follows attributes."""
    import importlib

    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            if not hasattr(target, name):
                return False
            target = getattr(target, name)
        return True
    return False


def test_modules_and_functions_named_in_the_docs_exist() -> None:
    named = {(doc.name, dotted) for doc, text in _texts() for dotted in DOTTED.findall(text)}
    assert named
    assert sorted(f"{doc}: {dotted}" for doc, dotted in named if not _resolves(dotted)) == []
