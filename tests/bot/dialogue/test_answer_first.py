"""Typed conversations: answers are read as answers, nothing is asked twice, no silent switch."""

from __future__ import annotations

from devtools.chat import Chat, asked, customs, texts


def test_widow_answer_is_not_read_as_a_marriage(chat: Chat) -> None:
    chat.say("Mijn partner is overleden", "death", 0.98)
    assert asked(chat.last) == "partner_status"
    # The NLU reads "getrouwd" as the marriage journey; the open question comes first.
    result = chat.say("ja, 30 jaar getrouwd", "cohabitation_marriage", 0.91)
    assert chat.state.journey.event_id == "death"
    assert chat.state.journey.answers["partner_status"] == "gehuwd"
    assert not customs(result, "switch_offer")
    assert "getrouwd" in texts(result).lower()  # said back, so the person can correct it


def test_labourer_is_an_answer_not_an_employer(chat: Chat) -> None:
    chat.say("ik ben ziek sinds maandag", "illness", 0.99)
    result = chat.say("arbeider", "hire_staff", 0.95)
    assert chat.state.journey.event_id == "illness"
    assert chat.state.journey.answers == {"work_status": "arbeider"}
    assert customs(result, "plan_overview")
    assert "U bent arbeider" in texts(result)


def test_typing_a_whole_button_label_works(chat: Chat) -> None:
    chat.say("ik ben mijn werk kwijt", "job_loss", 0.97)
    assert asked(chat.last) == "ended_by"
    result = chat.say("Mijn werkgever heeft mij ontslagen", "job_loss", 0.99)
    assert chat.state.journey.answers["ended_by"] == "ontslag_werkgever"
    assert asked(result) != "ended_by"


def test_first_message_facts_are_not_asked_again(chat: Chat) -> None:
    result = chat.say("ons eerste kindje is gisteren geboren", "birth", 0.82)
    assert chat.state.journey.answers == {"first_child": "ja"}
    assert chat.state.journey.event_date.isoformat() == "2026-11-24"
    assert asked(result) == "employment_status"
    assert "Het is uw eerste kind en uw kind is geboren op dinsdag 24 november 2026." in texts(result)


def test_my_father_died_means_not_the_partner(chat: Chat) -> None:
    result = chat.say("mijn vader is vorige week overleden", "death", 0.99)
    assert chat.state.journey.answers["partner_status"] == "geen_partner"
    assert asked(result) == "deceased_retired"


def test_ambiguous_yes_narrows_the_options(chat: Chat) -> None:
    chat.say("ik zorg voor mijn moeder", "caregiving", 0.95)
    result = chat.say("ja", "affirm", 0.99)
    question = customs(result, "question")[-1]
    assert question["question_id"] == "employment_status"
    assert [o["value"] for o in question["options"]] == ["werknemer", "zelfstandige"]
    chat.say("als bediende", "provide_answer", 0.7)
    assert chat.state.journey.answers["employment_status"] == "werknemer"


def test_age_answers(chat: Chat) -> None:
    chat.say("mijn zoon heeft een handicap", "disability", 0.95)
    chat.say("hij is 8", "nlu_fallback", 0.3)
    assert chat.state.journey.answers["age_group"] == "kind"


def test_another_event_mid_question_is_offered_not_switched(chat: Chat) -> None:
    chat.say("we hebben een baby gekregen", "birth", 0.99)
    result = chat.say("we zijn ook verhuisd naar Gent", "moving", 0.97)
    offer = customs(result, "switch_offer")
    assert offer and offer[0]["proposed"] == "moving" and offer[0]["current"] == "birth"
    assert chat.state.journey.event_id == "birth"
    result = chat.say("nee, eerst dit afwerken", "deny", 0.8)
    assert chat.state.journey.event_id == "birth" and asked(result) == "first_child"
    assert "moving" in chat.state.later


def test_accepting_a_switch_keeps_both_and_comes_back(chat: Chat) -> None:
    chat.say("we hebben een baby gekregen", "birth", 0.99)
    chat.say("ja", "affirm", 0.99)  # first_child
    chat.say("ik ben ook mijn job kwijt", "job_loss", 0.95)
    result = chat.say("ja, nu eerst dat", "affirm", 0.9)
    assert chat.state.journey.event_id == "job_loss" and asked(result) == "ended_by"
    assert [j.event_id for j in chat.state.suspended] == ["birth"]
    result = chat.say("terug naar mijn vorige vraag", "resume_journey", 0.95)
    assert chat.state.journey.event_id == "birth"
    assert asked(result) == "employment_status"  # where it was, first_child kept
    assert chat.state.journey.answers == {"first_child": "ja"}


