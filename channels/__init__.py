"""Rasa input channels (Sanic blueprints) and their web assets; Rasa loads them from credentials.yml."""
