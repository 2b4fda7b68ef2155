"""confdocs plugin: schedule (being written)."""

__version__ = "0.1.0"
