"""Detects messages that are clearly not Dutch, so the assistant can answer in that language.

Script ranges (Arabic, Cyrillic, ...) and stop-word evidence for the languages people in Flanders
most often write in decide first. A message of a few words in Latin script that these word lists
cannot place is then given to a small language identifier (py3langid, restricted to the same
languages), which is believed only when it is sure and the message holds few Dutch words. Short or
ambiguous messages are treated as Dutch.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

import simplemma
import yaml

from bot.settings import REPO_ROOT

_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)

LANGUAGES_FILE = REPO_ROOT / "data" / "lexicon" / "languages.yml"
"""Function words per language, marker letters, Cyrillic and Arabic-script evidence."""


@lru_cache(maxsize=1)
def _evidence() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(LANGUAGES_FILE.read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def stopwords() -> dict[str, frozenset[str]]:
    """Frequent function words that are not (or rarely) Dutch words, per language."""
    return {language: frozenset(words) for language, words in _evidence()["stopwords"].items()}


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
    if count / len(letters) < 0.5:
        return None
    if language == "ru":
        return _cyrillic_language(text)
    if language == "ar":
        marks = _evidence()["arabic_script"]
        persian, arabic = (sum(text.count(char) for char in marks[key]) for key in ("fa", "ar"))
        return "fa" if persian > arabic else "ar"
    return language


def _cyrillic_language(text: str) -> str:
    """Ukrainian, Bulgarian or Russian: their own letters count most, then typical words."""
    lower = text.lower()
    words = set(_WORD_RE.findall(lower))
    scores = {
        language: 3 * sum(lower.count(char) for char in spec["letters"]) + len(words & set(spec["words"]))
        for language, spec in _evidence()["cyrillic"].items()
    }
    best = max(scores, key=lambda language: scores[language])
    return best if scores[best] > 0 else "ru"


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)
    identifier.set_languages(sorted(stopwords()))
    return identifier


@lru_cache(maxsize=1)
def _dialect_markers() -> frozenset[str]:
    return frozenset(str(word).lower() for word in _evidence().get("dialect_markers", ()))


@lru_cache(maxsize=1)
def _neutral_terms() -> re.Pattern[str]:
    pattern = "|".join(re.escape(term) for term in _evidence()["neutral_terms"])
    return re.compile(rf"\b(?:{pattern})\w*", re.IGNORECASE)


def _neutral_terms_removed(text: str) -> str:
    """Belgian service names (ziekenfonds, OCMW, C4) say nothing about the language of a message."""
    return _neutral_terms().sub(" ", text)


def _identified(text: str) -> str | None:
    """The identifier's language for a longer message, when it is sure and few words are Dutch."""
    settings = _evidence()["identifier"]
    cleaned = _neutral_terms_removed(text)
    words = [word.lower() for word in _WORD_RE.findall(cleaned)]
    if len(words) < settings["min_words"]:
        return None
    if set(words) & _dialect_markers():
        return None  # "Kzyn an 't verhuzen noar Izegem": West-Flemish, not German
    language, probability = _identifier().classify(cleaned)
    if language == "nl" or probability < settings["min_probability"]:
        return None
    dutch, own = stopwords()["nl"], stopwords()[language]
    dutch_words = sum(word in dutch and word not in own for word in words)
    if dutch_words > settings["max_dutch_share"] * len(words):
        return None
    known = sum(simplemma.is_known(word, lang="nl") for word in words)
    return None if known > settings["max_known_dutch"] * len(words) else str(language)


MIN_DUTCH_CLAUSE_WORDS = 4
MIN_DUTCH_FUNCTION_WORDS = 3
"""A clause of at least this many words, most of them Dutch function words, shows the person writes Dutch."""


def has_dutch_clause(text: str) -> bool:
    """Whether a clause of a mixed message is plainly Dutch: at least MIN_DUTCH_FUNCTION_WORDS
    different Dutch function words, and more than any other language has in that clause."""
    for clause in re.split(r"[.,;:!?]+", text):
        words = {word.lower() for word in _WORD_RE.findall(clause)}  # distinct: "de ... de ... de"
        if len(words) < MIN_DUTCH_CLAUSE_WORDS:
            continue
        scores = {language: sum(word in known for word in words) for language, known in stopwords().items()}
        dutch = scores.pop("nl", 0)
        if dutch >= MIN_DUTCH_FUNCTION_WORDS and dutch > max(scores.values(), default=0):
            return True
    return False


def detect_language(text: str, dutch_so_far: bool = False) -> str | None:
    """Returns an ISO 639-1 code for a message that is clearly not Dutch, else None.

    Examples: ``"Bonjour, j'ai besoin d'aide"`` -> ``"fr"``; ``"مرحبا"`` -> ``"ar"``;
    ``"we hebben een baby"`` -> None (Dutch); ``"ok"`` -> None (too short to tell).

    In a conversation held in Dutch so far (``dutch_so_far``) the statistical identifier is not
    asked: it takes short dialect answers for English or German ("kzitte thuis, gin werk"); another
    script or a message full of another language's own words still counts.
    """
    by_script = _script_language(text)
    if by_script:
        return by_script
    words = [word.lower() for word in _WORD_RE.findall(text)]
    if len(words) < 2 or set(words) & _dialect_markers():
        return None  # too short to tell, or a Flemish or Limburgish dialect word ("ich gaon ... jaor")
    if has_dutch_clause(text):
        return None  # "hello, I'm from India, ik studeer sinds september aan de KU Leuven": Dutch is read
    identified = None if dutch_so_far else _identified(text)
    if identified:
        return identified
    scores = {language: sum(word in known for word in words) for language, known in stopwords().items()}
    for language, marks in _evidence()["letters"].items():
        if any(char in marks for char in text.lower()):
            scores[language] += 2
    best = max(scores, key=lambda language: scores[language])
    if best == "nl" or scores[best] < 2:
        return None
    if scores[best] < scores["nl"] + 2 and scores[best] < 2 * max(scores["nl"], 1):
        return None
    return best
