"""confdocs plugin: the outline as a tagged, accessible PDF (format ``pdf``), made with Typst.

The view becomes data (``data.json``) that a Typst layout reads: ``templates/outline.typ`` by
default, or the user's ``--template my.typ``. The PDF is PDF/UA-1: tagged (structure tree,
header cells, figures with alt text, footnotes where they are referenced), with the document's
language and title, bookmarks from the headings, and the fonts pip installed (Noto Sans, Amiri)
embedded. See docs/pdf.md.

Every command imports this module (entry-point discovery), so it imports nothing heavy: Typst
is imported by :meth:`PdfExporter.render`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from confdocs import hookimpl

if TYPE_CHECKING:
    from confdocs import BilingualView, Exporter, ExportOptions, View

__version__ = "0.1.0"
__all__ = ["PdfExporter"]


class PdfExporter:
    name = "pdf"
    suffix = "pdf"
    media_type = "application/pdf"
    description = "Tagged, accessible PDF (PDF/UA-1) made with Typst; --template for your layout"

    def render(self, view: View, options: ExportOptions) -> bytes:
        from .exporter import render_pdf

        return render_pdf(view, options)

    def render_bilingual(self, view: BilingualView, options: ExportOptions) -> bytes:
        """Two languages side by side in a two-column grid (``--locale fr+en``)."""
        from .bilingual import render_bilingual_pdf

        return render_bilingual_pdf(view, options)


@hookimpl
def confdocs_register_exporters(register: Callable[[Exporter], None]) -> None:
    register(PdfExporter())
