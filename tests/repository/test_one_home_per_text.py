"""One home per text: what people read is in data/texts/nl.yml (served to the front ends as
/webhooks/web/strings.json), not in Python or JavaScript.

A string counts as Dutch prose when it has three words or more and at least two common Dutch
function words. Patterns that *read* Dutch (regular expressions of the answer reader) and URLs
are not prose a person reads.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from bot.settings import REPO_ROOT

DUTCH_WORDS = re.compile(
    r"\b(de|het|een|uw|u|niet|van|voor|wordt|worden|zijn|bent|heeft|hebt|moet|kunt|geen|naar|bij|met|"
    r"dit|deze|dat|wat|wie|waar|ik|we|ons|onze|nog|ook|maar|al|om)\b",
    re.IGNORECASE,
)
PYTHON_LAYERS = ("bot", "channels", "actions", "rasa_ext")
READERS = ("bot/understanding/",)
"""Code that reads what people type: its Dutch word lists are patterns, not texts to show."""


def _is_prose(text: str) -> bool:
    if text.startswith(("http://", "https://")) or re.search(r"\\b|\(\?|\[\^|\|\w", text):
        return False  # a URL or a regular expression
    return len(re.findall(r"[A-Za-zÀ-ÿ]+", text)) >= 3 and len(DUTCH_WORDS.findall(text)) >= 2


def _docstring_nodes(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            found.add(id(body[0].value))
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list):
            for before, after in zip(body, body[1:]):
                if isinstance(before, (ast.Assign, ast.AnnAssign)) and isinstance(after, ast.Expr):
                    found.add(id(after.value))
    return found


def test_no_dutch_prose_in_python() -> None:
    offenders = []
    for layer in PYTHON_LAYERS:
        for path in sorted((REPO_ROOT / layer).rglob("*.py")):
            relative = str(path.relative_to(REPO_ROOT))
            if relative.startswith(READERS) or "/migrations/" in relative:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            docstrings = _docstring_nodes(tree)
            for node in ast.walk(tree):
                literal = node.value if isinstance(node, ast.Constant) else None
                if isinstance(literal, str) and id(node) not in docstrings and _is_prose(literal):
                    offenders.append(f"{relative}:{node.lineno}: {literal[:60]!r}")
    assert offenders == []


JS_STRING = re.compile(r"\"((?:[^\"\\\n]|\\.)*)\"|'((?:[^'\\\n]|\\.)*)'")


def test_no_dutch_prose_in_javascript() -> None:
    scripts = [p for p in sorted((REPO_ROOT / "channels").rglob("*.js")) if "node_modules" not in p.parts]
    assert len(scripts) >= 15
    offenders = []
    for path in scripts:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.lstrip().startswith(("//", "*", "/*")):
                continue
            for match in JS_STRING.finditer(line):
                literal = match.group(1) or match.group(2) or ""
                if _is_prose(literal):
                    offenders.append(f"{path.relative_to(REPO_ROOT)}:{number}: {literal[:60]!r}")
    assert offenders == []


def test_the_strings_cover_every_key_the_scripts_ask_for() -> None:
    """Each t("key") of a front end names a text that exists in its section of the strings."""
    from bot.knowledge.texts import front_end_strings

    strings = front_end_strings()
    # The widget reads two sections: its own and widget_tools (plan overview, keeping the plan, menu).
    sections = {
        "widget": ("widget", "widget_tools"),
        "frontdesk": ("frontdesk",),
        "console_static": ("console",),
        "staff": ("staff",),
    }
    missing = []
    for folder, names in sections.items():
        for path in (REPO_ROOT / "channels").rglob("*.js"):
            if folder not in path.relative_to(REPO_ROOT).parts:
                continue
            for key in re.findall(r"\bt\(\"([a-z_]+)\"", path.read_text(encoding="utf-8")):
                if not any(key in strings[name] for name in names):
                    missing.append(f"{path.relative_to(REPO_ROOT)}: {names[0]}.{key}")
    assert missing == []
    assert Path(REPO_ROOT / "data" / "texts" / "nl.yml").is_file()
