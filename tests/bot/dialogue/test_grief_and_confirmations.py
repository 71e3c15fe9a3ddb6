"""Typed conversations from citizen test 2026-11-30-j: grief is acknowledged and never filed as an
answer, "dat zei ik toch" confirms an earlier fact, and a fact of the plan names no other situation."""

from __future__ import annotations

import pytest

from bot.dialogue.reading import answer_before_question
from bot.knowledge.knowledge_base import KnowledgeBase
from bot.understanding.answers import read_answer
from bot.understanding.fact_scan import scan_facts
from bot.understanding.signals import distress_kind
from devtools.chat import Chat, asked, customs, scored_chat, texts


def _widow(chat: Chat) -> None:
    chat.say("mijn man is zaterdag gestorven", "death", 0.97)
    assert asked(chat.last) == "partner_status"


def test_grief_gets_a_kind_word_and_106_and_is_not_filed_as_weet_ik_niet(chat: Chat) -> None:
    _widow(chat)
    result = chat.say("ik weet nie hoe ik dit moet doen zonder hem", "nlu_fallback", 0.4)
    assert "106" in texts(result)
    assert "partner_status" not in chat.state.journey.answers
    assert asked(result) == "partner_status"  # asked again, gently
    chat.say("we waren getrouwd. en nee hij werkte nog, hij was 59", "nlu_fallback", 0.5)
    assert chat.state.journey.answers == {"partner_status": "gehuwd", "deceased_retired": "nee"}


def test_a_widow_saying_we_were_married_gets_no_wedding_offer(kb: KnowledgeBase) -> None:
    chat = scored_chat(kb)
    _widow(chat)
    result = chat.say("we waren getrouwd. en nee hij werkte nog, hij was 59", "cohabitation_marriage", 0.6)
    assert not customs(result, "switch_offer")
    assert chat.state.journey.event_id == "death"
    assert chat.state.journey.answers["partner_status"] == "gehuwd"


@pytest.mark.parametrize(
    "typed",
    [
        "ja ik ben zijn vrouw he, dat heb ik toch gezegd",
        "ja hij was weduwnaar, ons moeder is al 10 jaar dood, da zei ik toch",
    ],
)
def test_yes_that_points_to_something_said_before_does_not_answer_the_open_question(
    chat: Chat, typed: str
) -> None:
    chat.say("mijn man is zaterdag gestorven, we waren getrouwd", "death", 0.97)
    assert asked(chat.last) == "deceased_retired"
    result = chat.say(typed, "affirm", 0.7)
    assert "deceased_retired" not in chat.state.journey.answers
    assert asked(result) == "deceased_retired"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("ik weet nie hoe ik dit moet doen zonder hem", "grief"),
        ("ik mis haar zo hard", "grief"),
        ("ik kan dit echt nie aan, ik ben helemaal kapot", "exhaustion"),
        ("het is gewoon een formulier dat ik zoek", None),
        ("ik ga zonder hem naar de notaris", None),
    ],
)
def test_distress_is_read_through_fillers_and_flemish_spellings(text: str, kind: str | None) -> None:
    assert distress_kind(text) == kind


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("ik weet nie hoe ik dit moet doen zonder hem", None),  # no answer at all
        ("ik weet nie of hij al met pensioen was", "onbekend"),  # the doubt covers the option words
        ("weet ik niet", "onbekend"),
        ("ja hij was al met pensioen", "ja"),
    ],
)
def test_i_do_not_know_how_is_no_answer_and_i_do_not_know_whether_is_a_doubt(
    kb: KnowledgeBase, typed: str, value: str | None
) -> None:
    question = kb.events["death"].question("deceased_retired")
    assert question is not None
    assert read_answer(question, typed).value == value


def test_a_verb_asks_only_at_the_start_of_a_clause() -> None:
    text = "we zijn getrouwd. Ik moet ook verhuizen, kunnen we dat eerst bekijken?"
    assert answer_before_question(text, "we zijn getrouwd")
    assert not answer_before_question("zijn er premies als we getrouwd zijn?", "getrouwd")


