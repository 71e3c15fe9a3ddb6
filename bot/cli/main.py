"""The domain commands of ``wegwijzer`` (knowledge base, plans, places, data, schema).

The command itself, with the process commands (serve, worker, preflight, endpoints, eval-nlu), is
``rasa_ext.cli``: this package never starts Rasa.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from bot.cli import data_commands, source_commands
from bot.journeys.journey import build_plan
from bot.journeys.render import plan_json, plan_overview, rights_text, step_text
from bot.knowledge.knowledge_base import KnowledgeBaseError, load_knowledge_base
from bot.knowledge.validation import Problem, validate_directory
from bot.settings import Settings


def _parse_answers(pairs: list[str]) -> dict[str, str]:
    answers = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key or not value:
            raise argparse.ArgumentTypeError(f"--answer needs key=value, got {pair!r}")
        answers[key.strip()] = value.strip()
    return answers


def _place_json(text: str) -> dict | None:
    from bot.places.municipalities import load_places
    from bot.places.service_points import contacts_for

    resolution = load_places().resolve(text)
    if resolution is None:
        return None
    municipality = resolution.municipality
    result = {
        "query": text,
        "nis_code": municipality.nis_code,
        "name_nl": municipality.name_nl,
        "name_fr": municipality.name_fr,
        "province": municipality.province,
        "region": municipality.region,
        "in_flanders": resolution.in_flanders,
        "postcodes": list(municipality.postcodes),
        "matched_text": resolution.matched_text,
        "match_kind": resolution.match_kind,
        "candidates": [c.name_nl for c in getattr(resolution, "candidates", ())][1:],
    }
    if resolution.in_flanders:
        contacts = contacts_for(municipality.nis_code)
        result["service_points"] = [_point_json(p) for p in contacts["service_points"]]
        result["fallback"] = contacts["fallback"]
    else:
        result["notice"] = (
            f"{municipality.name_nl} is not in Flanders ({municipality.region}): Flemish rules "
            "such as the Groeipakket do not apply there; the region has its own."
        )
    return result


def _point_json(point) -> dict:  # type: ignore[no-untyped-def]
    import dataclasses

    data = dataclasses.asdict(point)
    data["checked_on"] = point.checked_on.isoformat()
    return {key: value for key, value in data.items() if value not in (None, (), [])}


def _cmd_journey(args: argparse.Namespace, settings: Settings) -> int:
    kb = load_knowledge_base(settings.knowledge_base_dir)
    event = kb.get(args.event_id)
    if event is None:
        print(f"Unknown life event {args.event_id!r}. Known: {', '.join(sorted(kb.events))}", file=sys.stderr)
        return 2
    event_date = dt.date.fromisoformat(args.event_date) if args.event_date else None
    place = None
    if args.municipality:
        place = _place_json(args.municipality)
        if place is None:
            print(f"Unknown municipality {args.municipality!r}", file=sys.stderr)
            return 2
    plan = build_plan(event, _parse_answers(args.answer), event_date, settings.today())
    if args.text:
        parts = [plan_overview(plan)] + [step_text(p) for p in plan.steps]
        if plan.rights:
            parts.append(rights_text(plan))
        print("\n\n".join(parts))
    else:
        output = plan_json(plan)
        if place is not None:
            output["municipality"] = place
        print(json.dumps(output, ensure_ascii=False, indent=2))
    return 0


def _cmd_places_find(args: argparse.Namespace, settings: Settings) -> int:
    result = _place_json(" ".join(args.text))
    if result is None:
        print(json.dumps({"query": " ".join(args.text), "found": False}, ensure_ascii=False))
        return 1
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


def _cmd_validate(args: argparse.Namespace, settings: Settings) -> int:
    directory = Path(args.directory) if args.directory else settings.knowledge_base_dir
    problems: list[Problem | str] = list(validate_directory(directory))
    if not args.directory:
        from bot.knowledge.faq import FAQ_DIR, faq_problems
        from bot.knowledge.knowledge_base import load_knowledge_base
        from bot.knowledge.routes import route_problems
        from bot.places.service_points import validate_service_points

        problems += validate_service_points()
        if not problems:
            kb = load_knowledge_base(directory)
            items = {e.id: {s.id for s in e.steps} | {r.id for r in e.rights} for e in kb.events.values()}
            problems += faq_problems(FAQ_DIR, items) + route_problems()
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) found in {directory}", file=sys.stderr)
        return 1
    count = len(list(directory.glob("*.yml")))
    print(f"OK: {count} life-event file(s) in {directory} are valid")
    _print_review_notes(directory, settings)
    return 0


def _print_review_notes(directory: Path, settings: Settings) -> None:
    """What an editor should look at; these do not fail validation."""
    import yaml

    from bot.knowledge.content_rules import authority_share, review_notes

    events = [
        (file.name, yaml.safe_load(file.read_text(encoding="utf-8")) or {})
        for file in sorted(directory.glob("*.yml"))
    ]
    cited, total = authority_share(events)
    print(
        f"Sources: {cited} of {total} steps ({cited / max(total, 1):.0%}) cite a page of the competent "
        "or executing authority"
    )
    for note in review_notes(events, settings.today()):
        print(f"To review: {note}")


def _cmd_db(args: argparse.Namespace, settings: Settings) -> int:
    from bot import schema
    from bot.store import create_database_engine

    engine = create_database_engine(settings.database_url)
    try:
        if args.db_command == "upgrade":
            before = schema.current(engine)
            after = schema.upgrade(engine)
            print(f"Database schema: {before or 'none'} -> {after} (newest: {schema.head()})")
        else:
            revision = schema.current(engine)
            print(f"Database schema: {revision or 'none'} (newest: {schema.head()})")
            return 0 if revision == schema.head() else 1
    finally:
        engine.dispose()
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Adds the domain sub-commands to ``sub``."""
    journey = sub.add_parser("journey", help="print the personalised plan of a life event")
    journey.add_argument("event_id")
    journey.add_argument("--answer", action="append", default=[], metavar="KEY=VALUE")
    journey.add_argument("--event-date", metavar="YYYY-MM-DD")
    journey.add_argument("--municipality", help="name, deelgemeente or postcode: adds local service points")
    journey.add_argument("--text", action="store_true", help="readable Dutch text instead of JSON")
    journey.set_defaults(func=_cmd_journey)

    validate = sub.add_parser("validate", help="validate the knowledge base")
    validate.add_argument("directory", nargs="?")
    validate.set_defaults(func=_cmd_validate)

    places = sub.add_parser("places", help="municipalities and service points")
    places_sub = places.add_subparsers(dest="places_command", required=True)
    find = places_sub.add_parser("find", help="resolve a municipality, deelgemeente or postcode")
    find.add_argument("text", nargs="+")
    find.set_defaults(func=_cmd_places_find)

    data_commands.add_parsers(sub)
    source_commands.add_parsers(sub)

    db = sub.add_parser("db", help="the project's database schema (Alembic migrations)")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="apply every migration (an explicit step in production)").set_defaults(
        func=_cmd_db
    )
    db_sub.add_parser("current", help="show the schema revision; exit 1 when it is behind").set_defaults(
        func=_cmd_db
    )


def run(args: argparse.Namespace) -> int:
    """Runs a parsed command with the settings from the environment; clear errors, no tracebacks."""
    try:
        settings = Settings.from_env()
        return int(args.func(args, settings))
    except KnowledgeBaseError as error:
        print(error, file=sys.stderr)
        return 1
    except (ValueError, argparse.ArgumentTypeError) as error:
        print(f"wegwijzer: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and the like
        return 0
