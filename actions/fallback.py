"""Actions for messages the assistant did not understand, or that are not in Dutch."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.context import knowledge_base, settings
from bot.feedback import record_unrecognised
from bot.language import detect_language
from bot.texts import load_texts, text

MAX_CLARIFY_OPTIONS = 3
MIN_CLARIFY_CONFIDENCE = 0.05
FALLBACK_INTENTS = ("nlu_fallback", "out_of_scope")


def other_language_reply(language: str | None) -> str:
    """The short 'I only speak Dutch' answer in the person's language (Dutch + English if unknown)."""
    replies = load_texts()["other_language"]
    if language in replies and language != "nl":
        return replies[language]
    return f"{replies['nl']}\n\n{replies['en']}"


def consecutive_fallbacks(tracker: Tracker) -> int:
    """How many user messages in a row (the latest included) were not understood."""
    count = 0
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        if intent not in FALLBACK_INTENTS:
            break
        count += 1
    return max(count, 1)


def likely_events(tracker: Tracker) -> list[str]:
    """Up to three life events the message most likely refers to."""
    kb = knowledge_base()
    ranking = tracker.latest_message.get("intent_ranking") or []
    return [r["name"] for r in ranking
            if r.get("name") in kb and float(r.get("confidence") or 0) >= MIN_CLARIFY_CONFIDENCE][:MAX_CLARIFY_OPTIONS]


def remember_for_designers(tracker: Tracker, best_guess: dict) -> None:
    """Stores a typed message that was not understood, redacted, for service designers to label."""
    message = tracker.latest_message.get("text") or ""
    if message and not message.startswith("/"):
        record_unrecognised(settings().database_url, tracker.sender_id, message,
                            intent=best_guess.get("name"), confidence=best_guess.get("confidence"))


class ActionClarify(Action):
    """Not understood: first a clarifying question with the likely events, then a human."""

    def name(self) -> str:
        return "action_clarify"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        message = tracker.latest_message.get("text") or ""
        language = detect_language(message)
        if language:
            dispatcher.utter_message(text=other_language_reply(language))
            return []
        ranking = [r for r in tracker.latest_message.get("intent_ranking") or [] if r.get("name") != "nlu_fallback"]
        remember_for_designers(tracker, ranking[0] if ranking else {})
        human = {"title": text("button_human"), "payload": "/request_human"}
        if consecutive_fallbacks(tracker) >= 2:
            dispatcher.utter_message(response="utter_offer_human_after_fallback", buttons=[human])
            return []
        kb = knowledge_base()
        candidates = likely_events(tracker)
        if candidates:
            buttons = [{"title": kb.events[e].title, "payload": f"/{e}"} for e in candidates]
            buttons.append({"title": text("button_something_else"), "payload": "/ask_capabilities"})
            dispatcher.utter_message(response="utter_clarify", buttons=buttons)
        else:
            dispatcher.utter_message(response="utter_default")
        return []


class ActionAnswerOtherLanguage(Action):
    """A short answer in the person's language: the assistant speaks Dutch; where to get help."""

    def name(self) -> str:
        return "action_answer_other_language"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        dispatcher.utter_message(text=other_language_reply(detect_language(tracker.latest_message.get("text") or "")))
        return []


class ActionAnswerOutOfScope(Action):
    """Out-of-scope questions: polite pointer to 1700, or the other-language answer."""

    def name(self) -> str:
        return "action_answer_out_of_scope"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        message = tracker.latest_message.get("text") or ""
        language = detect_language(message)
        if language:
            dispatcher.utter_message(text=other_language_reply(language))
            return []
        # Out-of-scope questions show designers what else people look for.
        remember_for_designers(tracker, tracker.latest_message.get("intent") or {})
        dispatcher.utter_message(response="utter_out_of_scope")
        return []
