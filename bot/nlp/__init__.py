"""Dutch language helpers for the spaCy pipeline (no Rasa imports)."""
