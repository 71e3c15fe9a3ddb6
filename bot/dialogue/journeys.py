"""Journey moves: start, take in what the person said, ask the next thing, switch, resume, walk."""

from __future__ import annotations

import re

from bot.dialogue import tone
from bot.dialogue.context import DialogueContext
from bot.dialogue.journey_dates import (
    dates_the_event,
    drop_past_date,
    needs_date,
    read_date_correction,
    read_event_date,
    set_date,
)
from bot.dialogue.merged_overview import present_merged
from bot.dialogue.municipality import (
    ambiguous_short_name,
    chosen_place,
    municipality_in,
)
from bot.dialogue.on_behalf import asks_for_someone_else
from bot.dialogue.presenting import (
    answer_clause,
    ask_event_date,
    ask_question,
    plan_of,
    present_plan,
    show_step,
    understood_sentence,
)
from bot.dialogue.reading import QUESTION_WORDS, is_question
from bot.dialogue.state import (
    DONE,
    EVENT_DATE,
    PLAN,
    QUESTIONS,
    ConversationState,
    Journey,
    Pending,
    keep_finished,
)
from bot.dialogue.step_place import place_in_message
from bot.dialogue.story_dates import CLAUSE_BOUNDARY, date_text_for, without_fact_clauses
from bot.dialogue.turn import TurnResult
from bot.journeys.journey import UNKNOWN, pending_questions, plan_questions
from bot.knowledge.knowledge_base import LifeEvent, Question
from bot.knowledge.texts import join_list, load_texts, text
from bot.normalize import normalise
from bot.places.municipalities import load_places
from bot.understanding.answers import read_answer
from bot.understanding.dates import read_date, tense
from bot.understanding.event_detection import HARDSHIP_EVENTS
from bot.understanding.fact_scan import scan_facts, scan_narrowing
from bot.understanding.lexicon import load_lexicon
from bot.understanding.signals import contains_any
from bot.understanding.someone_else import helped_persons_spouse_died

DATE_FACT = "event_date"
_OWN_RELATIVE = re.compile(
    r"\b(?:mijn|mn|men|mijne|ons|onze)\s+(?:vader|papa|pa|moeder|mama|ma|broer|zus|zuster|zoon|dochter|opa|oma"
    r"|bompa|bomma|schoonvader|schoonmoeder|grootvader|grootmoeder|nonkel|tante)\b",
    re.IGNORECASE,
)
"""A relative of the writer's own: someone helping a widowed parent lost a parent too."""
"""Key under which a date said for a not-yet-started event waits in ``state.facts``."""


CHILD_PLANS = frozenset({"birth"})
"""Journeys that assume a living child born to the person: not started after the loss of a baby or
for an adoption."""


def statements_of(message_text: str) -> str:
    """The message without the clauses that ask ("mijn vader is overleden, wat moet ik doen?" keeps
    "mijn vader is overleden"; "gene bv. en moet ik ook btw aanrekenen?" keeps "gene bv")."""
    kept = []
    for sentence in re.findall(r"[^.!?;]+[.!?;]*", message_text):
        asking = sentence.rstrip().endswith("?")
        for clause in re.split(r",", sentence):
            words = normalise(clause).split()
            while words and words[0] in CLAUSE_LINKS:
                words = words[1:]
            if not (asking and words and words[0] in QUESTION_WORDS):
                kept.append(clause)
    return ",".join(kept)


CLAUSE_LINKS = frozenset({"en", "maar", "of", "dus", "want"})
"""Words that link a clause to the one before; the clause's own first word comes after them."""


