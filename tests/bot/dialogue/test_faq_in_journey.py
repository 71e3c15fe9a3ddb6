"""Own questions inside a journey are answered from the sourced FAQ, and the journey goes on."""

from __future__ import annotations

import pytest

from bot.dialogue.turn import TurnResult
from bot.knowledge.knowledge_base import KnowledgeBase
from devtools.chat import Chat, asked, customs, scored_chat, texts


def buttons(result: TurnResult) -> list[str]:
    return [b["title"] for r in result.replies for b in r.buttons]


def test_a_question_instead_of_an_answer_gets_faq_choices_then_the_answer_then_the_question(
    chat: Chat,
) -> None:
    chat.say("we hebben een baby gekregen", intent="birth")
    assert asked(chat.last) == "first_child"
    offer = chat.say("tot wanneer kunnen we het startbedrag nog aanvragen?", intent="birth", confidence=0.6)
    [suggestions] = customs(offer, "faq_suggestions")
    assert 1 <= len(suggestions["ids"]) <= 3 and "birth-start-amount-when-apply" in suggestions["ids"]
    assert chat.state.pending is not None and chat.state.pending.kind == "first_child"  # still open
    assert asked(offer) == "first_child"  # and asked again, so typing the answer works too

    title = next(
        b["title"]
        for r in offer.replies
        for b in r.buttons
        if "birth-start-amount-when-apply" in b["payload"]
    )
    answer = chat.click(title)
    said = texts(answer)
    assert "5 jaar na de geboorte" in said and "Bron: https://" in said
    assert asked(answer) == "first_child"  # and we go on where we were


def test_a_question_after_the_plan_is_answered_from_the_faq(chat: Chat) -> None:
    chat.say("ik ben ontslagen", intent="job_loss")
    for _ in range(6):
        if chat.state.pending is None:
            break
        chat.click("Weet ik niet")
    offer = chat.say("hoe lang krijg ik een werkloosheidsuitkering?", intent="job_loss", confidence=0.7)
    # One of the entry's own phrasings: answered at once (otherwise the suggestions).
    assert customs(offer, "faq_answer") or customs(offer, "faq_suggestions"), texts(offer)
    assert "We zijn al bezig met" not in texts(offer)


def test_a_typed_answer_is_not_taken_for_a_question(chat: Chat) -> None:
    chat.say("we hebben een baby gekregen", intent="birth")
    result = chat.say("ja het is ons eerste", intent="affirm")
    assert not customs(result, "faq_suggestions")
    assert chat.state.journey is not None and chat.state.journey.answers.get("first_child") == "ja"


def test_a_question_naming_another_situation_is_a_switch_offer_not_a_faq(chat: Chat) -> None:
    chat.say("we hebben een baby gekregen", intent="birth")
    result = chat.say("en wat moet ik doen als ik ook ontslagen ben?", intent="job_loss", confidence=0.95)
    assert not customs(result, "faq_suggestions")


def test_asking_what_to_bring_is_about_the_step_not_the_faq(chat: Chat) -> None:
    chat.say("We hebben een baby gekregen", intent="birth")
    chat.say("ja", intent="affirm")
    chat.say("ik ben bediende")
    chat.say("ik ben de mama")
    chat.say("op 26 november", intent="provide_date")  # step 1: the birth declaration (most urgent)
    result = chat.say("wat moet ik meebrengen?", intent="ask_documents", confidence=0.95)
    assert not customs(result, "faq_suggestions") and "identiteitskaart" in texts(result)


def test_typing_a_suggested_question_gives_its_answer_not_the_list_again(chat: Chat) -> None:
    """Citizen test 2026-11-30-c, P3: the same three buttons came back four times."""
    chat.say("we hebben een baby gekregen", intent="birth")
    offer = chat.say("tot wanneer kunnen we het startbedrag nog aanvragen?", intent="birth", confidence=0.6)
    title = next(
        b["title"]
        for r in offer.replies
        for b in r.buttons
        if "birth-start-amount-when-apply" in b["payload"]
    )
    typed = chat.say(title.lower(), intent="birth", confidence=0.6)
    assert (
        customs(typed, "faq_answer")
        and customs(typed, "faq_answer")[0]["id"] == "birth-start-amount-when-apply"
    )
    assert not customs(typed, "faq_suggestions")
    assert asked(typed) == "first_child"  # and the journey goes on


def test_a_suggested_question_picked_by_its_place_is_answered(chat: Chat) -> None:
    """Citizen test H, k44 and k48: "ja die eerste" after the suggestions showed step 1 again."""
    chat.say("ik heb zelf ontslag genomen", "job_loss", 0.95)
    for _ in range(6):
        if chat.state.pending is None:
            break
        chat.click("Weet ik niet")
    offer = chat.say("krijg ik dan nog stempelgeld?", "job_loss", 0.6)
    suggested = customs(offer, "faq_suggestions")
    assert suggested and chat.state.suggested == suggested[0]["ids"]
    result = chat.say("ja die eerste", "affirm", 0.6)
    assert [c["id"] for c in customs(result, "faq_answer")] == [suggested[0]["ids"][0]]
    # only right after the suggestions: later, "de eerste" is no pick
    assert chat.state.suggested == []


