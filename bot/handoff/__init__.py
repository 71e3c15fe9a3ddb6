"""Warm hand-off: cases for caseworkers, their live messages, and delivery to other systems."""
