"""Detects messages that are clearly not Dutch, so the assistant can answer in that language.

A small, transparent detector: script ranges (Arabic, Cyrillic, ...) and stop-word evidence for
the languages people in Flanders most often write in. It only claims a language when the evidence
is clear; short or ambiguous messages are treated as Dutch.
"""

from __future__ import annotations

import re
import unicodedata

_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)

# Frequent function words that are not (or rarely) Dutch words.
STOPWORDS: dict[str, frozenset[str]] = {
    "nl": frozenset(
        [
            "de",
            "het",
            "een",
            "en",
            "ik",
            "je",
            "jij",
            "u",
            "is",
            "ben",
            "zijn",
            "van",
            "voor",
            "met",
            "op",
            "niet",
            "wat",
            "hoe",
            "waar",
            "wie",
            "mijn",
            "we",
            "wij",
            "ze",
            "zij",
            "er",
            "dat",
            "die",
            "dit",
            "moet",
            "kan",
            "kunnen",
            "heb",
            "heeft",
            "hebben",
            "naar",
            "ook",
            "maar",
            "of",
            "nog",
            "al",
            "als",
            "om",
            "aan",
            "bij",
            "mag",
            "wil",
            "graag",
            "hallo",
            "dag",
            "goeiedag",
            "bedankt",
            "merci",
            "ja",
            "nee",
            "neen",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "un",
            "une",
            "des",
            "je",
            "tu",
            "il",
            "elle",
            "nous",
            "vous",
            "ils",
            "est",
            "suis",
            "sont",
            "pas",
            "ne",
            "du",
            "au",
            "aux",
            "pour",
            "avec",
            "dans",
            "sur",
            "que",
            "qui",
            "quoi",
            "comment",
            "où",
            "mon",
            "ma",
            "mes",
            "ton",
            "votre",
            "besoin",
            "aide",
            "bonjour",
            "merci",
            "oui",
            "non",
            "et",
            "ou",
            "mais",
            "faire",
            "peux",
            "parler",
            "français",
        ]
    ),
    "en": frozenset(
        [
            "the",
            "a",
            "an",
            "i",
            "you",
            "he",
            "she",
            "we",
            "they",
            "is",
            "am",
            "are",
            "was",
            "not",
            "what",
            "how",
            "where",
            "who",
            "my",
            "your",
            "need",
            "help",
            "please",
            "hello",
            "hi",
            "thanks",
            "yes",
            "no",
            "and",
            "or",
            "but",
            "can",
            "do",
            "does",
            "speak",
            "english",
            "with",
            "for",
            "this",
            "that",
            "have",
            "has",
            "to",
            "of",
        ]
    ),
    "de": frozenset(
        [
            "der",
            "die",
            "das",
            "ein",
            "eine",
            "ich",
            "du",
            "er",
            "sie",
            "wir",
            "ihr",
            "ist",
            "bin",
            "sind",
            "nicht",
            "was",
            "wie",
            "wo",
            "wer",
            "mein",
            "meine",
            "brauche",
            "hilfe",
            "bitte",
            "hallo",
            "danke",
            "ja",
            "nein",
            "und",
            "oder",
            "aber",
            "kann",
            "sprechen",
            "deutsch",
            "mit",
            "für",
        ]
    ),
    "tr": frozenset(
        [
            "ve",
            "bir",
            "bu",
            "ben",
            "sen",
            "o",
            "biz",
            "siz",
            "ne",
            "nasıl",
            "nerede",
            "kim",
            "benim",
            "yardım",
            "lütfen",
            "merhaba",
            "teşekkürler",
            "evet",
            "hayır",
            "için",
            "ile",
            "mi",
            "mı",
            "mu",
            "mü",
            "var",
            "yok",
            "istiyorum",
            "türkçe",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "un",
            "una",
            "yo",
            "tú",
            "él",
            "ella",
            "nosotros",
            "es",
            "soy",
            "son",
            "no",
            "qué",
            "cómo",
            "dónde",
            "quién",
            "mi",
            "ayuda",
            "por",
            "favor",
            "hola",
            "gracias",
            "sí",
            "y",
            "o",
            "pero",
            "puedo",
            "hablar",
            "español",
            "con",
            "para",
        ]
    ),
    "pl": frozenset(
        [
            "i",
            "w",
            "z",
            "na",
            "nie",
            "jest",
            "jestem",
            "co",
            "jak",
            "gdzie",
            "kto",
            "mój",
            "moja",
            "pomoc",
            "proszę",
            "dzień",
            "dobry",
            "dziękuję",
            "tak",
            "się",
            "czy",
            "mogę",
            "mówić",
            "po",
            "polsku",
        ]
    ),
}
SCRIPT_LANGUAGES = (
    ("ARABIC", "ar"),
    ("CYRILLIC", "ru"),
    ("HEBREW", "he"),
    ("GREEK", "el"),
    ("DEVANAGARI", "hi"),
    ("CJK", "zh"),
    ("HIRAGANA", "ja"),
    ("KATAKANA", "ja"),
    ("HANGUL", "ko"),
    ("TIGRINYA", "ti"),
    ("ETHIOPIC", "ti"),
)
_TURKISH_LETTERS = set("ğış")


def _script_language(text: str) -> str | None:
    letters = [char for char in text if char.isalpha()]
    if not letters:
        return None
    counts: dict[str, int] = {}
    for char in letters:
        name = unicodedata.name(char, "")
        for marker, language in SCRIPT_LANGUAGES:
            if name.startswith(marker) or f" {marker}" in name:
                counts[language] = counts.get(language, 0) + 1
                break
    if not counts:
        return None
    language, count = max(counts.items(), key=lambda item: item[1])
    return language if count / len(letters) >= 0.5 else None


def detect_language(text: str) -> str | None:
    """Returns an ISO 639-1 code for a message that is clearly not Dutch, else None.

    Examples: ``"Bonjour, j'ai besoin d'aide"`` -> ``"fr"``; ``"مرحبا"`` -> ``"ar"``;
    ``"we hebben een baby"`` -> None (Dutch); ``"ok"`` -> None (too short to tell).
    """
    by_script = _script_language(text)
    if by_script:
        return by_script
    words = [word.lower() for word in _WORD_RE.findall(text)]
    if len(words) < 2:
        return None
    scores = {language: sum(word in stopwords for word in words) for language, stopwords in STOPWORDS.items()}
    if any(char in _TURKISH_LETTERS for char in text.lower()):
        scores["tr"] += 2
    best = max(scores, key=lambda language: scores[language])
    if best == "nl" or scores[best] < 2:
        return None
    if scores[best] < scores["nl"] + 2 and scores[best] < 2 * max(scores["nl"], 1):
        return None
    return best
