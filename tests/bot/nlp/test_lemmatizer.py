"""The Dutch lemmatizer used in the fallback spaCy pipeline."""

import spacy

from bot.nlp.simplemma_lemmatizer import COMPONENT_NAME, lemmatize_word


def test_lemmatize_words_that_spacy_lookup_misses() -> None:
    assert lemmatize_word("ben") == "zijn"
    assert lemmatize_word("overleden") == "overlijden"
    assert lemmatize_word("verloren") == "verliezen"
    assert lemmatize_word("kinderen") == "kind"


def test_numbers_and_punctuation_are_kept() -> None:
    assert lemmatize_word("9000") == "9000"
    assert lemmatize_word("?") == "?"


def test_component_sets_lemmas_in_a_dutch_sentence() -> None:
    nlp = spacy.blank("nl")
    nlp.add_pipe(COMPONENT_NAME)
    doc = nlp("Mijn vader is gisteren overleden en ik ben mijn werk verloren.")
    lemmas = {token.text: token.lemma_ for token in doc}
    assert lemmas["is"] == "zijn"
    assert lemmas["overleden"] == "overlijden"
    assert lemmas["ben"] == "zijn"
    assert lemmas["verloren"] == "verliezen"


def test_built_pipeline_loads_from_disk(tmp_path) -> None:
    from bot.nlp.build_pipeline import build, describe

    description = build(tmp_path / "nl")
    assert describe(tmp_path / "nl") == description
    nlp = spacy.load(tmp_path / "nl")
    assert [t.lemma_ for t in nlp("kinderen")] == ["kind"] or "nl_core_news_sm" in description
