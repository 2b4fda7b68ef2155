"""confdocs plugin: html (being written)."""

__version__ = "0.1.0"