def absorb_facts(
    state: ConversationState,
    journey: Journey,
    event: LifeEvent,
    message_text: str,
    ctx: DialogueContext,
    skip: str | None = None,
    notes: list[str] | None = None,
    corrections: bool = False,
    whole_text: str | None = None,
) -> list[str]:
    """Everything a message states for this journey (answers, date, municipality): recorded, and
    returned as clauses to say back. An answer already given is only replaced when ``corrections``
    and the message states another option outright ("hij was al met pensioen"). ``whole_text``: the
    whole message when ``message_text`` is what is left after the answer (the date must still be the
    event's in it: "ik begin op 4 januari" answers the job question, and its date is the job's)."""
    notes = notes if notes is not None else []
    clauses: list[str] = []
    for question in plan_questions(event):
        if question.id == skip:
            continue
        if question.id in journey.answers:
            if corrections:
                value = scan_facts(question, message_text)
                if value is not None and value != journey.answers[question.id]:
                    journey.answers[question.id] = value
                    clauses.append(answer_clause(event, question.id, value) or "")
            continue
        value = scan_facts(question, message_text)
        settled = scan_narrowing(question, message_text) if value is not None else None
        if (
            settled is not None
            and value not in settled.options
            and not _said_of_the_loss(question, value, message_text)
        ):
            value = None  # "mijn vrouw ..., we woonden samen": a partner, not "only living together"
        if value is not None:
            journey.answers[question.id] = value
            clauses.append(answer_clause(event, question.id, value) or "")
        elif question.id not in journey.narrowed:
            narrowing = scan_narrowing(question, message_text)
            if narrowing is not None and not _named_loss_apart(question, message_text):
                journey.narrowed[question.id] = list(narrowing.options)
                clauses.append(narrowing.understood)
    drop_past_date(journey, event, ctx.today, notes)
    # An approximate date ("eind december") is replaced by an exact one said later ("31 december").
    refining = journey.event_date is not None and journey.date_phrase is not None
    if event.event_date_label and (journey.event_date is None or refining) and skip != EVENT_DATE:
        dating = date_text_for(event, message_text, ctx)
        reading = (  # "het was de 28ste" after "eind augustus": 28 August
            read_date_correction(event, dating, ctx.today, journey.event_date)
            if refining
            else read_event_date(event, dating, ctx.today)
        )
        if whole_text is not None and not read_date(date_text_for(event, whole_text, ctx), ctx.today):
            reading = None
        if refining and reading is not None and not reading.exact:
            reading = None
        if reading is not None and not reading.too_vague:
            set_date(journey, event, reading, ctx.today, clauses, notes)
    found = None if _lives_abroad(event, journey) else municipality_in(message_text)  # Lille in France
    choices = ambiguous_short_name(message_text, found)
    if choices and found is not None:  # "naar Heist": Heist-op-den-Berg or Knokke-Heist? asked
        notes.append(text("municipality_which", name=found.matched_text, choices=" of ".join(choices)))
        state.place_choices, found = list(choices), None
    elif state.place_choices and (chosen := chosen_place(message_text, state.place_choices)):
        found = load_places().resolve(chosen)
    if found is not None:
        state.place_choices = []  # a municipality said: the question about the short name is settled
    if found is not None and found.municipality.name_nl != state.municipality:
        state.municipality = found.municipality.name_nl
        clauses.append(text("municipality_noted", municipality=state.municipality))
        if not found.in_flanders:
            region = load_texts()["regions"].get(found.municipality.region, found.municipality.region)
            notes.append(text("outside_flanders", municipality=state.municipality, region=region))
    if found is not None:  # "ik woon in Aalst" also says "I live in Belgium"
        for question in plan_questions(event):
            option = next((o for o in question.options if o.lives_in_belgium), None)
            if option is not None and question.id not in journey.answers:
                journey.answers[question.id] = option.value
    return [c for c in clauses if c]


def _lives_abroad(event: LifeEvent, journey: Journey) -> bool:
    """The person said they live abroad: a place they name is no Belgian municipality of theirs
    ("in Frankrijk, in de buurt van Lille")."""
    for question in plan_questions(event):
        home = next((o for o in question.options if o.lives_in_belgium), None)
        answer = journey.answers.get(question.id)
        if home is not None and answer not in (None, home.value, UNKNOWN):
            return True
    return False