def test_ignoring_the_switch_offer_and_answering_the_question(chat: Chat) -> None:
    chat.say("ik ben ziek", "illness", 0.99)
    chat.say("ik ga ook verhuizen", "moving", 0.9)
    result = chat.say("bediende", "nlu_fallback", 0.4)
    assert chat.state.journey.event_id == "illness"
    assert chat.state.journey.answers["work_status"] == "bediende"
    assert asked(result) == "event_date"


def test_not_understood_twice_counts_as_unknown_and_never_loops(chat: Chat) -> None:
    chat.say("ik ben ziek", "illness", 0.99)
    first = chat.say("blablabla", "nlu_fallback", 0.2)
    assert asked(first) == "work_status" and "begreep" in texts(first)
    second = chat.say("qwerty", "nlu_fallback", 0.2)
    assert chat.state.journey.answers["work_status"] == "onbekend"
    assert asked(second) == "event_date"


def test_greeting_mid_question_keeps_the_question(chat: Chat) -> None:
    chat.say("ik ben ziek", "illness", 0.99)
    result = chat.say("hallo", "greet", 0.99)
    assert asked(result) == "work_status"


def test_my_wife_died_asks_only_the_partner_options(chat: Chat) -> None:
    result = chat.say("mijn vrouw is gisteren gestorven", "death", 0.99)
    question = customs(result, "question")[-1]
    assert question["question_id"] == "partner_status"
    assert [o["value"] for o in question["options"]] == [
        "gehuwd",
        "wettelijk_samenwonend",
        "feitelijk_samenwonend",
    ]
    assert "getrouwd of wettelijk samenwonend? Of woonde u samen zonder contract?" in texts(result)
    chat.say("getrouwd", "cohabitation_marriage", 0.8)
    assert chat.state.journey.answers["partner_status"] == "gehuwd"


def test_asking_for_a_person_mid_question_is_not_an_unknown_answer(chat: Chat) -> None:
    chat.say("ik ben ontslagen", "job_loss", 0.99)
    result = chat.say("ik weet het niet meer, kan ik iemand spreken?", "request_human", 0.93)
    assert "notice" not in chat.state.journey.answers
    assert any(b["payload"] == "/handoff_live" for r in result.replies for b in r.buttons)
    assert chat.state.handoff_reason == "distress"


def test_terug_goes_back_to_the_previous_question(chat: Chat) -> None:
    chat.say("we hebben een baby gekregen", "birth", 0.99)
    chat.say("nee, het is ons tweede", "deny", 0.8)
    assert asked(chat.last) == "employment_status"
    result = chat.say("terug", "previous_step", 0.7)
    assert asked(result) == "first_child" and "first_child" not in chat.state.journey.answers


def test_a_negative_word_inside_a_sentence_is_not_an_answer(chat: Chat) -> None:
    chat.say("ik ben ontslagen", "job_loss", 0.99)
    chat.say("weet ik niet", "nlu_fallback", 0.3)
    assert asked(chat.last) == "has_children"
    chat.say("de datum klopt niet", "nlu_fallback", 0.3)
    assert "has_children" not in chat.state.journey.answers


def test_an_answer_followed_by_a_question_keeps_the_answer(chat: Chat) -> None:
    chat.say("ik wil een eigen zaak starten", "start_business", 0.99)
    chat.say("eenmanszaak denk ik, wat is het verschil eigenlijk?", "nlu_fallback", 0.4)
    assert chat.state.journey.answers.get("legal_form") == "eenmanszaak"


def test_option_words_inside_a_question_are_not_an_answer(chat: Chat) -> None:
    chat.say("ik moet mijn zaak stopzetten", "stop_business", 0.99)
    chat.say("Wat is het verschil tussen een vereffening en een faillissement?", "stop_business", 0.7)
    assert "legal_form" not in chat.state.journey.answers and "reason" not in chat.state.journey.answers


def test_not_here_but_there(chat: Chat) -> None:
    chat.say("ik ben ziek en ik woon in Antwerpen", "illness", 0.99)
    chat.say("bediende", "nlu_fallback", 0.4)
    chat.say("ik woon eigenlijk niet in Antwerpen maar in Gent", "provide_municipality", 0.8)
    assert chat.state.municipality == "Gent"


