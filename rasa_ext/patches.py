"""Small, measured fixes to Rasa 3.6 internals that cannot be reached by subclassing.

Applied once when the ``channels`` package is imported, which Rasa does at start-up for our input
channels, tracker store and lock store. Each patch keeps Rasa's behaviour and only removes waste.

* ``RemoteAction._validate_action_result`` called ``jsonschema.validate`` on every action-server
  reply. That function first checks the *schema itself* against the JSON Schema meta-schema, on
  every call: 28 % of the Rasa server's CPU under load (py-spy, bench/load.py). We build the
  validator once and validate the reply exactly as before (same schema, same error message).
* ``Event.resolve_by_type`` walked every subclass of ``Event`` (with ``inspect.isabstract``) for each
  event read from the tracker store: a fifth of the tracker-store load time. We keep a table from
  type name to class, rebuilt whenever a name is not found, so the answer stays Rasa's.
* ``rasa.server.configure_cors`` put sanic-cors on every route with credentials allowed, and its
  automatic OPTIONS answers pre-empt our own. CORS is decided per channel instead
  (``channels.security``: the widget's endpoints for configured sites, never staff routes), so the
  patched function adds nothing; ``--cors`` is not used.
"""

from __future__ import annotations

import functools
from typing import Any

_APPLIED = False


@functools.lru_cache(maxsize=1)
def _action_response_validator() -> Any:
    """The validator for action-server replies, checked once against its meta-schema."""
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def _validate_action_result(self: Any, result: dict[str, Any]) -> bool:
    """Same contract as Rasa's method: True when valid, else raises ``jsonschema.ValidationError``."""
    from jsonschema.exceptions import best_match
    from rasa.shared.constants import DOCS_BASE_URL

    error = best_match(_action_response_validator().iter_errors(result))
    if error is None:
        return True
    error.message += (
        ". Failed to validate Action server response from API, make sure your response from the "
        "Action endpoint is valid. For more information about the format visit "
        f"{DOCS_BASE_URL}/custom-actions"
    )
    raise error


_event_classes: dict[str, type] = {}


def _rebuild_event_classes() -> None:
    import rasa.shared.utils.common
    from rasa.shared.core.events import Event

    table: dict[str, type] = {}
    for cls in rasa.shared.utils.common.all_subclasses(Event):
        table.setdefault(cls.type_name, cls)  # the first match wins, as in Rasa's loop
    _event_classes.clear()
    _event_classes.update(table)


def _resolve_event_by_type(type_name: str, default: type | None = None) -> type | None:
    """Same contract as ``Event.resolve_by_type``: the class, None for "topic", the default, or ValueError."""
    cls = _event_classes.get(type_name)
    if cls is None:
        _rebuild_event_classes()  # a subclass may have been imported since the table was built
        cls = _event_classes.get(type_name)
    if cls is not None:
        return cls
    if type_name == "topic":
        return None  # Rasa: backwards compatibility with old TopicSet events
    if default is not None:
        return default
    raise ValueError(f"Unknown event name '{type_name}'.")


def _configure_no_global_cors(app: Any, cors_origins: Any = "") -> None:
    """Replaces ``rasa.server.configure_cors``: no app-wide CORS (see the module docstring)."""
    if cors_origins:
        import logging

        logging.getLogger(__name__).warning(
            "Ignoring --cors %r: CORS is set per channel (WEGWIJZER_ALLOWED_ORIGINS)", cors_origins
        )


def apply() -> None:
    """Installs the patches (idempotent)."""
    global _APPLIED
    if _APPLIED:
        return
    import rasa.server
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.events import Event

    rasa.server.configure_cors = _configure_no_global_cors
    RemoteAction._validate_action_result = _validate_action_result
    Event.resolve_by_type = staticmethod(_resolve_event_by_type)
    _APPLIED = True
