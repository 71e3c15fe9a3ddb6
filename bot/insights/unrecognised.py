"""Grouping the messages that were not understood: the same words (apart from case, punctuation,
numbers and redaction placeholders) count as one question for the designers' report."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from bot.insights.report_model import (
    UnrecognisedGroup,
)

_PLACEHOLDER_RE = re.compile(r"\[([A-Z][A-Z-]*)\]")

_NUMBER_RE = re.compile(r"\d+(?:[.,/:-]\d+)*")

_PUNCTUATION_RE = re.compile(r"[^\w\s#]")


def normalise_tokens(text: str) -> frozenset[str]:
    """The set of normalised words of a message: lower case, no accents or punctuation, numbers as ``#``.

    Placeholders such as ``[TELEFOON]`` become one token (``_telefoon_``).
    """
    text = _PLACEHOLDER_RE.sub(lambda match: f" _{match.group(1).lower().replace('-', '')}_ ", text)
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = _NUMBER_RE.sub(" # ", text)
    text = _PUNCTUATION_RE.sub(" ", text)
    return frozenset(text.split())


def group_unrecognised(rows: Iterable[Mapping[str, Any]], top: int = 25) -> tuple[UnrecognisedGroup, ...]:
    """Groups unrecognised messages with the same set of normalised words.

    Args:
        rows: mappings with ``conversation_id``, ``text_redacted`` and ``annotated_life_event``.
        top: number of groups to return, largest first.
    """
    groups: dict[frozenset[str], list[Mapping[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[normalise_tokens(row["text_redacted"])].append(row)
    result = []
    for members in groups.values():
        texts = Counter(" ".join(member["text_redacted"].split()) for member in members)
        example = min(texts, key=lambda text: (-texts[text], len(text), text))
        annotations = Counter(m["annotated_life_event"] for m in members if m["annotated_life_event"])
        result.append(
            UnrecognisedGroup(
                example=example,
                messages=len(members),
                conversations=len({member["conversation_id"] for member in members}),
                variants=len(texts),
                annotation=annotations.most_common(1)[0][0] if annotations else None,
            )
        )
    result.sort(key=lambda group: (-group.messages, group.example))
    return tuple(result[:top])
