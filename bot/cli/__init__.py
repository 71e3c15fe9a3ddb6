"""The ``wegwijzer`` console command (entry point: :func:`bot.cli.main.main`)."""
from bot.cli.main import main

__all__ = ["main"]
