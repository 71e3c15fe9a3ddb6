"""The transcript a caseworker reads: the conversation with the bot before the hand-off only."""

from __future__ import annotations

from rasa.shared.core.events import BotUttered, ConversationPaused, ConversationResumed, UserUttered

from channels.live_chat import transcript_entries

CREATED = 1_800_000_000.0  # the case's creation, whole seconds


def conversation() -> list:
    return [
        UserUttered("We hebben een baby gekregen", timestamp=CREATED - 60),
        BotUttered("Is dit uw eerste kind?", timestamp=CREATED - 59),
        UserUttered(
            "/handoff_live", metadata={"display": "Chatten met een medewerker"}, timestamp=CREATED - 1
        ),
        BotUttered("Ik geef uw gesprek door aan een medewerker.", timestamp=CREATED + 0.4),
        # typed while waiting: held for the caseworker, shown in the console's live messages
        ConversationPaused(timestamp=CREATED + 3),
        UserUttered("Welke premie moet ik aanvragen?", timestamp=CREATED + 3.1),
        ConversationResumed(timestamp=CREATED + 3.2),
        BotUttered("Uw bericht is doorgegeven aan de medewerker.", timestamp=CREATED + 3.3),
    ]


def test_the_transcript_ends_where_the_wait_begins() -> None:
    entries = transcript_entries(conversation(), until=CREATED + 10, since=CREATED)
    assert [(e["author"], e["text"]) for e in entries] == [
        ("citizen", "We hebben een baby gekregen"),
        ("bot", "Is dit uw eerste kind?"),
        ("citizen", "Chatten met een medewerker"),
        ("bot", "Ik geef uw gesprek door aan een medewerker."),
    ]


def test_an_earlier_hand_off_in_the_same_conversation_does_not_cut_the_transcript() -> None:
    earlier = [
        ConversationPaused(timestamp=CREATED - 600),
        BotUttered("Dag, ik ben An.", metadata={"caseworker": True}, timestamp=CREATED - 590),
        ConversationResumed(timestamp=CREATED - 500),
    ]
    entries = transcript_entries(earlier + conversation(), until=CREATED + 10, since=CREATED)
    assert entries[0]["text"] == "We hebben een baby gekregen" and len(entries) == 4
