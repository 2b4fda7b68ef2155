"""The ``pdf`` format: the view's data through a Typst layout."""

from __future__ import annotations

from typing import TYPE_CHECKING

from confdocs import PluginError, TemplateError
from confdocs.rendering import template_bytes

from .data import document_data, document_files, timestamp
from .engine import LayoutError, compile_pdf

if TYPE_CHECKING:
    from confdocs import ExportOptions, View

#: Largest user layout file read, in bytes.
MAX_LAYOUT_BYTES = 1024 * 1024


def render_pdf(view: View, options: ExportOptions) -> bytes:
    """The PDF for ``view``: the default layout, or ``options["template"]`` (a ``.typ`` file)."""
    template = options.get("template")
    layout = _read_layout(template) if template else None
    # With a previous version to compare with, the PDF is the tracked document: inserted
    # text underlined, deleted text struck through, as the layout marks ``ins`` and ``del``.
    shown = view.tracked or view
    try:
        return compile_pdf(document_data(shown), timestamp(view), layout, document_files(shown))
    except LayoutError as exc:
        if template:
            raise TemplateError(f"template {template}: {exc}") from None
        raise PluginError("pdf", str(exc)) from None


def _read_layout(template: str) -> bytes:
    # A regular file only, bounded, as every input is read.
    return template_bytes(template, MAX_LAYOUT_BYTES, "PDF layout")
