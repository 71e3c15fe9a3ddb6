"""Keeping a plan: sending it by e-mail and saving a link that shows it again later."""
