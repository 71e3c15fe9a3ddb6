"""Redacted transcripts for service designers: found by pseudonym, redacted, checked again."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import insert

from bot.insights import transcript as transcript_module
from bot.insights.detectors import _find_emails, _find_ibans, _find_phones, _find_rrns
from bot.insights.privacy import pseudonymise
from bot.insights.retention import tracker_events
from bot.insights.transcript import WITHHELD, conversation_label, find_transcript, safe_text
from bot.insights.transcript_page import render_transcript
from bot.store import get_engine
from tests.bot.insights.report_sample import EMAIL, IBAN, PHONES, RRN

SENDER = "conversation-with-secrets-0001"
SECRETS = (EMAIL, IBAN, RRN, PHONES[0], SENDER)


def _events(url: str, rows: list[tuple[str, str, dict]]) -> None:
    tracker_events.create(get_engine(url), checkfirst=True)
    with get_engine(url).begin() as connection:
        for index, (sender, type_name, data) in enumerate(rows):
            connection.execute(
                insert(tracker_events).values(
                    sender_id=sender,
                    type_name=type_name,
                    timestamp=1_772_000_000 + index,
                    data=json.dumps(data),
                )
            )


@pytest.fixture
def stored(url: str) -> str:
    _events(
        url,
        [
            (SENDER, "user", {"text": f"ik ben verhuisd, mail mij op {EMAIL} of bel {PHONES[0]}"}),
            (SENDER, "bot", {"text": "Een verhuis, dat is veel tegelijk."}),
            (SENDER, "user", {"text": '/provide_answer{"answer_value":"ja"}', "metadata": {"display": "Ja"}}),
            (SENDER, "action", {"name": "action_turn"}),
            (
                SENDER,
                "bot",
                {"text": None, "data": {"custom": {"type": "step_card", "title": "Geef uw verhuis door"}}},
            ),
            (SENDER, "user", {"text": f"mijn rekening is {IBAN} en mijn rijksregisternummer {RRN}"}),
            ("someone-else-0002", "user", {"text": "dit hoort bij een ander gesprek"}),
        ],
    )
    return url


def test_a_conversation_is_found_by_pseudonym_and_fully_redacted(stored: str) -> None:
    transcript = find_transcript(stored, pseudonymise(SENDER))
    assert transcript is not None and transcript.label == conversation_label(pseudonymise(SENDER))
    texts = [line.text for line in transcript.lines]
    assert [line.speaker for line in transcript.lines] == ["user", "bot", "user", "bot", "user"]
    assert texts[0] == "ik ben verhuisd, mail mij op [E-MAIL] of bel [TELEFOON]"
    assert texts[2] == "Ja" and texts[3] == "Geef uw verhuis door"
    assert "[IBAN]" in texts[4] and "[RIJKSREGISTERNUMMER]" in texts[4]
    assert "ander gesprek" not in " ".join(texts)
    assert transcript.redactions == 4 and transcript.withheld == 0
    page = render_transcript(transcript, transcript.label)
    for secret in SECRETS:
        assert secret not in page
    for find in (_find_emails, _find_ibans, _find_rrns, _find_phones):  # the privacy detectors agree
        assert find(page) == []
    assert '<meta name="viewport"' in page and "<main>" in page and "<h1>" in page


def test_unknown_or_malformed_pseudonyms_find_nothing(stored: str, url: str) -> None:
    assert find_transcript(stored, pseudonymise("not-stored-0003")) is None
    assert find_transcript(stored, "../../etc/passwd") is None
    assert find_transcript(stored, SENDER) is None  # the raw id is not a way in
    assert find_transcript(f"sqlite:///{url.removeprefix('sqlite:///')}.empty", pseudonymise(SENDER)) is None
    page = render_transcript(None, "ABC-123")
    assert "niet (meer) in de gespreksopslag" in page


def test_a_message_the_detectors_still_flag_after_redaction_is_withheld(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = []

    class Leaky:
        def __init__(self, text: str, total: int) -> None:
            self.text, self.total = text, total

    def fake_redact(text: str, nlp=None):  # type: ignore[no-untyped-def]
        calls.append(text)
        return Leaky(text, 1)  # pretends something is still there on every pass

    monkeypatch.setattr(transcript_module, "redact", fake_redact)
    assert safe_text("iets persoonlijks") == (WITHHELD, 1, True)
    assert len(calls) == 2  # redacted, then checked again


def test_labels_are_short_and_stable() -> None:
    pseudonym = pseudonymise("abc-12345678")
    assert conversation_label(pseudonym) == conversation_label(pseudonym)
    assert len(conversation_label(pseudonym)) == 7 and conversation_label(pseudonym)[3] == "-"
