"""A small JSON-LD 1.1 context processor and expander (no pyld).

It turns compacted JSON-LD (local key names such as ``naam`` or ``telefoon``) into *expanded*
JSON-LD, in which every key is a full IRI, so callers read fields by IRI and never by the
publisher's local key names.

Supported: term definitions (simple and expanded), prefixes and compact IRIs (CURIEs), ``@vocab``,
``@base``, ``@language``, keyword aliases (``"id": "@id"``), arrays of contexts, remote contexts
(through a caller-supplied loader), ``@import``, property-scoped and type-scoped contexts (with
``@propagate``), ``@type`` coercion (``@id``, ``@vocab``, datatypes, ``@json``), containers
``@set``, ``@list``, ``@language`` (language maps), ``@index``, ``@id`` and ``@type`` maps,
value objects (``{"@value", "@language"}``) and ``@graph``.

Not supported (ignored): ``@reverse``, ``@nest``, ``@included``, ``@protected`` checks and
``@direction``. This is enough to read the Flemish IPDC/LPDC LDES pages, not a conformance-tested
JSON-LD processor.

Expanded output shape: a list of node objects. A node object is a dict with optional ``"@id"``,
optional ``"@type"`` (list of IRIs) and, for every property IRI, a list of values. A value is a
node object, a value object (``{"@value": ..., "@language": ...}`` or ``{"@value": ..., "@type": ...}``)
or a list object (``{"@list": [...]}``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Mapping, Sequence
from urllib.parse import urljoin

KEYWORDS = frozenset({
    "@base", "@container", "@context", "@direction", "@graph", "@id", "@import", "@included", "@index",
    "@json", "@language", "@list", "@nest", "@none", "@prefix", "@propagate", "@protected", "@reverse",
    "@set", "@type", "@value", "@version", "@vocab",
})
_CONTEXT_ONLY_KEYS = ("@base", "@direction", "@import", "@language", "@propagate", "@protected", "@version",
                      "@vocab")
_KEYWORD_LIKE = re.compile(r"^@[A-Za-z]+$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_GEN_DELIMS = (":", "/", "?", "#", "[", "]", "@")
MAX_REMOTE_CONTEXTS = 32

ContextLoader = Callable[[str], Any]
"""Called with an absolute context URL; returns the parsed JSON document (a dict with ``@context``)."""


class JsonLdError(ValueError):
    """The document or one of its contexts is not valid (enough) JSON-LD."""


@dataclass
class TermDefinition:
    iri: str | None
    prefix: bool = False
    type_mapping: str | None = None
    container: frozenset[str] = frozenset()
    has_language: bool = False
    language: str | None = None
    scoped_context: Any = None
    has_scoped_context: bool = False
    base_url: str | None = None


@dataclass
class Context:
    """An active context. Treat as immutable once built; derived contexts are new objects."""

    base: str | None = None
    original_base: str | None = None
    vocab: str | None = None
    language: str | None = None
    terms: dict[str, TermDefinition | None] = field(default_factory=dict)
    previous: "Context | None" = None
    _derived: dict[tuple[Any, ...], tuple[Any, "Context"]] = field(default_factory=dict, repr=False,
                                                                   compare=False)

    def copy(self) -> "Context":
        return Context(base=self.base, original_base=self.original_base, vocab=self.vocab,
                       language=self.language, terms=dict(self.terms), previous=self.previous)

    def term(self, key: str) -> TermDefinition | None:
        return self.terms.get(key)


def is_keyword(value: Any) -> bool:
    return isinstance(value, str) and value in KEYWORDS


def is_absolute_iri(value: str) -> bool:
    return bool(_SCHEME.match(value))


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


# --------------------------------------------------------------------------------------------------
# IRI expansion


def expand_iri(active: Context, value: Any, *, vocab: bool = False, document_relative: bool = False,
               local: Mapping[str, Any] | None = None, defined: dict[str, bool] | None = None,
               processor: "_Processor | None" = None) -> Any:
    """Expands a term, compact IRI, relative IRI or keyword to an absolute IRI (or keyword)."""
    if value is None or not isinstance(value, str) or is_keyword(value):
        return value
    if _KEYWORD_LIKE.match(value):
        return None  # reserved for future keywords: ignored
    if local is not None and defined is not None and processor is not None and value in local \
            and defined.get(value) is not True:
        processor.define_term(active, local, value, defined)
    if vocab and value in active.terms:
        definition = active.terms[value]
        return definition.iri if definition is not None else None
    if ":" in value[1:]:
        prefix, suffix = value.split(":", 1)
        if prefix == "_" or suffix.startswith("//"):
            return value
        if local is not None and defined is not None and processor is not None and prefix in local \
                and defined.get(prefix) is not True:
            processor.define_term(active, local, prefix, defined)
        definition = active.terms.get(prefix)
        if definition is not None and definition.iri is not None and definition.prefix:
            return definition.iri + suffix
        if is_absolute_iri(value):
            return value
    if vocab and active.vocab is not None:
        return active.vocab + value
    if document_relative:
        return urljoin(active.base, value) if active.base else value
    return value


# --------------------------------------------------------------------------------------------------
# Context processing


class _Processor:
    def __init__(self, loader: ContextLoader | None) -> None:
        self.loader = loader

    # -- contexts -----------------------------------------------------------------------------------

    def process(self, active: Context, local: Any, base_url: str | None, *,
                remote_contexts: tuple[str, ...] = (), propagate: bool = True,
                override_protected: bool = False) -> Context:
        """Context processing with a small per-context cache (scoped contexts recur for every node)."""
        key = (id(local), base_url, propagate)
        cached = active._derived.get(key)
        if cached is not None and cached[0] is local:
            return cached[1]
        result = self._process(active, local, base_url, remote_contexts=remote_contexts, propagate=propagate)
        # The entry holds ``local`` itself, so its id() cannot be reused by another object meanwhile.
        active._derived[key] = (local, result)
        return result

    def _process(self, active: Context, local: Any, base_url: str | None, *,
                 remote_contexts: tuple[str, ...], propagate: bool) -> Context:
        result = active.copy()
        if isinstance(local, dict) and "@propagate" in local:
            if not isinstance(local["@propagate"], bool):
                raise JsonLdError("@propagate must be true or false")
            propagate = local["@propagate"]
        if not propagate and result.previous is None:
            result.previous = active
        for context in _as_list(local):
            if context is None:
                previous = result.previous
                result = Context(base=active.original_base, original_base=active.original_base)
                if not propagate:
                    result.previous = previous
                continue
            if isinstance(context, str):
                result = self._process_remote(result, context, base_url, remote_contexts)
                continue
            if not isinstance(context, dict):
                raise JsonLdError(f"a context must be an object, a string or null, not {type(context).__name__}")
            context = self._apply_import(context, base_url)
            if "@version" in context and context["@version"] != 1.1:
                raise JsonLdError(f"unsupported @version {context['@version']!r}")
            if "@base" in context and not remote_contexts:
                value = context["@base"]
                if value is None:
                    result.base = None
                elif isinstance(value, str):
                    result.base = value if is_absolute_iri(value) else (
                        urljoin(result.base, value) if result.base else value)
                else:
                    raise JsonLdError("@base must be a string or null")
            if "@vocab" in context:
                value = context["@vocab"]
                if value is None:
                    result.vocab = None
                elif isinstance(value, str):
                    result.vocab = expand_iri(result, value, vocab=True, document_relative=True)
                else:
                    raise JsonLdError("@vocab must be a string or null")
            if "@language" in context:
                value = context["@language"]
                if value is not None and not isinstance(value, str):
                    raise JsonLdError("@language must be a string or null")
                result.language = value.lower() if isinstance(value, str) else None
            defined: dict[str, bool] = {}
            for term in context:
                if term in _CONTEXT_ONLY_KEYS:
                    continue
                self.define_term(result, context, term, defined, base_url=base_url)
        return result

    def _process_remote(self, result: Context, reference: str, base_url: str | None,
                        remote_contexts: tuple[str, ...]) -> Context:
        url = urljoin(base_url, reference) if base_url else reference
        if url in remote_contexts:
            raise JsonLdError(f"recursive context inclusion of {url}")
        if len(remote_contexts) >= MAX_REMOTE_CONTEXTS:
            raise JsonLdError(f"too many nested remote contexts (at {url})")
        document = self._load(url)
        if not isinstance(document, dict) or "@context" not in document:
            raise JsonLdError(f"the remote context {url} has no top-level @context")
        return self._process(result, document["@context"], url, remote_contexts=remote_contexts + (url,),
                             propagate=True)

    def _apply_import(self, context: dict[str, Any], base_url: str | None) -> dict[str, Any]:
        if "@import" not in context:
            return context
        reference = context["@import"]
        if not isinstance(reference, str):
            raise JsonLdError("@import must be a string")
        url = urljoin(base_url, reference) if base_url else reference
        document = self._load(url)
        imported = document.get("@context") if isinstance(document, dict) else None
        if not isinstance(imported, dict):
            raise JsonLdError(f"the imported context {url} must be a single object")
        if "@import" in imported:
            raise JsonLdError(f"the imported context {url} must not itself use @import")
        merged = dict(imported)
        merged.update({k: v for k, v in context.items() if k != "@import"})
        return merged

    def _load(self, url: str) -> Any:
        if self.loader is None:
            raise JsonLdError(f"cannot load the remote context {url}: no context loader configured")
        return self.loader(url)

    # -- term definitions ---------------------------------------------------------------------------

    def define_term(self, active: Context, local: Mapping[str, Any], term: str, defined: dict[str, bool],
                    *, base_url: str | None = None) -> None:
        if term in defined:
            if defined[term]:
                return
            raise JsonLdError(f"cyclic IRI mapping for term {term!r}")
        if term == "":
            raise JsonLdError("the empty string is not a valid term")
        defined[term] = False
        value = local[term]
        if term == "@type":
            # JSON-LD 1.1 allows {"@container": "@set"} / {"@protected": true} here; nothing to record.
            defined[term] = True
            return
        if is_keyword(term):
            raise JsonLdError(f"keyword redefinition: {term}")
        if _KEYWORD_LIKE.match(term):
            defined[term] = True
            return
        active.terms.pop(term, None)
        if value is None or (isinstance(value, dict) and "@id" in value and value["@id"] is None):
            active.terms[term] = None
            defined[term] = True
            return
        simple = isinstance(value, str)
        if simple:
            value = {"@id": value}
        if not isinstance(value, dict):
            raise JsonLdError(f"invalid term definition for {term!r}")
        definition = TermDefinition(iri=None)
        if "@type" in value:
            type_value = value["@type"]
            if not isinstance(type_value, str):
                raise JsonLdError(f"invalid @type mapping for term {term!r}")
            type_value = expand_iri(active, type_value, vocab=True, local=local, defined=defined, processor=self)
            if type_value not in ("@id", "@vocab", "@json", "@none") and not (
                    isinstance(type_value, str) and is_absolute_iri(type_value)):
                raise JsonLdError(f"invalid @type mapping {value['@type']!r} for term {term!r}")
            definition.type_mapping = type_value
        if "@reverse" in value:
            definition.iri = expand_iri(active, value["@reverse"], vocab=True, local=local, defined=defined,
                                        processor=self)
            definition.type_mapping = definition.type_mapping or "@id"
        elif "@id" in value and value["@id"] != term:
            id_value = value["@id"]
            if not isinstance(id_value, str):
                raise JsonLdError(f"invalid IRI mapping for term {term!r}")
            iri = expand_iri(active, id_value, vocab=True, local=local, defined=defined, processor=self)
            if iri is None or (not is_keyword(iri) and ":" not in iri):
                raise JsonLdError(f"invalid IRI mapping {id_value!r} for term {term!r}")
            if iri == "@context":
                raise JsonLdError(f"invalid keyword alias @context for term {term!r}")
            definition.iri = iri
            if simple and ":" not in term and "/" not in term and (
                    iri.endswith(_GEN_DELIMS) or iri.startswith("_:")):
                definition.prefix = True
        elif ":" in term[1:]:
            prefix, suffix = term.split(":", 1)
            if prefix in local:
                self.define_term(active, local, prefix, defined, base_url=base_url)
            prefix_definition = active.terms.get(prefix)
            if prefix_definition is not None and prefix_definition.iri is not None and not suffix.startswith("//"):
                definition.iri = prefix_definition.iri + suffix
            else:
                definition.iri = term
        elif "/" in term:
            definition.iri = expand_iri(active, term, vocab=True)
        elif active.vocab is not None:
            definition.iri = active.vocab + term
        else:
            raise JsonLdError(f"term {term!r} has no IRI mapping and there is no @vocab")
        if "@container" in value:
            container = value["@container"]
            items = _as_list(container)
            if not all(isinstance(item, str) for item in items):
                raise JsonLdError(f"invalid @container for term {term!r}")
            definition.container = frozenset(items)
        if "@context" in value:
            definition.scoped_context = value["@context"]
            definition.has_scoped_context = True
            definition.base_url = base_url
        if "@language" in value and "@type" not in value:
            language = value["@language"]
            if language is not None and not isinstance(language, str):
                raise JsonLdError(f"invalid @language for term {term!r}")
            definition.has_language = True
            definition.language = language.lower() if isinstance(language, str) else None
        if "@prefix" in value:
            if not isinstance(value["@prefix"], bool):
                raise JsonLdError(f"@prefix must be true or false (term {term!r})")
            definition.prefix = value["@prefix"]
        active.terms[term] = definition
        defined[term] = True

    # -- expansion ----------------------------------------------------------------------------------

    def expand(self, active: Context, active_property: str | None, element: Any, base_url: str | None,
               *, from_map: bool = False) -> Any:
        if element is None:
            return None
        definition = active.term(active_property) if active_property else None
        if definition is not None and definition.type_mapping == "@json":
            return {"@value": element, "@type": "@json"}
        if not isinstance(element, (dict, list)):
            if active_property is None or active_property == "@graph":
                return None
            if definition is not None and definition.has_scoped_context:
                active = self.process(active, definition.scoped_context, definition.base_url)
            return self.expand_value(active, active_property, element)
        if isinstance(element, list):
            result: list[Any] = []
            for item in element:
                expanded = self.expand(active, active_property, item, base_url, from_map=from_map)
                if expanded is None:
                    continue
                if isinstance(expanded, list):
                    result.extend(expanded)
                else:
                    result.append(expanded)
            return result
        return self._expand_map(active, active_property, element, base_url, from_map=from_map)

    def _expand_map(self, active: Context, active_property: str | None, element: dict[str, Any],
                    base_url: str | None, *, from_map: bool) -> Any:
        property_definition = active.term(active_property) if active_property else None
        if active.previous is not None and not from_map and not self._keeps_type_scope(active, element):
            active = active.previous
        if property_definition is not None and property_definition.has_scoped_context:
            active = self.process(active, property_definition.scoped_context, property_definition.base_url,
                                  override_protected=True)
        if "@context" in element:
            active = self.process(active, element["@context"], base_url)
        type_scoped = active
        for key in sorted(element):
            if expand_iri(active, key, vocab=True) != "@type":
                continue
            for value in sorted(v for v in _as_list(element[key]) if isinstance(v, str)):
                type_definition = type_scoped.term(value)
                if type_definition is not None and type_definition.has_scoped_context:
                    active = self.process(active, type_definition.scoped_context, type_definition.base_url,
                                          propagate=False)
        result: dict[str, Any] = {}
        for key in sorted(element):
            if key == "@context":
                continue
            value = element[key]
            expanded_property = expand_iri(active, key, vocab=True)
            if expanded_property is None or (":" not in expanded_property and not is_keyword(expanded_property)):
                continue  # keys that do not map to an IRI or keyword are dropped
            if is_keyword(expanded_property):
                self._expand_keyword(active, type_scoped, active_property, expanded_property, value, result,
                                     base_url)
                continue
            definition = active.term(key)
            container = definition.container if definition is not None else frozenset()
            if definition is not None and definition.type_mapping == "@json":
                expanded_value: Any = {"@value": value, "@type": "@json"}
            elif "@language" in container and isinstance(value, dict):
                expanded_value = self._expand_language_map(active, value, definition)
            elif container & {"@index", "@id", "@type"} and isinstance(value, dict):
                expanded_value = self._expand_keyed_map(active, key, value, container, base_url)
            else:
                expanded_value = self.expand(active, key, value, base_url)
            if expanded_value is None:
                continue
            if "@list" in container and not (isinstance(expanded_value, dict) and "@list" in expanded_value):
                expanded_value = {"@list": _as_list(expanded_value)}
            result.setdefault(expanded_property, []).extend(_as_list(expanded_value))
        return self._finish_node(result, active_property)

    @staticmethod
    def _keeps_type_scope(active: Context, element: dict[str, Any]) -> bool:
        expanded = {expand_iri(active, key, vocab=True) for key in element}
        if "@value" in expanded:
            return True
        return expanded == {"@id"}

    def _expand_keyword(self, active: Context, type_scoped: Context, active_property: str | None, keyword: str,
                        value: Any, result: dict[str, Any], base_url: str | None) -> None:
        if keyword == "@id":
            if not isinstance(value, str):
                raise JsonLdError("@id must be a string")
            result["@id"] = expand_iri(active, value, document_relative=True)
        elif keyword == "@type":
            values = _as_list(value)
            if not all(isinstance(item, str) for item in values):
                raise JsonLdError("@type values must be strings")
            expanded = [expand_iri(type_scoped, item, vocab=True, document_relative=True) for item in values]
            result.setdefault("@type", []).extend(expanded)
        elif keyword == "@value":
            result["@value"] = value
        elif keyword == "@language":
            if not isinstance(value, str):
                raise JsonLdError("@language must be a string")
            result["@language"] = value.lower()
        elif keyword == "@index":
            result["@index"] = value
        elif keyword == "@direction":
            result["@direction"] = value
        elif keyword == "@list":
            if active_property is None or active_property == "@graph":
                return
            expanded = self.expand(active, active_property, value, base_url)
            result["@list"] = _as_list(expanded) if expanded is not None else []
        elif keyword == "@set":
            expanded = self.expand(active, active_property, value, base_url)
            result["@set"] = _as_list(expanded) if expanded is not None else []
        elif keyword == "@graph":
            expanded = self.expand(active, "@graph", value, base_url)
            result["@graph"] = _as_list(expanded) if expanded is not None else []
        # @reverse, @nest, @included: not supported, ignored

    def _expand_language_map(self, active: Context, value: dict[str, Any],
                             definition: TermDefinition | None) -> list[dict[str, Any]]:
        expanded: list[dict[str, Any]] = []
        for language in sorted(value):
            for item in _as_list(value[language]):
                if item is None:
                    continue
                if not isinstance(item, str):
                    raise JsonLdError(f"language map values must be strings (language {language!r})")
                value_object: dict[str, Any] = {"@value": item}
                if language != "@none" and expand_iri(active, language, vocab=True) != "@none":
                    value_object["@language"] = language.lower()
                expanded.append(value_object)
        return expanded

    def _expand_keyed_map(self, active: Context, key: str, value: dict[str, Any], container: frozenset[str],
                          base_url: str | None) -> list[Any]:
        expanded: list[Any] = []
        for map_key in sorted(value):
            map_context = active
            if "@type" in container:
                type_definition = active.term(map_key)
                if type_definition is not None and type_definition.has_scoped_context:
                    map_context = self.process(active, type_definition.scoped_context, type_definition.base_url,
                                               propagate=False)
            items = self.expand(map_context, key, _as_list(value[map_key]), base_url, from_map=True) or []
            for item in _as_list(items):
                if not isinstance(item, dict):
                    continue
                is_none = map_key == "@none" or expand_iri(active, map_key, vocab=True) == "@none"
                if "@index" in container and not is_none:
                    item.setdefault("@index", map_key)
                elif "@id" in container and not is_none and "@value" not in item:
                    item.setdefault("@id", expand_iri(active, map_key, document_relative=True))
                elif "@type" in container and not is_none and "@value" not in item:
                    item["@type"] = [expand_iri(active, map_key, vocab=True, document_relative=True)] + \
                        item.get("@type", [])
                expanded.append(item)
        return expanded

    @staticmethod
    def _finish_node(result: dict[str, Any], active_property: str | None) -> Any:
        if "@value" in result:
            if result["@value"] is None:
                return None
            if "@type" in result:
                types = result["@type"]
                result["@type"] = types[0] if len(types) == 1 else types
            return result
        if "@set" in result:
            return result["@set"]
        if "@list" in result:
            return result
        if set(result) <= {"@language", "@direction"}:
            return None
        return result

    def expand_value(self, active: Context, active_property: str, value: Any) -> dict[str, Any]:
        definition = active.term(active_property)
        type_mapping = definition.type_mapping if definition is not None else None
        if type_mapping == "@id" and isinstance(value, str):
            return {"@id": expand_iri(active, value, document_relative=True)}
        if type_mapping == "@vocab" and isinstance(value, str):
            return {"@id": expand_iri(active, value, vocab=True, document_relative=True)}
        result: dict[str, Any] = {"@value": value}
        if type_mapping not in (None, "@id", "@vocab", "@none"):
            result["@type"] = type_mapping
        elif isinstance(value, str):
            if definition is not None and definition.has_language:
                language = definition.language
            else:
                language = active.language
            if language is not None:
                result["@language"] = language
        return result


# --------------------------------------------------------------------------------------------------
# Public API


def process_context(local: Any, *, base_url: str | None = None, loader: ContextLoader | None = None,
                    active: Context | None = None) -> Context:
    """Processes ``local`` (a context object, URL, or list of them) on top of ``active``."""
    processor = _Processor(loader)
    start = active if active is not None else Context(base=base_url, original_base=base_url)
    return processor._process(start, local, base_url, remote_contexts=(), propagate=True)


def expand(document: Any, *, base_url: str | None = None, loader: ContextLoader | None = None,
           expand_context: Any = None) -> list[dict[str, Any]]:
    """Expands a JSON-LD document; returns a list of top-level node objects."""
    processor = _Processor(loader)
    active = Context(base=base_url, original_base=base_url)
    if expand_context is not None:
        active = processor._process(active, expand_context, base_url, remote_contexts=(), propagate=True)
    try:
        expanded = processor.expand(active, None, document, base_url)
    except RecursionError as error:  # pragma: no cover - pathological nesting
        raise JsonLdError("the document is nested too deeply") from error
    if expanded is None:
        return []
    if isinstance(expanded, dict):
        if set(expanded) == {"@graph"}:
            return [item for item in expanded["@graph"] if isinstance(item, dict)]
        return [expanded]
    return [item for item in expanded if isinstance(item, dict)]


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
            if key in ("@id", "@type", "@index"):
                continue
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
