"""The scripted journeys the simulated users type (Wegwijzer in Dutch, the bare bot in English)."""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass(frozen=True)
class Turn:
    """One message of a script: one of ``says`` is sent; ``expect`` (a regex) should match the reply text."""

    says: tuple[str, ...]
    expect: str | None = None
    kind: str = "text"  # "text" goes through NLU; "payload" is a button ("/intent{...}") and skips it


def say(*texts: str, expect: str | None = None) -> Turn:
    return Turn(tuple(texts), expect, "text")


def button(intent: str, *values: str, expect: str | None = None) -> Turn:
    return Turn(tuple(f'/{intent}{{"answer_value":"{v}"}}' for v in values), expect, "payload")


@dataclasses.dataclass(frozen=True)
class Script:
    name: str
    weight: float
    turns: tuple[Turn, ...]


NEXT = say("volgende stap", "volgende", "en dan?", expect=r"Stap \d+ van")
BRING = say("wat moet ik meebrengen?", "welke documenten heb ik nodig?", expect=r"Meebrengen|Stap \d+ van")
WHERE = say("waar moet ik naartoe?", "waar moet ik zijn?", expect=r"Wie:|Hoe of waar|Stap \d+ van")
HOW_LONG = say("hoe lang heb ik?", "tegen wanneer moet dat?", expect=r"Stap \d+ van")

WEGWIJZER_SCRIPTS = (
    Script(
        "birth",
        3,
        (
            say(
                "We hebben een baby gekregen",
                "ons kindje is geboren",
                "we hebben een dochter gekregen",
                expect="Is dit uw eerste kind",
            ),
            button("provide_answer", "ja", "nee", expect="Werkt u als werknemer"),
            button("provide_answer", "werknemer", "zelfstandige", "geen_werk", expect="Bent u de moeder"),
            button("provide_answer", "moeder", "partner", expect="geboortedatum"),
            say("gisteren", "eergisteren", "op 20 november", expect=r"Stap 1 van"),
            NEXT,
            BRING,
            NEXT,
        ),
    ),
    Script(
        "moving",
        3,
        (
            say(
                "ik ga verhuizen",
                "hoe geef ik mijn nieuw adres door?",
                "adreswijziging doorgeven",
                expect="Huurt u uw nieuwe woning",
            ),
            button("provide_answer", "huurder", "eigenaar", expect="voertuig"),
            button("provide_answer", "ja", "nee", expect="verhuisd bent"),
            say("gisteren", "3 november", "weet ik niet", expect=r"Stap 1 van"),
            NEXT,
            WHERE,
            HOW_LONG,
            NEXT,
        ),
    ),
    Script(
        "job_loss",
        2,
        (
            say(
                "ik ben mijn job kwijt",
                "ik ben ontslagen",
                "mijn baas heeft me ontslagen",
                expect="Hoe eindigt uw job",
            ),
            button("provide_answer", "ontslag_werkgever", expect="opzegtermijn"),
            button("provide_answer", "opzeg_presteren", "opzegvergoeding", "geen_opzeg", expect="kinderen"),
            button("provide_answer", "ja", "nee", expect="arbeidsovereenkomst"),
            say("op 30 november", "weet ik niet", expect=r"Stap 1 van"),
            NEXT,
            BRING,
            NEXT,
        ),
    ),
    Script(
        "death",
        2,
        (
            say(
                "mijn vader is overleden",
                "mijn moeder is gestorven",
                "mijn man is overleden",
                expect="partner van de overledene",
            ),
            button("provide_answer", "gehuwd", "wettelijk_samenwonend", "geen_partner", expect="pensioen"),
            button("provide_answer", "ja", "nee", expect="datum van overlijden"),
            say("eergisteren", "gisteren", expect=r"Stap 1 van"),
            NEXT,
            WHERE,
            NEXT,
            say("bedankt", "dank u wel", expect="Graag gedaan"),
        ),
    ),
    Script(
        "start_business",
        2,
        (
            say(
                "ik wil een eigen zaak starten",
                "ik wil zelfstandige worden",
                "hoe start ik een eigen bedrijf?",
                expect="eenmanszaak of met een vennootschap",
            ),
            button("provide_answer", "eenmanszaak", "vennootschap", expect="hoofdberoep of in bijberoep"),
            button("provide_answer", "hoofdberoep", "bijberoep", expect="btw"),
            button("provide_answer", "ja", "nee", "weet_niet", expect="startdatum"),
            say("1 december", "weet ik niet", expect=r"Stap 1 van"),
            NEXT,
            BRING,
            say("vorige", "vorige stap", expect=r"Stap 1 van"),
            say("opnieuw", expect=r"Stap 1 van"),
        ),
    ),
    Script(
        "basics",
        2,
        (
            say("hallo", "goeiedag", "dag", expect="Ik ben Wegwijzer"),
            say("wat kan je?", "waarmee kan je mij helpen?", expect="Ik help u"),
            say("ben jij een robot?", "praat ik met een computer?", expect="digitale assistent"),
            say("kan ik met iemand spreken?", "ik wil een medewerker spreken", expect="1700"),
            say(
                "wat is het weer morgen?",
                "wie wint de Ronde van Vlaanderen?",
                expect="niet mee helpen|Daar kan ik",
            ),
            say("bedankt", "merci", expect="Graag gedaan"),
            say("tot ziens", "daag", expect="Tot ziens"),
        ),
    ),
)

BARE_SCRIPTS = (
    Script(
        "sad",
        3,
        (
            say("hello", "hi", "hey there", expect="How are you"),
            say("I am sad", "very sad", "I am disappointed", expect="cheer you up"),
            say("yes", "of course", expect="carry on"),
            say("bye", "goodbye", expect="Bye"),
        ),
    ),
    Script(
        "not_helped",
        2,
        (
            say("good morning", "hello", expect="How are you"),
            say("I am unhappy", "extremely sad", expect="cheer you up"),
            say("no", "not really", expect="Bye"),
        ),
    ),
    Script(
        "happy",
        2,
        (
            say("hi", "hey", expect="How are you"),
            say("I am great", "perfect", "amazing", expect="carry on"),
            say("are you a bot?", "am I talking to a human?", expect="I am a bot"),
            say("bye", "see you later", expect="Bye"),
        ),
    ),
)

# ------------------------------------------------------------------------------------ process metrics
