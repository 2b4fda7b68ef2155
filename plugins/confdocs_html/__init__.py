"""confdocs plugin: the outline as one self-contained HTML page (format ``html``).

Every command imports this module (entry-point discovery), so it imports nothing heavy: the
template machinery is imported by :meth:`HtmlExporter.render`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from confdocs import hookimpl

if TYPE_CHECKING:
    from confdocs import BilingualView, Exporter, ExportOptions, View

__version__ = "0.1.0"
__all__ = ["HtmlExporter"]


class HtmlExporter:
    name = "html"
    suffix = "html"
    media_type = "text/html; charset=utf-8"
    description = "Self-contained HTML page (inline CSS, print stylesheet for A4, phone-friendly)"

    def render(self, view: View, options: ExportOptions) -> bytes:
        from .exporter import render_html

        return render_html(view, options)

    def render_bilingual(self, view: BilingualView, options: ExportOptions) -> bytes:
        """Two languages side by side, row by row (``--locale fr+en``)."""
        from .bilingual import render_bilingual_html

        return render_bilingual_html(view, options)


@hookimpl
def confdocs_register_exporters(register: Callable[[Exporter], None]) -> None:
    register(HtmlExporter())
