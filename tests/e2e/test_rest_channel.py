"""End to end: start the action server and the Rasa server on loopback, chat in Dutch, stop both."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
import requests

from devtools.servers import running_assistant

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Runs both servers for this module; yields the Rasa base URL."""
    with running_assistant(tmp_path_factory.mktemp("e2e")) as (base, _settings):
        yield base


def say(base: str, sender: str, text: str) -> list[dict]:
    response = requests.post(
        f"{base}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60
    )
    assert response.status_code == 200
    return response.json()


def texts(replies: list[dict]) -> list[str]:
    return [reply["text"] for reply in replies if "text" in reply]


def test_birth_journey_over_rest(assistant: str) -> None:
    sender = f"e2e-{uuid.uuid4().hex[:12]}"
    replies = say(assistant, sender, "We hebben een baby gekregen")
    assert texts(replies)[0].startswith("Proficiat")
    question = next(reply for reply in replies if reply.get("buttons"))
    assert question["text"] == "Is dit uw eerste kind?"
    assert [b["title"] for b in question["buttons"]][:2] == [
        "Ja, mijn eerste kind",
        "Nee, ik heb al kinderen",
    ]

    replies = say(assistant, sender, '/provide_answer{"answer_value":"ja"}')
    assert texts(replies)[0].startswith("Werkt u als werknemer")

    replies = say(assistant, sender, '/provide_answer{"answer_value":"werknemer"}')
    assert texts(replies)[0].startswith("Bent u de moeder die bevalt")

    replies = say(assistant, sender, '/provide_answer{"answer_value":"moeder"}')
    assert texts(replies)[0].startswith("Wat is de geboortedatum?")

    replies = say(assistant, sender, "op 26 november 2026")
    all_text = "\n".join(texts(replies))
    assert "Een kind krijgen." in all_text
    assert "Stap 1 van" in all_text and "Geef de geboorte aan" in all_text  # the most urgent step first
    assert "uiterlijk op vrijdag 11 december 2026" in all_text
    kinds = [reply["custom"]["type"] for reply in replies if "custom" in reply]
    assert kinds[0] == "plan_overview" and "step_card" in kinds  # the overview of all steps, then step 1

    replies = say(assistant, sender, "volgende stap")
    assert any(t.startswith("Stap 2 van") and "startbedrag" in t for t in texts(replies))
    assert any("Bron: https://www.groeipakket.be/hoe-aanvragen" in t for t in texts(replies))

    replies = say(assistant, sender, "wat moet ik meebrengen?")
    assert any("Doktersattest" in t for t in texts(replies))  # what to bring for step 2, the start amount


def test_a_typed_conversation_over_rest_keeps_the_thread(assistant: str) -> None:
    """Typed like a person: facts in the first message, typed answers, a misleading word."""
    sender = f"e2e-{uuid.uuid4().hex[:12]}"
    replies = say(assistant, sender, "Mijn vader is gisteren overleden")
    assert "Gecondoleerd" in texts(replies)[0]
    assert not any("Was u de partner" in t for t in texts(replies))  # "mijn vader": not the partner
    replies = say(assistant, sender, "ja hij was al met pensioen")  # the NLU hears "pensioen" (retirement)
    all_text = "\n".join(texts(replies))
    assert "Een naaste is overleden." in all_text and "Stap 1 van" in all_text
    assert "We zetten" not in all_text and "Met pensioen gaan" not in all_text


def test_a_long_conversation_keeps_working(assistant: str) -> None:
    """Rasa sends the action server the whole conversation; it passes 64 KB after a dozen turns with
    plans (citizen test O: "Er ging iets mis" on every message from then on)."""
    sender = f"e2e-{uuid.uuid4().hex[:12]}"
    say(assistant, sender, "We hebben een baby gekregen")
    for answer in ("ja", "werknemer", "moeder", "op 26 november 2026"):
        say(
            assistant, sender, f'/provide_answer{{"answer_value":"{answer}"}}' if answer[0] != "o" else answer
        )
    for typed in ["toon opnieuw", "volgende stap"] * 11:  # within the 30 messages a minute of one sender
        replies = texts(say(assistant, sender, typed))
        assert replies and not any(t.startswith("Er ging iets mis") for t in replies), typed
    assert texts(say(assistant, sender, "hallo"))[0].startswith("Ja, ik ben er nog.")  # still answering


def test_basics_over_rest(assistant: str) -> None:
    sender = f"e2e-{uuid.uuid4().hex[:12]}"
    assert texts(say(assistant, sender, "hallo"))[0].startswith("Dag! Ik ben Wegwijzer.")
    assert "1700" in texts(say(assistant, sender, "kan ik met iemand spreken?"))[0]


def test_web_channel_page_and_whole_messages(assistant: str) -> None:
    page = requests.get(f"{assistant}/webhooks/web/", timeout=30)
    assert page.status_code == 200 and "Chat met Wegwijzer" in page.text
    sender = uuid.uuid4().hex
    response = requests.post(
        f"{assistant}/webhooks/web/webhook",
        json={"sender": sender, "message": "We hebben een baby gekregen"},
        timeout=60,
    )
    assert response.status_code == 200
    first = response.json()[0]
    question = response.json()[1]
    assert first["text"].startswith("Proficiat") and question["text"] == "Is dit uw eerste kind?"
    assert len(question["buttons"]) == 3 and question["custom"]["question_id"] == "first_child"


def test_web_channel_rejects_bad_input(assistant: str) -> None:
    url = f"{assistant}/webhooks/web/webhook"
    bad_json = requests.post(url, data=b"{not json", headers={"Content-Type": "application/json"}, timeout=30)
    assert bad_json.status_code == 400 and bad_json.json()["error"] == "invalid_json"
    no_sender = requests.post(url, json={"message": "hallo"}, timeout=30)
    assert no_sender.status_code == 400 and no_sender.json()["error"] == "invalid_sender"
    too_long = requests.post(url, json={"sender": uuid.uuid4().hex, "message": "a" * 5000}, timeout=30)
    assert too_long.status_code == 413
    missing = requests.get(f"{assistant}/webhooks/web/static/../../config.yml", timeout=30)
    assert missing.status_code == 404


def test_feedback_endpoint_stores_valid_and_rejects_malformed(assistant: str) -> None:
    url = f"{assistant}/webhooks/web/feedback"
    sender = uuid.uuid4().hex
    valid = {
        "conversation_id": sender,
        "kind": "rating",
        "rating": "down",
        "life_event": "birth",
        "step_id": "declare_birth",
        "comment": "Mijn nummer is 0470 12 34 56, bel me",
        "bot_message": "Stap 2 van 6",
    }
    stored = requests.post(url, json=valid, timeout=30)
    assert stored.status_code == 201 and stored.json()["id"] > 0
    bad_rating = requests.post(url, json={**valid, "rating": "meh"}, timeout=30)
    assert bad_rating.status_code == 400 and "rating" in bad_rating.json()["detail"]
    not_json = requests.post(url, data=b"{", headers={"Content-Type": "application/json"}, timeout=30)
    assert not_json.status_code == 400
    too_big = requests.post(url, json={**valid, "comment": "x" * 20000}, timeout=30)
    assert too_big.status_code == 413
