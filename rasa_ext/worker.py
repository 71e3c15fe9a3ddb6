"""Background work that must run exactly once per deployment, whatever the number of Rasa
replicas: delivering new hand-off cases to the webhook (the outbox) and the daily retention purge.

``wegwijzer worker`` runs it as its own process (``wegwijzer serve`` starts one for development;
docs/deployment.md for production). It stops cleanly on SIGINT and SIGTERM.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from types import FrameType

from bot.handoff.outbox import WebhookConfig, deliver_pending
from bot.insights.retention import purge_old_conversations
from bot.settings import Settings

logger = logging.getLogger(__name__)
RETENTION_INTERVAL_SECONDS = 24 * 3600


class Worker:
    """Runs the outbox every ``outbox_interval_seconds`` and the purge once a day until stopped."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.stopping = threading.Event()
        self.deliveries = 0
        self.purges = 0

    def run_once(self, now: float, next_purge: float) -> float:
        """One round; returns when the next purge is due."""
        settings = self.settings
        if settings.handoff_webhook_url:
            try:
                deliver_pending(
                    settings.database_url,
                    WebhookConfig(settings.handoff_webhook_url, settings.handoff_webhook_secret),
                )
                self.deliveries += 1
            except Exception:  # the outbox keeps the work; try again next round
                logger.exception("Hand-off outbox delivery failed; will try again")
        if settings.retention_days > 0 and now >= next_purge:
            try:
                deleted = purge_old_conversations(
                    settings.database_url,
                    settings.retention_days,
                    analysis_days=max(settings.retention_days, settings.analysis_retention_days),
                )
                self.purges += 1
                logger.info(
                    "Retention: deleted %s conversation record(s) older than %s days",
                    deleted,
                    settings.retention_days,
                )
                return now + RETENTION_INTERVAL_SECONDS
            except Exception:
                logger.exception("Retention purge failed; will try again")
        return next_purge

    def run(self) -> int:
        next_purge = time.monotonic()
        logger.info(
            "Wegwijzer worker started (outbox %s, retention %s days)",
            "on" if self.settings.handoff_webhook_url else "off",
            self.settings.retention_days,
        )
        while not self.stopping.is_set():
            next_purge = self.run_once(time.monotonic(), next_purge)
            self.stopping.wait(self.settings.outbox_interval_seconds)
        logger.info("Wegwijzer worker stopped")
        return 0

    def stop(self, _signum: int | None = None, _frame: FrameType | None = None) -> None:
        self.stopping.set()


def run_worker(settings: Settings) -> int:
    """The ``wegwijzer worker`` command: runs until SIGINT or SIGTERM, then exits with 0."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    worker = Worker(settings)
    signal.signal(signal.SIGTERM, worker.stop)
    signal.signal(signal.SIGINT, worker.stop)
    return worker.run()
