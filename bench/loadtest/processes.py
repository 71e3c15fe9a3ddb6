"""Server processes found by their listening port, and their memory and CPU from /proc."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import time
from pathlib import Path


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
                parents[int(entry)] = int(stat[stat.rindex(")") + 2 :].split()[1])
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
        fields = stat[stat.rindex(")") + 2 :].split()
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
        """Proportional set size: shared pages split between processes, so a sum over forked workers
        is fair."""
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


def wait_until_quiet(max_wait: float, label: str) -> bool:
    """Waits (at most ``max_wait`` s) until the machine has been idle, below 10% CPU, for two
    5-second looks."""
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