def _said_of_the_loss(question: Question, value: str | None, message_text: str) -> bool:
    """The answer is stated in the clauses that tell about the loss and the narrowing is not: in
    "onze zoon is gisteren verongelukt, mijn vrouw ligt in de zetel" the son died, not the wife."""
    lexicon = load_lexicon()
    loss = " ".join(c for c in CLAUSE_BOUNDARY.split(message_text) if c and contains_any(c, lexicon.loss))
    return bool(loss) and scan_facts(question, loss) == value and scan_narrowing(question, loss) is None


def _named_loss_apart(question: Question, message_text: str) -> bool:
    """The one who died is named by a first name and the partner only in another clause: in "Tom
    is vannacht gestorven, mijn vrouw is helemaal in shock" the wife lives; Tom is not the partner."""
    lexicon = load_lexicon()
    clauses = [c.strip() for c in CLAUSE_BOUNDARY.split(message_text) if c and c.strip()]
    losses = [c for c in clauses if contains_any(c, lexicon.loss)]
    return any(
        scan_narrowing(question, c) is None
        and c.split()[0][:1].isupper()
        and len(c.split()[0]) > 1
        and normalise(c.split()[0]) not in lexicon.not_a_name
        for c in losses
    )


def remember_facts_for_later(
    state: ConversationState, event: LifeEvent, message_text: str, ctx: DialogueContext
) -> None:
    """Answers stated for another event, kept until that journey starts."""
    facts = state.facts.setdefault(event.id, {})
    for question in plan_questions(event):
        value = scan_facts(question, message_text)
        if value is not None and question.id not in facts:
            facts[question.id] = value
    if event.event_date_label and DATE_FACT not in facts:
        reading = read_event_date(event, date_text_for(event, message_text, ctx), ctx.today)
        if reading is not None and reading.exact:
            facts[DATE_FACT] = reading.day.isoformat()
    if not facts:
        state.facts.pop(event.id, None)


def continue_journey(
    turn: TurnResult, state: ConversationState, ctx: DialogueContext, lead: str | None = None
) -> None:
    """Asks the next question that changes the plan, then the date, then shows the whole plan."""
    journey = state.journey
    assert journey is not None
    event = ctx.kb.events[journey.event_id]
    remaining = pending_questions(event, journey.answers)
    if remaining:
        question = remaining[0]
        narrowed = journey.narrowed.get(question.id)
        state.pending = Pending(question.id, options=narrowed)
        body = next((n.text for n in question.narrowing if narrowed and list(n.options) == narrowed), None)
        ask_question(turn, state, event, question, ctx.today, only=narrowed, lead=lead, body=body)
        return
    if needs_date(event, journey) and journey.event_date is None and not journey.date_asked:
        journey.date_asked = True
        state.pending = Pending(EVENT_DATE)
        ask_event_date(turn, state, event, ctx.today, lead=lead)
        return
    if lead:
        turn.say(lead)
    present_plan(turn, state, event, ctx.today, lambda: present_merged(turn, state, ctx))


CHILD_DEATH_ANSWERS = {"partner_status": "geen_partner", "deceased_retired": "nee"}
"""What the death journey knows when the one who died is a child."""


PARTNER_QUESTION, NO_PARTNER, MARRIED = "partner_status", "geen_partner", "gehuwd"
"""The death journey's question whether the person was the partner of the one who died, and its "no"."""


