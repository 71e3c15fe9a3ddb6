"""Feedback is gold: feedback and unrecognised questions, redaction, retention, the designers' report."""
