"""confdocs plugin: the outline as Markdown (format ``md``).

Every command imports this module (entry-point discovery), so it imports nothing heavy: the
template machinery is imported by :meth:`MarkdownExporter.render`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from confdocs import hookimpl

if TYPE_CHECKING:
    from confdocs import BilingualView, Exporter, ExportOptions, View

__version__ = "0.1.0"
__all__ = ["MarkdownExporter"]


class MarkdownExporter:
    name = "md"
    suffix = "md"
    media_type = "text/markdown; charset=utf-8"
    description = "Markdown (CommonMark with GFM tables and footnotes), readable as plain text"

    def render(self, view: View, options: ExportOptions) -> bytes:
        from .exporter import render_markdown

        return render_markdown(view, options)

    def render_bilingual(self, view: BilingualView, options: ExportOptions) -> bytes:
        """Each part in both languages, one after the other (``--locale fr+en``)."""
        from .bilingual import render_bilingual_markdown

        return render_bilingual_markdown(view, options)


@hookimpl
def confdocs_register_exporters(register: Callable[[Exporter], None]) -> None:
    register(MarkdownExporter())
