"""The ``wegwijzer`` console command."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from bot.journey import build_plan
from bot.knowledge_base import KnowledgeBaseError, load_knowledge_base
from bot.render import plan_json, plan_overview, rights_text, step_text
from bot.settings import Settings
from bot.validation import validate_directory


def _parse_answers(pairs: list[str]) -> dict[str, str]:
    answers = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key or not value:
            raise argparse.ArgumentTypeError(f"--answer needs key=value, got {pair!r}")
        answers[key.strip()] = value.strip()
    return answers


def _cmd_journey(args: argparse.Namespace, settings: Settings) -> int:
    kb = load_knowledge_base(settings.knowledge_base_dir)
    event = kb.get(args.event_id)
    if event is None:
        print(f"Unknown life event {args.event_id!r}. Known: {', '.join(sorted(kb.events))}", file=sys.stderr)
        return 2
    event_date = dt.date.fromisoformat(args.event_date) if args.event_date else None
    plan = build_plan(event, _parse_answers(args.answer), event_date)
    if args.text:
        parts = [plan_overview(plan)] + [step_text(p) for p in plan.steps]
        if plan.rights:
            parts.append(rights_text(plan))
        print("\n\n".join(parts))
    else:
        print(json.dumps(plan_json(plan), ensure_ascii=False, indent=2))
    return 0


def _cmd_validate(args: argparse.Namespace, settings: Settings) -> int:
    directory = Path(args.directory) if args.directory else settings.knowledge_base_dir
    problems = validate_directory(directory)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) found in {directory}", file=sys.stderr)
        return 1
    count = len(list(directory.glob("*.yml")))
    print(f"OK: {count} life-event file(s) in {directory} are valid")
    return 0


def _cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from bot.serve import serve

    return serve(settings)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of all sub-commands."""
    parser = argparse.ArgumentParser(prog="wegwijzer", description="Wegwijzer: life-event assistant for Flanders")
    sub = parser.add_subparsers(dest="command", required=True)

    journey = sub.add_parser("journey", help="print the personalised plan of a life event")
    journey.add_argument("event_id")
    journey.add_argument("--answer", action="append", default=[], metavar="KEY=VALUE")
    journey.add_argument("--event-date", metavar="YYYY-MM-DD")
    journey.add_argument("--text", action="store_true", help="readable Dutch text instead of JSON")
    journey.set_defaults(func=_cmd_journey)

    validate = sub.add_parser("validate", help="validate the knowledge base")
    validate.add_argument("directory", nargs="?")
    validate.set_defaults(func=_cmd_validate)

    serve = sub.add_parser("serve", help="start the Rasa server and the action server")
    serve.set_defaults(func=_cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``wegwijzer`` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env()
        return args.func(args, settings)
    except KnowledgeBaseError as error:
        print(error, file=sys.stderr)
        return 1
    except (ValueError, argparse.ArgumentTypeError) as error:
        print(f"wegwijzer: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
