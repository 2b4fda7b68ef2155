"""confdocs plugin: the outline as one self-contained HTML page (format ``html``)."""

from __future__ import annotations

from collections.abc import Callable

from confdocs import Exporter, hookimpl

from .exporter import HtmlExporter

__version__ = "0.1.0"
__all__ = ["HtmlExporter"]


@hookimpl
def confdocs_register_exporters(register: Callable[[Exporter], None]) -> None:
    register(HtmlExporter())
