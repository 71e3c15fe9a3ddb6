"""Reading one service snapshot out of an expanded JSON-LD page, by IRI.

Part of the domain core: it must not import rasa.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.catalogue import linked_data as jsonld
from bot.catalogue.values import html_to_text, map_level, parse_datetime
from bot.catalogue.vocabulary import (
    CONCEPT_TYPES,
    DELETE_TYPES,
    INSTANCE_TYPES,
    P_ADDRESS,
    P_BOX_NUMBER,
    P_COMPETENT_LEVEL,
    P_CONTACT_POINT,
    P_COST,
    P_COUNTRY,
    P_DESCRIPTION,
    P_EMAIL,
    P_EVIDENCE,
    P_EXECUTING_LEVEL,
    P_GENERATED_AT,
    P_HOUSE_NUMBER,
    P_IS_ARCHIVED,
    P_IS_VERSION_OF,
    P_LDES_DELETE_OBJECT,
    P_LDES_DELETE_PATH,
    P_LDES_TIMESTAMP_PATH,
    P_LDES_VERSION_OF_PATH,
    P_MUNICIPALITY,
    P_ORDER,
    P_POSTCODE,
    P_PROCEDURE,
    P_PROCEDURE_WEBSITES,
    P_PRODUCT_ID,
    P_REQUIREMENT,
    P_SNAPSHOT_TYPE,
    P_STREET,
    P_TARGET_AUDIENCE,
    P_TELEPHONE,
    P_THEME,
    P_TITLE,
    P_TYPE,
    P_URL,
    P_WEBSITES,
    RDF_TYPE,
    SNAPSHOT_TYPE_DELETE,
)

_DUTCH_ORDER = (
    "nl",
    "nl-be",
    "nl-be-x-formal",
    "nl-be-x-generated-formal",
    "nl-be-x-informal",
    "nl-be-x-generated-informal",
)


def _dutch_rank(language: str | None) -> int | None:
    if language is None:
        return 50
    language = language.lower()
    if language in _DUTCH_ORDER:
        return _DUTCH_ORDER.index(language)
    if language == "nl" or language.startswith("nl-"):
        return 10
    return None


def _text_nl(node: Mapping[str, Any], iri: str | Sequence[str], *, any_language: bool = False) -> str | None:
    """The Dutch text of a property: ``nl`` first, then formal, then informal Flemish variants.

    Untagged strings count as Dutch (lowest rank); other languages only with ``any_language``.
    """
    best: tuple[int, str] | None = None
    fallback: str | None = None
    for value in jsonld.values(node, iri):
        if not isinstance(value, dict) or "@value" not in value or not isinstance(value["@value"], str):
            continue
        text = value["@value"].strip()
        if not text:
            continue
        rank = _dutch_rank(value.get("@language"))
        if rank is None:
            fallback = fallback or text
            continue
        if best is None or rank < best[0]:
            best = (rank, text)
    if best is not None:
        return best[1]
    return fallback if any_language else None


def _strings(node: Mapping[str, Any], iri: str | Sequence[str]) -> list[str]:
    """Literal values (or IRIs) of a property as strings, in document order, without duplicates."""
    result: list[str] = []
    for value in jsonld.values(node, iri):
        if isinstance(value, dict):
            raw = value.get("@value", value.get("@id") if set(value) <= {"@id"} else None)
        else:
            raw = None
        if isinstance(raw, bool) or raw is None:
            continue
        text = str(raw).strip()
        if text and text not in result:
            result.append(text)
    return result


def _ids(node: Mapping[str, Any], iri: str | Sequence[str]) -> list[str]:
    result: list[str] = []
    for value in jsonld.values(node, iri):
        raw = None
        if isinstance(value, dict):
            raw = value.get("@id") if "@id" in value else value.get("@value")
        if isinstance(raw, str) and raw and raw not in result:
            result.append(raw)
    return result


def _truthy(node: Mapping[str, Any], iri: str) -> bool:
    for value in jsonld.values(node, iri):
        raw = value.get("@value") if isinstance(value, dict) else None
        if raw is True or (isinstance(raw, str) and raw.strip().lower() in ("true", "1")):
            return True
    return False


def _code(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/"))[-1]


class _Index:
    """Resolves ``{"@id": ...}`` references to node objects described elsewhere on the page."""

    def __init__(self, expanded: list[dict[str, Any]]) -> None:
        self.by_id: dict[str, dict[str, Any]] = {}
        for node in jsonld.iter_nodes(expanded):
            node_id = node.get("@id")
            if isinstance(node_id, str) and set(node) - {"@id"}:
                existing = self.by_id.get(node_id)
                if existing is None or len(node) > len(existing):
                    self.by_id[node_id] = node

    def nodes(self, node: Mapping[str, Any], iri: str | Sequence[str]) -> list[dict[str, Any]]:
        result = []
        for value in jsonld.values(node, iri):
            if not isinstance(value, dict) or "@value" in value:
                continue
            if set(value) <= {"@id"} and value.get("@id") in self.by_id:
                value = self.by_id[value["@id"]]
            result.append(value)
        return result

    def ordered(self, node: Mapping[str, Any], iri: str | Sequence[str]) -> list[dict[str, Any]]:
        items = self.nodes(node, iri)

        def order(item: tuple[int, dict[str, Any]]) -> tuple[float, int]:
            raw = _strings(item[1], P_ORDER)
            try:
                return (float(raw[0]), item[0]) if raw else (float("inf"), item[0])
            except ValueError:
                return (float("inf"), item[0])

        return [item for _, item in sorted(enumerate(items), key=order)]


@dataclass
class _Paths:
    timestamp: list[str]
    version_of: list[str]
    delete_types: set[str]


@dataclass
class _Snapshot:
    ipdc_id: str
    snapshot_id: str | None
    generated_at: dt.datetime
    withdrawn: bool
    has_content: bool
    content: dict[str, Any]


def _titled_block(title: str | None, description: str | None) -> str | None:
    """A title on its own line, the (plain text) description below it."""
    if title and description and not description.startswith(title):
        return f"{title}\n{description}"
    return description or title


def _joined_blocks(blocks: list[list[str | None]]) -> str | None:
    """Blocks of lines as text: lines joined by newlines, non-empty blocks by a blank line."""
    texts = ["\n".join(line for line in lines if line) for lines in blocks]
    return "\n\n".join(text for text in texts if text) or None


def _requirements_text(index: _Index, node: Mapping[str, Any]) -> str | None:
    blocks = []
    for requirement in index.ordered(node, P_REQUIREMENT):
        lines = [
            _titled_block(_text_nl(requirement, P_TITLE), html_to_text(_text_nl(requirement, P_DESCRIPTION)))
        ]
        for evidence in index.nodes(requirement, P_EVIDENCE):
            evidence_title = _text_nl(evidence, P_TITLE)
            if evidence_title and evidence_title.strip().lower() in ("bewijs", "bewijsstukken"):
                evidence_title = None
            evidence_text = _titled_block(evidence_title, html_to_text(_text_nl(evidence, P_DESCRIPTION)))
            if evidence_text:
                lines.append(f"Bewijs: {evidence_text}")
        blocks.append(lines)
    return _joined_blocks(blocks)


def _website(index: _Index, node: Mapping[str, Any]) -> dict[str, str | None] | None:
    urls = _strings(node, P_URL)
    if (
        not urls
        and isinstance(node.get("@id"), str)
        and node["@id"].startswith(("http://", "https://"))
        and len(node) == 1
    ):
        urls = [node["@id"]]
    if not urls:
        return None
    return {"url": urls[0], "title": _text_nl(node, P_TITLE)}


def _procedures_text(index: _Index, node: Mapping[str, Any]) -> str | None:
    blocks = []
    for procedure in index.ordered(node, P_PROCEDURE):
        lines = [
            _titled_block(_text_nl(procedure, P_TITLE), html_to_text(_text_nl(procedure, P_DESCRIPTION)))
        ]
        for website_node in index.ordered(procedure, P_PROCEDURE_WEBSITES):
            website = _website(index, website_node)
            if website:
                label = f"{website['title']}: " if website["title"] else ""
                lines.append(f"Website: {label}{website['url']}")
        blocks.append(lines)
    return _joined_blocks(blocks)


def _costs_text(index: _Index, node: Mapping[str, Any]) -> str | None:
    blocks = [
        _titled_block(_text_nl(cost, P_TITLE), html_to_text(_text_nl(cost, P_DESCRIPTION)))
        for cost in index.ordered(node, P_COST)
    ]
    return "\n\n".join(block for block in blocks if block) or None


def _address_text(address: Mapping[str, Any]) -> str | None:
    street = _text_nl(address, P_STREET, any_language=True)
    number = next(iter(_strings(address, P_HOUSE_NUMBER)), None)
    box = next(iter(_strings(address, P_BOX_NUMBER)), None)
    postcode = next(iter(_strings(address, P_POSTCODE)), None)
    municipality = _text_nl(address, P_MUNICIPALITY, any_language=True)
    country = _text_nl(address, P_COUNTRY, any_language=True)
    line1 = " ".join(part for part in (street, number) if part)
    if box:
        line1 = f"{line1} bus {box}".strip()
    line2 = " ".join(part for part in (postcode, municipality) if part)
    parts = [part for part in (line1, line2) if part]
    if country and country.strip().lower() not in ("belgië", "belgie", "belgium", "belgique", "belgien"):
        parts.append(country)
    return ", ".join(parts) or None


def _levels(node: Mapping[str, Any], iri: str, warnings: list[str], label: str) -> str | None:
    levels: list[str] = []
    for value in _ids(node, iri):
        level = map_level(value)
        if level is None:
            warnings.append(f"{label}: unknown authority level {value!r} ignored")
        elif level not in levels:
            levels.append(level)
    return ",".join(levels) or None


def _kind(types: Iterable[str]) -> str | None:
    types = set(types)
    if types & CONCEPT_TYPES:
        return "concept"
    if types & INSTANCE_TYPES:
        return "instance"
    return None


def _looks_like_snapshot(node: Mapping[str, Any], paths: _Paths) -> bool:
    types = set(jsonld.node_types(node))
    if types & (CONCEPT_TYPES | INSTANCE_TYPES | DELETE_TYPES | paths.delete_types):
        return True
    return any(node.get(iri) for iri in (*paths.version_of, *paths.timestamp, P_TITLE))


def _extract(index: _Index, node: Mapping[str, Any], paths: _Paths, warnings: list[str]) -> _Snapshot | None:
    node_id = node.get("@id") if isinstance(node.get("@id"), str) else None
    label = node_id or "a member without @id"
    version_of = next((value for iri in paths.version_of for value in _ids(node, iri)), None)
    ipdc_id = version_of or (node_id if node_id and not node_id.startswith("_:") else None)
    if not ipdc_id:
        warnings.append(f"{label}: no isVersionOf and no @id; skipped")
        return None
    generated_at = None
    for iri in paths.timestamp:
        for raw in _strings(node, iri):
            generated_at = parse_datetime(raw)
            if generated_at:
                break
        if generated_at:
            break
    if generated_at is None:
        warnings.append(f"{label}: no valid generatedAtTime (prov:generatedAtTime); skipped")
        return None
    types = jsonld.node_types(node)
    withdrawn = (
        bool(set(types) & (DELETE_TYPES | paths.delete_types))
        or _truthy(node, P_IS_ARCHIVED)
        or SNAPSHOT_TYPE_DELETE in _ids(node, P_SNAPSHOT_TYPE)
    )
    service_label = ipdc_id
    title = _text_nl(node, P_TITLE)
    websites: list[dict[str, str | None]] = []
    for website_node in index.ordered(node, P_WEBSITES):
        website = _website(index, website_node)
        if website and website["url"] not in {w["url"] for w in websites}:
            websites.append(website)
    phones: list[str] = []
    emails: list[str] = []
    addresses: list[str] = []
    for contact in index.ordered(node, P_CONTACT_POINT):
        phones.extend(p for p in _strings(contact, P_TELEPHONE) if p not in phones)
        emails.extend(
            e for e in (re.sub(r"^mailto:", "", s) for s in _strings(contact, P_EMAIL)) if e not in emails
        )
        for address_node in index.nodes(contact, P_ADDRESS):
            address = _address_text(address_node)
            if address and address not in addresses:
                addresses.append(address)
        for url in _strings(contact, P_URL):
            if url not in {w["url"] for w in websites}:
                websites.append({"url": url, "title": None})
    service_type = next((_code(t) for t in _ids(node, P_TYPE)), None)
    content = {
        "kind": _kind(types),
        "product_number": next(iter(_strings(node, P_PRODUCT_ID)), None),
        "title_nl": title,
        "description_nl": html_to_text(_text_nl(node, P_DESCRIPTION)),
        "competent_level": _levels(node, P_COMPETENT_LEVEL, warnings, service_label),
        "executing_level": _levels(node, P_EXECUTING_LEVEL, warnings, service_label),
        "conditions_text": _requirements_text(index, node),
        "procedure_text": _procedures_text(index, node),
        "costs_text": _costs_text(index, node),
        "phones": json.dumps(phones, ensure_ascii=False),
        "emails": json.dumps(emails, ensure_ascii=False),
        "addresses": json.dumps(addresses, ensure_ascii=False),
        "websites": json.dumps(websites, ensure_ascii=False),
        "service_type": service_type,
        "themes": json.dumps([_code(t) for t in _ids(node, P_THEME)], ensure_ascii=False),
        "target_audiences": json.dumps([_code(t) for t in _ids(node, P_TARGET_AUDIENCE)], ensure_ascii=False),
    }
    has_content = title is not None or content["description_nl"] is not None
    if not has_content and not withdrawn:
        warnings.append(f"{label}: snapshot of {ipdc_id} has no Dutch title or description")
    return _Snapshot(
        ipdc_id=ipdc_id,
        snapshot_id=node_id,
        generated_at=generated_at,
        withdrawn=withdrawn,
        has_content=has_content,
        content=content,
    )


def _stream_paths(nodes: Iterable[Mapping[str, Any]]) -> _Paths:
    """Default LDES paths plus those a stream declares (declared ones are tried first)."""
    timestamp = [P_GENERATED_AT]
    version_of = [P_IS_VERSION_OF]
    delete_types: set[str] = set()
    for node in nodes:
        for declared in _ids(node, P_LDES_TIMESTAMP_PATH):
            if declared not in timestamp:
                timestamp.insert(0, declared)
        for declared in _ids(node, P_LDES_VERSION_OF_PATH):
            if declared not in version_of:
                version_of.insert(0, declared)
        delete_paths = _ids(node, P_LDES_DELETE_PATH)
        if not delete_paths or RDF_TYPE in delete_paths:
            delete_types.update(_ids(node, P_LDES_DELETE_OBJECT))
    return _Paths(timestamp=timestamp, version_of=version_of, delete_types=delete_types)