def start_journey(
    turn: TurnResult,
    state: ConversationState,
    ctx: DialogueContext,
    event_ids: list[str],
    message_text: str,
    distressed: bool = False,
) -> None:
    """Starts the first event (the most urgent one); the others wait until it is done."""
    event = ctx.kb.events[event_ids[0]]
    adoption = bool(set(normalise(message_text).split()) & set(load_lexicon().adoption))
    if event.id in CHILD_PLANS and (state.child_lost or adoption):
        # The birth plan (birth declaration, maternity leave, ...) fits neither the loss of a baby
        # nor an adoption: a person helps instead.
        key = "child_loss_no_plan" if state.child_lost else "adoption_no_plan"
        turn.say(text(key), [{"title": text("button_human"), "payload": "/request_human"}])
        if state.child_lost:
            state.handoff_reason = "distress"
        return
    others = [e for e in event_ids[1:] if e in ctx.kb.events]
    put_aside = next((j for j in state.suspended if j.event_id == event.id), None)
    if put_aside is not None and not others:
        # "Verder met 'Verhuizen'" after another plan: back where that journey was, nothing asked twice
        resume_suspended(turn, state, ctx, put_aside)
        return
    journey = Journey(event.id, tense=tense(date_text_for(event, message_text, ctx)))
    shown = next((j for j in state.finished if j.event_id == event.id), None)
    if shown is not None:  # its plan was shown before: what the person said then still holds
        journey.answers.update(shown.answers)
        journey.event_date, journey.date_phrase = shown.event_date, shown.date_phrase
    if state.child_lost and event.id == "death":  # a child: no partner, no pension
        journey.answers.update(CHILD_DEATH_ANSWERS)
    waiting = state.facts.pop(event.id, {})
    if DATE_FACT in waiting:
        reading = read_date(waiting.pop(DATE_FACT), ctx.today, "either")
        if reading is not None:
            journey.event_date = reading.day
    journey.answers.update(waiting)
    place = (
        place_in_message(message_text, event.id)
        if message_text and not message_text.startswith("/")
        else None
    )
    for step in event.steps:
        if place is not None and step.counter_place_question:
            # "geboren in t UZ Brussel in Jette": the birth is declared in Jette, not asked again
            journey.places[step.id] = place.municipality.name_nl
    if state.journey is not None and state.journey.event_id != event.id:
        keep_finished(state, state.journey)
    state.finished = [j for j in state.finished if j.event_id != event.id]
    state.journey, state.pending = journey, None
    # said again for each situation: a mother who asked about her son's first job may next ask
    # about her own job
    state.on_behalf = asks_for_someone_else(event.id, message_text)
    if state.on_behalf:
        if event.id == "death" and _OWN_RELATIVE.search(message_text) and event.opening:
            # "mijn vader is overleden. ik help mijn moeder ...": the writer lost a father too
            turn.say(first_sentence(event.opening))
        turn.say(text("opening_on_behalf", title=event.title))  # no condolences to a social worker
    elif (
        event.opening
        and tone.fits(event.opening, state.bereaved, state.crisis)
        and turn.unsaid(event.opening)
    ):
        turn.say(turn.unsaid(event.opening))
    if others:
        titles = [f"'{ctx.kb.events[e].title}'" for e in [event.id, *others]]
        turn.say(text("several_events", events_list=join_list(titles), first_event=event.title))
        for other in others:
            remember_facts_for_later(state, ctx.kb.events[other], message_text, ctx)
            if other not in state.later:
                state.later.append(other)
    if len(HARDSHIP_EVENTS.intersection(event_ids)) >= 2 or distressed:
        turn.say(text("integral_guidance"), [{"title": text("button_human"), "payload": "/request_human"}])
        state.handoff_reason = "several_problems" if not distressed else "distress"
    notes: list[str] = []
    clauses = absorb_facts(state, journey, event, message_text, ctx, notes=notes) if message_text else []
    if (
        state.on_behalf
        and event.question(PARTNER_QUESTION) is not None
        and journey.answers.get(PARTNER_QUESTION) in (None, NO_PARTNER)
        and helped_persons_spouse_died(message_text)
    ):
        # "ik schrijf namens mijn schoonmoeder. Haar man, mijn schoonvader, is overleden": the
        # writer's own "mijn schoonvader" had said "geen partner"
        dropped = answer_clause(event, PARTNER_QUESTION, NO_PARTNER)
        clauses = [c for c in clauses if c != dropped]
        journey.answers[PARTNER_QUESTION] = MARRIED
        clauses.append(answer_clause(event, PARTNER_QUESTION, MARRIED) or "")
    for note in notes:
        turn.say(note)
    turn.journey_event(event.id, "started")
    continue_journey(turn, state, ctx, lead=understood_sentence(clauses))