@pytest.mark.parametrize(
    ("typed", "place"),
    [("dat laatste", -1), ("de laatste", -1), ("euh dat tweede van daarnet, over die uitkering", 1)],
)
def test_the_last_or_a_numbered_suggestion_is_picked_in_a_longer_reply(
    chat: Chat, typed: str, place: int
) -> None:
    """Citizen test J, j13, j17, j27: "dat laatste" went to the next step; "dat tweede van daarnet"
    changed the date of the event to today."""
    chat.say("ik ben gisteren ontslagen door mijn baas", "job_loss", 0.95)
    for _ in range(6):
        if chat.state.pending is None:
            break
        chat.click("Weet ik niet")
    dated = chat.state.journey.event_date
    offer = chat.say("krijg ik dan nog stempelgeld?", "job_loss", 0.6)
    ids = customs(offer, "faq_suggestions")[0]["ids"]
    assert len(ids) >= 2
    result = chat.say(typed, "nlu_fallback", 0.4)
    assert [c["id"] for c in customs(result, "faq_answer")] == [ids[place]]
    assert chat.state.journey.event_date == dated


def test_the_suggestions_survive_the_tracker_round_trip() -> None:
    from bot.dialogue.state import ConversationState

    state = ConversationState(suggested=["a", "b"])
    assert ConversationState.from_dict(state.to_dict()).suggested == ["a", "b"]
    assert ConversationState.from_dict({"suggested": "not a list"}).suggested == []


def _association_plan(chat: Chat) -> None:
    chat.say("we willen een vzw oprichten op 1 maart", "found_association", 0.97)
    for _ in range(6):
        if asked(chat.last) is None:
            break
        assert chat.last is not None
        chat.click(chat.last.replies[-1].buttons[0]["title"])
    assert chat.state.journey is not None and chat.state.journey.phase == "plan"


def test_a_short_cost_question_in_the_plan_gets_the_steps_sourced_cost(chat: Chat) -> None:
    """Citizen test M: "hoeveel kost da?" got "Daar kan ik u niet mee helpen" inside the plan."""
    _association_plan(chat)
    chat.say("ga naar stap 2", "nlu_fallback", 0.4)
    result = chat.say("hoeveel kost da?", "out_of_scope", 0.6)
    assert "Betalend" in texts(result)
    assert "niet mee helpen" not in texts(result)
    assert chat.state.journey is not None and chat.state.journey.step_index == 1  # the plan stays


def test_a_question_in_the_plan_without_a_sourced_answer_names_who_can_answer(chat: Chat) -> None:
    _association_plan(chat)
    result = chat.say("hoeveel kost da?", "out_of_scope", 0.6)
    assert "1700" in texts(result)
    assert "niet mee helpen" not in texts(result)
    assert any(b["payload"] == "/request_human" for r in result.replies for b in r.buttons)


def test_a_widows_question_about_the_blocked_account_gets_the_faq_not_a_debt_offer(kb: KnowledgeBase) -> None:
    """Citizen test M (m-07): a sure classifier offered 'Geldproblemen en schulden' to a widow."""
    chat = scored_chat(kb)
    chat.say("mijn man is zaterdag gestorven, we waren getrouwd en hij was al op pensioen", "death", 0.97)
    result = chat.say(
        "de bank heeft onze rekening geblokkeerd, hoe moet ik nu de rekeningen betalen??",
        "money_problems",
        0.97,
    )
    assert not customs(result, "switch_offer")
    assert "gezamenlijke rekening" in " ".join(b["title"] for r in result.replies for b in r.buttons)


def test_a_short_yes_picks_the_only_suggested_question(chat: Chat) -> None:
    """Citizen test O: "ja da" to "Bedoelt u een van deze vragen?" with one question ended the plan;
    "geblokkeerde rekening" (of a rent guarantee) offered the death plan with condolences."""
    chat.say("we gaan een appartement huren", "home", 0.95)
    for _ in range(6):
        if chat.state.pending is None:
            break
        chat.click("Weet ik niet")
    offer = chat.say("moet de huurwaarborg op een geblokkeerde rekening?", "home", 0.6)
    assert "Gecondoleerd" not in texts(offer)
    suggested = customs(offer, "faq_suggestions")
    assert suggested and len(suggested[0]["ids"]) == 1
    result = chat.say("ja da", "affirm", 0.8)
    assert [c["id"] for c in customs(result, "faq_answer")] == suggested[0]["ids"]


def test_ok_but_a_question_answers_no_yes_no_question(chat: Chat) -> None:
    """Citizen test O (o-15): "ok ma hoeveel kost da nu, die verklaring?" was taken as "ja" to
    "Wilt u afspraken over uw bezittingen laten vastleggen bij de notaris?"."""
    chat.say("mijn lief en ik willen wettelijk samenwonen", intent="cohabitation_marriage")
    for _ in range(4):
        if asked(chat.last) == "wants_contract":
            break
        chat.click("Weet ik niet")
    assert asked(chat.last) == "wants_contract"
    reply = chat.say(
        "ok ma hoeveel kost da nu, die verklaring?", intent="cohabitation_marriage", confidence=0.7
    )
    journey = chat.state.journey
    assert journey is not None and "wants_contract" not in journey.answers
    assert asked(reply) == "wants_contract"  # still open, asked again
    chat.say("ja, ok", intent="affirm", confidence=0.8)
    assert journey.answers.get("wants_contract") == "ja"


@pytest.mark.parametrize("reply", ["ja maar", "ja hoor", "ja, maar liefst niet te duur"])
def test_a_yes_with_but_and_no_question_still_answers(chat: Chat, reply: str) -> None:
    chat.say("mijn lief en ik willen wettelijk samenwonen", intent="cohabitation_marriage")
    for _ in range(4):
        if asked(chat.last) == "wants_contract":
            break
        chat.click("Weet ik niet")
    chat.say(reply, intent="affirm", confidence=0.8)
    journey = chat.state.journey
    assert journey is not None and journey.answers.get("wants_contract") == "ja"
