"""Load test: simulated citizens chat with Wegwijzer over Rasa's REST channel, next to a bare `rasa init` bot.

Usage (from the repository root; figures and analysis in docs/benchmarks.md):

    .venv/bin/python bench/load.py [--users 20] [--duration 60] [--think 0.2 0.5] [--wait-quiet 600] [--json]

Each simulated citizen is a closed loop: it takes a fresh random sender id and a scripted Dutch journey (birth,
moving, job loss, death, starting a business, or small talk with a request for a person and an out-of-scope
question), sends one message at a time to POST /webhooks/rest/webhook, waits for the answer, thinks for a
random 0.2-0.5 s and sends the next one. When a script ends the citizen starts a new conversation. Users join
one by one over --ramp seconds; then the --duration window is measured. The run stops by itself (duration,
--max-requests, --timeout per request) and only ever contacts 127.0.0.1.

Phases run one after the other on the same machine with the same users, think time and duration:
  1. Wegwijzer: action server + Rasa server started by devtools/servers.running_assistant (temporary SQLite
     database), unless --url points at servers already running on loopback (repeat --url for replicas).
  2. Baseline: the bare moodbot from `rasa init`, cached under build/bench/bare_bot (created and trained on
     first use), served with `rasa run` and its in-memory tracker store, chatting in English moodbot lines.

Printed per phase: p50/p95/p99 latency, messages/s, errors (non-200, timeouts, connection errors, empty or
invalid JSON), replies that did not match the script ("off-script", reported, not counted as errors), ERROR
lines the servers logged during the window (Rasa hides tracker-store failures behind a fallback), the memory
(VmRSS, peak VmHWM, PSS) and CPU use of each server process (found by listening port in /proc), and how much CPU
other processes took (a shared machine skews the figures: --wait-quiet waits for an idle machine first).
Then the ratios Wegwijzer/bare and PASS/FAIL per target. --json prints one JSON object as the last line.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Iterator
from urllib.parse import urlparse

import aiohttp

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

BARE_DIR = REPO_ROOT / "build" / "bench" / "bare_bot"
QUIET_ENV = {"TF_CPP_MIN_LOG_LEVEL": "2", "RASA_TELEMETRY_ENABLED": "false", "SQLALCHEMY_SILENCE_UBER_WARNING": "1"}
LOOPBACK = {"127.0.0.1", "localhost"}

# Targets (Wegwijzer). 1.5 GB is read strictly as 1.5e9 bytes.
TARGET_P95_RATIO = 1.5
TARGET_MSGS_PER_S = 50.0
TARGET_RSS_BYTES = 1.5e9
TARGET_ERRORS = 0

# ---------------------------------------------------------------------------------------------- scripts


@dataclasses.dataclass(frozen=True)
class Turn:
    """One message of a script: one of ``says`` is sent; ``expect`` (a regex) should match the reply text."""

    says: tuple[str, ...]
    expect: str | None = None
    kind: str = "text"  # "text" goes through NLU; "payload" is a button ("/intent{...}") and skips it


def say(*texts: str, expect: str | None = None) -> Turn:
    return Turn(tuple(texts), expect, "text")


def button(intent: str, *values: str, expect: str | None = None) -> Turn:
    return Turn(tuple(f'/{intent}{{"answer_value":"{v}"}}' for v in values), expect, "payload")


@dataclasses.dataclass(frozen=True)
class Script:
    name: str
    weight: float
    turns: tuple[Turn, ...]


NEXT = say("volgende stap", "volgende", "en dan?", expect=r"Stap \d+ van")
BRING = say("wat moet ik meebrengen?", "welke documenten heb ik nodig?", expect=r"Meebrengen|Stap \d+ van")
WHERE = say("waar moet ik naartoe?", "waar moet ik zijn?", expect=r"Wie:|Hoe of waar|Stap \d+ van")
HOW_LONG = say("hoe lang heb ik?", "tegen wanneer moet dat?", expect=r"Stap \d+ van")

WEGWIJZER_SCRIPTS = (
    Script("birth", 3, (
        say("We hebben een baby gekregen", "ons kindje is geboren", "mijn vrouw is bevallen van een dochter",
            expect="Is dit uw eerste kind"),
        button("provide_answer", "ja", "nee", expect="Werkt u als werknemer"),
        button("provide_answer", "werknemer", "zelfstandige", "geen_werk", expect="geboortedatum"),
        say("gisteren", "eergisteren", "op 20 november", expect=r"Stap 1 van"),
        NEXT, BRING, NEXT,
    )),
    Script("moving", 3, (
        say("ik ga verhuizen", "hoe geef ik mijn nieuw adres door?", "adreswijziging doorgeven",
            expect="Huurt u uw nieuwe woning"),
        button("provide_answer", "huurder", "eigenaar", expect="voertuig"),
        button("provide_answer", "ja", "nee", expect="verhuisd bent"),
        say("gisteren", "3 november", "weet ik niet", expect=r"Stap 1 van"),
        NEXT, WHERE, HOW_LONG, NEXT,
    )),
    Script("job_loss", 2, (
        say("ik ben mijn job kwijt", "ik ben ontslagen", "mijn baas heeft me ontslagen", expect="Hoe eindigt uw job"),
        button("provide_answer", "ontslag_werkgever", expect="opzegtermijn"),
        button("provide_answer", "opzeg_presteren", "opzegvergoeding", "geen_opzeg", expect="kinderen"),
        button("provide_answer", "ja", "nee", expect="arbeidsovereenkomst"),
        say("op 30 november", "weet ik niet", expect=r"Stap 1 van"),
        NEXT, BRING, NEXT,
    )),
    Script("death", 2, (
        say("mijn vader is overleden", "mijn moeder is gestorven", "mijn man is overleden",
            expect="partner van de overledene"),
        button("provide_answer", "gehuwd", "wettelijk_samenwonend", "geen_partner", expect="pensioen"),
        button("provide_answer", "ja", "nee", expect="datum van overlijden"),
        say("eergisteren", "gisteren", expect=r"Stap 1 van"),
        NEXT, WHERE, NEXT,
        say("bedankt", "dank u wel", expect="Graag gedaan"),
    )),
    Script("start_business", 2, (
        say("ik wil een eigen zaak starten", "ik wil zelfstandige worden", "hoe start ik een eigen bedrijf?",
            expect="eenmanszaak of met een vennootschap"),
        button("provide_answer", "eenmanszaak", "vennootschap", expect="hoofdberoep of in bijberoep"),
        button("provide_answer", "hoofdberoep", "bijberoep", expect="btw"),
        button("provide_answer", "ja", "nee", "weet_niet", expect="startdatum"),
        say("1 december", "weet ik niet", expect=r"Stap 1 van"),
        NEXT, BRING,
        say("vorige", "vorige stap", expect=r"Stap 1 van"),
        say("opnieuw", expect=r"Stap 1 van"),
    )),
    Script("basics", 2, (
        say("hallo", "goeiedag", "dag", expect="Ik ben Wegwijzer"),
        say("wat kan je?", "waarmee kan je mij helpen?", expect="Ik help u"),
        say("ben jij een robot?", "praat ik met een computer?", expect="digitale assistent"),
        say("kan ik met iemand spreken?", "ik wil een medewerker spreken", expect="1700"),
        say("wat is het weer morgen?", "wie wint de Ronde van Vlaanderen?",
            expect="niet mee helpen|Daar kan ik"),
        say("bedankt", "merci", expect="Graag gedaan"),
        say("tot ziens", "daag", expect="Tot ziens"),
    )),
)

BARE_SCRIPTS = (
    Script("sad", 3, (
        say("hello", "hi", "hey there", expect="How are you"),
        say("I am sad", "very sad", "I am disappointed", expect="cheer you up"),
        say("yes", "of course", expect="carry on"),
        say("bye", "goodbye", expect="Bye"),
    )),
    Script("not_helped", 2, (
        say("good morning", "hello", expect="How are you"),
        say("I am unhappy", "extremely sad", expect="cheer you up"),
        say("no", "not really", expect="Bye"),
    )),
    Script("happy", 2, (
        say("hi", "hey", expect="How are you"),
        say("I am great", "perfect", "amazing", expect="carry on"),
        say("are you a bot?", "am I talking to a human?", expect="I am a bot"),
        say("bye", "see you later", expect="Bye"),
    )),
)

# ------------------------------------------------------------------------------------ process metrics


def listening_pids(port: int) -> set[int]:
    """Pids of the processes that hold a listening TCP socket on ``port`` (from /proc)."""
    inodes: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text().splitlines()[1:]:
                parts = line.split()
                if parts[3] == "0A" and int(parts[1].rsplit(":", 1)[1], 16) == port:
                    inodes.add(parts[9])
    pids: set[int] = set()
    if not inodes:
        return pids
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        with contextlib.suppress(OSError):
            for fd in os.listdir(f"/proc/{entry}/fd"):
                link = os.readlink(f"/proc/{entry}/fd/{fd}")
                if link.startswith("socket:[") and link[8:-1] in inodes:
                    pids.add(int(entry))
                    break
    return pids


def with_descendants(pids: set[int]) -> set[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                stat = Path(f"/proc/{entry}/stat").read_text()
                parents[int(entry)] = int(stat[stat.rindex(")") + 2:].split()[1])
    result, frontier = set(pids), set(pids)
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - result
        result |= frontier
    return result


def status_kib(pid: int, field: str) -> int:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def cpu_seconds(pid: int) -> float:
    with contextlib.suppress(OSError, ValueError):
        stat = Path(f"/proc/{pid}/stat").read_text()
        fields = stat[stat.rindex(")") + 2:].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return 0.0


def machine_busy_seconds() -> float:
    """CPU seconds all CPUs spent busy since boot (/proc/stat), to see what else ran during a window."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
        idle = fields[3] + fields[4]  # idle + iowait
        return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")
    return 0.0