def offer_switch(
    turn: TurnResult, state: ConversationState, ctx: DialogueContext, target: str, message_text: str
) -> None:
    """Another event came up: ask, and keep both (never switch silently)."""
    journey = state.journey
    assert journey is not None
    current, new = ctx.kb.events[journey.event_id], ctx.kb.events[target]
    remember_facts_for_later(state, new, message_text, ctx)
    if contains_any(message_text, load_lexicon().keep_first):
        # "ik ga ook moeten verhuizen, maar eerst dit": kept for later without asking
        if target not in state.later:
            state.later.append(target)
        if state.pending is not None and state.pending.kind != "switch":
            journey.pending, state.pending = state.pending, None
        resume_question(turn, state, ctx, lead=text("switch_declined", current=current.title, new=new.title))
        return
    if state.pending is not None and state.pending.kind != "switch":
        journey.pending = state.pending
    state.pending = Pending("switch", target_event=target)
    yes = {
        "title": text("button_switch_yes", new=new.title),
        "payload": '/provide_answer{"answer_value": "ja", "question_id": "switch"}',
    }
    no = {
        "title": text("button_switch_no", current=current.title),
        "payload": '/provide_answer{"answer_value": "nee", "question_id": "switch"}',
    }
    back = any(j.event_id == target for j in state.suspended)  # put aside earlier: no second condolence
    offer = text("switch_back_offer" if back else "switch_offer", new=new.title, current=current.title)
    # A kind word only when the person named that situation outright (a guess never gets "Proficiat").
    named = new.id in ctx.keywords.events_in(message_text)
    acknowledgement = first_sentence(new.opening) if named and not back else ""
    if not tone.fits(acknowledgement, state.bereaved, state.crisis):
        acknowledgement = ""
    turn.say(
        f"{acknowledgement} {offer}" if acknowledgement else offer,
        [yes, no],
        {"type": "switch_offer", "current": current.id, "proposed": new.id},
    )


def first_sentence(paragraph: str) -> str:
    """ "Gecondoleerd met het verlies van uw naaste." from the event's opening words."""
    match = re.match(r"(.+?[.!?])(\s|$)", paragraph.strip())
    return match.group(1) if match else paragraph.strip()


def resume_question(
    turn: TurnResult, state: ConversationState, ctx: DialogueContext, lead: str | None = None
) -> None:
    """Asks again what the journey was waiting for (or shows where the person was in the plan)."""
    journey = state.journey
    if journey is None:
        return
    event = ctx.kb.events[journey.event_id]
    if journey.phase == QUESTIONS:
        pending = journey.pending
        journey.pending = None
        if pending is not None and event.question(pending.kind) is not None:
            state.pending = pending
            question = event.question(pending.kind)
            assert question is not None
            ask_question(turn, state, event, question, ctx.today, only=pending.options, lead=lead)
            return
        continue_journey(turn, state, ctx, lead=lead)
        return
    if lead:
        turn.say(lead)
    plan = plan_of(event, journey)
    if journey.phase == PLAN and plan.steps:
        show_step(turn, plan, min(journey.step_index, len(plan.steps) - 1), ctx.today)


def accept_switch(
    turn: TurnResult, state: ConversationState, ctx: DialogueContext, message_text: str = ""
) -> None:
    """Starts the offered situation; ``message_text``, a typed acceptance, may state its facts
    ("we waren 40 jaar getrouwd" after the offer of help with a death)."""
    journey, target = state.journey, state.pending.target_event if state.pending else None
    assert target is not None
    if journey is not None and journey.phase != DONE:
        turn.say(
            text(
                "switch_accepted",
                new=ctx.kb.events[target].title,
                current=ctx.kb.events[journey.event_id].title,
            )
        )
        state.suspended.append(journey)
    state.later = [e for e in state.later if e != target]
    start_journey(turn, state, ctx, [target], message_text)


