"""confdocs plugin: quota (being written)."""

__version__ = "0.1.0"
