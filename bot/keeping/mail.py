"""A plan by e-mail: the settings of the mail server, the Dutch mail (plain text and simple HTML)
and sending it once over SMTP.

The recipient's address is used for one delivery and never stored or logged: errors name the
kind of failure only (smtplib's own messages can hold the address).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import logging
import re
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Any

from bot.dialogue.presenting import overview_text
from bot.journeys.journey import JourneyPlan
from bot.journeys.render import rights_text, step_text
from bot.keeping.address import clean_address
from bot.knowledge.texts import format_date, text
from bot.settings import setting

logger = logging.getLogger(__name__)

SECURITY_MODES = {"starttls": 587, "ssl": 465, "none": 25}
SMTP_TIMEOUT_SECONDS = 15.0
_URL = re.compile(r"https?://[^\s()<>]+[^\s()<>.,;:]")


class MailNotSent(Exception):
    """The mail server refused or did not answer; the message never names the recipient."""


@dataclass(frozen=True)
class MailSettings:
    """How plan mails leave (``WEGWIJZER_SMTP_HOST`` and the other SMTP settings); ``enabled`` needs
    a host and a sender."""

    host: str = ""
    port: int = 587
    security: str = "starttls"
    user: str = ""
    password: str = ""
    sender: str = ""

    @property
    def enabled(self) -> bool:
        return bool(self.host and self.sender)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> MailSettings:
        security = (setting("WEGWIJZER_SMTP_SECURITY", env) or "starttls").strip().lower()
        if security not in SECURITY_MODES:
            raise ValueError(
                f"WEGWIJZER_SMTP_SECURITY must be one of {', '.join(SECURITY_MODES)}, got {security!r}"
            )
        raw_port = setting("WEGWIJZER_SMTP_PORT", env).strip()
        try:
            port = int(raw_port) if raw_port else SECURITY_MODES[security]
        except ValueError as error:
            raise ValueError(f"WEGWIJZER_SMTP_PORT must be a whole number, got {raw_port!r}") from error
        raw_sender = setting("WEGWIJZER_SMTP_FROM", env).strip()
        sender = clean_address(raw_sender) or ""
        host = setting("WEGWIJZER_SMTP_HOST", env).strip()
        if host and not sender:
            logger.warning(
                "WEGWIJZER_SMTP_HOST is set but WEGWIJZER_SMTP_FROM is no valid address: mail is off"
            )
        return cls(
            host=host,
            port=port,
            security=security,
            user=setting("WEGWIJZER_SMTP_USER", env),
            password=setting("WEGWIJZER_SMTP_PASSWORD", env),
            sender=sender,
        )


def mail_parts(plan: JourneyPlan, today: dt.date) -> tuple[str, list[tuple[str, str]]]:
    """The subject and the body as (kind, text) blocks: ``title``, ``paragraph``, ``heading``, ``step``."""
    blocks: list[tuple[str, str]] = [
        ("title", text("plan_mail_title", event=plan.event.title)),
        ("paragraph", text("plan_mail_greeting")),
        ("paragraph", text("plan_mail_intro", date=format_date(today))),
        ("step", overview_text(plan, today)),
        ("heading", text("plan_mail_details")),
    ]
    blocks += [("step", step_text(planned)) for planned in plan.steps]
    if plan.rights:
        blocks.append(("step", rights_text(plan)))
    blocks += [("paragraph", text("plan_mail_check")), ("paragraph", text("plan_mail_footer"))]
    return text("plan_mail_subject", event=plan.event.title), blocks


def plain_text(blocks: list[tuple[str, str]]) -> str:
    lines = []
    for kind, body in blocks:
        if kind in ("title", "heading"):
            lines.append(body + "\n" + ("=" if kind == "title" else "-") * len(body))
        else:
            lines.append(body)
    return "\n\n".join(lines) + "\n"


def html_lines(body: str) -> str:
    def linked(line: str) -> str:
        out, last = [], 0
        for match in _URL.finditer(line):
            out.append(html.escape(line[last : match.start()]))
            url = html.escape(match.group(0), quote=True)
            out.append(f'<a href="{url}">{url}</a>')
            last = match.end()
        out.append(html.escape(line[last:]))
        return "".join(out)

    return "<br>\n".join(linked(line) for line in body.split("\n"))


def simple_html(blocks: list[tuple[str, str]]) -> str:
    parts = [
        '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8"></head>',
        '<body style="font-family: sans-serif; line-height: 1.5; max-width: 40em">',
    ]
    for kind, body in blocks:
        if kind == "title":
            parts.append(f"<h1>{html.escape(body)}</h1>")
        elif kind == "heading":
            parts.append(f"<h2>{html.escape(body)}</h2>")
        else:
            parts.append(f"<p>{html_lines(body)}</p>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


def build_message(settings: MailSettings, recipient: str, plan: JourneyPlan, today: dt.date) -> EmailMessage:
    """The mail to one checked address (``clean_address``), plain text with an HTML alternative."""
    subject, blocks = mail_parts(plan, today)
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = settings.sender
    message["To"] = recipient
    message["Date"] = format_datetime(dt.datetime.now(dt.timezone.utc))
    message["Message-ID"] = make_msgid(domain=settings.sender.rsplit("@", 1)[-1])
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(plain_text(blocks))
    message.add_alternative(simple_html(blocks), subtype="html")
    return message


def send_message(settings: MailSettings, message: EmailMessage, recipient: str) -> None:
    """Delivers one message to one recipient.

    Raises:
        MailNotSent: naming only the kind of failure.
    """
    client: Any = None
    try:
        if settings.security == "ssl":
            client = smtplib.SMTP_SSL(
                settings.host,
                settings.port,
                timeout=SMTP_TIMEOUT_SECONDS,
                context=ssl.create_default_context(),
            )
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=SMTP_TIMEOUT_SECONDS)
            if settings.security == "starttls":
                client.starttls(context=ssl.create_default_context())
        if settings.user:
            client.login(settings.user, settings.password)
        client.send_message(message, from_addr=settings.sender, to_addrs=[recipient])
    except (smtplib.SMTPException, OSError) as error:
        kind = type(error).__name__
        code = getattr(error, "smtp_code", None)
        logger.warning("Plan mail not sent: %s%s", kind, f" ({code})" if code else "")
        raise MailNotSent(kind) from None  # no chained error: smtplib's text can hold the address
    finally:
        if client is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                client.quit()
