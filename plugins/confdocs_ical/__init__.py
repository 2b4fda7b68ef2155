"""confdocs plugin: ical (being written)."""

__version__ = "0.1.0"
