"""The watch on every cited source: fetch each page politely, remember what it looked like, and say
per step whether it is unreachable, gone, moved, changed since a person last confirmed it, or
unchanged.

"Changed" compares a SHA-256 of the page's main text (scripts, styles, navigation, header and
footer left out; whitespace collapsed), so a new cookie banner or a re-rendered menu does not count.
A conditional request (ETag / Last-Modified) that answers 304 keeps the previous hash.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import requests
import yaml

from bot.knowledge.source_records import SourceCheckRecord, SourceConfirmationRecord, utcnow

USER_AGENT = "Wegwijzer-source-watch/1.0 (checks the pages its knowledge base cites)"
SKIPPED_TAGS = {"script", "style", "nav", "header", "footer", "noscript", "template", "svg", "form"}
STATUSES = ("gone", "unreachable", "moved", "changed", "unconfirmed", "unchanged")
"""Most urgent first: the order of the editors' report."""


@dataclass(frozen=True)
class CitedSource:
    """One step or right and the page it cites."""

    event_id: str
    kind: str
    item_id: str
    title: str
    url: str
    file: Path


def cited_sources(directory: Path) -> list[CitedSource]:
    """Every step and right of the knowledge base with its ``source_url``."""
    found = []
    for file in sorted(directory.glob("*.yml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        for kind in ("steps", "rights"):
            for item in data.get(kind) or []:
                found.append(
                    CitedSource(
                        str(data.get("id")),
                        kind[:-1],
                        str(item["id"]),
                        str(item.get("title", "")),
                        str(item["source_url"]),
                        file,
                    )
                )
    return found


class _MainText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipping = 0
        self.parts: list[str] = []
        self.main_parts: list[str] | None = None
        self.in_main = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED_TAGS:
            self.skipping += 1
        elif tag == "main":
            self.in_main += 1
            if self.main_parts is None:
                self.main_parts = []

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS and self.skipping:
            self.skipping -= 1
        elif tag == "main" and self.in_main:
            self.in_main -= 1

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        self.parts.append(data)
        if self.in_main and self.main_parts is not None:
            self.main_parts.append(data)


def main_text(html: str) -> str:
    """The readable text of a page: inside ``<main>`` when there is one, without page furniture."""
    parser = _MainText()
    parser.feed(html)
    parts = parser.main_parts if parser.main_parts else parser.parts
    return " ".join(" ".join(parts).split())


def text_hash(html: str) -> str:
    return hashlib.sha256(main_text(html).encode("utf-8")).hexdigest()


class PoliteFetcher:
    """GETs pages with a timeout, at most one request per host every ``delay`` seconds."""

    def __init__(
        self,
        session: requests.Session | None = None,
        delay: float = 1.0,
        timeout: float = 15.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.session = session or requests.Session()
        self.session.headers.setdefault("User-Agent", USER_AGENT)
        self.delay, self.timeout, self.clock, self.sleep = delay, timeout, clock, sleep
        self.last_by_host: dict[str, float] = {}

    def get(self, url: str, headers: dict[str, str]) -> requests.Response:
        host = urlparse(url).hostname or ""
        wait = self.last_by_host.get(host, -1e9) + self.delay - self.clock()
        if wait > 0:
            self.sleep(wait)
        self.last_by_host[host] = self.clock()
        return self.session.get(url, headers=headers, timeout=self.timeout, allow_redirects=True)


def check_url(url: str, previous: SourceCheckRecord | None, fetcher: PoliteFetcher) -> SourceCheckRecord:
    """Fetches one page; the record says what was seen (status ``ok``, ``moved``, ``gone`` or
    ``unreachable``; whether the text changed is decided against the confirmation)."""
    headers = {}
    if previous is not None and previous.content_hash:
        if previous.etag:
            headers["If-None-Match"] = previous.etag
        if previous.last_modified:
            headers["If-Modified-Since"] = previous.last_modified
    record = SourceCheckRecord(url=url, checked_at=utcnow())
    try:
        response = fetcher.get(url, headers)
    except requests.RequestException as error:
        record.status, record.error = "unreachable", f"{type(error).__name__}: {error}"[:300]
        if previous is not None:
            record.content_hash = previous.content_hash
        return record
    record.http_status = response.status_code
    record.etag = response.headers.get("ETag")
    record.last_modified = response.headers.get("Last-Modified")
    moved = any(r.status_code in (301, 308) for r in response.history) and response.url != url
    record.final_url = response.url if response.url != url else None
    if response.status_code == 304 and previous is not None:
        record.status, record.content_hash = "ok", previous.content_hash
        record.etag = record.etag or previous.etag
        record.last_modified = record.last_modified or previous.last_modified
    elif response.status_code in (404, 410):
        record.status = "gone"
    elif response.status_code >= 400:
        record.status, record.error = "unreachable", f"HTTP {response.status_code}"
    else:
        record.status = "moved" if moved else "ok"
        record.content_hash = text_hash(response.text)
    return record


def item_status(
    check: SourceCheckRecord | None, confirmation: SourceConfirmationRecord | None, url: str
) -> str:
    """One of :data:`STATUSES` for a step or right."""
    if check is None or check.status == "unreachable":
        return "unreachable"
    if check.status in ("gone", "moved"):
        return check.status
    if confirmation is None or confirmation.url != url:
        return "unconfirmed"
    return "unchanged" if confirmation.content_hash == check.content_hash else "changed"


def check_all(
    urls: Iterable[str], previous: dict[str, SourceCheckRecord], fetcher: PoliteFetcher
) -> list[SourceCheckRecord]:
    """Checks every distinct URL once."""
    return [check_url(url, previous.get(url), fetcher) for url in sorted(set(urls))]
