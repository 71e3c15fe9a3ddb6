"""Rasa training data: knowledge-base files are never read as training data; data validates."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.training_data.story_reader.yaml_story_reader import YAMLStoryReader
from rasa.shared.importers.importer import TrainingDataImporter
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

from bot.settings import REPO_ROOT

NON_TRAINING_DIRS = [
    "data/life_events",
    "data/texts",
    "data/places",
    "data/faq",
    "data/sources",
    "data/lexicon",
    "data/routes",
]


def _files(dirs: list[str]) -> list[Path]:
    return [path for d in dirs for path in (REPO_ROOT / d).rglob("*.y*ml")]


@pytest.mark.parametrize("path", _files(NON_TRAINING_DIRS), ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_knowledge_files_are_not_training_data(path: Path) -> None:
    assert not RasaYAMLReader.is_yaml_nlu_file(path)
    assert not YAMLStoryReader.is_stories_file(path)
    assert not Domain.is_domain_file(path)


def test_whole_data_folder_loads_only_real_training_data() -> None:
    importer = TrainingDataImporter.load_from_config(
        str(REPO_ROOT / "config.yml"), str(REPO_ROOT / "domain"), [str(REPO_ROOT / "data")]
    )
    nlu = importer.get_nlu_data()
    birth_kb_title = "Een kind krijgen"
    assert birth_kb_title not in {example.get("text") for example in nlu.training_examples}
    assert "birth" in nlu.intents and "out_of_scope" in nlu.intents


def test_every_life_event_intent_has_enough_examples() -> None:
    importer = TrainingDataImporter.load_from_config(
        str(REPO_ROOT / "config.yml"), str(REPO_ROOT / "domain"), [str(REPO_ROOT / "data" / "nlu")]
    )
    counts = importer.get_nlu_data().number_of_examples_per_intent
    from bot.knowledge.validation import life_event_ids

    for event_id in life_event_ids():
        assert counts.get(event_id, 0) >= 40, event_id


def test_rasa_data_validate_is_clean() -> None:
    """`rasa data validate` passes; its only warnings are responses sent from custom actions."""
    import re

    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "rasa"),
            "data",
            "validate",
            "--domain",
            "domain",
            "--data",
            "data/nlu",
            "data/rules",
            "--config",
            "config.yml",
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    actions_code = "\n".join(
        path.read_text(encoding="utf-8") for path in (REPO_ROOT / "actions").glob("*.py")
    )
    warnings = [line for line in output.splitlines() if "UserWarning" in line]
    unexplained = []
    for line in warnings:
        unused = re.search(r"The utterance '(\w+)' is not used in any story or rule", line)
        if unused and f'"{unused.group(1)}"' in actions_code:
            continue
        unexplained.append(line)
    assert unexplained == []


def test_training_data_never_contains_held_out_rows() -> None:
    import csv
    import re

    def norm(text: str) -> str:
        return re.sub(r"[^\w]+", " ", text.lower()).strip()

    importer = TrainingDataImporter.load_from_config(
        str(REPO_ROOT / "config.yml"), str(REPO_ROOT / "domain"), [str(REPO_ROOT / "data")]
    )
    training = {norm(example.get("text") or "") for example in importer.get_nlu_data().training_examples}
    with (REPO_ROOT / "tests" / "data" / "nlu_holdout.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 200
    # The evaluation part of the real questions from public FAQ pages is never trained on either.
    with (REPO_ROOT / "tests" / "data" / "real_questions.csv").open(encoding="utf-8", newline="") as handle:
        real = [row for row in csv.DictReader(handle) if row["split"] == "eval"]
    assert len(real) >= 150
    # ... nor the second set of real questions (tests/data/real_questions_extra_SOURCES.md).
    with (REPO_ROOT / "tests" / "data" / "real_questions_extra.csv").open(
        encoding="utf-8", newline=""
    ) as handle:
        extra = list(csv.DictReader(handle))
    assert len(extra) >= 200
    leaked = [row["text"] for row in [*rows, *real, *extra] if norm(row["text"]) in training]
    assert leaked == []


def test_real_question_splits_never_share_a_source() -> None:
    import csv
    from urllib.parse import urlparse

    with (REPO_ROOT / "tests" / "data" / "real_questions.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    sites = {
        split: {urlparse(r["source"]).netloc.removeprefix("www.") for r in rows if r["split"] == split}
        for split in ("train", "eval")
    }
    assert len(rows) >= 300 and sites["train"] and sites["eval"]
    assert sites["train"] & sites["eval"] == set()
