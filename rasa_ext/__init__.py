"""How Rasa is started and extended: process start-up, the worker, stores and patches.

Imports Rasa and ``bot``; ``bot`` never imports this package."""
