"""The ``wegwijzer`` command: the domain commands of ``bot.cli`` plus the ones that start or
check processes (serve, worker, preflight, endpoints, eval-nlu)."""

from __future__ import annotations

import argparse
import sys

from bot.cli.main import add_commands, run
from bot.settings import Settings


def _refuse_unsafe_production() -> bool:
    """Prints every production configuration problem; True when there is one."""
    from rasa_ext.preflight import production_problems

    problems = production_problems()
    for problem in problems:
        print(f"Configuration problem: {problem}", file=sys.stderr)
    return bool(problems)


def _cmd_preflight(args: argparse.Namespace, settings: Settings) -> int:
    if _refuse_unsafe_production():
        return 1
    print(
        "Configuration ready for production."
        if settings.production
        else "Development configuration (WEGWIJZER_ENV is not production): nothing to check."
    )
    return 0


def _cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from rasa_ext.serve import serve

    if _refuse_unsafe_production():
        return 1
    return serve(settings)


def _cmd_worker(args: argparse.Namespace, settings: Settings) -> int:
    from rasa_ext.worker import run_worker

    if _refuse_unsafe_production():
        return 1
    return run_worker(settings)


def _cmd_endpoints(args: argparse.Namespace, settings: Settings) -> int:
    from rasa_ext.serve import write_endpoints

    print(f"Rasa endpoints written to {write_endpoints(settings)}")
    return 0


def _cmd_eval_nlu(args: argparse.Namespace, settings: Settings) -> int:
    import runpy

    from bot.settings import REPO_ROOT

    module = runpy.run_path(str(REPO_ROOT / "bench" / "nlu_eval.py"))
    return int(module["main"]([args.csv, "--model", str(args.model or settings.model_path)]))


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every sub-command."""
    parser = argparse.ArgumentParser(
        prog="wegwijzer", description="Wegwijzer: life-event assistant for Flanders"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    add_commands(sub)

    sub.add_parser("serve", help="start the Rasa server, the action server and the worker").set_defaults(
        func=_cmd_serve
    )
    sub.add_parser(
        "worker", help="run the background work (hand-off outbox, retention); one per deployment"
    ).set_defaults(func=_cmd_worker)
    sub.add_parser(
        "preflight", help="check a production configuration (secrets, accounts, origins)"
    ).set_defaults(func=_cmd_preflight)
    sub.add_parser("endpoints", help="write Rasa's endpoints.yml from the environment").set_defaults(
        func=_cmd_endpoints
    )
    eval_nlu = sub.add_parser("eval-nlu", help="evaluate the trained NLU model on a text,label CSV")
    eval_nlu.add_argument("csv")
    eval_nlu.add_argument("--model")
    eval_nlu.set_defaults(func=_cmd_eval_nlu)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``wegwijzer`` command."""
    return run(build_parser().parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
