"""The plan mail: Dutch subject and body with every step, deadline and source, a simple HTML
alternative with escaped text, the settings, and delivery to a local SMTP sink (the address never
in the log, also when the server refuses it)."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from bot.journeys.journey import JourneyPlan
from bot.keeping.mail import MailNotSent, MailSettings, build_message, mail_parts, send_message, simple_html
from bot.keeping.plan_source import rebuild_plan
from bot.knowledge.knowledge_base import KnowledgeBase
from devtools.smtp_sink import SmtpSink

TODAY = dt.date(2026, 11, 30)
ADDRESS = "an.peeters@voorbeeld.be"


@pytest.fixture
def plan(kb: KnowledgeBase) -> JourneyPlan:
    built = rebuild_plan(kb, "birth", {}, dt.date(2026, 11, 26), TODAY)
    assert built is not None
    return built


def settings(port: int = 25) -> MailSettings:
    return MailSettings(host="127.0.0.1", port=port, security="none", sender="wegwijzer@gemeente.example")


def test_the_mail_has_the_overview_every_step_its_deadline_and_source(plan: JourneyPlan) -> None:
    message = build_message(settings(), ADDRESS, plan, TODAY)
    body = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]

    assert message["Subject"] == "Uw stappenplan: Een kind krijgen"
    assert message["To"] == ADDRESS and message["From"] == "wegwijzer@gemeente.example"
    assert body.startswith("Uw stappenplan: Een kind krijgen\n")
    assert "maandag 30 november 2026" in body  # the day it was made
    for planned in plan.steps:
        assert planned.step.title in body
        assert planned.step.source_url in body
    assert "vrijdag 11 december 2026" in body  # the birth must be reported within 15 days
    assert "Wij bewaren uw e-mailadres niet." in body


def test_the_html_alternative_escapes_text_and_links_only_urls(plan: JourneyPlan) -> None:
    _, blocks = mail_parts(plan, TODAY)
    page = simple_html([*blocks, ("paragraph", "<b>vet</b> & https://www.vlaanderen.be/x.")])
    assert "&lt;b&gt;vet&lt;/b&gt; &amp; " in page and "<b>" not in page
    assert '<a href="https://www.vlaanderen.be/x">https://www.vlaanderen.be/x</a>.' in page
    message = build_message(settings(), ADDRESS, plan, TODAY)
    html_part = message.get_body(("html",))
    assert html_part is not None and plan.steps[0].step.title in html_part.get_content()


def test_settings_need_a_host_and_a_valid_sender() -> None:
    assert not MailSettings.from_env({}).enabled
    assert not MailSettings.from_env({"WEGWIJZER_SMTP_HOST": "smtp.example"}).enabled
    assert not MailSettings.from_env(
        {"WEGWIJZER_SMTP_HOST": "smtp.example", "WEGWIJZER_SMTP_FROM": "x\r\nBcc: y@z.be"}
    ).enabled
    on = MailSettings.from_env(
        {"WEGWIJZER_SMTP_HOST": "smtp.example", "WEGWIJZER_SMTP_FROM": "wegwijzer@gemeente.example"}
    )
    assert on.enabled and on.port == 587 and on.security == "starttls"
    ssl = MailSettings.from_env({"WEGWIJZER_SMTP_SECURITY": "SSL"})
    assert ssl.port == 465 and ssl.security == "ssl"
    with pytest.raises(ValueError, match="WEGWIJZER_SMTP_SECURITY"):
        MailSettings.from_env({"WEGWIJZER_SMTP_SECURITY": "tls13"})
    with pytest.raises(ValueError, match="WEGWIJZER_SMTP_PORT"):
        MailSettings.from_env({"WEGWIJZER_SMTP_PORT": "vijf"})


def test_the_mail_arrives_at_the_sink_for_one_recipient(plan: JourneyPlan) -> None:
    with SmtpSink() as sink:
        config = settings(sink.port)
        send_message(config, build_message(config, ADDRESS, plan, TODAY), ADDRESS)
    assert len(sink.received) == 1
    received = sink.received[0]
    assert received.recipients == [ADDRESS] and received.sender == "wegwijzer@gemeente.example"
    assert received.message["Subject"] == "Uw stappenplan: Een kind krijgen"
    body = received.message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "Geef de geboorte aan bij de gemeente" in body


def test_a_refusal_is_reported_without_the_address(
    plan: JourneyPlan, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with SmtpSink(refuse_recipients=True) as sink:
        config = settings(sink.port)
        with pytest.raises(MailNotSent) as raised:
            send_message(config, build_message(config, ADDRESS, plan, TODAY), ADDRESS)
    assert "SMTPRecipientsRefused" in str(raised.value)
    assert raised.value.__cause__ is None and raised.value.__suppress_context__
    assert "SMTPRecipientsRefused" in caplog.text and ADDRESS not in caplog.text


def test_no_mail_server_is_reported_too(plan: JourneyPlan) -> None:
    with SmtpSink() as sink:
        port = sink.port
    config = settings(port)  # the sink is closed: nobody listens
    with pytest.raises(MailNotSent):
        send_message(config, build_message(config, ADDRESS, plan, TODAY), ADDRESS)
