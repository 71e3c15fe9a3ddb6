"""JSON-LD expansion through bot.catalogue.linked_data (PyLD): contexts, aliases, scoped contexts, loaders."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from bot.catalogue import (
    CatalogueError,
)
from bot.catalogue import linked_data as jsonld
from tests.bot.catalogue.catalogue_fixtures import db_url, fixture_json, run

# --------------------------------------------------------------------------------------------------
# The JSON-LD processor itself


def test_jsonld_vocab_aliases_curies_lists_and_language_values() -> None:
    document = {
        "@context": {
            "@vocab": "http://example.org/vocab#",
            "@language": "nl",
            "ex": "http://example.org/ns#",
            "id": "@id",
            "type": "@type",
            "naam": {"@id": "ex:name", "@container": "@language"},
            "stappen": {"@id": "ex:steps", "@container": "@list"},
            "genegeerd": None,
        },
        "id": "http://example.org/a",
        "type": "ex:Thing",
        "kleur": "rood",
        "naam": {"nl": "Hallo", "FR": "Bonjour"},
        "stappen": ["een", "twee"],
        "ex:extra": [{"@value": "Salut", "@language": "FR"}, {"@value": 3}],
        "genegeerd": "weg",
    }
    [node] = jsonld.expand(document)
    assert node["@id"] == "http://example.org/a"
    assert node["@type"] == ["http://example.org/ns#Thing"]
    assert node["http://example.org/vocab#kleur"] == [{"@value": "rood", "@language": "nl"}]
    assert node["http://example.org/ns#name"] == [
        {"@value": "Bonjour", "@language": "fr"},
        {"@value": "Hallo", "@language": "nl"},
    ]
    assert node["http://example.org/ns#steps"] == [
        {"@list": [{"@value": "een", "@language": "nl"}, {"@value": "twee", "@language": "nl"}]}
    ]
    assert node["http://example.org/ns#extra"] == [{"@value": "Salut", "@language": "fr"}, {"@value": 3}]
    assert not any("genegeerd" in key for key in node)
    assert jsonld.values(node, "http://example.org/ns#steps")[1] == {"@value": "twee", "@language": "nl"}


def test_jsonld_scoped_contexts_base_and_type_scope_propagation() -> None:
    document = {
        "@context": {
            "ex": "http://example.org/ns#",
            "naam": "ex:name",
            "bewoner": "ex:resident",
            "niveau": {
                "@id": "ex:level",
                "@type": "@id",
                "@context": {"@base": "http://example.org/levels/"},
            },
            "kinderen": {"@id": "ex:children", "@context": {"naam": "ex:childName"}},
            "Adres": {"@id": "ex:Address", "@context": {"naam": "ex:street"}},
        },
        "@type": "Adres",
        "naam": "Markt",
        "niveau": ["Lokaal"],
        "bewoner": {"naam": "Jan", "kinderen": [{"naam": "Mia", "kinderen": {"naam": "Lou"}}]},
    }
    [node] = jsonld.expand(document, base_url="file:///tmp/page.json")
    assert node["http://example.org/ns#street"] == [{"@value": "Markt"}]  # type-scoped term
    assert node["http://example.org/ns#level"] == [
        {"@id": "http://example.org/levels/Lokaal"}
    ]  # scoped @base
    [resident] = node["http://example.org/ns#resident"]
    assert resident["http://example.org/ns#name"] == [{"@value": "Jan"}]  # type scope does not propagate
    [child] = resident["http://example.org/ns#children"]
    assert child["http://example.org/ns#childName"] == [{"@value": "Mia"}]  # property scope does propagate
    assert child["http://example.org/ns#children"][0]["http://example.org/ns#childName"] == [
        {"@value": "Lou"}
    ]


def test_jsonld_remote_contexts_go_through_the_loader() -> None:
    documents = {
        "https://ctx.example/a.jsonld": {"@context": ["b.jsonld", {"naam": "ex:name"}]},
        "https://ctx.example/b.jsonld": {"@context": {"ex": "http://example.org/ns#"}},
        "https://ctx.example/loop.jsonld": {"@context": "loop.jsonld"},
    }
    loaded: list[str] = []

    def loader(url: str) -> Any:
        loaded.append(url)
        return copy.deepcopy(documents[url])

    [node] = jsonld.expand({"@context": "https://ctx.example/a.jsonld", "naam": "x"}, loader=loader)
    assert node == {"http://example.org/ns#name": [{"@value": "x"}]}
    assert loaded == ["https://ctx.example/a.jsonld", "https://ctx.example/b.jsonld"]
    with pytest.raises(jsonld.JsonLdError, match="Cyclical @context"):
        jsonld.expand({"@context": "https://ctx.example/loop.jsonld", "a": 1}, loader=loader)
    with pytest.raises(jsonld.JsonLdError, match="no context loader"):
        jsonld.expand({"@context": "https://ctx.example/a.jsonld"})


def test_jsonld_invalid_context_becomes_catalogue_error(tmp_path: Path) -> None:
    page = fixture_json("stub", "page-0.json")
    page["@context"] = {"naam": {"@id": 42}}
    path = tmp_path / "bad-context.json"
    path.write_text(json.dumps(page), encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"bad-context\.json: JSON-LD problem: invalid IRI mapping"):
        run(path, db_url(tmp_path))
