"""``wegwijzer sources check|confirm|report``: the watch on every page the knowledge base cites."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.settings import Settings


def _cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    from bot.insights.source_report import source_rows, summary
    from bot.knowledge.source_records import confirmations, last_checks, save_check
    from bot.knowledge.source_watch import PoliteFetcher, check_all, cited_sources

    sources = cited_sources(settings.knowledge_base_dir)
    previous = last_checks(settings.database_url)
    fetcher = PoliteFetcher(delay=args.delay, timeout=args.timeout)
    checks = check_all([s.url for s in sources], previous, fetcher)
    for record in checks:
        save_check(settings.database_url, record)
    rows = source_rows(sources, {c.url: c for c in checks}, confirmations(settings.database_url))
    for row in rows:
        if row.status != "unchanged":
            print(f"{row.status:12} {row.source.event_id}/{row.source.item_id}: {row.source.url}")
    counts = summary(rows)
    print(
        f"{len(checks)} page(s) fetched for {len(rows)} step(s) and right(s): "
        + ", ".join(f"{count} {status}" for status, count in counts.items())
    )
    return 1 if counts["gone"] or counts["unreachable"] or counts["moved"] else 0


def _cmd_confirm(args: argparse.Namespace, settings: Settings) -> int:
    from bot.knowledge.source_confirm import ConfirmError, confirm

    try:
        file = confirm(
            settings.knowledge_base_dir,
            args.event,
            args.item,
            args.by,
            settings.today(),
            settings.database_url,
        )
    except ConfirmError as error:
        print(error, file=sys.stderr)
        return 2
    print(f"Confirmed {args.event}/{args.item} on {settings.today().isoformat()} by {args.by}: {file}")
    return 0


def _cmd_report(args: argparse.Namespace, settings: Settings) -> int:
    from bot.insights.source_report import source_rows, summary, write_html
    from bot.knowledge.source_records import confirmations, last_checks
    from bot.knowledge.source_watch import cited_sources

    rows = source_rows(
        cited_sources(settings.knowledge_base_dir),
        last_checks(settings.database_url),
        confirmations(settings.database_url),
    )
    path = write_html(rows, Path(args.out))
    print(f"Report written to {path}: " + ", ".join(f"{n} {s}" for s, n in summary(rows).items()))
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """Adds ``sources`` with its three sub-commands."""
    sources = sub.add_parser("sources", help="check the cited pages, confirm steps, report for editors")
    commands = sources.add_subparsers(dest="sources_command", required=True)
    check = commands.add_parser(
        "check", help="fetch every cited page and compare it with the last confirmation"
    )
    check.add_argument("--delay", type=float, default=1.0, help="seconds between two requests to one host")
    check.add_argument("--timeout", type=float, default=15.0)
    check.set_defaults(func=_cmd_check)
    confirm = commands.add_parser("confirm", help="record that a person checked a step against its page")
    confirm.add_argument("event", help="life event id, e.g. birth")
    confirm.add_argument("item", help="step or right id, e.g. declare_birth")
    confirm.add_argument("--by", required=True, help="the name of the person who checked it")
    confirm.set_defaults(func=_cmd_confirm)
    report = commands.add_parser("report", help="HTML report of the sources for content editors")
    report.add_argument("--out", default="sources.html")
    report.set_defaults(func=_cmd_report)