def test_the_answer_before_a_question_is_taken_with_the_facts_after_it(chat: Chat) -> None:
    chat.say("mijn man en ik gaan scheiden", "divorce", 0.97)
    assert asked(chat.last) == "relation_type"
    chat.say("we zijn getrouwd. Ik moet ook verhuizen, kunnen we dat eerst bekijken?", "moving", 0.6)
    assert chat.state.journey.answers["relation_type"] == "gehuwd"
    assert chat.state.journey.answers["moving_out"] == "ja"


@pytest.mark.parametrize(
    ("event", "question", "typed", "value"),
    [
        ("birth", "parent_role", "Ik ben maandag bevallen van een tweeling!", "moeder"),
        ("divorce", "agreement", "we zijn het over bijna alles eens, behalve over het huis", "nee"),
        ("divorce", "moving_out", "Op 1 december ga ik apart wonen, in een studio", "ja"),
        ("money_problems", "ocmw_steun", "Bij het OCMW ben ik nog niet geweest, ik krijg daar niets.", "nee"),
        (
            "business_support",
            "support_need",
            "mijn zaak draait slecht, ik kan men leveranciers nie meer betalen",
            "moeilijkheden",
        ),
        (
            "birth",
            "employment_status",
            "ik ben sinds september zelfstandige, geen bediende meer",
            "zelfstandige",
        ),
    ],
)
def test_facts_told_in_a_story_are_taken(
    kb: KnowledgeBase, event: str, question: str, typed: str, value: str
) -> None:
    found = kb.events[event].question(question)
    assert found is not None
    assert scan_facts(found, typed) == value


def test_a_situation_said_to_come_later_comes_second(kb: KnowledgeBase) -> None:
    chat = scored_chat(kb)
    chat.say(
        "Ik start op 1 februari een eenmanszaak en later wil ik ook iemand aanwerven, "
        "maar eerst de opstart zelf.",
        "hire_staff",
        0.99,
    )
    assert chat.state.journey is not None and chat.state.journey.event_id == "start_business"
    assert chat.state.journey.answers.get("legal_form") == "eenmanszaak"
    assert "hire_staff" in chat.state.later


def test_a_widower_who_lived_with_his_wife_is_asked_and_his_correction_is_taken(kb: KnowledgeBase) -> None:
    """Citizen test K, k02: "we woonden samen" made him "only living together", and "we waren
    getrouwd" afterwards got a wedding offer instead of a correction."""
    chat = scored_chat(kb)
    chat.say("mijn vrouw is vorige week donderdag overleden. we woonden samen in Herentals", "death", 0.97)
    assert "partner_status" not in chat.state.journey.answers  # a partner, but which kind is asked
    chat.say("we waren getrouwd", "provide_answer", 0.6)
    assert chat.state.journey.answers["partner_status"] == "gehuwd"


def test_a_fact_after_an_answer_corrects_an_earlier_answer(kb: KnowledgeBase) -> None:
    chat = scored_chat(kb)
    chat.say("mijn vrouw is vorige week overleden, we woonden gewoon samen", "death", 0.97)
    assert chat.state.journey.answers["partner_status"] == "feitelijk_samenwonend"
    result = chat.say(
        "ja ze was gepensioneerd. en we waren getrouwd eh, nie gewoon samenwonend",
        "cohabitation_marriage",
        0.6,
    )
    assert chat.state.journey.answers == {"partner_status": "gehuwd", "deceased_retired": "ja"}
    assert not customs(result, "switch_offer")


@pytest.mark.parametrize(
    ("event", "question", "typed", "value"),
    [
        ("hire_staff", "jobseeker", "nee opleiden is nie nodig", "nee"),
        ("death", "deceased_retired", "ze was 47 zeg ik toch, natuurlijk werkte ze nog. bij de post", "nee"),
    ],
)
def test_answers_citizen_k_typed(
    kb: KnowledgeBase, event: str, question: str, typed: str, value: str
) -> None:
    found = kb.events[event].question(question)
    assert found is not None
    assert read_answer(found, typed).value == value


