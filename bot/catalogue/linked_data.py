"""JSON-LD for the catalogue import, with PyLD (a conformance-tested JSON-LD 1.1 processor).

Compacted IPDC/LPDC pages (local key names such as ``naam``) are *expanded*, so every key is a full
IRI and callers read fields by IRI, never by the publisher's local names. Remote contexts come only
through the caller's loader (nothing is fetched behind the importer's back).

Expanded output shape: a list of node objects. A node object is a dict with optional ``"@id"``,
optional ``"@type"`` (list of IRIs) and, for every property IRI, a list of values: node objects,
value objects (``{"@value": ..., "@language": ...}``) or list objects (``{"@list": [...]}``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from pyld import jsonld as pyld

ContextLoader = Callable[[str], Any]
"""Called with an absolute context URL; returns the parsed JSON document (a dict with ``@context``)."""


class JsonLdError(ValueError):
    """The document or one of its contexts is not valid (enough) JSON-LD."""


def _document_loader(loader: ContextLoader | None) -> Callable[[str, dict], dict]:
    def load(url: str, options: dict | None = None) -> dict:
        if loader is None:
            raise JsonLdError(f"no context loader for the remote context {url}")
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": loader(url),
        }

    return load


def expand(
    document: Any, *, base_url: str | None = None, loader: ContextLoader | None = None
) -> list[dict[str, Any]]:
    """Expands a JSON-LD document; returns its top-level node objects."""
    options: dict[str, Any] = {"documentLoader": _document_loader(loader)}
    if base_url:
        options["base"] = base_url
    try:
        expanded = pyld.expand(document, options)
    except pyld.JsonLdError as error:
        raise JsonLdError(_reason(error)) from None
    except RecursionError:  # pragma: no cover - pathological nesting
        raise JsonLdError("the document is nested too deeply") from None
    nodes: list[dict[str, Any]] = []
    for item in expanded:
        if isinstance(item, dict) and set(item) == {"@graph"}:
            nodes.extend(node for node in item["@graph"] if isinstance(node, dict))
        elif isinstance(item, dict):
            nodes.append(item)
    return nodes


def _reason(error: pyld.JsonLdError) -> str:
    """PyLD's error as one line: its code and message, and those of the errors it wraps."""
    parts: list[str] = []
    current: Any = error
    while current is not None and len(parts) < 5:
        if isinstance(current, JsonLdError):  # raised by our loader: already clear
            parts.append(str(current))
            break
        message = current.args[0] if getattr(current, "args", None) else str(current)
        code = getattr(current, "code", None)
        parts.append(f"{code}: {message}" if code else str(message))
        current = getattr(current, "cause", None) or current.__cause__
    return "; ".join(parts)


def iter_nodes(expanded: Any) -> Iterator[dict[str, Any]]:
    """Every node object in an expanded document, depth first (value objects excluded)."""
    stack: list[Any] = [expanded]
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
            continue
        if not isinstance(item, dict) or id(item) in seen:
            continue
        seen.add(id(item))
        if "@value" in item:
            continue
        if "@list" in item:
            stack.extend(reversed(item["@list"]))
            continue
        yield item
        for key, value in item.items():
            if key not in ("@id", "@type", "@index"):
                stack.append(value)


def values(node: Mapping[str, Any], iri: str | Sequence[str]) -> list[Any]:
    """The values of a property (one IRI or alternatives), with ``@list`` objects flattened."""
    iris = [iri] if isinstance(iri, str) else list(iri)
    result: list[Any] = []
    for one in iris:
        for value in node.get(one, ()):
            if isinstance(value, dict) and "@list" in value:
                result.extend(value["@list"])
            else:
                result.append(value)
    return result


def node_types(node: Mapping[str, Any]) -> list[str]:
    return [t for t in node.get("@type", ()) if isinstance(t, str)]
