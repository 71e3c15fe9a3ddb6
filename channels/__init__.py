"""Custom Rasa input channels and their web assets."""