def test_naming_a_belgian_municipality_answers_where_the_person_lives(chat: Chat) -> None:
    chat.say("ik ben 63, bediende, ik woon in Aalst en wil met pensioen", "retirement", 0.95)
    assert chat.state.journey.answers.get("residence") == "belgie"
    assert chat.state.municipality == "Aalst"


def test_a_dutch_answer_with_words_shared_with_german_is_read_as_the_answer(chat: Chat) -> None:
    chat.say("Mijn man is zaterdag gestorven.", "death", 0.99)
    chat.say("ja, we waren 40 jaar getrouwd", "affirm", 0.6)
    result = chat.say("ja hij was gepensioneerd", "affirm", 0.6)
    assert chat.state.journey.answers.get("deceased_retired") == "ja"
    assert "Niederländisch" not in texts(result)


def test_an_answer_to_the_open_question_that_starts_with_yes_does_not_accept_the_offer(chat: Chat) -> None:
    """Citizen test F, h15: "ja ik moet nog 8 weken opzeg doen" took a dismissed worker into hiring staff."""
    chat.say("ik ben ontslagen", "job_loss", 0.99)
    assert asked(chat.last) == "notice"
    result = chat.say("ik ga ook verhuizen", "moving", 0.9)
    assert customs(result, "switch_offer")
    result = chat.say("ja ik moet nog 8 weken opzeg doen", "affirm", 0.6)
    assert chat.state.journey.event_id == "job_loss"
    assert chat.state.journey.answers["notice"] == "opzeg_presteren"
    assert "moving" in chat.state.later
    assert asked(result) != "notice"


def test_a_doubt_is_not_read_as_the_fact_it_doubts(chat: Chat) -> None:
    """Citizen test F, h17: "ik weet nie of ik btw moet aanrekenen" recorded "U moet btw aanrekenen"."""
    chat.say("ik start een frituur als eenmanszaak", "start_business", 0.99)
    assert asked(chat.last) == "occupation"
    chat.say("ik weet nie of ik btw moet aanrekenen", "nlu_fallback", 0.4)
    assert "vat_liable" not in chat.state.journey.answers


def test_a_yes_after_a_fact_of_another_question_does_not_answer_this_one(chat: Chat) -> None:
    """Citizen test H, k24: "getrouwd ja" answered "Was de overledene al met pensioen?" with yes."""
    chat.say("mijn man is vorige week gestorven", "death", 0.95)
    chat.say("getrouwd", "cohabitation_marriage", 0.6)
    assert asked(chat.last) == "deceased_retired"
    result = chat.say("getrouwd ja", "affirm", 0.6)
    assert "deceased_retired" not in chat.state.journey.answers and asked(result) == "deceased_retired"
    chat.say("ja hij was al met pensioen", "affirm", 0.7)
    assert chat.state.journey.answers["deceased_retired"] == "ja"


def test_a_question_of_the_person_states_no_fact(chat: Chat) -> None:
    """Citizen test H, k31: "... en moet ik ook btw aanrekenen?" recorded "U moet btw aanrekenen"."""
    chat.say("ik wil een zaak starten als kapper", "start_business", 0.95)
    assert asked(chat.last) == "legal_form"
    chat.say("gewoon op mijn eigen naam, gene bv. en moet ik ook btw aanrekenen?", "nlu_fallback", 0.4)
    journey = chat.state.journey
    assert journey.answers["legal_form"] == "eenmanszaak" and "vat_liable" not in journey.answers


def test_a_fact_before_the_question_in_the_same_sentence_still_counts(chat: Chat) -> None:
    chat.say("mijn vader is overleden, wat moet ik doen?", "death", 0.95)
    assert chat.state.journey.answers.get("partner_status") == "geen_partner"


def test_a_confirmation_with_more_words_after_it_still_confirms_the_other_fact(chat: Chat) -> None:
    """Citizen test I, m10: "getrouwd ja, da zei ik toch al" answered the retirement question."""
    chat.say("mijn man is vorige week gestorven", "death", 0.95)
    chat.say("getrouwd", "cohabitation_marriage", 0.6)
    chat.say("getrouwd ja, da zei ik toch al", "affirm", 0.6)
    assert "deceased_retired" not in chat.state.journey.answers
