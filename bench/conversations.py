"""Replays the scripted conversation corpus over the REST channel and measures whether the
assistant keeps the thread when people type.

Usage:
    .venv/bin/python bench/conversations.py [--split SPLIT] [--url http://127.0.0.1:5005]
                                            [--only ID-PREFIX] [--verbose]

SPLIT is dev, dev2 … dev13 (tuned on), heldout (never tuned on) or all.

Without --url it starts the action server and a Rasa server (as `make run` does) on free loopback
ports with a fresh SQLite database and WEGWIJZER_TODAY set to the corpus date. Prints one line per
conversation (ok / FAIL and why), then one JSON object with the totals as its last line:

    answers_understood  typed answers to a question recorded right on the first try (share)
    facts_understood    facts stated in passing (`gives`) recorded right (share)
    silent_switches     times the journey changed to another event without asking first
    unexpected_switch_offers  switch offers while the person was answering
    reasked_rate        questions asked whose answer the person had already given / all questions
    plan_reached        conversations that reached the expected plan with the expected answers
    median_turns_to_first_step  person turns until the first step card
    clarifications      times the person pressed the right situation after "Gaat het over een van
                        deze situaties?" (a typed message the assistant did not place at once)
    expectations_met    per-message and final expectations that held
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from devtools.conversation_runner import (
    Runner,
    Tally,
)
from devtools.corpus import REFERENCE_TODAY, SPLITS, Conversation, load_corpus  # noqa: E402


def rest_sender(base: str) -> Callable[[str, str], list[dict[str, Any]]]:
    session = requests.Session()

    def send(sender: str, text: str) -> list[dict[str, Any]]:
        response = session.post(
            f"{base}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60
        )
        response.raise_for_status()
        return merge_rest_messages(response.json())

    return send


def merge_rest_messages(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rasa's REST channel sends text and custom JSON of one bot message separately: join them."""
    merged: list[dict[str, Any]] = []
    for message in messages:
        if (
            "custom" in message
            and merged
            and "custom" not in merged[-1]
            and "text" in merged[-1]
            and "text" not in message
        ):
            merged[-1]["custom"] = message["custom"]
        else:
            merged.append(dict(message))
    return merged


def run_all(
    conversations: list[Conversation],
    send: Callable[[str, str], list[dict[str, Any]]],
    verbose: bool,
    trace: bool = False,
) -> dict[str, Any]:
    totals = Tally()
    reached, turns, ok_count = 0, [], 0
    expected_plans = 0
    for conversation in conversations:
        runner = Runner(send, conversation, trace)
        started = time.perf_counter()
        ok = runner.run()
        t = runner.t
        for name in (
            "typed_answers",
            "typed_understood",
            "facts",
            "facts_understood",
            "questions_asked",
            "reasked",
            "silent_switches",
            "unexpected_switch_offers",
            "unscripted_questions",
            "clarifications",
            "expectations",
            "expectations_met",
        ):
            setattr(totals, name, getattr(totals, name) + getattr(t, name))
        if conversation.journey:
            expected_plans += 1
            if conversation.journey in runner.plans:
                reached += 1
            if runner.first_step_turn is not None:
                turns.append(runner.first_step_turn)
        ok_count += ok
        status = "ok  " if ok else "FAIL"
        line = f"{status} {conversation.id} ({runner.turns} turns, {time.perf_counter() - started:.1f}s)"
        if not ok:
            line += ": " + "; ".join(t.problems[: 4 if not verbose else None])
        print(line, flush=True)

    def share(part: int, whole: int) -> float | None:
        return round(part / whole, 3) if whole else None

    return {
        "conversations": len(conversations),
        "conversations_ok": ok_count,
        "answers_understood": share(totals.typed_understood, totals.typed_answers),
        "typed_answers": totals.typed_answers,
        "facts_understood": share(totals.facts_understood, totals.facts),
        "facts": totals.facts,
        "silent_switches": totals.silent_switches,
        "unexpected_switch_offers": totals.unexpected_switch_offers,
        "reasked_rate": share(totals.reasked, totals.questions_asked),
        "questions_asked": totals.questions_asked,
        "unscripted_questions": totals.unscripted_questions,
        "clarifications": totals.clarifications,
        "plan_reached": share(reached, expected_plans),
        "median_turns_to_first_step": statistics.median(turns) if turns else None,
        "expectations_met": share(totals.expectations_met, totals.expectations),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="dev")
    parser.add_argument(
        "--url",
        help="a running Wegwijzer (started with WEGWIJZER_TODAY=2026-11-25 and "
        "WEGWIJZER_REST_RATE_LIMIT=1000000)",
    )
    parser.add_argument("--only", help="only conversations whose id starts with this")
    parser.add_argument("--verbose", action="store_true", help="every problem of a failed conversation")
    parser.add_argument("--trace", action="store_true", help="print every message and reply")
    args = parser.parse_args(argv)
    conversations = [c for c in load_corpus(args.split) if not args.only or c.id.startswith(args.only)]
    if args.url:
        totals = run_all(conversations, rest_sender(args.url.rstrip("/")), args.verbose, args.trace)
    else:
        from devtools.servers import running_assistant

        with (
            tempfile.TemporaryDirectory() as tmp,
            running_assistant(
                Path(tmp),
                {"WEGWIJZER_TODAY": REFERENCE_TODAY.isoformat(), "WEGWIJZER_REST_RATE_LIMIT": "1000000"},
            ) as (base, _),
        ):
            totals = run_all(conversations, rest_sender(base), args.verbose, args.trace)
    totals["split"] = args.split
    print(json.dumps(totals, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
