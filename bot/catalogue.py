"""Importer for the Flemish IPDC/LPDC product and service catalogue (CPSV-AP, published as an LDES).

The catalogue is published as a Linked Data Event Stream: JSON-LD pages whose ``tree:member``
list holds *snapshots* (versions) of concepts (IPDC, ``ConceptualPublicService[Snapshot]``) or of
local instances (LPDC, ``InstancePublicService[Snapshot]`` / ``cpsv:PublicService``). Each
snapshot points to the service it is a version of (``dct:isVersionOf``) and says when it was made
(``prov:generatedAtTime``). Pages link to further pages with ``tree:relation`` / ``tree:node``.

Keys are never read by their local names (``naam``, ``titel``, ``contactPunten``,
``contactgegevens`` ...): every page is expanded with :mod:`bot.jsonld` through its own
``@context`` and fields are read by IRI. See ``docs/catalogue-import.md``.

This module is part of the domain core: it must not import rasa.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import re
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence
from urllib.parse import urldefrag, urljoin, urlparse
from urllib.request import url2pathname

import requests
from sqlalchemy import Boolean, Column, DateTime, Integer, String, Text, select
from sqlalchemy.exc import SQLAlchemyError

from bot import jsonld
from bot.store import Base, get_engine, session_scope

logger = logging.getLogger(__name__)

# --------------------------------------------------------------------------------------------------
# Vocabulary (IRIs). Sources: Informatievlaanderen/ipdc-lpdc (implementatiemodel + JSON-LD context),
# lblod/app-lpdc-digitaal-loket (LDES stub contexts), LDES and TREE specifications.

IPDC = "https://productencatalogus.data.vlaanderen.be/ns/ipdc-lpdc#"
DCT = "http://purl.org/dc/terms/"
CPSV = "http://purl.org/vocab/cpsv#"
M8G = "http://data.europa.eu/m8g/"
BELGIF_PS = "http://vocab.belgif.be/ns/publicservice#"
PROV = "http://www.w3.org/ns/prov#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SHACL = "http://www.w3.org/ns/shacl#"
ADRES = "https://data.vlaanderen.be/ns/adres#"
TREE = "https://w3id.org/tree#"
LDES = "https://w3id.org/ldes#"
HYDRA = "http://www.w3.org/ns/hydra/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _schema(local: str) -> tuple[str, str]:
    """schema.org terms appear with both http and https namespaces in the wild."""
    return (f"http://schema.org/{local}", f"https://schema.org/{local}")


P_TITLE = DCT + "title"
P_DESCRIPTION = DCT + "description"
P_IS_VERSION_OF = DCT + "isVersionOf"
P_GENERATED_AT = PROV + "generatedAtTime"
P_TYPE = DCT + "type"
P_COMPETENT_LEVEL = IPDC + "competentAuthorityLevel"
P_EXECUTING_LEVEL = IPDC + "executingAuthorityLevel"
P_REQUIREMENT = BELGIF_PS + "hasRequirement"
P_EVIDENCE = M8G + "hasSupportingEvidence"
P_PROCEDURE = CPSV + "follows"
P_COST = M8G + "hasCost"
P_CONTACT_POINT = M8G + "hasContactPoint"
P_ADDRESS = IPDC + "address"
P_WEBSITES = RDFS + "seeAlso"
P_PROCEDURE_WEBSITES = IPDC + "hasWebsite"
P_TARGET_AUDIENCE = IPDC + "targetAudience"
P_THEME = M8G + "thematicArea"
P_IS_ARCHIVED = IPDC + "isArchived"
P_SNAPSHOT_TYPE = IPDC + "snapshotType"
P_ORDER = SHACL + "order"
P_PRODUCT_ID = _schema("productID")
P_TELEPHONE = _schema("telephone")
P_EMAIL = _schema("email")
P_URL = _schema("url")
P_OPENING_HOURS = _schema("openingHours")
P_STREET = ADRES + "Straatnaam"
P_HOUSE_NUMBER = ADRES + "Adresvoorstelling.huisnummer"
P_BOX_NUMBER = ADRES + "Adresvoorstelling.busnummer"
P_POSTCODE = ADRES + "postcode"
P_MUNICIPALITY = ADRES + "gemeentenaam"
P_COUNTRY = ADRES + "land"
P_TREE_MEMBER = TREE + "member"
P_TREE_RELATION = TREE + "relation"
P_TREE_NODE = TREE + "node"
P_HYDRA_NEXT = HYDRA + "next"
P_LDES_TIMESTAMP_PATH = LDES + "timestampPath"
P_LDES_VERSION_OF_PATH = LDES + "versionOfPath"
P_LDES_DELETE_PATH = LDES + "versionDeletePath"
P_LDES_DELETE_OBJECT = LDES + "versionDeleteObject"

CONCEPT_TYPES = frozenset({IPDC + "ConceptualPublicService", IPDC + "ConceptualPublicServiceSnapshot"})
INSTANCE_TYPES = frozenset({IPDC + "InstancePublicService", IPDC + "InstancePublicServiceSnapshot",
                            CPSV + "PublicService"})
DELETE_TYPES = frozenset({
    "https://www.w3.org/ns/activitystreams#Delete", "http://www.w3.org/ns/activitystreams#Delete",
    "https://www.w3.org/ns/activitystreams#Tombstone", "http://www.w3.org/ns/activitystreams#Tombstone",
})
SNAPSHOT_TYPE_DELETE = "https://productencatalogus.data.vlaanderen.be/id/concept/SnapshotType/Delete"

LEVELS = ("lokaal", "provinciaal", "vlaams", "federaal", "europees", "derden")
_LEVEL_ALIASES = {
    "lokaal": "lokaal", "lokale overheid": "lokaal",
    "provinciaal": "provinciaal", "provinciale overheid": "provinciaal",
    "vlaams": "vlaams", "vlaamse overheid": "vlaams",
    "federaal": "federaal", "federale overheid": "federaal",
    "europees": "europees", "europese overheid": "europees",
    "derden": "derden",
}

DEFAULT_TIMEOUT: tuple[float, float] = (5.0, 30.0)
"""(connect, read) timeout in seconds for every HTTP request."""
DEFAULT_RETRIES = 3
DEFAULT_BACKOFF = 0.5
DEFAULT_MAX_PAGES = 500
ACCEPT = "application/ld+json, application/json;q=0.9"
USER_AGENT = "Wegwijzer-catalogue-importer/0.1"


class CatalogueError(Exception):
    """A clear, user-facing problem with a catalogue import (never a raw traceback).

    ``report`` holds what was imported before the problem (pages are committed one by one).
    """

    def __init__(self, message: str, report: "ImportReport | None" = None) -> None:
        super().__init__(message)
        self.report = report


# --------------------------------------------------------------------------------------------------
# Storage


class CatalogueServiceRecord(Base):
    """The latest known snapshot of one IPDC concept or LPDC instance."""

    __tablename__ = "catalogue_services"

    id = Column(Integer, primary_key=True)
    ipdc_id = Column(String(512), nullable=False, unique=True, index=True)
    kind = Column(String(16), nullable=True)  # concept | instance | None (unknown)
    snapshot_id = Column(String(512), nullable=True)
    product_number = Column(String(64), nullable=True, index=True)
    title_nl = Column(Text, nullable=True)
    description_nl = Column(Text, nullable=True)
    competent_level = Column(String(128), nullable=True)  # comma-separated LEVELS
    executing_level = Column(String(128), nullable=True)
    conditions_text = Column(Text, nullable=True)
    procedure_text = Column(Text, nullable=True)
    costs_text = Column(Text, nullable=True)
    phones = Column(Text, nullable=False, default="[]")  # JSON lists
    emails = Column(Text, nullable=False, default="[]")
    addresses = Column(Text, nullable=False, default="[]")
    websites = Column(Text, nullable=False, default="[]")  # [{"url": ..., "title": ...}]
    service_type = Column(String(64), nullable=True)
    themes = Column(Text, nullable=False, default="[]")
    target_audiences = Column(Text, nullable=False, default="[]")
    withdrawn = Column(Boolean, nullable=False, default=False)
    generated_at = Column(DateTime, nullable=False)  # naive UTC
    source_page = Column(Text, nullable=True)
    imported_at = Column(DateTime, nullable=False)  # naive UTC


CONTENT_COLUMNS = ("kind", "product_number", "title_nl", "description_nl", "competent_level", "executing_level",
                   "conditions_text", "procedure_text", "costs_text", "phones", "emails", "addresses",
                   "websites", "service_type", "themes", "target_audiences")


@dataclass(frozen=True)
class CatalogueService:
    """A catalogue service as journey steps see it (``Step.ipdc_id`` -> :func:`get_service`)."""

    ipdc_id: str
    kind: str | None
    snapshot_id: str | None
    product_number: str | None
    title_nl: str | None
    description_nl: str | None
    competent_levels: tuple[str, ...]
    executing_levels: tuple[str, ...]
    conditions_text: str | None
    procedure_text: str | None
    costs_text: str | None
    phones: tuple[str, ...]
    emails: tuple[str, ...]
    addresses: tuple[str, ...]
    websites: tuple[Mapping[str, str | None], ...]
    service_type: str | None
    themes: tuple[str, ...]
    target_audiences: tuple[str, ...]
    withdrawn: bool
    generated_at: dt.datetime
    source_page: str | None
    imported_at: dt.datetime

    @property
    def competent_level(self) -> str | None:
        return self.competent_levels[0] if self.competent_levels else None

    @property
    def executing_level(self) -> str | None:
        return self.executing_levels[0] if self.executing_levels else None


def _ensure_table(database_url: str) -> None:
    # get_engine() is cached per URL: if it ran before this module was imported, the table is missing.
    CatalogueServiceRecord.__table__.create(get_engine(database_url), checkfirst=True)


def _split_levels(value: str | None) -> tuple[str, ...]:
    return tuple(part for part in (value or "").split(",") if part)


def _json_tuple(value: str | None) -> tuple[Any, ...]:
    try:
        loaded = json.loads(value or "[]")
    except ValueError:
        return ()
    return tuple(loaded) if isinstance(loaded, list) else ()


def _to_service(row: CatalogueServiceRecord) -> CatalogueService:
    return CatalogueService(
        ipdc_id=row.ipdc_id, kind=row.kind, snapshot_id=row.snapshot_id, product_number=row.product_number,
        title_nl=row.title_nl, description_nl=row.description_nl,
        competent_levels=_split_levels(row.competent_level), executing_levels=_split_levels(row.executing_level),
        conditions_text=row.conditions_text, procedure_text=row.procedure_text, costs_text=row.costs_text,
        phones=_json_tuple(row.phones), emails=_json_tuple(row.emails), addresses=_json_tuple(row.addresses),
        websites=_json_tuple(row.websites), service_type=row.service_type, themes=_json_tuple(row.themes),
        target_audiences=_json_tuple(row.target_audiences), withdrawn=bool(row.withdrawn),
        generated_at=row.generated_at, source_page=row.source_page, imported_at=row.imported_at,
    )


def get_service(database_url: str, ipdc_id: str) -> CatalogueService | None:
    """The imported service with this IPDC id (the ``isVersionOf`` IRI), or ``None``.

    A bare UUID (no ``:``) also matches when exactly one stored id ends with ``/<uuid>``.
    Withdrawn services are returned too (``withdrawn=True``) so callers can say so.
    """
    ipdc_id = (ipdc_id or "").strip()
    if not ipdc_id:
        return None
    _ensure_table(database_url)
    with session_scope(database_url) as session:
        row = session.execute(
            select(CatalogueServiceRecord).where(CatalogueServiceRecord.ipdc_id == ipdc_id)
        ).scalar_one_or_none()
        if row is None and ":" not in ipdc_id and "/" not in ipdc_id:
            rows = session.execute(
                select(CatalogueServiceRecord).where(CatalogueServiceRecord.ipdc_id.like(f"%/{ipdc_id}"))
            ).scalars().all()
            row = rows[0] if len(rows) == 1 else None
        return _to_service(row) if row is not None else None


# --------------------------------------------------------------------------------------------------
# Report


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
        text = (f"Imported {len(self.pages)} page(s) from {self.source}: {self.members} snapshot(s); "
                f"{self.created} new, {self.updated} updated, {self.withdrawn} withdrawn, "
                f"{self.unchanged} unchanged, {self.older} older (ignored), {self.skipped} skipped.")
        if self.truncated:
            text += " Stopped at the page limit; more pages exist."
        return text


# --------------------------------------------------------------------------------------------------
# Small helpers: levels, dates, text


def map_level(value: str | None) -> str | None:
    """IPDC competent/executing authority level (IRI, code or label) -> one of :data:`LEVELS`."""
    if not value or not isinstance(value, str):
        return None
    code = re.split(r"[/#]", value.strip().rstrip("/"))[-1]
    return _LEVEL_ALIASES.get(code.strip().lower()) or _LEVEL_ALIASES.get(value.strip().lower())


_DATETIME_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$")


def parse_datetime(value: Any) -> dt.datetime | None:
    """xsd:dateTime (also with nanoseconds and ``Z``) -> naive UTC datetime, or ``None``."""
    if not isinstance(value, str):
        return None
    match = _DATETIME_RE.match(value.strip())
    if not match:
        return None
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    try:
        moment = dt.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0),
                             int((fraction or "0")[:6].ljust(6, "0")))
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


# --------------------------------------------------------------------------------------------------
# Reading expanded JSON-LD by IRI

_DUTCH_ORDER = ("nl", "nl-be", "nl-be-x-formal", "nl-be-x-generated-formal", "nl-be-x-informal",
                "nl-be-x-generated-informal")


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


# --------------------------------------------------------------------------------------------------
# Snapshot extraction


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


def _requirements_text(index: _Index, node: Mapping[str, Any]) -> str | None:
    blocks = []
    for requirement in index.ordered(node, P_REQUIREMENT):
        lines = [_titled_block(_text_nl(requirement, P_TITLE), html_to_text(_text_nl(requirement, P_DESCRIPTION)))]
        for evidence in index.nodes(requirement, P_EVIDENCE):
            evidence_title = _text_nl(evidence, P_TITLE)
            if evidence_title and evidence_title.strip().lower() in ("bewijs", "bewijsstukken"):
                evidence_title = None
            evidence_text = _titled_block(evidence_title, html_to_text(_text_nl(evidence, P_DESCRIPTION)))
            if evidence_text:
                lines.append(f"Bewijs: {evidence_text}")
        block = "\n".join(line for line in lines if line)
        if block:
            blocks.append(block)
    return "\n\n".join(blocks) or None


def _website(index: _Index, node: Mapping[str, Any]) -> dict[str, str | None] | None:
    urls = _strings(node, P_URL)
    if not urls and isinstance(node.get("@id"), str) and node["@id"].startswith(("http://", "https://")) \
            and len(node) == 1:
        urls = [node["@id"]]
    if not urls:
        return None
    return {"url": urls[0], "title": _text_nl(node, P_TITLE)}


def _procedures_text(index: _Index, node: Mapping[str, Any]) -> str | None:
    blocks = []
    for procedure in index.ordered(node, P_PROCEDURE):
        lines = [_titled_block(_text_nl(procedure, P_TITLE), html_to_text(_text_nl(procedure, P_DESCRIPTION)))]
        for website_node in index.ordered(procedure, P_PROCEDURE_WEBSITES):
            website = _website(index, website_node)
            if website:
                label = f"{website['title']}: " if website["title"] else ""
                lines.append(f"Website: {label}{website['url']}")
        block = "\n".join(line for line in lines if line)
        if block:
            blocks.append(block)
    return "\n\n".join(blocks) or None


def _costs_text(index: _Index, node: Mapping[str, Any]) -> str | None:
    blocks = [_titled_block(_text_nl(cost, P_TITLE), html_to_text(_text_nl(cost, P_DESCRIPTION)))
              for cost in index.ordered(node, P_COST)]
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
    withdrawn = bool(set(types) & (DELETE_TYPES | paths.delete_types)) or _truthy(node, P_IS_ARCHIVED) or \
        SNAPSHOT_TYPE_DELETE in _ids(node, P_SNAPSHOT_TYPE)
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
        emails.extend(e for e in (re.sub(r"^mailto:", "", s) for s in _strings(contact, P_EMAIL)) if e not in emails)
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
    return _Snapshot(ipdc_id=ipdc_id, snapshot_id=node_id, generated_at=generated_at, withdrawn=withdrawn,
                     has_content=has_content, content=content)


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


# --------------------------------------------------------------------------------------------------
# Fetching pages and contexts

_REMOTE_CONTEXT_CACHE: dict[str, Any] = {}
_REMOTE_CONTEXT_CACHE_SIZE = 32


def clear_context_cache() -> None:
    """Forgets remote contexts fetched over HTTP (they are cached for the life of the process)."""
    _REMOTE_CONTEXT_CACHE.clear()


def _is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def _file_url_to_path(url: str) -> Path:
    return Path(url2pathname(urlparse(url).path))


def _read_json_file(path: Path, what: str = "Catalogue file") -> Any:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CatalogueError(f"{what} not found: {path}") from None
    except OSError as error:
        raise CatalogueError(f"Cannot read {what.lower()} {path}: {error.strerror or error}") from None
    try:
        return json.loads(data)
    except json.JSONDecodeError as error:
        raise CatalogueError(f"{path.name}: invalid JSON at line {error.lineno}, column {error.colno}: "
                             f"{error.msg} (file {path})") from None
    except UnicodeDecodeError:
        raise CatalogueError(f"{path.name}: not UTF-8 encoded JSON (file {path})") from None


class _Http:
    def __init__(self, session: requests.Session, *, timeout: tuple[float, float] | float, retries: int,
                 backoff: float, sleep: Callable[[float], None]) -> None:
        self.session = session
        self.timeout = timeout
        self.retries = max(1, retries)
        self.backoff = backoff
        self.sleep = sleep

    def get_json(self, url: str) -> Any:
        problem = "no response"
        for attempt in range(1, self.retries + 1):
            try:
                response = self.session.get(url, timeout=self.timeout,
                                            headers={"Accept": ACCEPT, "User-Agent": USER_AGENT})
            except (requests.ConnectionError, requests.Timeout) as error:
                problem = f"{type(error).__name__}: {error}"
            except requests.RequestException as error:
                raise CatalogueError(f"Could not fetch {url}: {type(error).__name__}: {error}") from None
            else:
                status = response.status_code
                reason = f" {response.reason}" if getattr(response, "reason", None) else ""
                if status >= 500 or status == 429:
                    problem = f"HTTP {status}{reason}"
                elif status >= 400:
                    raise CatalogueError(f"Could not fetch {url}: HTTP {status}{reason}.")
                elif status >= 300:
                    raise CatalogueError(f"Could not fetch {url}: unexpected HTTP {status}{reason} (redirect "
                                         "without a target?).")
                else:
                    try:
                        return json.loads(response.content)
                    except json.JSONDecodeError as error:
                        raise CatalogueError(f"{url} did not return valid JSON: {error.msg} at line {error.lineno}, "
                                             f"column {error.colno} (HTTP {status}).") from None
                    except (UnicodeDecodeError, TypeError):
                        raise CatalogueError(f"{url} did not return JSON text (HTTP {status}).") from None
            if attempt < self.retries:
                delay = self.backoff * (2 ** (attempt - 1))
                logger.info("Fetching %s failed (%s); retrying in %.1f s", url, problem, delay)
                self.sleep(delay)
        raise CatalogueError(f"Could not fetch {url} after {self.retries} attempt(s): {problem}.")


class _ContextLoader:
    """Resolves remote ``@context`` URLs: known local copies first, then (production) HTTP + cache."""

    def __init__(self, known: Mapping[str, str | Path], http: _Http | None, local_root: Path | None,
                 fetch_remote: bool) -> None:
        self.known = {url: Path(path) for url, path in known.items()}
        self.http = http
        self.local_root = local_root
        self.fetch_remote = fetch_remote
        self._loaded: dict[str, Any] = {}

    def __call__(self, url: str) -> Any:
        key = urldefrag(url)[0]
        if key in self._loaded:
            return self._loaded[key]
        if key in self.known:
            document = _read_json_file(self.known[key], "JSON-LD context file")
        elif key.startswith("file:"):
            path = _file_url_to_path(key)
            if self.local_root is None or not _is_within(path, self.local_root):
                raise CatalogueError(f"The JSON-LD context {url} is a local file outside the catalogue folder.")
            document = _read_json_file(path, "JSON-LD context file")
        elif _is_url(key):
            if key in _REMOTE_CONTEXT_CACHE:
                document = _REMOTE_CONTEXT_CACHE[key]
            elif not self.fetch_remote or self.http is None:
                raise CatalogueError(f"The JSON-LD context {url} is not available locally and fetching contexts "
                                     "is disabled.")
            else:
                document = self.http.get_json(key)
                if len(_REMOTE_CONTEXT_CACHE) >= _REMOTE_CONTEXT_CACHE_SIZE:
                    _REMOTE_CONTEXT_CACHE.pop(next(iter(_REMOTE_CONTEXT_CACHE)))
                _REMOTE_CONTEXT_CACHE[key] = document
        else:
            raise CatalogueError(f"Cannot resolve the JSON-LD context reference {url!r}.")
        self._loaded[key] = document
        return document


def _is_within(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


# --------------------------------------------------------------------------------------------------
# Import


def _page_links(index_nodes: Iterable[Mapping[str, Any]], page_url: str) -> list[str]:
    links: list[str] = []
    for node in index_nodes:
        targets: list[str] = []
        for relation in jsonld.values(node, P_TREE_RELATION):
            if isinstance(relation, dict):
                targets.extend(_ids(relation, P_TREE_NODE))
        targets.extend(_ids(node, P_HYDRA_NEXT))
        for target in targets:
            absolute = urldefrag(urljoin(page_url, target))[0]
            if absolute not in links:
                links.append(absolute)
    return links


def _members(expanded: list[dict[str, Any]], index: _Index, paths: _Paths) -> list[dict[str, Any]]:
    members: list[dict[str, Any]] = []
    seen: set[int] = set()
    has_member_property = False
    for node in jsonld.iter_nodes(expanded):
        if P_TREE_MEMBER not in node:
            continue
        has_member_property = True
        for member in index.nodes(node, P_TREE_MEMBER):
            if id(member) not in seen:
                seen.add(id(member))
                members.append(member)
    if not has_member_property:  # a bare snapshot (or @graph of snapshots) instead of an LDES page
        members = [node for node in expanded if _looks_like_snapshot(node, paths)]
    return members


def _apply(db: Any, snapshot: _Snapshot, page_label: str, now: dt.datetime, report: ImportReport) -> None:
    row = db.execute(
        select(CatalogueServiceRecord).where(CatalogueServiceRecord.ipdc_id == snapshot.ipdc_id)
    ).scalar_one_or_none()
    if row is None:
        row = CatalogueServiceRecord(ipdc_id=snapshot.ipdc_id)
        for column in CONTENT_COLUMNS:
            setattr(row, column, snapshot.content[column])
        row.snapshot_id = snapshot.snapshot_id
        row.generated_at = snapshot.generated_at
        row.withdrawn = snapshot.withdrawn
        row.source_page = page_label
        row.imported_at = now
        db.add(row)
        report.created += 1
        if snapshot.withdrawn:
            report.withdrawn += 1
        return
    incoming = (snapshot.generated_at, snapshot.withdrawn, snapshot.snapshot_id or "")
    current = (row.generated_at, bool(row.withdrawn), row.snapshot_id or "")
    if incoming == current:
        report.unchanged += 1
        return
    if incoming < current:
        report.older += 1
        return
    was_withdrawn = bool(row.withdrawn)
    if snapshot.has_content:
        for column in CONTENT_COLUMNS:
            value = snapshot.content[column]
            if column == "kind" and value is None:
                continue
            setattr(row, column, value)
    row.snapshot_id = snapshot.snapshot_id
    row.generated_at = snapshot.generated_at
    row.withdrawn = snapshot.withdrawn
    row.source_page = page_label
    row.imported_at = now
    if snapshot.withdrawn and not was_withdrawn:
        report.withdrawn += 1
    else:
        report.updated += 1


def import_catalogue(source: str, database_url: str, *, session: requests.Session | None = None,
                     max_pages: int = DEFAULT_MAX_PAGES, contexts: Mapping[str, str | Path] | None = None,
                     fetch_remote_contexts: bool = True, timeout: tuple[float, float] | float = DEFAULT_TIMEOUT,
                     retries: int = DEFAULT_RETRIES, backoff: float = DEFAULT_BACKOFF,
                     sleep: Callable[[float], None] = time.sleep,
                     now: Callable[[], dt.datetime] | None = None) -> ImportReport:
    """Imports an IPDC/LPDC LDES (a local JSON-LD file or an http(s) URL) into ``catalogue_services``.

    Follows ``tree:relation``/``tree:node`` (and ``hydra:next``) links breadth first, at most
    ``max_pages`` pages: for a file, only files in the same folder (or below); for a URL, only
    URLs on the same host. ``contexts`` maps known remote ``@context`` URLs to local copies; other
    remote contexts are fetched with ``requests`` (cached) unless ``fetch_remote_contexts`` is false.

    Re-import is idempotent; an older snapshot never overwrites a newer one (``generatedAtTime``),
    and tombstones / archived / ``Delete`` snapshots mark the service withdrawn. Each page is
    committed on its own, so an interrupted import can simply be run again.

    Raises :class:`CatalogueError` (with ``.report`` of what was done) on any problem.
    """
    if not isinstance(max_pages, int) or max_pages < 1:
        raise CatalogueError(f"max_pages must be a positive whole number, not {max_pages!r}")
    source = (source or "").strip()
    if not source:
        raise CatalogueError("No catalogue source given (a file path or an http(s) URL).")
    clock = now or (lambda: dt.datetime.now(dt.timezone.utc).replace(tzinfo=None))
    report = ImportReport(source=source)

    own_session = session is None
    http_session = session if session is not None else requests.Session()
    http = _Http(http_session, timeout=timeout, retries=retries, backoff=backoff, sleep=sleep)
    if _is_url(source):
        start = urldefrag(source)[0]
        root: Path | None = None
    else:
        path = _file_url_to_path(source) if source.lower().startswith("file:") else Path(source).expanduser()
        if not path.is_file():
            raise CatalogueError(f"Catalogue file not found: {path}" + (" (it is a folder)" if path.is_dir() else ""))
        path = path.resolve()
        start = path.as_uri()
        root = path.parent
    loader = _ContextLoader(contexts or {}, http, root, fetch_remote_contexts)

    try:
        _ensure_table(database_url)
    except SQLAlchemyError as error:
        raise CatalogueError(f"Cannot open the database: {error.__class__.__name__}: {error}") from None

    queue = [start]
    visited: set[str] = set()
    try:
        while queue:
            url = queue.pop(0)
            if url in visited:
                continue
            if len(visited) >= max_pages:
                report.truncated = True
                report.warnings.append(f"Stopped after {max_pages} page(s); not read: {url} and "
                                       f"{len([u for u in queue if u not in visited])} more link(s).")
                break
            visited.add(url)
            label, document = _load_page(url, root, http)
            links = _import_page(document, url, label, loader, database_url, clock, report)
            for link in links:
                if link in visited or link in queue:
                    continue
                reason = _link_refused(link, start, root)
                if reason:
                    report.warnings.append(f"{label}: not following {link}: {reason}")
                else:
                    queue.append(link)
    except CatalogueError as error:
        error.report = report
        raise
    finally:
        if own_session:
            http_session.close()
    logger.info(report.summary())
    return report


def _load_page(url: str, root: Path | None, http: _Http) -> tuple[str, Any]:
    if url.startswith("file:"):
        path = _file_url_to_path(url)
        return str(path), _read_json_file(path)
    return url, http.get_json(url)


def _link_refused(link: str, start: str, root: Path | None) -> str | None:
    if root is not None:
        if not link.startswith("file:"):
            return "a file import only follows links to files next to the first file"
        if not _is_within(_file_url_to_path(link), root):
            return "the file is outside the folder of the first file"
        return None
    if not _is_url(link):
        return "an URL import only follows http(s) links"
    if urlparse(link).netloc.lower() != urlparse(start).netloc.lower():
        return "the link goes to another host"
    return None


def _import_page(document: Any, url: str, label: str, loader: _ContextLoader, database_url: str,
                 clock: Callable[[], dt.datetime], report: ImportReport) -> list[str]:
    if not isinstance(document, (dict, list)):
        raise CatalogueError(f"{label}: expected a JSON-LD object, got {type(document).__name__}.")
    try:
        expanded = jsonld.expand(document, base_url=url, loader=loader)
    except jsonld.JsonLdError as error:
        raise CatalogueError(f"{label}: JSON-LD problem: {error}") from None
    report.pages.append(label)
    index = _Index(expanded)
    all_nodes = list(jsonld.iter_nodes(expanded))
    paths = _stream_paths(all_nodes)
    members = _members(expanded, index, paths)
    if not members:
        report.warnings.append(f"{label}: no members (tree:member) found")
    now = clock()
    try:
        with session_scope(database_url) as db:
            for member in members:
                report.members += 1
                warnings: list[str] = []
                snapshot = _extract(index, member, paths, warnings)
                report.warnings.extend(f"{label}: {warning}" for warning in warnings)
                if snapshot is None:
                    report.skipped += 1
                    continue
                _apply(db, snapshot, label, now, report)
    except SQLAlchemyError as error:
        raise CatalogueError(f"{label}: could not store services: {error.__class__.__name__}: {error}") from None
    return _page_links(all_nodes, url)
