"""The simulated users: closed loops that type, wait for the answer and think, and their figures."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import json
import os
import random
import re
import time
import uuid

import aiohttp

from loadtest.processes import ServerProcess, machine_busy_seconds
from loadtest.scripts import Script, Turn


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

    def __init__(
        self, base_urls: list[str], scripts: tuple[Script, ...], args: argparse.Namespace, label: str
    ) -> None:
        # Several URLs (replicas) are used round-robin per message, like a load balancer without stickiness.
        self.urls = [base.rstrip("/") + "/webhooks/rest/webhook" for base in base_urls]
        self.next_url = 0
        self.scripts, self.args, self.label = scripts, args, label
        self.samples: list[Sample] = []  # requests started inside the measured window
        self.completions: list[float] = []  # monotonic times of every successful load request
        self.sent = 0  # every load request, ramp-up included (for --max-requests)
        self.conversations = 0
        self.run_id = uuid.uuid4().hex[
            :8
        ]  # fresh sender ids on every run, also against a server that keeps state
        self.window_start = time.monotonic()
        self.deadline = self.window_start
        self.off_examples: dict[tuple[str, int], str] = {}

    def _stopping(self) -> bool:
        return time.monotonic() >= self.deadline or self.sent >= self.args.max_requests

    async def _post(
        self, session: aiohttp.ClientSession, sender: str, turn: Turn, text: str, script: str, index: int
    ) -> Sample:
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
            "cpu_busy_pct_all_cores": round(
                100 * machine_cpu / self.args.duration / (os.cpu_count() or 1), 1
            ),
            # CPU used by processes other than the servers under test and this client (should be near 0)
            "other_processes_cpu_pct_of_one_core": round(
                100 * max(0.0, machine_cpu - ours) / self.args.duration, 1
            ),
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
            by_kind[kind] = {
                "count": len(lat),
                "p50_ms": ms(percentile(lat, 50)),
                "p95_ms": ms(percentile(lat, 95)),
            }
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
            "msgs_per_s": round(
                sum(self.window_start <= t <= self.deadline for t in self.completions) / elapsed, 2
            ),
            "latency_ms": {
                "p50": ms(percentile(latencies, 50)),
                "p95": ms(percentile(latencies, 95)),
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