@dataclasses.dataclass
class ServerProcess:
    """A server under test, identified by its listening port."""

    role: str
    port: int
    pids: set[int] = dataclasses.field(default_factory=set)
    cpu_start: float = 0.0
    cpu_end: float = 0.0
    rss_peak_sampled_kib: int = 0

    def resolve(self) -> None:
        self.pids = with_descendants(listening_pids(self.port))

    def rss_kib(self) -> int:
        return sum(status_kib(pid, "VmRSS") for pid in self.pids)

    def hwm_kib(self) -> int:
        return sum(status_kib(pid, "VmHWM") for pid in self.pids)

    def pss_kib(self) -> int:
        """Proportional set size: shared pages split between processes, so a sum over forked workers is fair."""
        total = 0
        for pid in self.pids:
            with contextlib.suppress(OSError, ValueError, IndexError):
                for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
        return total

    def cpu(self) -> float:
        return sum(cpu_seconds(pid) for pid in self.pids)

    def threads(self) -> int:
        return sum(status_kib(pid, "Threads") for pid in self.pids)


# ------------------------------------------------------------------------------------------ load loop


@dataclasses.dataclass
class Sample:
    started: float  # seconds since the start of the measured load
    latency: float  # seconds
    error: str | None
    off_script: bool
    kind: str
    script: str
    turn: int


