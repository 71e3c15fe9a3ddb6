"""A spaCy component that sets Dutch lemmas with simplemma.

Used in the fallback pipeline (``spacy.blank("nl")`` + this component) when the official
``nl_core_news_sm`` package cannot be installed. spaCy's own Dutch lookup table misses
common forms such as ``ben -> zijn`` or ``overleden -> overlijden``; simplemma gets them.
"""

from functools import lru_cache

import simplemma
from spacy.language import Language
from spacy.tokens import Doc

COMPONENT_NAME = "simplemma_lemmatizer"


@lru_cache(maxsize=50_000)
def lemmatize_word(word: str) -> str:
    """Returns the Dutch lemma of one word (lower case)."""
    lowered = word.lower()
    if not any(char.isalpha() for char in lowered):
        return lowered
    return simplemma.lemmatize(lowered, lang="nl").lower()


class SimplemmaLemmatizer:
    """Sets ``token.lemma_`` for every token of a Doc."""

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            token.lemma_ = lemmatize_word(token.text)
        return doc


@Language.factory(COMPONENT_NAME)
def make_simplemma_lemmatizer(nlp: Language, name: str) -> SimplemmaLemmatizer:
    """spaCy factory, registered as an entry point in pyproject.toml."""
    return SimplemmaLemmatizer()
