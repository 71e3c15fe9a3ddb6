"""Personalised plans: which steps apply, their deadlines, and their rendering as step cards."""
