"""Rules about what the knowledge says, beyond its shape: sources, government levels, who a right
fits, and rules that change on a known date.

Errors (``wegwijzer validate`` fails): a source the policy refuses (``data/sources/policy.yml``);
a well-known authority with the wrong government level (``data/sources/authorities.yml``).
Review notes (printed, not failing): rights that only fit some people but carry no
``applies_when``; rules that expire within 90 days; the share of steps whose source is the
competent or executing authority's own page.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.knowledge.source_policy import load_policy
from bot.settings import REPO_ROOT

AUTHORITIES_FILE = REPO_ROOT / "data" / "sources" / "authorities.yml"
EXPIRY_WARNING_DAYS = 90
LEVELS = ("lokaal", "provinciaal", "vlaams", "federaal", "europees", "derden")
PARTIAL_AUDIENCE = re.compile(
    r"\b(weduwe|weduwnaar|overlevings\w*|wees|wezen\w*|zelfstandige[n]?|werknemer[s]?|bediende[n]?|"
    r"arbeider[s]?|ambtenaar|ambtenaren|student(en)?|gepensioneerd\w*|kinderen ten laste|"
    r"alleenstaande\w*|jonger dan|ouder dan|vanaf \d+ jaar)\b",
    re.IGNORECASE,
)
Add = Callable[[tuple[Any, ...], str], None]


@lru_cache(maxsize=2)
def authority_levels(path: Path = AUTHORITIES_FILE) -> tuple[tuple[re.Pattern[str], str], ...]:
    """(whole-word pattern, level) for every authority name in the vocabulary."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping level -> list of names")
    return tuple(
        (re.compile(rf"(?<!\w){re.escape(str(name))}(?!\w)", re.IGNORECASE), str(level))
        for level, names in data.items()
        for name in names or []
    )


def expected_level(authority: str) -> tuple[str, str] | None:
    """(name found, level) for the first known authority name in a text, else None."""
    found = [
        (match.start(), match.group(0), level)
        for pattern, level in authority_levels()
        if (match := pattern.search(authority))
    ]
    if not found:
        return None
    _, name, level = min(found, key=lambda item: (item[0], -len(item[1])))
    return name, level


def check_item(add: Add, item: dict[str, Any], path: tuple[Any, ...], kind: str) -> None:
    """Errors for one step or right: its source, and the level of the authorities it names."""
    source = item.get("source_url")
    if isinstance(source, str):
        verdict = load_policy().judge(source)
        if not verdict.allowed:
            add(path + ("source_url",), verdict.reason)
    if kind != "steps":
        return
    for name_key, level_key in (
        ("bevoegdeOverheid", "bevoegdBestuursniveau"),
        ("uitvoerendeOverheid", "uitvoerendBestuursniveau"),
    ):
        name, level = item.get(name_key), item.get(level_key)
        expected = expected_level(name) if isinstance(name, str) else None
        if expected and level in LEVELS and level != expected[1]:
            add(
                path + (level_key,),
                f"{expected[0]!r} is {expected[1]!r} (data/sources/authorities.yml), not {level!r}",
            )


@dataclass(frozen=True)
class ReviewNote:
    file: str
    item: str
    note: str

    def __str__(self) -> str:
        return f"{self.file}: {self.item}: {self.note}"


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def review_notes(events: Iterable[tuple[str, dict[str, Any]]], today: dt.date) -> list[ReviewNote]:
    """What an editor should look at (``events``: (file name, parsed YAML) pairs)."""
    notes = []
    for file, data in events:
        for kind in ("steps", "rights"):
            for item in data.get(kind) or []:
                label = f"{kind[:-1]} {item.get('id')}"
                until = _date(item.get("valid_until"))
                if until and today <= until <= today + dt.timedelta(days=EXPIRY_WARNING_DAYS):
                    notes.append(ReviewNote(file, label, f"rule expires on {until.isoformat()}"))
                text = " ".join(str(item.get(key) or "") for key in ("title", "description"))
                group = PARTIAL_AUDIENCE.search(text)
                if kind == "rights" and not item.get("applies_when") and group:
                    notes.append(
                        ReviewNote(
                            file, label, f"mentions {group.group(0)!r} but has no applies_when: shown to all"
                        )
                    )
    return notes


def authority_share(events: Iterable[tuple[str, dict[str, Any]]]) -> tuple[int, int]:
    """(steps whose source is a page of the competent or executing authority's level, or of an
    allow-listed body executing the step; all steps).

    A step that only the municipality carries out (both levels ``lokaal``) counts with any official
    page: the policy refuses municipal pages, so the page of the level that sets the rule (the civil
    code, the registers) stands in for the person's own municipality."""
    policy, cited, total = load_policy(), 0, 0
    for _, data in events:
        for step in data.get("steps") or []:
            total += 1
            verdict = policy.judge(str(step.get("source_url") or ""))
            levels = {step.get("bevoegdBestuursniveau"), step.get("uitvoerendBestuursniveau")}
            local = levels == {"lokaal"} and verdict.kind == "official"
            if verdict.allowed and (verdict.level in levels or local):
                cited += 1
    return cited, total
