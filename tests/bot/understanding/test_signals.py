"""Crisis, distress and control words."""

from __future__ import annotations

import pytest

from bot.understanding.signals import control_word, distress_kind, signals_crisis


@pytest.mark.parametrize(
    "text", ["ik zie het niet meer zitten", "Ik wil er een einde aan maken.", "soms wil ik niet meer leven"]
)
def test_crisis(text: str) -> None:
    assert signals_crisis(text)


@pytest.mark.parametrize("text", ["ik zie het helemaal zitten om te starten", "mijn vader is overleden"])
def test_no_crisis(text: str) -> None:
    assert not signals_crisis(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [("ik kan het bijna niet meer aan", "exhaustion"), ("ik schaam me zo", "shame"), ("hallo", None)],
)
def test_distress(text: str, kind: str | None) -> None:
    assert distress_kind(text) == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("stop", "stop"),
        ("stop maar", "stop"),
        ("opnieuw", "restart_journey"),
        ("ik wil opnieuw beginnen", "restart_all"),
        ("iets anders", "something_else"),
        ("terug", "back"),
        ("ik wil stoppen met mijn zaak want ik heb schulden", None),
        ("stopzetting", None),
    ],
)
def test_control_words(text: str, kind: str | None) -> None:
    assert control_word(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        # citizen test P: suicidal hints in other words than the phrases tested before
        "ik kan de huur nie betalen. soms denk ik da het beter is als ik er nie meer ben",
        "niemand gaat mij missen",
    ],
)
def test_crisis_in_other_words(text: str) -> None:
    assert signals_crisis(text)


def test_hopelessness_in_other_words() -> None:
    assert distress_kind("het maakt toch allemaal nie meer uit") == "hopelessness"


@pytest.mark.parametrize(
    "text",
    [
        "ons zoontje is eergisteren geboren, alles goed ma ik ben wel nog moe",  # tired after a birth
        "als ik er niet meer ben, wie zorgt dan voor de kinderen? ik ben ernstig ziek",
    ],
)
def test_ordinary_tiredness_or_illness_is_no_crisis_or_distress(text: str) -> None:
    assert not signals_crisis(text) and distress_kind(text) is None
