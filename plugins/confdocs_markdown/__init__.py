"""confdocs plugin: the outline as Markdown (format ``md``)."""

from __future__ import annotations

from collections.abc import Callable

from confdocs import Exporter, hookimpl

from .exporter import MarkdownExporter

__version__ = "0.1.0"
__all__ = ["MarkdownExporter"]


@hookimpl
def confdocs_register_exporters(register: Callable[[Exporter], None]) -> None:
    register(MarkdownExporter())
