"""Flemish municipalities and local service points."""
