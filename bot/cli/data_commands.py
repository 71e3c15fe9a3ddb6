"""Commands for operators and service designers: catalogue import, reports, retention."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from bot.settings import Settings


def cmd_import_catalogue(args: argparse.Namespace, settings: Settings) -> int:
    """``wegwijzer import-catalogue URL|FILE``."""
    from bot.catalogue import CatalogueError, import_catalogue

    try:
        report = import_catalogue(args.source, settings.database_url, max_pages=args.max_pages)
    except CatalogueError as error:
        print(f"wegwijzer import-catalogue: {error}", file=sys.stderr)
        partial = getattr(error, "report", None)
        if partial is not None:
            print(partial.summary(), file=sys.stderr)
        return 1
    print(report.summary())
    for warning in report.warnings[:20]:
        print(f"  warning: {warning}")
    from bot.catalogue.step_products import changed_products
    from bot.knowledge.knowledge_base import load_knowledge_base

    changes = changed_products(load_knowledge_base(settings.knowledge_base_dir), settings.database_url)
    if changes:
        print(f"{len(changes)} journey step(s) to re-read because of their catalogue product:")
        for change in changes:
            print(f"  {change}")
    return 0


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from error


def cmd_report(args: argparse.Namespace, settings: Settings) -> int:
    """``wegwijzer report --from DATE --to DATE --out report.html [--csv DIR]``."""
    from bot.insights.analytics import build_report
    from bot.insights.journey_shape import journey_shapes_from_knowledge_base, step_titles
    from bot.insights.priorities import previous_period
    from bot.insights.report import write_html
    from bot.insights.report_csv import write_csv
    from bot.knowledge.knowledge_base import load_knowledge_base

    kb = load_knowledge_base(settings.knowledge_base_dir)
    journeys = journey_shapes_from_knowledge_base(kb)
    report = build_report(settings.database_url, args.date_from, args.date_to, step_order=journeys)
    previous = build_report(
        settings.database_url, *previous_period(args.date_from, args.date_to), step_order=journeys
    )
    path = write_html(
        report,
        Path(args.out),
        titles={e.id: e.title for e in kb.events.values()},
        previous=previous,
        step_titles=step_titles(journeys),
    )
    print(f"Report written to {path}")
    if args.csv:
        files = write_csv(report, Path(args.csv))
        print(f"{len(files)} CSV file(s) written to {args.csv}")
    return 0


def cmd_purge(args: argparse.Namespace, settings: Settings) -> int:
    """``wegwijzer purge --days N``: delete conversation data older than the retention period."""
    from bot.insights.retention import purge_expired

    days = args.days if args.days is not None else settings.retention_days
    analysis_days = max(days, settings.analysis_retention_days)
    deleted = purge_expired(settings.database_url, days, analysis_days=analysis_days)
    print(
        f"Deleted {sum(deleted.values())} row(s): conversation data older than {days} day(s), "
        f"redacted analysis data older than {analysis_days} day(s)."
    )
    for table, count in sorted(deleted.items()):
        print(f"  {table}: {count}")
    return 0


def cmd_erase(args: argparse.Namespace, settings: Settings) -> int:
    """``wegwijzer erase CONVERSATION_ID``: the right to erasure for one conversation."""
    from bot.insights.retention import erase_conversation

    deleted = erase_conversation(settings.database_url, args.conversation_id)
    print(f"Deleted {deleted} row(s) of conversation {args.conversation_id}")
    return 0


def cmd_annotate(args: argparse.Namespace, settings: Settings) -> int:
    """``wegwijzer annotate ID EVENT``: label an unrecognised message for future training data."""
    from bot.insights.feedback import AnnotationError, annotate

    try:
        annotate(
            settings.database_url, args.message_id, None if args.life_event == "none" else args.life_event
        )
    except AnnotationError as error:
        print(f"wegwijzer annotate: {error}", file=sys.stderr)
        return 2
    print(f"Message {args.message_id} labelled {args.life_event}")
    return 0


def cmd_export_annotations(args: argparse.Namespace, settings: Settings) -> int:
    """``wegwijzer export-annotations``: Rasa NLU YAML of labelled messages, for human review."""
    from bot.insights.feedback import export_annotations_as_nlu

    print(export_annotations_as_nlu(settings.database_url))
    return 0


def cmd_staff_password(args: argparse.Namespace, settings: Settings) -> int:
    """``wegwijzer staff-password LOGIN``: an entry for WEGWIJZER_STAFF_ACCOUNTS (the password is
    asked twice, or read from standard input with ``--stdin``; it is never printed)."""
    import getpass

    from bot.staff.accounts import ROLES, hash_password, parse_account

    if args.stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != password:
            print("The two passwords differ.", file=sys.stderr)
            return 1
    if len(password) < 12:
        print("Use at least 12 characters.", file=sys.stderr)
        return 1
    roles = "+".join(args.roles) if args.roles else ""
    entry = f"{args.login}:{hash_password(password)}:{roles}:{args.name or ''}".rstrip(":")
    try:
        parse_account(entry, 1, production=True)
    except Exception as error:  # a bad login, role or name: say which
        print(str(error).replace("WEGWIJZER_STAFF_ACCOUNTS entry 1", "This account"), file=sys.stderr)
        return 1
    print(entry)
    print(
        f"Add it to WEGWIJZER_STAFF_ACCOUNTS (entries separated by commas). Roles: {', '.join(ROLES)}.",
        file=sys.stderr,
    )
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """Registers the data commands on the main parser."""
    catalogue = sub.add_parser(
        "import-catalogue", help="import IPDC/LPDC services (JSON-LD LDES) by URL or file"
    )
    catalogue.add_argument("source")
    catalogue.add_argument("--max-pages", type=int, default=500)
    catalogue.set_defaults(func=cmd_import_catalogue)

    report = sub.add_parser("report", help="HTML (and CSV) report for service designers")
    report.add_argument("--from", dest="date_from", type=_date, required=True)
    report.add_argument("--to", dest="date_to", type=_date, required=True)
    report.add_argument("--out", required=True, help="HTML file to write")
    report.add_argument("--csv", help="folder for one CSV file per table")
    report.set_defaults(func=cmd_report)

    purge = sub.add_parser("purge", help="delete conversations older than the retention period")
    purge.add_argument("--days", type=int, help="default: WEGWIJZER_RETENTION_DAYS (180)")
    purge.set_defaults(func=cmd_purge)

    label = sub.add_parser("annotate", help="label an unrecognised message with its life event")
    label.add_argument("message_id", type=int)
    label.add_argument("life_event", help="a life-event id, out_of_scope, or none to clear")
    label.set_defaults(func=cmd_annotate)

    export = sub.add_parser("export-annotations", help="labelled messages as Rasa NLU YAML (for review)")
    export.set_defaults(func=cmd_export_annotations)

    staff = sub.add_parser(
        "staff-password", help="make a WEGWIJZER_STAFF_ACCOUNTS entry with a password hash"
    )
    staff.add_argument("login")
    staff.add_argument(
        "--role",
        dest="roles",
        action="append",
        choices=("frontdesk", "caseworker", "designer", "admin"),
        help="repeat for several roles (default: frontdesk, caseworker and designer)",
    )
    staff.add_argument("--name", help="the name citizens see when this person takes over a chat")
    staff.add_argument("--stdin", action="store_true", help="read the password from standard input")
    staff.set_defaults(func=cmd_staff_password)

    erase = sub.add_parser("erase", help="delete everything stored about one conversation")
    erase.add_argument("conversation_id")
    erase.set_defaults(func=cmd_erase)
