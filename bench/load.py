"""Load test: simulated citizens chat with Wegwijzer over Rasa's REST channel, next to a bare `rasa init` bot.

Usage (from the repository root; figures and analysis in docs/benchmarks.md):

    .venv/bin/python bench/load.py [--users 20] [--duration 60] [--think 0.2 0.5] [--wait-quiet 600] [--json]

Each simulated citizen is a closed loop: it takes a fresh random sender id and a scripted Dutch journey
(birth, moving, job loss, death, starting a business, or small talk with a request for a person and an
out-of-scope question), sends one message at a time to POST /webhooks/rest/webhook, waits for the answer,
thinks for a random 0.2-0.5 s and sends the next one. When a script ends the citizen starts a new
conversation. Users join one by one over --ramp seconds; then the --duration window is measured. The run
stops by itself (duration, --max-requests, --timeout per request) and only ever contacts 127.0.0.1.

Phases run one after the other on the same machine with the same users, think time and duration:
  1. Wegwijzer: action server + Rasa server started by devtools/servers.running_assistant (temporary SQLite
     database), unless --url points at servers already running on loopback (repeat --url for replicas).
  2. Baseline: the bare moodbot from `rasa init`, cached under build/bench/bare_bot (created and trained on
     first use), served with `rasa run` and its in-memory tracker store, chatting in English moodbot lines.

Printed per phase: p50/p95/p99 latency, messages/s, errors (non-200, timeouts, connection errors, empty or
invalid JSON), replies that did not match the script ("off-script", reported, not counted as errors), ERROR
lines the servers logged during the window (Rasa hides tracker-store failures behind a fallback), the memory
(VmRSS, peak VmHWM, PSS) and CPU use of each server process (found by listening port in /proc), and how
much CPU other processes took (a shared machine skews the figures: --wait-quiet waits for an idle machine
first).
Then the ratios Wegwijzer/bare and PASS/FAIL per target. --json prints one JSON object as the last line.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

from loadtest.bare_bot import bare_model, require_loopback, running_bare_bot
from loadtest.common import QUIET_ENV
from loadtest.driver import Load
from loadtest.processes import ServerProcess, wait_until_quiet
from loadtest.results import compare, log_problems, model_fingerprint, print_block
from loadtest.scripts import BARE_SCRIPTS, WEGWIJZER_SCRIPTS, Script


def run_phase(
    label: str,
    base: str | list[str],
    scripts: tuple[Script, ...],
    servers: list[ServerProcess],
    args: argparse.Namespace,
    logs: list[Path] | None = None,
) -> dict:
    bases = [base] if isinstance(base, str) else base
    load = Load(bases, scripts, args, label)
    print(f"[{label}] warming up at {', '.join(bases)} ...", flush=True)
    problems = asyncio.run(load.warm_up())
    if problems:
        print(f"[{label}] warning: {problems} warm-up message(s) failed or went off-script", flush=True)
    print(f"[{label}] {args.users} users for {args.duration:g} s ...", flush=True)
    if args.wait_quiet > 0:
        print(
            f"[{label}] waiting (at most {args.wait_quiet:g} s) "
            "until other processes leave the CPUs alone ...",
            flush=True,
        )
        wait_until_quiet(args.wait_quiet, label)
    offsets = {path: path.stat().st_size for path in logs or [] if path.exists()}
    result = asyncio.run(load.run(servers))
    result["warmup_problems"] = problems
    # Problems the servers logged during the load (e.g. a tracker store error that Rasa hides by falling
    # back to memory). Not known when the servers were started elsewhere (--url).
    result["server_log_problems"] = log_problems(logs, offsets) if logs is not None else None
    if args.samples:
        path = Path(args.samples.format(bot=label.split()[0]))
        with open(path, "w") as out:
            out.write("started_s,latency_ms,error,off_script,kind,script,turn\n")
            for s in load.samples:
                out.write(
                    f"{s.started},{s.latency * 1000:.1f},{s.error or ''},{int(s.off_script)},{s.kind},"
                    f"{s.script},{s.turn}\n"
                )
        print(f"[{label}] raw samples written to {path}", flush=True)
    return result


# ------------------------------------------------------------------------------------------- reporting


def run_own_servers(tmp: Path, extra_env: dict[str, str], args: argparse.Namespace) -> dict:
    """Starts Wegwijzer as deployed (one action server, --replicas Rasa servers) and runs the load on it.

    Several replicas share the conversation stores and need Rasa's (our atomic) Redis lock store: a
    throw-away redis-server on loopback is started unless WEGWIJZER_REDIS_URL is given with --env.
    --database postgresql adds a throw-away PostgreSQL cluster (the production path), else SQLite.
    """
    from devtools.servers import running_replicas
    from devtools.services import missing_services, postgres_server, redis_server

    tmp.mkdir()
    needed = ["redis-server"] if args.replicas > 1 and "WEGWIJZER_REDIS_URL" not in extra_env else []
    needed += ["postgresql"] if args.database == "postgresql" else []
    missing = [name for name in missing_services() if any(name.startswith(n) for n in needed)]
    if missing:
        raise SystemExit(
            f"{', '.join(missing)} not installed: run `make services` (as root), "
            f"or use --replicas 1 --database sqlite."
        )
    with contextlib.ExitStack() as stack:
        # Every simulated person comes from this one address: lift the per-address limit.
        env = {"WEGWIJZER_REST_RATE_LIMIT": "1000000", **extra_env}
        extra_servers = []
        if "redis-server" in needed:
            env["WEGWIJZER_REDIS_URL"] = stack.enter_context(redis_server(tmp))
            extra_servers.append(ServerProcess("redis", urlparse(env["WEGWIJZER_REDIS_URL"]).port))
        if args.database == "postgresql" and "WEGWIJZER_DATABASE_URL" not in env:
            env["WEGWIJZER_DATABASE_URL"] = stack.enter_context(postgres_server())
            extra_servers.append(ServerProcess("postgresql", urlparse(env["WEGWIJZER_DATABASE_URL"]).port))
        print(
            f"[wegwijzer] starting the action server and {args.replicas} Rasa server(s) "
            f"({args.database}{', Redis lock store' if 'WEGWIJZER_REDIS_URL' in env else ''}) ...",
            flush=True,
        )
        bases, settings = stack.enter_context(running_replicas(tmp, env, replicas=args.replicas))
        servers = [ServerProcess(rasa_role(i), urlparse(b).port) for i, b in enumerate(bases)]
        servers += [ServerProcess("action_server", settings.action_port), *extra_servers]
        result = run_phase(
            "wegwijzer", bases, WEGWIJZER_SCRIPTS, servers, args, logs=sorted(tmp.glob("*.log"))
        )
        result["model"] = model_fingerprint(settings.model_path)
        result["topology"] = {
            "rasa_replicas": args.replicas,
            "database": args.database,
            "lock_store": "redis" if "WEGWIJZER_REDIS_URL" in env else "in-memory",
        }
        return result


def rasa_role(index: int) -> str:
    return "rasa_server" if index == 0 else f"rasa_server_{index + 1}"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.ArgumentDefaultsHelpFormatter
    )
    parser.add_argument("--users", type=int, default=20, help="concurrent simulated citizens")
    parser.add_argument("--duration", type=float, default=60, help="seconds of load per bot (max 1800)")
    parser.add_argument(
        "--ramp",
        type=float,
        default=5,
        help="seconds over which the users join, before the measured window of --duration starts",
    )
    parser.add_argument(
        "--think",
        type=float,
        nargs=2,
        default=(0.2, 0.5),
        metavar=("MIN", "MAX"),
        help="think time between two messages of one citizen, uniform in seconds",
    )
    parser.add_argument(
        "--max-requests", type=int, default=200_000, help="stop a phase after this many messages"
    )
    parser.add_argument("--timeout", type=float, default=30, help="per-request timeout in seconds")
    parser.add_argument(
        "--wait-quiet",
        type=float,
        default=0,
        metavar="MAX_S",
        help="before each measured window, wait at most this long for the machine to be idle",
    )
    parser.add_argument("--seed", default="wegwijzer", help="random seed (scripts, senders, think times)")
    parser.add_argument(
        "--url",
        action="append",
        help="use an already running Wegwijzer at this loopback URL (repeat for replicas: "
        "messages go round-robin)",
    )
    parser.add_argument("--actions-port", type=int, help="with --url: the action server's port, for RSS/CPU")
    parser.add_argument("--bare-url", help="use an already running bare bot at this loopback URL")
    parser.add_argument("--no-baseline", action="store_true", help="skip the bare `rasa init` bot")
    parser.add_argument("--only-baseline", action="store_true", help="run only the bare bot")
    parser.add_argument(
        "--replicas",
        type=int,
        default=2,
        help="Rasa server processes for Wegwijzer, as deployed (messages go round-robin, no "
        "stickiness; more than one adds a loopback redis-server for the lock store)",
    )
    parser.add_argument(
        "--database",
        choices=("sqlite", "postgresql"),
        default="sqlite",
        help="conversation and application database for Wegwijzer (postgresql: a throw-away cluster)",
    )
    parser.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="extra environment for the Wegwijzer servers (repeatable)",
    )
    parser.add_argument(
        "--samples",
        metavar="CSV",
        help="write every measured message to this CSV ('{bot}' is replaced by the bot's name)",
    )
    parser.add_argument("--json", action="store_true", help="print all figures as one JSON object, last line")
    args = parser.parse_args(argv)
    if not 1 <= args.users <= 2000:
        parser.error("--users must be between 1 and 2000")
    if not 0 < args.duration <= 1800:
        parser.error("--duration must be between 0 and 1800 seconds")
    if not 0 <= args.ramp <= 600:
        parser.error("--ramp must be between 0 and 600 seconds")
    if not 1 <= args.replicas <= 8:
        parser.error("--replicas must be between 1 and 8")
    if not 0 <= args.think[0] <= args.think[1]:
        parser.error("--think MIN MAX needs 0 <= MIN <= MAX")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    os.environ.update(QUIET_ENV)
    extra_env = dict(QUIET_ENV)
    for item in args.env:
        name, _, value = item.partition("=")
        extra_env[name] = value
    started_at = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    weg = bare = None
    with tempfile.TemporaryDirectory(prefix="wegwijzer-bench-") as tmp_name:
        tmp = Path(tmp_name)
        if not args.only_baseline:
            if args.url:
                bases = [require_loopback(url) for url in args.url]
                servers = [ServerProcess(rasa_role(i), urlparse(b).port) for i, b in enumerate(bases)]
                if args.actions_port:
                    servers.append(ServerProcess("action_server", args.actions_port))
                weg = run_phase("wegwijzer", bases, WEGWIJZER_SCRIPTS, servers, args)
            else:
                weg = run_own_servers(tmp / "wegwijzer", extra_env, args)
        if not args.no_baseline:
            if args.bare_url:
                base = require_loopback(args.bare_url)
                bare = run_phase(
                    "bare rasa init",
                    base,
                    BARE_SCRIPTS,
                    [ServerProcess("rasa_server", urlparse(base).port)],
                    args,
                )
            else:
                print("[bare rasa init] starting `rasa run` on the cached moodbot ...", flush=True)
                with running_bare_bot(tmp) as (base, port):
                    bare = run_phase(
                        "bare rasa init",
                        base,
                        BARE_SCRIPTS,
                        [ServerProcess("rasa_server", port)],
                        args,
                        logs=[tmp / "bare-rasa.log"],
                    )
                    bare["model"] = model_fingerprint(bare_model())

    print(
        f"\nLoad: {args.users} users (joining over {args.ramp:g} s), "
        f"think {args.think[0]:g}-{args.think[1]:g} s, "
        f"{args.duration:g} s measured per bot, "
        f"{os.cpu_count()} CPUs, {started_at}"
    )
    for result in (weg, bare):
        if result:
            print_block(result)
    output = {
        "started_at": started_at,
        "cpus": os.cpu_count(),
        "users": args.users,
        "duration_s": args.duration,
        "think_s": list(args.think),
        "seed": args.seed,
        "wegwijzer": weg,
        "bare": bare,
    }
    exit_code = 0
    if weg:
        ratios, targets = compare(weg, bare)
        print("\n== Wegwijzer vs bare bot")
        if ratios:
            print(
                f"  p95 ratio    {ratios['p95_wegwijzer_over_bare']}x   "
                f"msgs/s ratio {ratios['msgs_per_s_wegwijzer_over_bare']}x"
            )
        for t in targets:
            print(f"  {t['result']:<5} {t['target']:<36} ({t['value']})")
        output.update(ratios=ratios, targets=targets)
        exit_code = 0 if all(t["result"] != "FAIL" for t in targets) else 1
    if args.json:
        print(json.dumps(output, ensure_ascii=False))
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