def test_an_answer_with_da_zei_ik_toch_that_states_this_answer_is_taken(chat: Chat) -> None:
    chat.say("mijn man en ik gaan scheiden, we zijn getrouwd", "divorce", 0.97)
    for _ in range(4):
        if asked(chat.last) == "has_children":
            break
        chat.click("Weet ik niet")
    assert asked(chat.last) == "has_children"
    chat.say("ja ons zoontje van 4, da zei ik toch", "affirm", 0.7)
    assert chat.state.journey.answers["has_children"] == "ja"


def test_a_question_in_the_plan_that_uses_the_plans_own_words_offers_no_other_situation(
    kb: KnowledgeBase,
) -> None:
    """Citizen test K, k25: "kindergeld" from a student offered the birth plan."""
    chat = scored_chat(kb)
    chat.say("ik ben 17 en ga volgend jaar studeren in Gent", "studying", 0.95)
    for _ in range(6):
        if chat.state.pending is None:
            break
        chat.click("Weet ik niet")
    result = chat.say("mag ik een studentenjob doen? verliest mijn ma dan geen kindergeld?", "birth", 0.5)
    assert not customs(result, "switch_offer")
    assert chat.state.journey.event_id == "studying"


def test_stop_with_a_reason_starts_nothing_and_offers_no_menu(
    kb: KnowledgeBase,
) -> None:
    chat = scored_chat(kb)
    chat.say("ik wil een zaak starten", "start_business", 0.97)
    chat.say("stop, ik ga eerst met mijn boekhouder praten", "stop_business", 0.95)
    assert chat.state.journey is None  # no silent switch to closing a business
    chat.say("we willen een vzw oprichten voor onze jeugdclub", "found_association", 0.97)
    result = chat.say(
        "laat maar, dat is voor later. eigenlijk moet ik eerst mijn kledingwinkel in Lokeren "
        "sluiten eind december",
        "stop_business",
        0.98,
    )
    assert chat.state.journey is None
    assert not [b for r in result.replies for b in r.buttons if b["payload"] == "/stop_business"]


def test_a_trigger_word_places_a_message_the_classifier_is_unsure_of(chat: Chat) -> None:
    """Citizen test L, l04: "we verhuizen op 15 januari ..." read 0.50 divorce got a menu twice."""
    chat.say(
        "we verhuizen op 15 januari van Mechelen naar Bonheiden, ik en mijn vriendin en ons dochtertje van 3",
        "divorce",
        0.498,
        also={"moving": 0.397},
    )
    assert chat.state.journey is not None and chat.state.journey.event_id == "moving"
    assert chat.state.journey.event_date.isoformat() == "2027-01-15"
    assert chat.state.municipality == "Bonheiden"
    assert "divorce" not in chat.state.later


def test_a_short_typed_situation_the_classifier_is_unsure_of(chat: Chat) -> None:
    chat.say("verhuizen ja", "moving", 0.454, also={"home": 0.246})
    assert chat.state.journey is not None and chat.state.journey.event_id == "moving"


def test_a_deadline_quoted_in_a_question_is_not_the_date_of_death(chat: Chat) -> None:
    """Citizen test L, l02: "28 december, da is dus binnen 4 weken. kan ik nog uitstel vragen?"
    moved the death to 28 December 2025."""
    chat.say("mijn schoonvader is op 28 augustus overleden", "death", 0.97)
    for _ in range(4):
        if chat.state.pending is None:
            break
        chat.click("Weet ik niet")
    chat.say("28 december, da is dus binnen 4 weken. kan ik nog uitstel vragen?", "death", 0.6)
    assert chat.state.journey.event_date.isoformat() == "2026-08-28"


