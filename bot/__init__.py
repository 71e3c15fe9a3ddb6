"""Wegwijzer domain core: knowledge base, journeys, storage. Never imports Rasa."""
