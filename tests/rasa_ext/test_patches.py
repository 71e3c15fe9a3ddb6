"""The Rasa fixes in rasa_ext.patches keep Rasa's behaviour."""

from __future__ import annotations

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

from rasa_ext import patches as rasa_patches

rasa_patches.apply()  # as rasa_ext.run does before Rasa starts

VALID_REPLY = {
    "events": [{"event": "slot", "name": "life_event", "value": "birth", "timestamp": None}],
    "responses": [{"text": "Gefeliciteerd!", "buttons": [{"title": "Volgende", "payload": "/next"}]}],
}


def _action() -> RemoteAction:
    return RemoteAction("action_show_step", None)


def test_apply_installs_the_patches() -> None:
    assert RemoteAction._validate_action_result is rasa_patches._validate_action_result


def test_valid_action_server_reply_passes() -> None:
    assert _action()._validate_action_result(VALID_REPLY) is True
    assert _action()._validate_action_result({}) is True


@pytest.mark.parametrize(
    "bad_reply",
    [
        {"events": "not a list"},
        {"events": [{"name": "life_event"}]},  # an event without its "event" key
        {"responses": {"text": "not a list"}},
    ],
)
def test_invalid_reply_is_rejected_like_rasa_does(bad_reply: dict) -> None:
    schema = RemoteAction.action_response_format_spec()
    with pytest.raises(jsonschema.ValidationError) as original:
        jsonschema.validate(bad_reply, schema)  # what Rasa 3.6 itself calls
    with pytest.raises(jsonschema.ValidationError) as patched:
        _action()._validate_action_result(bad_reply)
    assert patched.value.message.startswith(original.value.message)
    assert "Failed to validate Action server response" in patched.value.message


def test_validator_is_built_once() -> None:
    assert rasa_patches._action_response_validator() is rasa_patches._action_response_validator()


def test_event_types_resolve_as_in_rasa() -> None:
    import rasa.shared.utils.common
    from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered

    assert Event.resolve_by_type is rasa_patches._resolve_event_by_type
    for cls in rasa.shared.utils.common.all_subclasses(Event):
        assert issubclass(Event.resolve_by_type(cls.type_name), Event)
    assert Event.resolve_by_type("user") is UserUttered
    assert Event.resolve_by_type("slot") is SlotSet
    assert Event.resolve_by_type("action") is ActionExecuted
    assert Event.resolve_by_type("topic") is None
    assert Event.resolve_by_type("no_such_event", default=SlotSet) is SlotSet
    with pytest.raises(ValueError, match="Unknown event name 'no_such_event'"):
        Event.resolve_by_type("no_such_event")


def test_event_subclass_imported_later_is_found() -> None:
    from rasa.shared.core.events import Event, SlotSet

    Event.resolve_by_type("slot")  # the table is built

    class LateEvent(SlotSet):
        type_name = "wegwijzer_test_late_event"

    assert Event.resolve_by_type("wegwijzer_test_late_event") is LateEvent


def test_events_round_trip_through_deserialisation() -> None:
    from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered, deserialise_events

    events = [
        UserUttered("ik ben verhuisd", {"name": "moving", "confidence": 0.9}),
        ActionExecuted("action_x"),
        BotUttered("Dag!"),
        SlotSet("life_event", "moving"),
    ]
    assert deserialise_events([e.as_dict() for e in events]) == events
