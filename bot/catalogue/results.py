"""What a catalogue import reports, and its one error type.

Part of the domain core: it must not import rasa.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class CatalogueError(Exception):
    """A clear, user-facing problem with a catalogue import (never a raw traceback).

    ``report`` holds what was imported before the problem (pages are committed one by one).
    """

    def __init__(self, message: str, report: ImportReport | None = None) -> None:
        super().__init__(message)
        self.report = report


@dataclass
class ImportReport:
    source: str
    pages: list[str] = field(default_factory=list)
    members: int = 0
    created: int = 0
    updated: int = 0
    withdrawn: int = 0
    unchanged: int = 0
    older: int = 0
    skipped: int = 0
    truncated: bool = False
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = (
            f"Imported {len(self.pages)} page(s) from {self.source}: {self.members} snapshot(s); "
            f"{self.created} new, {self.updated} updated, {self.withdrawn} withdrawn, "
            f"{self.unchanged} unchanged, {self.older} older (ignored), {self.skipped} skipped."
        )
        if self.truncated:
            text += " Stopped at the page limit; more pages exist."
        return text
