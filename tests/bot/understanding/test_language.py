"""Which messages are clearly not Dutch (and in which language), and which are left to the Dutch NLU."""

from __future__ import annotations

import pytest

from bot.understanding.language import detect_language


@pytest.mark.parametrize(
    ("message", "language"),
    [
        ("Bonjour, j'ai besoin d'aide pour mon déménagement", "fr"),
        ("Hello, I need help with my unemployment benefits please", "en"),
        ("Guten Tag, ich brauche Hilfe bei der Anmeldung", "de"),
        ("Merhaba, işimi kaybettim ne yapmalıyım", "tr"),
        ("Dzień dobry, czy mogę mówić po polsku", "pl"),
        ("Hola, necesito ayuda con mi mudanza por favor", "es"),
        ("مرحبا، أحتاج إلى مساعدة", "ar"),
        ("Здравствуйте, мне нужна помощь", "ru"),
        ("Добрий день, мені потрібна допомога з дитиною", "uk"),
        ("Здравейте, имам нужда от помощ за детето", "bg"),
        ("سلام، من به کمک نیاز دارم برای پسرم", "fa"),
        ("Buongiorno, ho bisogno di aiuto per mio figlio", "it"),
        ("Bună ziua, am nevoie de ajutor vă rog", "ro"),
        ("Olá, preciso de ajuda com o meu filho", "pt"),
    ],
)
def test_clear_foreign_messages_are_recognised(message: str, language: str) -> None:
    assert detect_language(message) == language


@pytest.mark.parametrize(
    "message",
    [
        "we hebben een baby gekregen",
        "ik ben mijn job kwijt en ik weet niet wat ik moet doen",
        "ik werk als manager in een start-up en wil stoppen",  # English loan words stay Dutch
        "allee, ik zijn ma is gestorven gisteren",  # Flemish spoken forms
        "ok",  # too short to tell
        "",
        "1234 5678",
        "Gent",
    ],
)
def test_dutch_short_or_ambiguous_messages_are_not_claimed(message: str) -> None:
    assert detect_language(message) is None


@pytest.mark.parametrize(
    ("message", "language"),
    [
        # typed without the language's own letters: the word lists alone miss these
        ("oturum kartimin suresi doluyor ne yapmam lazim", "tr"),
        ("me mude a Amberes, como cambio mi direccion", "es"),
        ("como faco a declaracao de imposto aqui na belgica", "pt"),
        ("Salve, vorrei un appuntamento per la carta d'identità.", "it"),
        # Belgian service names say nothing about the language
        ("la ce ziekenfonds sa ma inscriu", "ro"),
        ("L'OCMW può aiutarmi con l'affitto?", "it"),
    ],
)
def test_longer_messages_the_word_lists_cannot_place_go_to_the_identifier(
    message: str, language: str
) -> None:
    assert detect_language(message) == language


@pytest.mark.parametrize(
    "message",
    [
        "er is iemand gestorven",
        "ziek sinds gisteren",
        "mijn arbeidscontract eindigt binnenkort",
        "Heist-op-den-Berg",
        "merci hé, super",
        "kweet nie, wa kost da?",
        "onze bv gaat failliet",
    ],
)
def test_short_dutch_messages_are_not_given_to_another_language(message: str) -> None:
    assert detect_language(message) is None


def test_a_few_foreign_words_in_a_dutch_sentence_are_not_enough() -> None:
    assert detect_language("ik wil graag een rendez-vous voor mijn dossier bij de stad") is None
