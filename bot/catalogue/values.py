"""Plain values from catalogue fields: government levels, dates, HTML as text.

Part of the domain core: it must not import rasa.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from typing import Any

from bot.catalogue.vocabulary import _LEVEL_ALIASES


def map_level(value: str | None) -> str | None:
    """IPDC competent/executing authority level (IRI, code or label) -> one of :data:`LEVELS`."""
    if not value or not isinstance(value, str):
        return None
    code = re.split(r"[/#]", value.strip().rstrip("/"))[-1]
    return _LEVEL_ALIASES.get(code.strip().lower()) or _LEVEL_ALIASES.get(value.strip().lower())


_DATETIME_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$"
)


def parse_datetime(value: Any) -> dt.datetime | None:
    """xsd:dateTime (also with nanoseconds and ``Z``) -> naive UTC datetime, or ``None``."""
    if not isinstance(value, str):
        return None
    match = _DATETIME_RE.match(value.strip())
    if not match:
        return None
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    try:
        moment = dt.datetime(
            int(year),
            int(month),
            int(day),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            int((fraction or "0")[:6].ljust(6, "0")),
        )
    except ValueError:
        return None
    if zone and zone != "Z":
        sign = 1 if zone[0] == "+" else -1
        digits = zone[1:].replace(":", "")
        moment -= sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return moment


class _HtmlText(HTMLParser):
    _BLOCKS = {"p", "div", "br", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._href: str | None = None
        self._link_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._BLOCKS:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("- ")
        if tag == "a":
            self._href = dict(attrs).get("href")
            self._link_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            text = "".join(self._link_text)
            if self._href and self._href.startswith(("http://", "https://")) and self._href not in text:
                self.parts.append(f" ({self._href})")
            self._href = None
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
        if self._href is not None:
            self._link_text.append(data)


def html_to_text(value: str | None) -> str | None:
    """IPDC descriptions are HTML fragments; the bot shows plain text."""
    if value is None:
        return None
    if "<" not in value and "&" not in value:
        text = value
    else:
        parser = _HtmlText()
        parser.feed(value)
        parser.close()
        text = "".join(parser.parts)
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n")]
    result = "\n".join(line for line in lines if line and line != "-")
    return result or None
