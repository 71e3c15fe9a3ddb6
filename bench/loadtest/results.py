"""Reading the figures: server log problems, the printed block, the comparison with the bare bot."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
from pathlib import Path

from loadtest.common import TARGET_ERRORS, TARGET_MSGS_PER_S, TARGET_P95_RATIO, TARGET_RSS_BYTES

LOG_PROBLEM = re.compile(r"\bERROR\b|\bCRITICAL\b|Traceback|database is locked|Falling back", re.IGNORECASE)


def log_problems(paths: list[Path], skip_before: dict[Path, int] | None = None) -> dict:
    """ERROR/Traceback lines the servers logged (from byte offset ``skip_before[path]`` on)."""
    count, examples = 0, []
    for path in paths:
        with contextlib.suppress(OSError), open(path, "rb") as log:
            log.seek((skip_before or {}).get(path, 0))
            for line in log.read().decode("utf-8", "replace").splitlines():
                if LOG_PROBLEM.search(line):
                    count += 1
                    if len(examples) < 5:
                        examples.append(f"{path.name}: {line.strip()[:200]}")
    return {"count": count, "examples": examples}


def print_block(r: dict) -> None:
    lat = r["latency_ms"]
    errs = ", ".join(f"{k} {v}" for k, v in sorted(r["errors_by_kind"].items())) or "none"
    print(f"\n== {r['bot']}  ({', '.join(r['urls'])})")
    print(
        f"  messages     {r['requests']} sent, {r['ok']} ok, {r['errors']} errors ({errs}); "
        f"{r['off_script']} off-script replies; {r['conversations']} conversations"
    )
    print(
        f"  latency ms   p50 {lat['p50']}  p95 {lat['p95']}  p99 {lat['p99']}  "
        f"mean {lat['mean']}  max {lat['max']}"
    )
    kinds = "; ".join(
        f"{k} ({v['count']}): p50 {v['p50_ms']} / p95 {v['p95_ms']}"
        for k, v in r["latency_by_turn_kind"].items()
    )
    print(f"  by turn      {kinds}")
    print(f"  throughput   {r['msgs_per_s']} msg/s over the {r['window_s']:g} s window")
    for role, s in r["servers"].items():
        print(
            f"  {role:<12} RSS {s['rss_mib']} MiB (peak during load {s['rss_peak_during_load_mib']}, "
            f"VmHWM {s['rss_hwm_mib']}; PSS {s['pss_mib']}); CPU {s['cpu_pct_of_one_core']}% of a core, "
            f"{s['cpu_ms_per_msg']} ms CPU/msg; {s['threads']} threads; pid {s['pids']}"
        )
        if s["processes"] > 1:
            print(
                f"  {'':<12} ({s['processes']} processes: RSS is summed and counts shared pages twice; "
                "PSS does not)"
            )
    replicas = [s for role, s in r["servers"].items() if role.startswith("rasa_server")]
    if len(replicas) > 1:
        print(
            f"  {'all rasa':<12} RSS {round(sum(s['rss_mib'] for s in replicas), 1)} MiB, "
            f"PSS {round(sum(s['pss_mib'] for s in replicas), 1)} MiB over {len(replicas)} replicas; "
            f"{round(sum(s['cpu_ms_per_msg'] or 0 for s in replicas), 2)} ms CPU/msg together"
        )
    print(f"  load client  CPU {r['client_cpu_pct']}% of a core")
    if r.get("topology"):
        t = r["topology"]
        print(
            f"  topology     {t['rasa_replicas']} Rasa replica(s), {t['database']}, "
            f"{t['lock_store']} lock store"
        )
    m = r.get("machine", {})
    print(
        f"  machine      all {os.cpu_count()} cores {m.get('cpu_busy_pct_all_cores')}% busy; other processes "
        f"{m.get('other_processes_cpu_pct_of_one_core')}% of a core; "
        f"load average before {m.get('loadavg_1min_before')}"
    )
    if (m.get("other_processes_cpu_pct_of_one_core") or 0) > 15:
        print(
            "  WARNING      other processes used CPU during this window: "
            "the figures are not from a quiet machine"
        )
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
            round(weg["msgs_per_s"] / bare["msgs_per_s"], 2) if bare["msgs_per_s"] else None
        )
    rasa_servers = [s for role, s in weg["servers"].items() if role.startswith("rasa_server")]
    rasa = rasa_servers[0] if rasa_servers else {}
    # The target is per Rasa server process (each replica is one); the largest replica counts.
    rss_bytes = (
        max(
            (max(s.get("rss_hwm_mib") or 0, s.get("rss_peak_during_load_mib") or 0) for s in rasa_servers),
            default=0,
        )
        * 1024
        * 1024
    )
    ratio = ratios.get("p95_wegwijzer_over_bare")
    errors_total = weg["errors"] + ((weg.get("server_log_problems") or {}).get("count") or 0)
    targets = [
        {
            "target": f"p95 <= {TARGET_P95_RATIO}x bare bot",
            "value": ratio,
            "result": "SKIP" if ratio is None else ("PASS" if ratio <= TARGET_P95_RATIO else "FAIL"),
        },
        {
            "target": f">= {TARGET_MSGS_PER_S:g} messages/s",
            "value": weg["msgs_per_s"],
            "result": "PASS" if weg["msgs_per_s"] >= TARGET_MSGS_PER_S else "FAIL",
        },
        {
            "target": "Rasa server RSS <= 1.5 GB (peak, largest replica)",
            "value": f"{rss_bytes / 1e9:.2f} GB",
            "result": "SKIP" if not rasa else ("PASS" if rss_bytes <= TARGET_RSS_BYTES else "FAIL"),
        },
        {
            "target": "0 errors (client-visible + server logs)",
            "value": errors_total,
            "result": "PASS" if errors_total <= TARGET_ERRORS else "FAIL",
        },
    ]
    return ratios, targets


def model_fingerprint(path: Path) -> dict:
    with contextlib.suppress(OSError):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        return {
            "path": str(path),
            "sha256_12": digest,
            "mtime": dt.datetime.fromtimestamp(path.stat().st_mtime).isoformat(timespec="seconds"),
        }
    return {"path": str(path)}
