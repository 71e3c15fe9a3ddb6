"""Importer for the Flemish IPDC/LPDC product and service catalogue (CPSV-AP, published as an LDES).

The catalogue is published as a Linked Data Event Stream: JSON-LD pages whose ``tree:member``
list holds *snapshots* (versions) of concepts (IPDC, ``ConceptualPublicService[Snapshot]``) or of
local instances (LPDC, ``InstancePublicService[Snapshot]`` / ``cpsv:PublicService``). Each
snapshot points to the service it is a version of (``dct:isVersionOf``) and says when it was made
(``prov:generatedAtTime``). Pages link to further pages with ``tree:relation`` / ``tree:node``.

Keys are never read by their local names (``naam``, ``titel``, ``contactPunten``,
``contactgegevens`` ...): every page is expanded with :mod:`bot.catalogue.jsonld` through its own
``@context`` and fields are read by IRI. See ``docs/catalogue-import.md``.

Modules: ``vocabulary`` (IRIs), ``fetch`` (HTTP and files), ``extract`` (one snapshot from an
expanded page), ``values`` (levels, dates, HTML), ``storage`` (the table), ``importer`` (paging and
committing), ``results`` (report and error). Part of the domain core: it must not import rasa.
"""

from __future__ import annotations

from bot.catalogue.fetch import DEFAULT_TIMEOUT, clear_context_cache
from bot.catalogue.importer import import_catalogue
from bot.catalogue.results import CatalogueError, ImportReport
from bot.catalogue.storage import CatalogueService, CatalogueServiceRecord, get_service
from bot.catalogue.values import html_to_text, map_level, parse_datetime
from bot.catalogue.vocabulary import LEVELS

__all__ = [
    "DEFAULT_TIMEOUT",
    "LEVELS",
    "CatalogueError",
    "CatalogueService",
    "CatalogueServiceRecord",
    "ImportReport",
    "clear_context_cache",
    "get_service",
    "html_to_text",
    "import_catalogue",
    "map_level",
    "parse_datetime",
]