class Load:
    """Runs closed-loop simulated users against one REST webhook."""

    def __init__(self, base_urls: list[str], scripts: tuple[Script, ...], args: argparse.Namespace,
                 label: str) -> None:
        # Several URLs (replicas) are used round-robin per message, like a load balancer without stickiness.
        self.urls = [base.rstrip("/") + "/webhooks/rest/webhook" for base in base_urls]
        self.next_url = 0
        self.scripts, self.args, self.label = scripts, args, label
        self.samples: list[Sample] = []  # requests started inside the measured window
        self.completions: list[float] = []  # monotonic times of every successful load request
        self.sent = 0  # every load request, ramp-up included (for --max-requests)
        self.conversations = 0
        self.run_id = uuid.uuid4().hex[:8]  # fresh sender ids on every run, also against a server that keeps state
        self.window_start = time.monotonic()
        self.deadline = self.window_start
        self.off_examples: dict[tuple[str, int], str] = {}

    def _stopping(self) -> bool:
        return time.monotonic() >= self.deadline or self.sent >= self.args.max_requests

    async def _post(self, session: aiohttp.ClientSession, sender: str, turn: Turn, text: str, script: str,
                    index: int) -> Sample:
        start = time.perf_counter()
        offset = time.monotonic() - self.window_start
        error, off_script = None, False
        try:
            url = self.urls[self.next_url % len(self.urls)]
            self.next_url += 1
            async with session.post(url, json={"sender": sender, "message": text}) as response:
                body = await response.read()
                latency = time.perf_counter() - start
                if response.status != 200:
                    error = f"http_{response.status}"
                else:
                    try:
                        replies = json.loads(body)
                    except ValueError:
                        error = "invalid_json"
                    else:
                        if not isinstance(replies, list) or not replies:
                            error = "empty"
                        elif turn.expect:
                            said = "\n".join(str(r.get("text", "")) for r in replies if isinstance(r, dict))
                            if not re.search(turn.expect, said):
                                off_script = True
                                self.off_examples.setdefault((script, index), f"{text!r} -> {said[:120]!r}")
        except asyncio.TimeoutError:
            latency, error = time.perf_counter() - start, "timeout"
        except (aiohttp.ClientError, OSError):
            latency, error = time.perf_counter() - start, "connection"
        return Sample(round(offset, 3), latency, error, off_script, turn.kind, script, index)

    async def _citizen(self, session: aiohttp.ClientSession, rng: random.Random, start_at: float) -> None:
        await asyncio.sleep(start_at)  # users join one by one during the ramp-up
        weights = [s.weight for s in self.scripts]
        while not self._stopping():
            script = rng.choices(self.scripts, weights)[0]
            sender = f"bench-{self.run_id}-{rng.getrandbits(64):016x}"
            self.conversations += 1
            for index, turn in enumerate(script.turns):
                if self._stopping():
                    return
                measured = time.monotonic() >= self.window_start
                self.sent += 1
                sample = await self._post(session, sender, turn, rng.choice(turn.says), script.name, index)
                if sample.error is None:
                    self.completions.append(time.monotonic())
                if measured:
                    self.samples.append(sample)
                if sample.error == "connection":
                    await asyncio.sleep(0.5)  # do not spin on a dead server
                await asyncio.sleep(rng.uniform(*self.args.think))

    async def warm_up(self) -> int:
        """One pass through every script and every phrasing, sequentially and not measured."""
        timeout = aiohttp.ClientTimeout(total=max(self.args.timeout, 120))
        problems = 0
        async with aiohttp.ClientSession(timeout=timeout) as session:
            for script in self.scripts:
                width = max(len(t.says) for t in script.turns)
                for variant in range(width):
                    sender = f"warmup-{uuid.uuid4().hex}"
                    for index, turn in enumerate(script.turns):
                        text = turn.says[variant % len(turn.says)]
                        sample = await self._post(session, sender, turn, text, script.name, index)
                        problems += bool(sample.error or sample.off_script)
        return problems

    async def run(self, servers: list[ServerProcess]) -> dict:
        users = self.args.users
        rngs = [random.Random(f"{self.args.seed}-{self.label}-{i}") for i in range(users)]
        connector = aiohttp.TCPConnector(limit=0, force_close=False)
        timeout = aiohttp.ClientTimeout(total=self.args.timeout)
        for server in servers:
            server.resolve()
        sampler_stop = asyncio.Event()

        async def sample_rss() -> None:
            while not sampler_stop.is_set():
                for server in servers:
                    server.rss_peak_sampled_kib = max(server.rss_peak_sampled_kib, server.rss_kib())
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(sampler_stop.wait(), 1.0)

        ramp = min(self.args.ramp, self.args.duration)
        started = time.monotonic()
        self.window_start = started + ramp
        self.deadline = self.window_start + self.args.duration
        starts = [ramp * i / users for i in range(users)]
        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
            citizens = asyncio.gather(*(self._citizen(session, rng, at) for rng, at in zip(rngs, starts)))
            await asyncio.sleep(max(0.0, self.window_start - time.monotonic()))
            for server in servers:  # CPU and memory are measured over the window only
                server.cpu_start = server.cpu()
            client_start = sum(os.times()[:2])
            machine_start = machine_busy_seconds()
            load_before = os.getloadavg()[0]
            sampler = asyncio.create_task(sample_rss())
            await asyncio.sleep(max(0.0, self.deadline - time.monotonic()))
            for server in servers:
                server.cpu_end = server.cpu()
            client_cpu = sum(os.times()[:2]) - client_start
            machine_cpu = machine_busy_seconds() - machine_start
            sampler_stop.set()
            await sampler
            await citizens  # requests in flight finish (bounded by --timeout); none are started any more
        result = self._summary(self.args.duration, client_cpu, servers)
        ours = client_cpu + sum(s.cpu_end - s.cpu_start for s in servers)
        result["machine"] = {
            "loadavg_1min_before": round(load_before, 2),
            "cpu_busy_pct_all_cores": round(100 * machine_cpu / self.args.duration / (os.cpu_count() or 1), 1),
            # CPU used by processes other than the servers under test and this client (should be near 0)
            "other_processes_cpu_pct_of_one_core": round(100 * max(0.0, machine_cpu - ours) / self.args.duration, 1),
        }
        return result

    def _summary(self, elapsed: float, client_cpu: float, servers: list[ServerProcess]) -> dict:
        ok = [s for s in self.samples if s.error is None]
        errors: dict[str, int] = {}
        for s in self.samples:
            if s.error:
                errors[s.error] = errors.get(s.error, 0) + 1
        by_kind = {}
        for kind in sorted({s.kind for s in ok}):
            lat = [s.latency for s in ok if s.kind == kind]
            by_kind[kind] = {"count": len(lat), "p50_ms": ms(percentile(lat, 50)), "p95_ms": ms(percentile(lat, 95))}
        latencies = [s.latency for s in ok]
        result = {
            "bot": self.label,
            "urls": self.urls,
            "requests": len(self.samples),
            "ok": len(ok),
            "errors": sum(errors.values()),
            "errors_by_kind": errors,
            "off_script": sum(s.off_script for s in ok),
            "off_script_examples": [f"{k[0]}#{k[1]}: {v}" for k, v in list(self.off_examples.items())[:5]],
            "conversations": self.conversations,
            "window_s": round(elapsed, 2),
            # successful replies received inside the window, whenever their request started
            "msgs_per_s": round(sum(self.window_start <= t <= self.deadline for t in self.completions) / elapsed, 2),
            "latency_ms": {
                "p50": ms(percentile(latencies, 50)), "p95": ms(percentile(latencies, 95)),
                "p99": ms(percentile(latencies, 99)),
                "mean": ms(sum(latencies) / len(latencies)) if latencies else None,
                "max": ms(max(latencies)) if latencies else None,
            },
            "latency_by_turn_kind": by_kind,
            "client_cpu_pct": round(100 * client_cpu / elapsed, 1) if elapsed else None,
            "servers": {},
        }
        for server in servers:
            cpu = server.cpu_end - server.cpu_start
            result["servers"][server.role] = {
                "port": server.port,
                "pids": sorted(server.pids),
                "rss_mib": round(server.rss_kib() / 1024, 1),
                "rss_peak_during_load_mib": round(server.rss_peak_sampled_kib / 1024, 1),
                "rss_hwm_mib": round(server.hwm_kib() / 1024, 1),
                "pss_mib": round(server.pss_kib() / 1024, 1),
                "processes": len(server.pids),
                "threads": server.threads(),
                "cpu_pct_of_one_core": round(100 * cpu / elapsed, 1) if elapsed else None,
                "cpu_ms_per_msg": round(1000 * cpu / len(ok), 2) if ok else None,
            }
        return result


