"""The answer reader: what a typed message answers to a personalisation question.

While a question is open, the person's text is first read as its answer: the option labels and
their synonyms from the knowledge base ("arbeider", "op kot", "bv"), yes / no / "weet ik niet" in
everyday Flemish ("ja hoor", "nee hoor", "geen idee"), numbers and ages ("hij is 8"), and small
typos ("arbijder"). Only when nothing fits is the message something else.

:mod:`bot.understanding.fact_scan` reads any message for answers it states outright.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from bot.journeys.journey import UNKNOWN
from bot.knowledge.knowledge_base import Option, Question
from bot.normalize import normalise
from bot.understanding.ages import ARTICLE_WORDS, age_at, age_for
from bot.understanding.date_words import MONTHS
from bot.understanding.lexicon import Lexicon, load_lexicon, starts_with_phrase
from bot.understanding.negation import negated_after, negated_before, unfeasible_after
from bot.understanding.numbers import word_value

FUZZY_MIN_SCORE = 85


@dataclass(frozen=True)
class Reading:
    """What a message answers: one option value, several that fit, or nothing."""

    value: str | None = None
    candidates: tuple[str, ...] = ()
    how: str = ""
    matched: str = ""
    """The words that made it an answer (normalised), so the rest of the message can be read too."""

    @property
    def understood(self) -> bool:
        return self.value is not None


NOT_AN_ANSWER = Reading()


def _strip_parentheses(label: str) -> str:
    return re.sub(r"\([^)]*\)", " ", label)


@dataclass(frozen=True)
class _OptionPhrases:
    option: Option
    phrases: tuple[str, ...]
    """Normalised phrases for the option, longest first (found anywhere in the answer)."""
    whole: frozenset[str]
    """Phrases that count only as the whole answer (synonyms written "=zelf", "=geen")."""
    scan_phrases: tuple[str, ...]
    """The subset strong enough to count in a message that does not answer a question."""


def _core_label(label: str, lexicon: Lexicon) -> str:
    """The label without a leading "ja,"/"nee," ("Nee, ik heb al kinderen" -> "ik heb al kinderen")."""
    words = normalise(_strip_parentheses(label))
    for phrase in (*lexicon.yes, *lexicon.no):
        if words.startswith(phrase + " ") and len(phrase.split()) == 1:
            return words[len(phrase) + 1 :]
    return words


@lru_cache(maxsize=512)
def option_phrases(question: Question) -> tuple[_OptionPhrases, ...]:
    lexicon = load_lexicon()
    yes_no_words = set(lexicon.yes) | set(lexicon.no)
    result = []
    for option in question.options:
        full = normalise(option.label)
        core = _core_label(option.label, lexicon)
        whole = frozenset(normalise(s[1:]) for s in option.synonyms if s.startswith("="))
        synonyms = [normalise(s) for s in option.synonyms if not s.startswith("=")]
        facts = [normalise(s) for s in option.facts]
        phrases = {
            p
            for p in (
                full,
                normalise(_strip_parentheses(option.label)),
                core,
                normalise(option.value.replace("_", " ")),
                *synonyms,
                *facts,
            )
            if p
        }
        scan = {p for p in facts if p and p not in yes_no_words}
        result.append(
            _OptionPhrases(
                option,
                tuple(sorted(phrases, key=lambda p: (-len(p), p))),
                whole,
                tuple(sorted(scan, key=lambda p: (-len(p), p))),
            )
        )
    return tuple(result)


def _yes_no_options(question: Question, meaning: str) -> tuple[str, ...]:
    """Options a plain "ja" or "nee" selects (explicit ``means``, else the value or the label's
    first word)."""
    explicit = tuple(o.value for o in question.options if o.means == meaning)
    if explicit or any(o.means for o in question.options):
        return explicit
    return tuple(
        o.value for o in question.options if o.value == meaning or normalise(o.label).split()[:1] == [meaning]
    )


def _is_number(word: str) -> bool:
    return word.isdigit() or word in load_lexicon().numbers


def phrase_positions(words: list[str], phrase: str) -> list[int]:
    """Where the phrase starts in the words; filler words and numbers inside it are skipped ("we
    waren 40 (veertig) jaar getrouwd" holds "we waren jaar getrouwd")."""
    target = phrase.split()
    fillers = load_lexicon().fillers
    positions = []
    for start in range(len(words) - len(target) + 1):
        if words[start] != target[0]:
            continue
        index, matched = start + 1, 1
        while matched < len(target) and index < len(words):
            if words[index] == target[matched]:
                matched += 1
            elif not (words[index] in fillers or _is_number(words[index])) or words[index] in target:
                break
            index += 1
        if matched == len(target):
            positions.append(start)
    return positions


def best_contained(question: Question, words: list[str], scan: bool) -> tuple[list[str], int, str]:
    """Options with the longest non-negated phrase found in the words, that length and phrase."""
    negations = load_lexicon().negations
    unfeasible = load_lexicon().unfeasible
    best: dict[str, tuple[int, str]] = {}
    found: dict[str, set[str]] = {}
    for entry in option_phrases(question):
        for phrase in entry.scan_phrases if scan else entry.phrases:
            size = len(phrase.split())
            positions = [
                p
                for p in phrase_positions(words, phrase)
                if phrase.split()[0] in negations
                or not (
                    negated_before(words, p, negations)
                    or (phrase.split()[-1] not in negations and negated_after(words, p + size, negations))
                    or unfeasible_after(words, p + size, unfeasible)
                )
            ]
            if positions:
                if len(phrase) > best.get(entry.option.value, (0, ""))[0]:
                    best[entry.option.value] = (len(phrase), phrase)
                found.setdefault(entry.option.value, set()).add(phrase)
    if not best:
        return [], 0, ""
    top = max(length for length, _ in best.values())
    winners = [value for value, (length, _) in best.items() if length == top]
    if len(winners) > 1:
        # "arbeider, gewoon in loondienst": the shared phrase ties, the option's own word decides
        own = [v for v in winners if found[v] - set().union(*(found[w] for w in winners if w != v))]
        if len(own) == 1:
            return own, top, best[own[0]][1]
    return winners, top, best[winners[0]][1]


MAX_BARE_AGE_WORDS = 3
"""Up to this many words, a number answers an age question by itself ("op mijn 63", "63 jaar")."""


def _numbers(words: list[str]) -> list[tuple[int, int]]:
    """(position, value) of every number word; an article "een" only when no other number is there."""
    found = [
        (i, value) for i, value in ((i, word_value(w)) for i, w in enumerate(words)) if value is not None
    ]
    real = [(i, v) for i, v in found if words[i] not in ARTICLE_WORDS]
    return real or found


def _stated_number_option(question: Question, words: list[str]) -> str | None:
    """The option of an age stated outright about the right person ("ik ben 67", "van 82 jaar")."""
    age = age_at(question, " ".join(words))
    if age is None:
        age = age_for(question, words, strict=True)
    return option_for_number(question, age) if age is not None else None


def is_ranged(question: Question) -> bool:
    return any(o.minimum is not None or o.maximum is not None for o in question.options)


def option_for_number(question: Question, number: int) -> str | None:
    matching = [o.value for o in question.options if o.holds(number)]
    return matching[0] if len(matching) == 1 else None


def _unknown_answer(normalised: str) -> tuple[str | None, str]:
    """The "weet ik niet" phrase the answer starts with (fillers aside: "dat weet ik echt niet") and
    the word after it; no phrase for "ik weet niet hoe ik dit moet doen", which tells how the person
    feels or asks something (a question word follows), rather than answering."""
    lexicon = load_lexicon()
    unknown = starts_with_phrase(normalised, lexicon.unknown)
    if unknown is None:
        normalised = " ".join(w for w in normalised.split() if w not in lexicon.fillers)
        unknown = starts_with_phrase(normalised, lexicon.unknown)
    following = (normalised[len(unknown) :].split() or [""])[0] if unknown else ""
    if (
        unknown
        and unknown.startswith(("ik ", "k "))
        and following in lexicon.doubt_scope
        and following != "of"
    ):
        return None, ""
    return unknown, following


def _unknown_value(question: Question) -> str:
    """The option that means "I don't know" if the question has one, else ``onbekend``."""
    unknown = load_lexicon().unknown
    for option in question.options:
        label = normalise(option.label)
        if label in unknown or option.value in ("weet_niet", "onbekend"):
            return option.value
    return UNKNOWN


def _fuzzy(question: Question, text: str, words: list[str]) -> list[str]:
    scores: dict[str, float] = {}
    negations = load_lexicon().negations
    negated = bool(set(words) & negations)
    for entry in option_phrases(question):
        for phrase in entry.phrases:
            if len(phrase) < 4:
                continue
            if bool(set(phrase.split()) & negations) != negated:
                continue  # "ik heb een job" is no typo of "ik heb geen job"
            if re.findall(r"\d+", phrase) != re.findall(r"\d+", text):
                continue  # "als ik 66 word" is no typo of "als ik 65 word"
            score = fuzz.ratio(text, phrase)
            if " " not in phrase:
                score = max([score, *(fuzz.ratio(w, phrase) for w in words if len(w) >= 5)])
            scores[entry.option.value] = max(scores.get(entry.option.value, 0.0), score)
    if not scores:
        return []
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    best_value, best_score = ranked[0]
    if best_score < FUZZY_MIN_SCORE:
        return []
    if len(ranked) > 1 and ranked[1][1] >= best_score - 3:
        return [value for value, score in ranked if score >= best_score - 3]
    return [best_value]


def _negated_options(question: Question, words: list[str]) -> set[str]:
    """Options whose phrase is in the words but negated ("een auto hebben we nie")."""
    negations = load_lexicon().negations
    found = set()
    for entry in option_phrases(question):
        for phrase in entry.phrases:
            parts = phrase.split()
            if parts[0] in negations or parts[-1] in negations:
                continue
            for p in phrase_positions(words, phrase):
                if negated_before(words, p, negations) or negated_after(words, p + len(parts), negations):
                    found.add(entry.option.value)
    return found


def _already_said(words: list[str], matched: str, lexicon: Lexicon) -> bool:
    """Whether an "already" word ("al werk gevonden") or an affirming one ("nee nie getrouwd, we
    hebben wel een verklaring getekend") is in the matched phrase or just before it."""
    markers = set(lexicon.already) | set(lexicon.affirming)
    for position in phrase_positions(words, matched):
        around = words[max(0, position - 2) : position + len(matched.split())]
        if set(around) & markers:
            return True
    return False


def read_answer(question: Question, text: str, allowed: tuple[str, ...] | None = None) -> Reading:
    """Reads ``text`` as the answer to ``question``.

    Args:
        question: the open question.
        text: what the person typed.
        allowed: when the question was narrowed down to some options, only those.

    Returns:
        a :class:`Reading`: the option value (or ``onbekend``), candidates when several options
        fit equally well, or nothing when the text is not an answer.
    """
    lexicon = load_lexicon()
    normalised = normalise(text)
    words = normalised.split()
    while len(words) > 1:
        if words[0] in lexicon.hesitations:  # "euh, geen idee eigenlijk"
            words = words[1:]
            continue
        # "nee wacht, ...", "niet ik, mijn vrouw ...": the words before the answer say no answer
        lead = starts_with_phrase(" ".join(words), lexicon.answer_leads)
        if lead is None or len(lead.split()) >= len(words):
            break
        words = words[len(lead.split()) :]
    # "dus ja zeker? nee wacht, geen idee eigenlijk": the answer said again after the correction
    for index in range(len(words) - 1, 0, -1):
        said_again = next(
            (p for p in lexicon.mid_corrections if words[index : index + len(p.split())] == p.split()), None
        )
        if said_again and index + len(said_again.split()) < len(words):
            words = words[index + len(said_again.split()) :]
            break
    normalised = " ".join(words)
    if not normalised:
        return NOT_AN_ANSWER

    def pick(values: list[str] | tuple[str, ...], how: str, matched: str = "") -> Reading | None:
        values = [v for v in values if allowed is None or v in allowed]
        if len(values) == 1:
            return Reading(values[0], how=how, matched=matched)
        if len(values) > 1:
            return Reading(None, tuple(values), how=how, matched=matched)
        return None

    exact = [
        entry.option.value
        for entry in option_phrases(question)
        if normalised in entry.phrases or normalised in entry.whole
    ]
    reading = pick(exact, "label", normalised)
    if reading is not None:
        return reading

    unknown, after_unknown = _unknown_answer(normalised)
    yes = starts_with_phrase(normalised, lexicon.yes)
    no = starts_with_phrase(normalised, lexicon.no)
    contained, length, phrase = best_contained(question, words, scan=False)
    # "weet ik niet" wins over "niet ..." and over a contained word, unless a longer phrase is there.
    doubting = after_unknown == "of"
    if unknown and (
        doubting  # "ik weet nie of hij al met pensioen was"
        or (
            (not contained or len(unknown) >= length)
            and len(unknown) >= len(yes or "")
            and len(unknown) >= len(no or "")
        )
    ):
        return Reading(_unknown_value(question), how="unknown", matched=unknown)
    reading = pick(contained, "synonym", phrase)
    if reading is not None and reading.value is not None and (yes or no):
        # "nee, maar ik wil hier gaan studeren": a leading no wins over an option word that says yes
        # (but "geen opzeg" is its own option, and "nee" is part of it).
        meaning = "ja" if len(yes or "") >= len(no or "") and yes else "nee"
        word = (yes if meaning == "ja" else no) or ""
        agreeing = _yes_no_options(question, meaning)
        opposite = _yes_no_options(question, "nee" if meaning == "ja" else "ja")
        # Only a yes or no that stands apart ("nee, maar ...", "ja. ...") overrules the option word:
        # in "ja opzegvergoeding" the "ja" confirms the option, it does not answer the question.
        apart = (
            # "nee hoor, ..." stands apart; "ja opzegvergoeding, ..." confirms the option
            (
                bool(re.match(r"^\W*\w+(\s+\w+)?\s*[,.!;:]", text))
                and normalise(re.split(r"[,.!;:]", text)[0]) == word
            )
            or " maar " in f" {normalised} "
            # "nee we zijn het over niks eens": a leading no that does not run into the option word
            or (
                meaning == "nee"
                and not f" {normalised} ".startswith(f" {word} {normalise(reading.matched)} ")
            )
        )
        # "nee ik heb al werk", "nee, ik moet nog werken tot eind januari": an option phrase that
        # says "already", or that the person states about themselves, is a statement of its own
        matched_words = normalise(reading.matched).split()
        already = (
            _already_said(words, normalise(reading.matched), lexicon)
            or (len(matched_words) >= 2 and matched_words[0] in lexicon.first_person)
            or "wel" in words  # "nee, auto heb ik wel maar ...": the option said against the no
        )
        if (
            apart
            and agreeing
            and reading.value in opposite
            and f" {word} " not in f" {normalise(reading.matched)} "
            and not already
        ):
            leading = pick(agreeing, "yes_no", (yes if meaning == "ja" else no) or "")
            if leading is not None:
                return leading
    if reading is not None and reading.value is not None and is_ranged(question):
        # "voor mij, ik ben 67": the age said outright wins over a word for the person
        stated = _stated_number_option(question, words)
        ranged = any(
            o.value == reading.value and (o.minimum, o.maximum) != (None, None) for o in question.options
        )
        if (
            stated is not None
            and ranged
            and stated != reading.value
            and (allowed is None or stated in allowed)
        ):
            return Reading(stated, how="number", matched=reading.matched)
    if reading is not None:
        return reading

    if is_ranged(question):
        # "1 mei" is a date, not an age or a count
        numbers = [(i, v) for i, v in _numbers(words) if not set(words[i + 1 : i + 2]) & set(MONTHS)]
        if question.age_of == "past" and len(words) > 1:
            # "hij is 84" is the living father; only "ze was 91" (or a bare "91") dates the one who died
            age = age_for(question, words)
            numbers = [(i, v) for i, v in numbers if v == age]
        elif question.age_of == "event" and len(words) > MAX_BARE_AGE_WORDS:
            # in a sentence only the age at the event counts ("als ik 63 word"), not "40 jaar
            # gewerkt" nor the article of "een brief"
            age = age_at(question, " ".join(words))
            numbers = [(i, v) for i, v in numbers if v == age]
        if numbers:
            values = {option_for_number(question, value) for _, value in numbers}
            values.discard(None)
            reading = pick(sorted(v for v in values if v), "number", " ".join(words[i] for i, _ in numbers))
            if reading is not None:
                return reading

    negated = _negated_options(question, words)
    if negated and negated <= set(_yes_no_options(question, "ja")):
        # "sociale woning, da wil ik nie": the yes-option said and turned around is a no
        reading = pick(_yes_no_options(question, "nee"), "negated", normalised)
        if reading is not None:
            return reading

    if yes or no:
        meaning = "ja" if len(yes or "") >= len(no or "") and yes else "nee"
        reading = pick(_yes_no_options(question, meaning), "yes_no", (yes if meaning == "ja" else no) or "")
        if reading is not None:
            return reading

    count = word_value(words[0]) if question.count_answers and words else None
    if count is not None and words[1:2] != ["jaar"]:  # "3 man", "twee, van 6 en 9"; not "2 jaar"
        reading = pick(_yes_no_options(question, "ja" if count > 0 else "nee"), "number", words[0])
        if reading is not None:
            return reading

    if len(words) <= 5:
        reading = pick(_fuzzy(question, normalised, words), "fuzzy", normalised)
        if reading is not None:
            return reading
    return NOT_AN_ANSWER
