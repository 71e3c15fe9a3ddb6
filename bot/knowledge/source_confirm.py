"""A person confirms that a step or right still matches its source: the only way ``checked_on`` is
written. The confirmation records the hash of the page as last fetched, so the next
``wegwijzer sources check`` can tell whether the page changed since."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from bot.knowledge.source_records import SourceConfirmationRecord, last_checks, save_confirmation
from bot.knowledge.source_watch import cited_sources
from bot.knowledge.yaml_lines import load_with_lines


class ConfirmError(ValueError):
    """Why a confirmation cannot be recorded (shown to the editor as is)."""


def confirm(
    directory: Path, event_id: str, item_id: str, person: str, today: dt.date, database_url: str
) -> Path:
    """Records the confirmation and writes ``checked_on: today`` to the item; returns the file."""
    if not person.strip():
        raise ConfirmError("Say who confirms (--by NAME): a confirmation is a person's statement.")
    matches = [s for s in cited_sources(directory) if s.event_id == event_id and s.item_id == item_id]
    if not matches:
        raise ConfirmError(f"No step or right {item_id!r} in life event {event_id!r}.")
    source = matches[0]
    check = last_checks(database_url).get(source.url)
    if check is None or not check.content_hash:
        raise ConfirmError(f"{source.url} was not fetched yet: run `wegwijzer sources check` first.")
    if check.status != "ok":
        raise ConfirmError(
            f"{source.url} was {check.status} at the last check: fix the source before confirming it."
        )
    write_checked_on(source.file, source.kind + "s", item_id, today)
    save_confirmation(
        database_url,
        SourceConfirmationRecord(
            event_id=event_id,
            item_id=item_id,
            url=source.url,
            content_hash=check.content_hash,
            confirmed_by=person.strip()[:100],
            confirmed_on=today,
        ),
    )
    return source.file


def write_checked_on(file: Path, key: str, item_id: str, day: dt.date) -> None:
    """Sets ``checked_on`` of one item in place, keeping every other line (and comment) as it is."""
    data, lines = load_with_lines(file)
    items = data.get(key) or []
    index = next(i for i, item in enumerate(items) if item.get("id") == item_id)
    text = file.read_text(encoding="utf-8").split("\n")
    source_line = lines[(key, index, "source_url")] - 1
    indent = re.match(r"\s*", text[source_line]).group(0)  # type: ignore[union-attr]
    entry = f"{indent}checked_on: {day.isoformat()}"
    existing = lines.get((key, index, "checked_on"))
    if existing is not None:
        text[existing - 1] = entry
    else:
        text.insert(source_line + 1, entry)
    file.write_text("\n".join(text), encoding="utf-8")
