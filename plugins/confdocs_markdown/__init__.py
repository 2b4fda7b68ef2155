"""confdocs plugin: markdown (being written)."""

__version__ = "0.1.0"
