"""Fetching pages and JSON-LD contexts over HTTP (timeouts, retries) or from local files.

Part of the domain core: it must not import rasa.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlparse
from urllib.request import url2pathname

import requests

from bot.catalogue.results import CatalogueError

logger = logging.getLogger(__name__)


DEFAULT_TIMEOUT: tuple[float, float] = (5.0, 30.0)
"""(connect, read) timeout in seconds for every HTTP request."""
DEFAULT_RETRIES = 3
DEFAULT_BACKOFF = 0.5
DEFAULT_MAX_PAGES = 500
ACCEPT = "application/ld+json, application/json;q=0.9"
USER_AGENT = "Wegwijzer-catalogue-importer/0.1"


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
        raise CatalogueError(
            f"{path.name}: invalid JSON at line {error.lineno}, column {error.colno}: "
            f"{error.msg} (file {path})"
        ) from None
    except UnicodeDecodeError:
        raise CatalogueError(f"{path.name}: not UTF-8 encoded JSON (file {path})") from None


class _Http:
    def __init__(
        self,
        session: requests.Session,
        *,
        timeout: tuple[float, float] | float,
        retries: int,
        backoff: float,
        sleep: Callable[[float], None],
    ) -> None:
        self.session = session
        self.timeout = timeout
        self.retries = max(1, retries)
        self.backoff = backoff
        self.sleep = sleep

    def get_json(self, url: str) -> Any:
        problem = "no response"
        for attempt in range(1, self.retries + 1):
            try:
                response = self.session.get(
                    url, timeout=self.timeout, headers={"Accept": ACCEPT, "User-Agent": USER_AGENT}
                )
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
                    raise CatalogueError(
                        f"Could not fetch {url}: unexpected HTTP {status}{reason} (redirect "
                        "without a target?)."
                    )
                else:
                    try:
                        return json.loads(response.content)
                    except json.JSONDecodeError as error:
                        raise CatalogueError(
                            f"{url} did not return valid JSON: {error.msg} at line {error.lineno}, "
                            f"column {error.colno} (HTTP {status})."
                        ) from None
                    except (UnicodeDecodeError, TypeError):
                        raise CatalogueError(f"{url} did not return JSON text (HTTP {status}).") from None
            if attempt < self.retries:
                delay = self.backoff * (2 ** (attempt - 1))
                logger.info("Fetching %s failed (%s); retrying in %.1f s", url, problem, delay)
                self.sleep(delay)
        raise CatalogueError(f"Could not fetch {url} after {self.retries} attempt(s): {problem}.")


class _ContextLoader:
    """Resolves remote ``@context`` URLs: known local copies first, then (production) HTTP + cache."""

    def __init__(
        self, known: Mapping[str, str | Path], http: _Http | None, local_root: Path | None, fetch_remote: bool
    ) -> None:
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
                raise CatalogueError(
                    f"The JSON-LD context {url} is a local file outside the catalogue folder."
                )
            document = _read_json_file(path, "JSON-LD context file")
        elif _is_url(key):
            if key in _REMOTE_CONTEXT_CACHE:
                document = _REMOTE_CONTEXT_CACHE[key]
            elif not self.fetch_remote or self.http is None:
                raise CatalogueError(
                    f"The JSON-LD context {url} is not available locally and fetching contexts is disabled."
                )
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