def percentile(values: list[float], pct: float) -> float | None:
    """Linear-interpolated percentile (the same definition as numpy's default)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * pct / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds * 1000, 1)


# ---------------------------------------------------------------------------------------- the servers


def require_loopback(url: str) -> str:
    parsed = urlparse(url)
    if parsed.scheme != "http" or parsed.hostname not in LOOPBACK or not parsed.port:
        raise SystemExit(f"Refusing {url!r}: this benchmark only targets http://127.0.0.1:<port>.")
    return f"http://127.0.0.1:{parsed.port}"


def bare_model() -> Path | None:
    models = sorted((BARE_DIR / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    return models[-1] if models else None


def ensure_bare_bot(log: Path) -> Path:
    """The trained moodbot of `rasa init`, cached in build/bench/bare_bot (created on first use)."""
    model = bare_model()
    if model:
        return model
    rasa = str(Path(sys.executable).parent / "rasa")
    env = {**os.environ, **QUIET_ENV}
    with open(log, "w") as out:
        if not (BARE_DIR / "domain.yml").exists():
            print(f"Creating and training the bare `rasa init` bot in {BARE_DIR} (about a minute)...", flush=True)
            BARE_DIR.mkdir(parents=True, exist_ok=True)
            cmd = [rasa, "init", "--no-prompt", "--init-dir", str(BARE_DIR)]
        else:
            print(f"Training the bare bot in {BARE_DIR}...", flush=True)
            cmd = [rasa, "train"]
        subprocess.run(cmd, cwd=BARE_DIR, env=env, stdout=out, stderr=subprocess.STDOUT, check=False)
    model = bare_model()
    if not model:
        raise RuntimeError(f"Training the bare bot failed; see {log}:\n{log.read_text()[-2000:]}")
    return model


@contextlib.contextmanager
def running_bare_bot(tmp: Path) -> Iterator[tuple[str, int]]:
    from rasa_ext.serve import stop_processes, wait_until_up
    from devtools.servers import free_port

    model = ensure_bare_bot(tmp / "bare-train.log")
    port = free_port()
    rasa = str(Path(sys.executable).parent / "rasa")
    cmd = [rasa, "run", "--model", str(model), "--endpoints", str(BARE_DIR / "endpoints.yml"),
           "--credentials", str(BARE_DIR / "credentials.yml"), "--interface", "127.0.0.1", "--port", str(port)]
    log = open(tmp / "bare-rasa.log", "w")
    process = subprocess.Popen(cmd, cwd=BARE_DIR, env={**os.environ, **QUIET_ENV}, stdout=log,
                               stderr=subprocess.STDOUT, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        if not wait_until_up(base + "/", 400, process):
            raise RuntimeError((tmp / "bare-rasa.log").read_text()[-3000:])
        yield base, port
    finally:
        stop_processes([process])
        log.close()


LOG_PROBLEM = re.compile(r"\bERROR\b|\bCRITICAL\b|Traceback|database is locked|Falling back", re.IGNORECASE)


def log_problems(paths: list[Path], skip_before: dict[Path, int] | None = None) -> dict:
    """ERROR/Traceback lines the servers logged (from byte offset ``skip_before[path]`` on)."""
    count, examples = 0, []
    for path in paths:
        with contextlib.suppress(OSError):
            with open(path, "rb") as log:
                log.seek((skip_before or {}).get(path, 0))
                for line in log.read().decode("utf-8", "replace").splitlines():
                    if LOG_PROBLEM.search(line):
                        count += 1
                        if len(examples) < 5:
                            examples.append(f"{path.name}: {line.strip()[:200]}")
    return {"count": count, "examples": examples}


def wait_until_quiet(max_wait: float, label: str) -> bool:
    """Waits (at most ``max_wait`` s) until the machine has been idle, below 10% CPU, for two 5-second looks."""
    if max_wait <= 0:
        return True
    deadline, quiet_looks = time.monotonic() + max_wait, 0
    while time.monotonic() < deadline:
        before, start = machine_busy_seconds(), time.monotonic()
        time.sleep(5)
        busy = (machine_busy_seconds() - before) / (time.monotonic() - start) / (os.cpu_count() or 1)
        quiet_looks = quiet_looks + 1 if busy < 0.10 else 0
        if quiet_looks >= 2:
            return True
    print(f"[{label}] the machine did not become quiet within {max_wait:g} s; measuring anyway", flush=True)
    return False


def run_phase(label: str, base: str | list[str], scripts: tuple[Script, ...], servers: list[ServerProcess],
              args: argparse.Namespace, logs: list[Path] | None = None) -> dict:
    bases = [base] if isinstance(base, str) else base
    load = Load(bases, scripts, args, label)
    print(f"[{label}] warming up at {', '.join(bases)} ...", flush=True)
    problems = asyncio.run(load.warm_up())
    if problems:
        print(f"[{label}] warning: {problems} warm-up message(s) failed or went off-script", flush=True)
    print(f"[{label}] {args.users} users for {args.duration:g} s ...", flush=True)
    if args.wait_quiet > 0:
        print(f"[{label}] waiting (at most {args.wait_quiet:g} s) until other processes leave the CPUs alone ...",
              flush=True)
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
                out.write(f"{s.started},{s.latency * 1000:.1f},{s.error or ''},{int(s.off_script)},{s.kind},"
                          f"{s.script},{s.turn}\n")
        print(f"[{label}] raw samples written to {path}", flush=True)
    return result


# ------------------------------------------------------------------------------------------- reporting


def print_block(r: dict) -> None:
    lat = r["latency_ms"]
    errs = ", ".join(f"{k} {v}" for k, v in sorted(r["errors_by_kind"].items())) or "none"
    print(f"\n== {r['bot']}  ({', '.join(r['urls'])})")
    print(f"  messages     {r['requests']} sent, {r['ok']} ok, {r['errors']} errors ({errs}); "
          f"{r['off_script']} off-script replies; {r['conversations']} conversations")
    print(f"  latency ms   p50 {lat['p50']}  p95 {lat['p95']}  p99 {lat['p99']}  mean {lat['mean']}  max {lat['max']}")
    kinds = "; ".join(f"{k} ({v['count']}): p50 {v['p50_ms']} / p95 {v['p95_ms']}" for k, v in
                      r["latency_by_turn_kind"].items())
    print(f"  by turn      {kinds}")
    print(f"  throughput   {r['msgs_per_s']} msg/s over the {r['window_s']:g} s window")
    for role, s in r["servers"].items():
        print(f"  {role:<12} RSS {s['rss_mib']} MiB (peak during load {s['rss_peak_during_load_mib']}, "
              f"VmHWM {s['rss_hwm_mib']}; PSS {s['pss_mib']}); CPU {s['cpu_pct_of_one_core']}% of a core, "
              f"{s['cpu_ms_per_msg']} ms CPU/msg; {s['threads']} threads; pid {s['pids']}")
        if s["processes"] > 1:
            print(f"  {'':<12} ({s['processes']} processes: RSS is summed and counts shared pages twice; PSS does not)")
    replicas = [s for role, s in r["servers"].items() if role.startswith("rasa_server")]
    if len(replicas) > 1:
        print(f"  {'all rasa':<12} RSS {round(sum(s['rss_mib'] for s in replicas), 1)} MiB, "
              f"PSS {round(sum(s['pss_mib'] for s in replicas), 1)} MiB over {len(replicas)} replicas; "
              f"{round(sum(s['cpu_ms_per_msg'] or 0 for s in replicas), 2)} ms CPU/msg together")
    print(f"  load client  CPU {r['client_cpu_pct']}% of a core")
    if r.get("topology"):
        t = r["topology"]
        print(f"  topology     {t['rasa_replicas']} Rasa replica(s), {t['database']}, {t['lock_store']} lock store")
    m = r.get("machine", {})
    print(f"  machine      all {os.cpu_count()} cores {m.get('cpu_busy_pct_all_cores')}% busy; other processes "
          f"{m.get('other_processes_cpu_pct_of_one_core')}% of a core; "
          f"load average before {m.get('loadavg_1min_before')}")
    if (m.get("other_processes_cpu_pct_of_one_core") or 0) > 15:
        print("  WARNING      other processes used CPU during this window: the figures are not from a quiet machine")
    problems = r.get("server_log_problems")
    if problems is not None:
        print(f"  server logs  {problems['count']} ERROR/Traceback line(s) during the load")
        for example in problems["examples"]:
            print(f"               {example}")
    for example in r["off_script_examples"]:
        print(f"  off-script   {example}")


def compare(weg: dict, bare: dict | None) -> tuple[dict, list[dict]]:
    ratios: dict = {}
    if bare:
        p95w, p95b = weg["latency_ms"]["p95"], bare["latency_ms"]["p95"]
        ratios["p95_wegwijzer_over_bare"] = round(p95w / p95b, 2) if p95w and p95b else None
        ratios["msgs_per_s_wegwijzer_over_bare"] = (
            round(weg["msgs_per_s"] / bare["msgs_per_s"], 2) if bare["msgs_per_s"] else None)
    rasa_servers = [s for role, s in weg["servers"].items() if role.startswith("rasa_server")]
    rasa = rasa_servers[0] if rasa_servers else {}
    # The target is per Rasa server process (each replica is one); the largest replica counts.
    rss_bytes = max((max(s.get("rss_hwm_mib") or 0, s.get("rss_peak_during_load_mib") or 0)
                     for s in rasa_servers), default=0) * 1024 * 1024
    ratio = ratios.get("p95_wegwijzer_over_bare")
    errors_total = weg["errors"] + ((weg.get("server_log_problems") or {}).get("count") or 0)
    targets = [
        {"target": f"p95 <= {TARGET_P95_RATIO}x bare bot", "value": ratio,
         "result": "SKIP" if ratio is None else ("PASS" if ratio <= TARGET_P95_RATIO else "FAIL")},
        {"target": f">= {TARGET_MSGS_PER_S:g} messages/s", "value": weg["msgs_per_s"],
         "result": "PASS" if weg["msgs_per_s"] >= TARGET_MSGS_PER_S else "FAIL"},
        {"target": "Rasa server RSS <= 1.5 GB (peak, largest replica)", "value": f"{rss_bytes / 1e9:.2f} GB",
         "result": "SKIP" if not rasa else ("PASS" if rss_bytes <= TARGET_RSS_BYTES else "FAIL")},
        {"target": "0 errors (client-visible + server logs)", "value": errors_total,
         "result": "PASS" if errors_total <= TARGET_ERRORS else "FAIL"},
    ]
    return ratios, targets


def model_fingerprint(path: Path) -> dict:
    with contextlib.suppress(OSError):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        return {"path": str(path), "sha256_12": digest,
                "mtime": dt.datetime.fromtimestamp(path.stat().st_mtime).isoformat(timespec="seconds")}
    return {"path": str(path)}


def run_own_servers(tmp: Path, extra_env: dict[str, str], args: argparse.Namespace) -> dict:
    """Starts Wegwijzer as deployed (one action server, --replicas Rasa servers) and runs the load on it.

    Several replicas share the conversation stores and need Rasa's (our atomic) Redis lock store: a
    throw-away redis-server on loopback is started unless WEGWIJZER_REDIS_URL is given with --env.
    --database postgresql adds a throw-away PostgreSQL cluster (the production path), else SQLite.
    """
    from devtools.servers import running_replicas
    from devtools.services import missing_services, postgres_server, redis_server

    tmp.mkdir()
    needed = (["redis-server"] if args.replicas > 1 and "WEGWIJZER_REDIS_URL" not in extra_env else [])
    needed += ["postgresql"] if args.database == "postgresql" else []
    missing = [name for name in missing_services() if any(name.startswith(n) for n in needed)]
    if missing:
        raise SystemExit(f"{', '.join(missing)} not installed: run `make services` (as root), "
                         f"or use --replicas 1 --database sqlite.")
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
        print(f"[wegwijzer] starting the action server and {args.replicas} Rasa server(s) "
              f"({args.database}{', Redis lock store' if 'WEGWIJZER_REDIS_URL' in env else ''}) ...", flush=True)
        bases, settings = stack.enter_context(running_replicas(tmp, env, replicas=args.replicas))
        servers = [ServerProcess(rasa_role(i), urlparse(b).port) for i, b in enumerate(bases)]
        servers += [ServerProcess("action_server", settings.action_port), *extra_servers]
        result = run_phase("wegwijzer", bases, WEGWIJZER_SCRIPTS, servers, args, logs=sorted(tmp.glob("*.log")))
        result["model"] = model_fingerprint(settings.model_path)
        result["topology"] = {"rasa_replicas": args.replicas, "database": args.database,
                              "lock_store": "redis" if "WEGWIJZER_REDIS_URL" in env else "in-memory"}
        return result


def rasa_role(index: int) -> str:
    return "rasa_server" if index == 0 else f"rasa_server_{index + 1}"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--users", type=int, default=20, help="concurrent simulated citizens")
    parser.add_argument("--duration", type=float, default=60, help="seconds of load per bot (max 1800)")
    parser.add_argument("--ramp", type=float, default=5,
                        help="seconds over which the users join, before the measured window of --duration starts")
    parser.add_argument("--think", type=float, nargs=2, default=(0.2, 0.5), metavar=("MIN", "MAX"),
                        help="think time between two messages of one citizen, uniform in seconds")
    parser.add_argument("--max-requests", type=int, default=200_000, help="stop a phase after this many messages")
    parser.add_argument("--timeout", type=float, default=30, help="per-request timeout in seconds")
    parser.add_argument("--wait-quiet", type=float, default=0, metavar="MAX_S",
                        help="before each measured window, wait at most this long for the machine to be idle")
    parser.add_argument("--seed", default="wegwijzer", help="random seed (scripts, senders, think times)")
    parser.add_argument("--url", action="append",
                        help="use an already running Wegwijzer at this loopback URL (repeat for replicas: "
                             "messages go round-robin)")
    parser.add_argument("--actions-port", type=int, help="with --url: the action server's port, for RSS/CPU")
    parser.add_argument("--bare-url", help="use an already running bare bot at this loopback URL")
    parser.add_argument("--no-baseline", action="store_true", help="skip the bare `rasa init` bot")
    parser.add_argument("--only-baseline", action="store_true", help="run only the bare bot")
    parser.add_argument("--replicas", type=int, default=2,
                        help="Rasa server processes for Wegwijzer, as deployed (messages go round-robin, no "
                             "stickiness; more than one adds a loopback redis-server for the lock store)")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite",
                        help="conversation and application database for Wegwijzer (postgresql: a throw-away cluster)")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE",
                        help="extra environment for the Wegwijzer servers (repeatable)")
    parser.add_argument("--samples", metavar="CSV",
                        help="write every measured message to this CSV ('{bot}' is replaced by the bot's name)")
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
                bare = run_phase("bare rasa init", base, BARE_SCRIPTS,
                                 [ServerProcess("rasa_server", urlparse(base).port)], args)
            else:
                print("[bare rasa init] starting `rasa run` on the cached moodbot ...", flush=True)
                with running_bare_bot(tmp) as (base, port):
                    bare = run_phase("bare rasa init", base, BARE_SCRIPTS, [ServerProcess("rasa_server", port)], args,
                                     logs=[tmp / "bare-rasa.log"])
                    bare["model"] = model_fingerprint(bare_model())

    print(f"\nLoad: {args.users} users (joining over {args.ramp:g} s), think {args.think[0]:g}-{args.think[1]:g} s, "
          f"{args.duration:g} s measured per bot, "
          f"{os.cpu_count()} CPUs, {started_at}")
    for result in (weg, bare):
        if result:
            print_block(result)
    output = {"started_at": started_at, "cpus": os.cpu_count(), "users": args.users, "duration_s": args.duration,
              "think_s": list(args.think), "seed": args.seed, "wegwijzer": weg, "bare": bare}
    exit_code = 0
    if weg:
        ratios, targets = compare(weg, bare)
        print("\n== Wegwijzer vs bare bot")
        if ratios:
            print(f"  p95 ratio    {ratios['p95_wegwijzer_over_bare']}x   "
                  f"msgs/s ratio {ratios['msgs_per_s_wegwijzer_over_bare']}x")
        for t in targets:
            print(f"  {t['result']:<5} {t['target']:<36} ({t['value']})")
        output.update(ratios=ratios, targets=targets)
        exit_code = 0 if all(t["result"] != "FAIL" for t in targets) else 1
    if args.json:
        print(json.dumps(output, ensure_ascii=False))
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