def decline_switch(
    turn: TurnResult,
    state: ConversationState,
    ctx: DialogueContext,
    quiet: bool = False,
    denied: bool = False,
) -> None:
    """The offered situation is not looked at now: kept for later, unless the person says it is
    not theirs (``denied``: "nee, geldproblemen heb ik niet")."""
    journey, target = state.journey, state.pending.target_event if state.pending else None
    state.pending = None
    if target and denied:
        state.later = [e for e in state.later if e != target]
    elif target and target not in state.later:
        state.later.append(target)
    if target and target not in state.declined:
        state.declined.append(target)
    if journey is None:
        turn.say(text("ok_anything_else"))
        return
    lead = (
        None
        if quiet
        else text(
            "switch_denied" if denied else "switch_declined",
            current=ctx.kb.events[journey.event_id].title,
            new=ctx.kb.events[target].title if target else "",
        )
    )
    resume_question(turn, state, ctx, lead=lead)


def resume_suspended(
    turn: TurnResult, state: ConversationState, ctx: DialogueContext, which: Journey | None = None
) -> None:
    """Back to a journey that was put aside (``which``, else the last one); the current one is put
    aside in its place."""
    if not state.suspended:
        turn.say(text("nothing_to_resume"))
        return
    resumed = which if which in state.suspended else state.suspended[-1]
    state.suspended.remove(resumed)
    if state.journey is not None and state.journey.phase != DONE:
        if state.pending is not None and state.pending.kind != "switch":
            state.journey.pending = state.pending
        state.suspended.insert(0, state.journey)
    state.journey, state.pending = resumed, None
    resume_question(turn, state, ctx, lead=text("resuming", title=ctx.kb.events[resumed.event_id].title))


def correct_plan(turn: TurnResult, state: ConversationState, ctx: DialogueContext, message_text: str) -> bool:
    """A typed correction after the plan was shown ("ik ben toch bediende", "het was dinsdag"):
    the plan is rebuilt. False when the message changes nothing."""
    journey = state.journey
    if journey is None or journey.phase == QUESTIONS:
        return False
    event = ctx.kb.events[journey.event_id]
    clauses: list[str] = []
    notes: list[str] = []
    changed = []
    corrects = contains_any(message_text, load_lexicon().mid_corrections)
    for question in plan_questions(event):
        value = scan_facts(question, message_text)
        if value is None and corrects and journey.answers.get(question.id) not in (None, UNKNOWN):
            # "nee wacht, ik bedoel bediende, nie arbeider": both named, the one not denied is meant
            said = read_answer(question, message_text)
            if said.value not in (None, UNKNOWN) and said.how in ("label", "synonym"):
                value = said.value
        if value is not None and journey.answers.get(question.id) != value:
            journey.answers[question.id] = value
            clauses.append(answer_clause(event, question.id, value) or "")
            changed.append(question)
    if event.event_date_label:
        dating = without_fact_clauses(date_text_for(event, message_text, ctx), changed)
        reading = read_date_correction(event, dating, ctx.today, journey.event_date)
        if reading is not None and not dates_the_event(event, message_text, reading, ctx):
            reading = None  # "amai da is morgen al!" is about the deadline just shown
        if reading is not None and not reading.too_vague and reading.day != journey.event_date:
            set_date(journey, event, reading, ctx.today, clauses, notes)
    clauses = [c for c in clauses if c]
    found = None if is_question(message_text) else municipality_in(message_text)  # "in Brugge of Oostkamp?"
    if state.place_choices and (chosen := chosen_place(message_text, state.place_choices)):
        found, state.place_choices = (
            load_places().resolve(chosen),
            [],
        )  # "Heist-op-den-Berg" after "which Heist?"
    if found is not None and found.municipality.name_nl != state.municipality:
        state.municipality = found.municipality.name_nl
        if not clauses:  # only the place changed: no need to show the plan again
            turn.say(
                understood_sentence([text("municipality_updated", municipality=state.municipality)]) or ""
            )
            return True
        clauses.append(text("municipality_updated", municipality=state.municipality))
    if not clauses:
        return False
    turn.say(f"{understood_sentence(clauses)} {text('answer_updated')}")
    for note in notes:
        turn.say(note)
    present_plan(turn, state, event, ctx.today, lambda: present_merged(turn, state, ctx))
    return True
