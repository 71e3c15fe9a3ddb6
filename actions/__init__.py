"""Rasa SDK actions: thin adapters between Rasa and the domain core in ``bot/``."""
