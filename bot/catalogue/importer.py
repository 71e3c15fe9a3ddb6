"""The catalogue import: pages of an LDES, snapshot by snapshot, committed page by page.

Part of the domain core: it must not import rasa.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlparse

import requests
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from bot.catalogue import linked_data as jsonld
from bot.catalogue.extract import (
    _extract,
    _ids,
    _Index,
    _looks_like_snapshot,
    _Paths,
    _Snapshot,
    _stream_paths,
)
from bot.catalogue.fetch import (
    DEFAULT_BACKOFF,
    DEFAULT_MAX_PAGES,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    _ContextLoader,
    _file_url_to_path,
    _Http,
    _is_url,
    _is_within,
    _read_json_file,
)
from bot.catalogue.results import CatalogueError, ImportReport
from bot.catalogue.storage import CONTENT_COLUMNS, CatalogueServiceRecord
from bot.catalogue.vocabulary import P_HYDRA_NEXT, P_TREE_MEMBER, P_TREE_NODE, P_TREE_RELATION
from bot.store import get_engine, session_scope

logger = logging.getLogger(__name__)


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


def import_catalogue(
    source: str,
    database_url: str,
    *,
    session: requests.Session | None = None,
    max_pages: int = DEFAULT_MAX_PAGES,
    contexts: Mapping[str, str | Path] | None = None,
    fetch_remote_contexts: bool = True,
    timeout: tuple[float, float] | float = DEFAULT_TIMEOUT,
    retries: int = DEFAULT_RETRIES,
    backoff: float = DEFAULT_BACKOFF,
    sleep: Callable[[float], None] = time.sleep,
    now: Callable[[], dt.datetime] | None = None,
) -> ImportReport:
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
            raise CatalogueError(
                f"Catalogue file not found: {path}" + (" (it is a folder)" if path.is_dir() else "")
            )
        path = path.resolve()
        start = path.as_uri()
        root = path.parent
    loader = _ContextLoader(contexts or {}, http, root, fetch_remote_contexts)

    try:
        get_engine(database_url)  # fails early when the database cannot be opened
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
                report.warnings.append(
                    f"Stopped after {max_pages} page(s); not read: {url} and "
                    f"{len([u for u in queue if u not in visited])} more link(s)."
                )
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


def _import_page(
    document: Any,
    url: str,
    label: str,
    loader: _ContextLoader,
    database_url: str,
    clock: Callable[[], dt.datetime],
    report: ImportReport,
) -> list[str]:
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
        raise CatalogueError(
            f"{label}: could not store services: {error.__class__.__name__}: {error}"
        ) from None
    return _page_links(all_nodes, url)
