"""Keeping the plan from the widget: "Mail mij dit plan" and "Bewaar een link".

Routes (added to the web channel's blueprint, under ``/webhooks/web/``):

- ``GET plan/options``: whether mail is on (a mail server is configured) and how long links work.
- ``POST plan/mail`` ``{event_id, address}``: mails the plan of the caller's own conversation to one
  address. The plan is rebuilt here from the conversation's stored state and the knowledge base;
  the page sends no plan text, so this cannot carry anyone's text to anyone. The address is used
  for this one delivery and never stored or logged.
- ``POST plan/link`` ``{event_id}``: saves the plan's inputs under a random token; answers the link.
- ``GET saved/<token>``: the saved plan, read-only (``channels/saved_plan_page.py``).
- ``POST saved/<token>/continue``: puts the saved plan into the caller's (new) conversation.

The conversation is named by its private id in the ``X-Wegwijzer-Conversation`` header.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.dialogue.presenting import overview_payload, overview_text
from bot.dialogue.state import PLAN, ConversationState, Journey
from bot.journeys.journey import JourneyPlan
from bot.keeping.address import clean_address
from bot.keeping.mail import MailNotSent, MailSettings, build_message, send_message
from bot.keeping.plan_source import SLOT_CONVERSATION, conversation_state, journey_for, rebuild_plan
from bot.keeping.saved import link_days, load_plan, save_plan
from bot.knowledge.texts import format_date, text
from bot.settings import Settings, setting
from channels.frontdesk_plan import knowledge_base
from channels.live_chat import append_to_tracker
from channels.rate_limit import SharedRateLimiter
from channels.responses import error_response
from channels.saved_plan_page import gone_page, saved_plan_page
from channels.security import SecurityConfig, client_address

MAX_KEEP_BYTES = 2048
"""A request to mail or save a plan is a few dozen bytes: an event id and one address."""
MAILS_PER_HOUR = 5
"""Plan mails per conversation and per client address in an hour."""
LINKS_PER_HOUR = 30
NO_STORE = {"Cache-Control": "no-store"}

LimitCheck = Callable[[Request], Awaitable[HTTPResponse | None]]
SenderCheck = Callable[[Request], str | None]
OriginOf = Callable[[Request], str]


def dutch_error(status: int, code: str, detail: str, key: str, **values: Any) -> HTTPResponse:
    """An error for the widget: the code and an English detail for developers, and the Dutch
    ``text`` the widget shows the person."""
    body = {"error": code, "detail": detail, "text": text(key, **values)}
    return response.json(body, status=status, headers=NO_STORE)


def _body(request: Request) -> dict[str, Any] | HTTPResponse:
    if len(request.body or b"") > MAX_KEEP_BYTES:
        return error_response(413, "too_large", f"The request is larger than {MAX_KEEP_BYTES} bytes.")
    try:
        payload = request.json
    except Exception:
        return error_response(400, "invalid_json", "The request body is not valid JSON.")
    if not isinstance(payload, dict):
        return error_response(400, "invalid_json", "Send a JSON object.")
    return payload


def public_origin(request: Request, origin: str, security: SecurityConfig) -> str:
    """The origin for a link the person keeps: behind a trusted proxy that ends TLS, the scheme the
    browser used (``X-Forwarded-Proto``), else this server's own."""
    proto = request.headers.get("x-forwarded-proto", "").strip().lower()
    if not origin or proto not in ("http", "https"):
        return origin
    try:
        peer = ipaddress.ip_address(request.ip or "")
    except ValueError:
        return origin
    if not any(peer in network for network in security.trusted_proxies):
        return origin
    return proto + origin[origin.index(":") :]


async def conversation_plan(request: Request, sender: str, event_id: Any) -> JourneyPlan | None:
    """The plan for ``event_id`` in the caller's conversation, rebuilt from its stored state."""
    agent = getattr(request.app.ctx, "agent", None)
    if not isinstance(event_id, str) or agent is None or agent.tracker_store is None:
        return None
    tracker = await agent.tracker_store.retrieve(sender)
    if tracker is None:
        return None
    journey = journey_for(conversation_state(e.as_dict() for e in tracker.events), event_id)
    if journey is None:
        return None
    return rebuild_plan(
        knowledge_base(), journey.event_id, journey.answers, journey.event_date, Settings.from_env().today()
    )


async def saved_plan(settings: Settings, token: str) -> tuple[Any, JourneyPlan | None]:
    """The stored plan of a link and the plan rebuilt from it (None, None: unknown or expired)."""
    stored = await asyncio.to_thread(load_plan, settings.database_url, token)
    if stored is None:
        return None, None
    plan = rebuild_plan(
        knowledge_base(), stored.event_id, stored.answers, stored.event_date, settings.today()
    )
    return stored, plan


