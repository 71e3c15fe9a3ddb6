"""Process counters for operators, rendered in the Prometheus text format (no message text)."""

from __future__ import annotations

import threading
from collections import defaultdict

LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    """Messages handled per channel and outcome, and how long they took."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.messages: dict[tuple[str, str], int] = defaultdict(int)
        self.buckets: dict[float, int] = defaultdict(int)
        self.latency_sum = 0.0
        self.latency_count = 0

    def observe(self, channel: str, outcome: str, seconds: float) -> None:
        with self._lock:
            self.messages[(channel, outcome)] += 1
            self.latency_sum += seconds
            self.latency_count += 1
            for bound in LATENCY_BUCKETS:
                if seconds <= bound:
                    self.buckets[bound] += 1

    def render(self, gauges: dict[str, tuple[str, float]]) -> str:
        """The counters plus ``gauges`` (name -> (help, value)) as Prometheus text."""
        lines = [
            "# HELP wegwijzer_messages_total Chat messages handled by this Rasa process.",
            "# TYPE wegwijzer_messages_total counter",
        ]
        with self._lock:
            for (channel, outcome), count in sorted(self.messages.items()):
                lines.append(f'wegwijzer_messages_total{{channel="{channel}",outcome="{outcome}"}} {count}')
            lines += [
                "# HELP wegwijzer_message_seconds Time to answer a chat message.",
                "# TYPE wegwijzer_message_seconds histogram",
            ]
            for bound in LATENCY_BUCKETS:
                lines.append(f'wegwijzer_message_seconds_bucket{{le="{bound}"}} {self.buckets[bound]}')
            lines.append(f'wegwijzer_message_seconds_bucket{{le="+Inf"}} {self.latency_count}')
            lines.append(f"wegwijzer_message_seconds_sum {self.latency_sum:.6f}")
            lines.append(f"wegwijzer_message_seconds_count {self.latency_count}")
        for name, (help_text, value) in sorted(gauges.items()):
            lines += [f"# HELP {name} {help_text}", f"# TYPE {name} gauge", f"{name} {value:g}"]
        return "\n".join(lines) + "\n"


METRICS = Metrics()
