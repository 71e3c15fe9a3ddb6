"""Feedback from the web widget and unrecognised messages: validation, redaction, storage."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.insights.feedback import (
    AnnotationError,
    FeedbackError,
    FeedbackRecord,
    FeedbackStorageError,
    UnrecognisedMessage,
    annotate,
    export_annotations_as_nlu,
    record_feedback,
    record_unrecognised,
)
from bot.insights.privacy import pseudonymise
from bot.store import session_scope

CONVERSATION = "web-3f9c2a7b41"
EMAIL = "jan.peeters@telenet.be"
IBAN = "BE68 5390 0754 7034"
PHONE = "0470 12 34 56"


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'app.db'}"


def rating(**changes: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "conversation_id": CONVERSATION,
        "kind": "rating",
        "rating": "up",
        "life_event": "birth",
        "step_id": "declare_birth",
        "bot_message": "Stap 2 van 6: Geef de geboorte aan bij de gemeente",
    }
    payload.update(changes)
    return {key: value for key, value in payload.items() if value is not ...}


def all_stored_values(database_file: Path) -> str:
    """Every value of every table, read with a separate connection (so committed data only)."""
    connection = sqlite3.connect(database_file)
    try:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        values = []
        for table in tables:
            for row in connection.execute(f'SELECT * FROM "{table}"'):
                values.extend(str(value) for value in row)
        return "\n".join(values)
    finally:
        connection.close()


def test_rating_is_stored_with_a_pseudonym(url: str, tmp_path: Path) -> None:
    new_id = record_feedback(url, rating())
    assert isinstance(new_id, int) and new_id > 0
    with session_scope(url) as session:
        record = session.get(FeedbackRecord, new_id)
        assert record.conversation_id == pseudonymise(CONVERSATION)
        assert (record.kind, record.rating, record.life_event, record.step_id) == (
            "rating",
            "up",
            "birth",
            "declare_birth",
        )
        assert record.bot_message_redacted.startswith("Stap 2 van 6")
        assert record.comment_redacted is None and record.redaction_count == 0
    assert CONVERSATION not in all_stored_values(tmp_path / "app.db")


def test_feedback_is_committed_before_returning(url: str, tmp_path: Path) -> None:
    new_id = record_feedback(url, rating(rating="down"))
    connection = sqlite3.connect(tmp_path / "app.db")
    try:
        assert connection.execute("SELECT rating FROM feedback WHERE id = ?", (new_id,)).fetchone() == (
            "down",
        )
    finally:
        connection.close()


def test_free_text_is_redacted_before_storage(url: str, tmp_path: Path) -> None:
    comment = f"Ik kreeg geen antwoord. Mail naar {EMAIL} of bel {PHONE}, terugstorten op {IBAN}."
    bot_message = f"U vroeg om te bellen naar {PHONE}. " + "Meer uitleg. " * 200
    new_id = record_feedback(
        url, rating(kind="remark", rating=None, comment=comment, bot_message=bot_message)
    )
    with session_scope(url) as session:
        record = session.get(FeedbackRecord, new_id)
        assert record.comment_redacted == (
            "Ik kreeg geen antwoord. Mail naar [E-MAIL] of bel [TELEFOON], terugstorten op [IBAN]."
        )
        assert record.redaction_count == 3
        assert record.bot_message_redacted.startswith("U vroeg om te bellen naar [TELEFOON].")
        assert len(record.bot_message_redacted) <= 500
    stored = all_stored_values(tmp_path / "app.db")
    for secret in (EMAIL, IBAN, PHONE, "0470"):
        assert secret not in stored


def test_complaint_is_stored(url: str) -> None:
    payload = {
        "conversation_id": CONVERSATION,
        "kind": "complaint",
        "life_event": "birth",
        "step_id": "declare_birth",
        "comment": "Al drie weken geen afspraak mogelijk.",
        "complaint": {"service": "Aangifte van een geboorte", "agency": "Gemeente Gent", "level": "lokaal"},
    }
    new_id = record_feedback(url, payload)
    with session_scope(url) as session:
        record = session.get(FeedbackRecord, new_id)
        assert (record.complaint_service, record.complaint_agency, record.complaint_level) == (
            "Aangifte van een geboorte",
            "Gemeente Gent",
            "lokaal",
        )
        assert record.rating is None


def test_journey_rating_is_stored(url: str) -> None:
    new_id = record_feedback(
        url,
        {
            "conversation_id": CONVERSATION,
            "kind": "journey_rating",
            "rating": "down",
            "life_event": "moving",
            "comment": "te lang",
        },
    )
    with session_scope(url) as session:
        record = session.get(FeedbackRecord, new_id)
        assert (record.kind, record.rating, record.life_event, record.step_id) == (
            "journey_rating",
            "down",
            "moving",
            None,
        )


@pytest.mark.parametrize(
    "payload, field",
    [
        ("not an object", "payload"),
        (["a", "list"], "payload"),
        (rating(extra="x"), "extra"),
        (rating(conversation_id=...), "conversation_id"),
        (rating(conversation_id="short"), "conversation_id"),
        (rating(conversation_id="x" * 65), "conversation_id"),
        (rating(conversation_id="conv id with spaces"), "conversation_id"),
        (rating(conversation_id=12345678), "conversation_id"),
        (rating(kind="praise"), "kind"),
        (rating(kind=...), "kind"),
        (rating(rating="meh"), "rating"),
        (rating(rating=None), "rating"),
        (rating(rating=...), "rating"),
        (rating(comment="x" * 2001), "comment"),
        (rating(comment=42), "comment"),
        (rating(life_event="wedding"), "life_event"),
        (rating(life_event=None), "life_event"),
        (rating(step_id="Not A Step!"), "step_id"),
        (rating(bot_message=["list"]), "bot_message"),
        (rating(complaint={"agency": "Gemeente"}), "complaint"),
        (rating(kind="remark", rating=None), "comment"),
        (rating(kind="remark", rating=None, comment="   "), "comment"),
        (rating(kind="journey_rating", life_event=None, step_id=None), "life_event"),
        (rating(kind="complaint", rating=None), "complaint"),
        (rating(kind="complaint", rating=None, complaint="Gemeente"), "complaint"),
        (rating(kind="complaint", rating=None, complaint={}), "complaint.agency"),
        (
            rating(kind="complaint", rating=None, complaint={"agency": "Gemeente", "level": "gemeentelijk"}),
            "complaint.level",
        ),
        (
            rating(kind="complaint", rating=None, complaint={"agency": "Gemeente", "phone": "x"}),
            "complaint.phone",
        ),
    ],
)
def test_malformed_payload_is_rejected_naming_the_field(
    url: str, tmp_path: Path, payload: Any, field: str
) -> None:
    with pytest.raises(FeedbackError) as raised:
        record_feedback(url, payload)
    assert str(raised.value).startswith(f"{field}:")
    assert not (tmp_path / "app.db").exists()  # rejected before touching the database


def test_feedback_error_is_a_value_error() -> None:
    assert issubclass(FeedbackError, ValueError)


def test_comment_of_exactly_2000_characters_is_accepted(url: str) -> None:
    assert record_feedback(url, rating(comment="a" * 2000)) > 0


def test_storage_failure_raises_a_retryable_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    with pytest.raises(FeedbackStorageError):
        record_feedback(f"sqlite:///{blocker / 'app.db'}", rating())


# --- unrecognised messages ---------------------------------------------------------------------


def test_unrecognised_message_is_stored_redacted(url: str, tmp_path: Path) -> None:
    new_id = record_unrecognised(
        url, CONVERSATION, f"kan ik {EMAIL} gebruiken voor mijn parkeerkaart?", "nlu_fallback", 0.31
    )
    assert new_id is not None
    with session_scope(url) as session:
        message = session.get(UnrecognisedMessage, new_id)
        assert message.text_redacted == "kan ik [E-MAIL] gebruiken voor mijn parkeerkaart?"
        assert (message.redaction_count, message.intent, message.confidence) == (1, "nlu_fallback", 0.31)
        assert message.conversation_id == pseudonymise(CONVERSATION)
        assert message.annotated_life_event is None
    assert EMAIL not in all_stored_values(tmp_path / "app.db")


def test_unrecognised_message_storage_failure_does_not_raise(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    assert record_unrecognised(f"sqlite:///{blocker / 'app.db'}", CONVERSATION, "hallo?", None, None) is None


def test_annotate_and_export_as_nlu(url: str) -> None:
    first = record_unrecognised(url, CONVERSATION, "we krijgen een kindje in mei", "nlu_fallback", 0.2)
    duplicate = record_unrecognised(
        url, "web-other-conv", "we  krijgen een kindje in mei", "nlu_fallback", 0.2
    )
    named = record_unrecognised(
        url, CONVERSATION, "Mijn naam is Jan Peeters, mijn vader is gestorven", None, None
    )
    record_unrecognised(url, CONVERSATION, "wat is het weer morgen", "nlu_fallback", 0.1)  # not annotated
    off_topic = record_unrecognised(url, CONVERSATION, "hoe laat speelt Club Brugge", "nlu_fallback", 0.1)
    annotate(url, first, "birth")
    annotate(url, duplicate, "birth")
    annotate(url, named, "death")
    annotate(url, off_topic, "out_of_scope")

    text = export_annotations_as_nlu(url)
    data = yaml.safe_load(text)
    assert data["version"] == "3.1"
    intents = {item["intent"]: item["examples"].splitlines() for item in data["nlu"]}
    assert intents == {
        "birth": ["- we krijgen een kindje in mei"],
        "death": ["- Mijn naam is [NAAM], mijn vader is gestorven"],
        "out_of_scope": ["- hoe laat speelt Club Brugge"],
    }
    assert "weer morgen" not in text
    assert text.startswith("# ")  # a review warning comes first


def test_export_is_readable_by_rasa(url: str) -> None:
    reader_module = pytest.importorskip("rasa.shared.nlu.training_data.formats.rasa_yaml")
    annotate(url, record_unrecognised(url, CONVERSATION, "ons kind is geboren", None, None), "birth")
    training_data = reader_module.RasaYAMLReader().reads(export_annotations_as_nlu(url))
    assert training_data.intents == {"birth"}
    assert [example.get("text") for example in training_data.intent_examples] == ["ons kind is geboren"]


def test_annotation_can_be_removed(url: str) -> None:
    message_id = record_unrecognised(url, CONVERSATION, "we trouwen", None, None)
    annotate(url, message_id, "cohabitation_marriage")
    annotate(url, message_id, None)
    assert yaml.safe_load(export_annotations_as_nlu(url))["nlu"] == []


def test_annotate_rejects_unknown_message_or_label(url: str) -> None:
    message_id = record_unrecognised(url, CONVERSATION, "we trouwen", None, None)
    with pytest.raises(AnnotationError, match="life_event"):
        annotate(url, message_id, "wedding")
    with pytest.raises(AnnotationError, match="message_id"):
        annotate(url, 9999, "birth")
