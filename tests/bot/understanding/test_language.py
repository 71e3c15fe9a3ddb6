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


def test_a_few_foreign_words_in_a_dutch_sentence_are_not_enough() -> None:
    assert detect_language("ik wil graag een rendez-vous voor mijn dossier bij de stad") is None
