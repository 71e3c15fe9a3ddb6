"""The source policy, the authority vocabulary and the editors' review notes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from bot.knowledge.content_rules import authority_share, expected_level, review_notes
from bot.knowledge.source_policy import load_policy
from bot.knowledge.validation import KB_DIR, validate_directory
from devtools.knowledge_fixtures import make_valid_event, write_event


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://www.vlaanderen.be/geboorte", "official"),
        ("https://financien.belgium.be/nl/particulieren", "official"),
        ("https://www.rva.be/nieuws", "official"),
        ("https://partners.vdab.be/x", "official"),
        ("https://www.notaris.be/erven", "semi_official"),
        ("https://www.meise.be/product/1121/mantelzorgtoelage", "municipal"),
        ("https://stad.gent/nl/burgerzaken", "municipal"),
        ("https://www.sint-gillis-waas.be/verhuizen", "municipal"),
        ("https://www.stadkortrijk.be/x", "municipal"),
        ("https://24baby.be/baby/gezondheid/kind-en-gezin", "refused"),
        ("https://www.securex.be/nl/preventie", "refused"),
        ("https://www.hln.be/nieuws", "refused"),
        ("https://www.bbtk.org/ontslag", "refused"),
        ("https://vlaanderen.be.evil.com/x", "refused"),
        ("not a url", "refused"),
    ],
)
def test_the_policy_judges_each_kind_of_page(url: str, kind: str) -> None:
    verdict = load_policy().judge(url)
    assert verdict.kind == kind
    assert verdict.allowed == (kind in ("official", "semi_official"))


def test_every_semi_official_body_says_why() -> None:
    assert all(why for _, why in load_policy().semi_official.values())


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("https://www.hamme.be/aangifte-geboorte", "municipality's page"),
        ("https://www.securex.be/x", "not an official source"),
    ],
)
def test_the_validator_refuses_municipal_and_commercial_sources(
    tmp_path: Path, source: str, expected: str
) -> None:
    event = make_valid_event()
    event["steps"][1]["source_url"] = source
    path = write_event(tmp_path, event)
    [problem] = validate_directory(tmp_path, require_all=False)
    assert problem.path == "steps[1].source_url" and expected in problem.reason
    assert "source_url" in path.read_text(encoding="utf-8").splitlines()[problem.line - 1]


def test_a_federal_body_labelled_as_outside_government_is_refused(tmp_path: Path) -> None:
    event = make_valid_event()
    step = event["steps"][0]
    step.update(
        {
            "bevoegdBestuursniveau": "federaal",
            "bevoegdeOverheid": "RVA",
            "uitvoerendBestuursniveau": "derden",
            "uitvoerendeOverheid": "Hulpkas voor Werkloosheidsuitkeringen (HVW) of uw vakbond",
        }
    )
    write_event(tmp_path, event)
    [problem] = validate_directory(tmp_path, require_all=False)
    assert problem.path == "steps[0].uitvoerendBestuursniveau" and "'federaal'" in problem.reason


def test_the_first_authority_named_decides_its_level() -> None:
    assert expected_level("Uw werkgever (eerste 3 dagen) en uw ziekenfonds") == ("werkgever", "derden")
    assert expected_level("RVA (uitkering); uw werkgever (verlof)") == ("RVA", "federaal")
    assert expected_level("Lokale politie (wijkagent)")[1] == "lokaal"  # type: ignore[index]
    assert expected_level("Dyzo vzw") is None


def test_review_notes_name_rights_without_a_condition_and_rules_about_to_expire() -> None:
    today = dt.date(2026, 11, 30)
    event = make_valid_event()
    event["rights"] = [
        {"id": "widow", "title": "Pensioen voor de weduwe", "description": "x"},
        {
            "id": "fenced",
            "title": "Pensioen voor de weduwe",
            "description": "x",
            "applies_when": {"a": ["b"]},
        },
    ]
    event["steps"][0]["valid_until"] = "2027-01-15"
    event["steps"][1]["valid_until"] = "2027-06-01"
    notes = [str(note) for note in review_notes([("birth.yml", event)], today)]
    assert notes == [
        "birth.yml: step step_0: rule expires on 2027-01-15",
        "birth.yml: right widow: mentions 'weduwe' but has no applies_when: shown to all",
    ]


def test_the_shipped_knowledge_cites_the_competent_or_executing_authority_for_95_percent() -> None:
    events = [(f.name, yaml.safe_load(f.read_text(encoding="utf-8"))) for f in sorted(KB_DIR.glob("*.yml"))]
    cited, total = authority_share(events)
    assert total > 100 and cited / total >= 0.95, (cited, total)