def test_ones_own_birth_year_is_no_birth(kb: KnowledgeBase) -> None:
    chat = scored_chat(kb)
    chat.say("ik wil met pensioen gaan, ik heb altijd als bediende gewerkt", "retirement", 0.97)
    result = chat.say("ik ben geboren in 1963, wanneer mag ik stoppen?", "birth", 0.5)
    assert not customs(result, "switch_offer")
    assert chat.state.journey.event_id == "retirement"


def test_by_the_way_from_a_widower_offers_no_wedding(kb: KnowledgeBase) -> None:
    """Citizen test Q (q-05): "ik ook trouwens" offered a grieving widower the wedding plan."""
    chat = scored_chat(kb)
    chat.say("mijn vrouw is vorige week gestorven", "death", 0.95)
    chat.click("Ja, we waren getrouwd")
    assert asked(chat.last) == "deceased_retired"
    reply = chat.say(
        "ja natuurlijk, ze had haar pensioen al 6 jaar, ik ook trouwens",
        "cohabitation_marriage",
        0.6,
        {"retirement": 0.3},
    )
    assert not customs(reply, "switch_offer") and "Wettelijk samenwonen" not in texts(reply)
    journey = chat.state.journey
    assert journey is not None and journey.answers.get("deceased_retired") == "ja"


def test_the_pension_of_the_deceased_is_no_retirement_to_plan(kb: KnowledgeBase) -> None:
    """Citizen test Q (q-22): "krijgt mijn mama nu zijn pensioen?" offered "Met pensioen gaan"."""
    chat = scored_chat(kb)
    chat.say("mijn vader is vorige week overleden", "death", 0.95)
    assert asked(chat.last) == "deceased_retired"
    reply = chat.say(
        "ja hij was gepensioneerd, krijgt mijn mama nu zijn pensioen?", "retirement", 0.7, {"death": 0.2}
    )
    assert "Met pensioen gaan" not in texts(reply)


def test_ones_own_retirement_after_a_death_is_still_offered(kb: KnowledgeBase) -> None:
    chat = scored_chat(kb)
    chat.say("mijn vader is vorige week overleden", "death", 0.95)
    reply = chat.say(
        "ja hij was gepensioneerd. en ik wil zelf volgend jaar ook met pensioen gaan",
        "retirement",
        0.7,
        {"death": 0.2},
    )
    assert "Met pensioen gaan" in texts(reply)


def test_a_plain_no_with_shame_still_answers(chat: Chat) -> None:
    """Citizen test Q (q-14): "nee nooit, ik schaam mij" asked the same question again."""
    chat.say("ik heb schulden en de deurwaarder komt langs", "money_problems", 0.95)
    for _ in range(4):
        if asked(chat.last) == "ocmw_steun":
            break
        chat.click("Weet ik niet")
    assert asked(chat.last) == "ocmw_steun"
    chat.say("nee nooit, ik schaam mij", "deny", 0.7)
    journey = chat.state.journey
    assert journey is not None and journey.answers.get("ocmw_steun") == "nee"


def test_a_bailiff_for_the_electricity_and_unpaid_rent_are_not_asked_again(kb: KnowledgeBase) -> None:
    """Citizen test Q (q-14): both were asked after the first message had said them."""
    chat = scored_chat(kb)
    chat.say(
        "ik heb een brief van een deurwaarder voor de elektriciteit en mijn huur van november is ook nog "
        "nie betaald",
        "money_problems",
        0.95,
    )
    journey = chat.state.journey
    assert journey is not None
    assert journey.answers.get("energieschuld") == "ja" and journey.answers.get("huurachterstal") == "ja"


def test_a_widow_asking_for_his_pension_is_offered_no_retirement(kb: KnowledgeBase) -> None:
    """Review: "krijg ik nu zijn pensioen?" counted "ik" as one's own retirement."""
    chat = scored_chat(kb)
    reply = chat.say("mijn man is gestorven. krijg ik nu zijn pensioen?", "death", 0.8, {"retirement": 0.15})
    assert "Met pensioen gaan" not in texts(reply)