def add_keep_routes(
    web: Blueprint, sender_of: SenderCheck, over_limit: LimitCheck, origin_of: OriginOf
) -> None:
    """Adds the routes to mail a plan and to save, open and continue a link to it."""
    security = SecurityConfig.from_env()
    MailSettings.from_env()  # a wrong SMTP or link setting stops the start, not a request
    link_days(setting("WEGWIJZER_PLAN_LINK_DAYS"))
    mail_limiter = SharedRateLimiter.from_env("plan_mail", limit=MAILS_PER_HOUR, window=3600)
    link_limiter = SharedRateLimiter.from_env("plan_link", limit=LINKS_PER_HOUR, window=3600)

    async def checked(request: Request) -> tuple[str, dict[str, Any]] | HTTPResponse:
        limited = await over_limit(request)
        if limited is not None:
            return limited
        sender = sender_of(request)
        if sender is None:
            return error_response(
                400,
                "invalid_sender",
                "Send the conversation's own id in the X-Wegwijzer-Conversation header.",
            )
        payload = _body(request)
        return payload if isinstance(payload, HTTPResponse) else (sender, payload)

    @web.route("/plan/options", methods=["GET", "OPTIONS"])
    async def options(request: Request) -> HTTPResponse:
        """What the widget may offer: mail only with a mail server."""
        days = link_days(setting("WEGWIJZER_PLAN_LINK_DAYS"))
        return response.json(
            {"mail": MailSettings.from_env().enabled, "link": True, "link_days": days},
            headers={"Cache-Control": "public, max-age=60"},
        )

    @web.route("/plan/mail", methods=["POST", "OPTIONS"])
    async def mail(request: Request) -> HTTPResponse:
        request_data = await checked(request)
        if isinstance(request_data, HTTPResponse):
            return request_data
        sender, payload = request_data
        settings = MailSettings.from_env()
        if not settings.enabled:
            return dutch_error(503, "mail_off", "No mail server is configured.", "plan_mail_off")
        address = clean_address(payload.get("address"))
        if address is None:
            return dutch_error(400, "invalid_address", "One plain e-mail address.", "plan_mail_bad_address")
        plan = await conversation_plan(request, sender, payload.get("event_id"))
        if plan is None:
            return dutch_error(
                404, "no_plan", "This conversation has no plan for that event.", "plan_keep_no_plan"
            )
        client = client_address(request, security)
        if not await mail_limiter.allow(f"c:{sender}") or not await mail_limiter.allow(f"a:{client}"):
            return dutch_error(
                429, "too_many_mails", f"At most {MAILS_PER_HOUR} an hour.", "plan_mail_too_many"
            )
        message = build_message(settings, address, plan, Settings.from_env().today())
        try:
            await asyncio.to_thread(send_message, settings, message, address)
        except MailNotSent:
            return dutch_error(
                502, "mail_failed", "The mail server did not accept the mail.", "plan_mail_failed"
            )
        return response.json({"sent": True, "text": text("plan_mail_sent")}, headers=NO_STORE)

    @web.route("/plan/link", methods=["POST", "OPTIONS"])
    async def link(request: Request) -> HTTPResponse:
        request_data = await checked(request)
        if isinstance(request_data, HTTPResponse):
            return request_data
        sender, payload = request_data
        plan = await conversation_plan(request, sender, payload.get("event_id"))
        if plan is None:
            return dutch_error(
                404, "no_plan", "This conversation has no plan for that event.", "plan_keep_no_plan"
            )
        if not await link_limiter.allow(sender):
            return error_response(429, "too_many_links", f"At most {LINKS_PER_HOUR} links an hour.", NO_STORE)
        days = link_days(setting("WEGWIJZER_PLAN_LINK_DAYS"))
        token, expires = await asyncio.to_thread(
            save_plan, Settings.from_env().database_url, plan.event.id, plan.answers, plan.event_date, days
        )
        base = request.path.rsplit("/plan/link", 1)[0]
        until = format_date(expires.date())
        return response.json(
            {
                "url": f"{public_origin(request, origin_of(request), security)}{base}/saved/{token}",
                "expires_on": expires.date().isoformat(),
                "text": text("plan_link_made", until=until),
            },
            status=201,
            headers=NO_STORE,
        )

    @web.route("/saved/<token>", methods=["GET"])
    async def saved(request: Request, token: str) -> HTTPResponse:
        limited = await over_limit(request)
        if limited is not None:
            return limited
        settings = Settings.from_env()
        stored, plan = await saved_plan(settings, token)
        if stored is None or plan is None:
            return gone_page(link_days(setting("WEGWIJZER_PLAN_LINK_DAYS")), origin_of(request))
        return saved_plan_page(plan, stored, settings.today(), origin_of(request))

    @web.route("/saved/<token>/continue", methods=["POST", "OPTIONS"])
    async def resume(request: Request, token: str) -> HTTPResponse:
        request_data = await checked(request)
        if isinstance(request_data, HTTPResponse):
            return request_data
        sender, _ = request_data
        settings = Settings.from_env()
        stored, plan = await saved_plan(settings, token)
        if plan is None:
            return dutch_error(404, "link_gone", "Unknown or expired link.", "saved_plan_gone_title")
        await restore_plan(request, sender, plan, settings.today())
        return response.json({"restored": True}, headers=NO_STORE)


async def restore_plan(request: Request, sender: str, plan: JourneyPlan, today: dt.date) -> None:
    """Makes the saved plan the conversation's current journey and shows its overview there."""
    journey = Journey(
        event_id=plan.event.id,
        answers=dict(plan.answers),
        event_date=plan.event_date,
        date_asked=True,
        phase=PLAN,
    )
    state = ConversationState(journey=journey)
    agent = request.app.ctx.agent
    tracker = await agent.tracker_store.retrieve(sender)
    if tracker is None or not tracker.events:  # a new conversation: start its session as Rasa does
        for event in (
            ActionExecuted("action_session_start"),
            SessionStarted(),
            ActionExecuted("action_listen"),
        ):
            await append_to_tracker(request, sender, event)
    await append_to_tracker(request, sender, SlotSet(SLOT_CONVERSATION, state.to_dict()))
    custom = overview_payload(plan, state, today)
    await append_to_tracker(request, sender, BotUttered(overview_text(plan, today), data={"custom": custom}))
