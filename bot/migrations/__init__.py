"""Alembic migrations of the project's own tables (Rasa's tracker store manages its own)."""
