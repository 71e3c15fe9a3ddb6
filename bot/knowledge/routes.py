"""The right door for frequent questions outside the life events (an identity card, a parking fine,
income tax, ...) and the complaint route per government level (``data/routes/``). Every answer
names the competent service and cites its page."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from bot.knowledge.faq import FaqEntry
from bot.knowledge.source_policy import load_policy
from bot.normalize import normalise
from bot.settings import REPO_ROOT

ROUTES_DIR = REPO_ROOT / "data" / "routes"
ROUTE_EVENT = "route"
"""``event_id`` of the route entries in a FAQ-style index."""
COMPLAINT_LEVELS = {"lokaal": "municipal", "vlaams": "flemish", "federaal": "federal"}


def _stem_of(word: str, stem: str) -> bool:
    return word == stem or (len(stem) >= 4 and word.startswith(stem))


@dataclass(frozen=True)
class Route:
    id: str
    title: str
    """What the button says ("Een paspoort aanvragen")."""
    examples: tuple[str, ...]
    answer: str
    service: str
    source_url: str
    source_quote: str
    trigger_words: tuple[tuple[str, ...], ...] = ()
    """Word groups that name this door outright when the message has a word from every group (a
    word counts when it is one of the group's words or, for words of 4 letters or more, starts
    with one: "kwijtgeraakt")."""

    def named_in(self, words: list[str]) -> bool:
        """Whether the (normalised) words name this door outright."""
        return bool(self.trigger_words) and all(
            any(_stem_of(word, stem) for word in words for stem in group) for group in self.trigger_words
        )

    def as_entry(self) -> FaqEntry:
        return FaqEntry(
            self.id,
            ROUTE_EVENT,
            (self.title, *self.examples),
            self.answer,
            self.source_url,
            self.source_quote,
        )


@dataclass(frozen=True)
class ComplaintStep:
    text: str
    url: str


@dataclass(frozen=True)
class Complaints:
    examples: tuple[str, ...]
    steps: dict[str, tuple[ComplaintStep, ...]]
    """level (municipal, flemish, federal) -> what to do, in order"""


def load_routes(directory: Path = ROUTES_DIR) -> tuple[Route, ...]:
    data = yaml.safe_load((directory / "routes.yml").read_text(encoding="utf-8")) or {}
    return tuple(
        Route(
            id=str(r["id"]),
            title=str(r.get("title") or ""),
            examples=tuple(str(e) for e in r["examples"]),
            answer=" ".join(str(r["answer"]).split()),
            service=str(r["service"]),
            source_url=str(r["source_url"]),
            source_quote=str(r["source_quote"]),
            trigger_words=tuple(
                tuple(normalise(str(word)) for word in group) for group in r.get("trigger_words") or ()
            ),
        )
        for r in data.get("routes") or []
    )


def load_complaints(directory: Path = ROUTES_DIR) -> Complaints:
    data = yaml.safe_load((directory / "complaints.yml").read_text(encoding="utf-8")) or {}
    return Complaints(
        examples=tuple(str(e) for e in data.get("examples") or []),
        steps={
            str(level["level"]): tuple(
                ComplaintStep(" ".join(str(step["text"]).split()), str(step["url"]))
                for step in level["steps"]
            )
            for level in data.get("levels") or []
        },
    )


def route_problems(directory: Path = ROUTES_DIR) -> list[str]:
    """What is wrong in the route files (each problem names its file and route)."""
    problems = []
    policy = load_policy()
    try:
        routes = load_routes(directory)
        complaints = load_complaints(directory)
    except (OSError, KeyError, TypeError, yaml.YAMLError) as error:
        return [f"{directory}: cannot read the routes: {error}"]
    seen: set[str] = set()
    for route in routes:
        where = f"{directory / 'routes.yml'}: route {route.id!r}"
        if route.id in seen:
            problems.append(f"{where}: duplicate id")
        seen.add(route.id)
        if not route.title:
            problems.append(f"{where}: needs a title (the button text)")
        if len(route.examples) < 3:
            problems.append(f"{where}: needs at least 3 examples")
        verdict = policy.judge(route.source_url)
        if not verdict.allowed:
            problems.append(f"{where}: {verdict.reason}")
    for level, steps in complaints.steps.items():
        for step in steps:
            verdict = policy.judge(step.url)
            if not verdict.allowed:
                problems.append(f"{directory / 'complaints.yml'}: level {level}: {verdict.reason}")
    if set(complaints.steps) != set(COMPLAINT_LEVELS.values()):
        problems.append(
            f"{directory / 'complaints.yml'}: needs the levels {sorted(COMPLAINT_LEVELS.values())}"
        )
    return problems


@lru_cache(maxsize=1)
def _shipped_routes() -> tuple[Route, ...]:
    return load_routes()


def route_named(text: str, routes: tuple[Route, ...] | None = None) -> str | None:
    """The id of the one door the message names outright by its trigger words, or None."""
    words = normalise(text).split()
    named = [
        route.id for route in (routes if routes is not None else _shipped_routes()) if route.named_in(words)
    ]
    return named[0] if len(named) == 1 else None
