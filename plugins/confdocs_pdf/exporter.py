"""The ``pdf`` format: the view's data through a Typst layout."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from confdocs import PluginError, TemplateError
from confdocs.rendering import template_bytes

from .data import document_data, document_files, timestamp
from .engine import LayoutError, compile_pdf

if TYPE_CHECKING:
    from confdocs import ExportOptions, View

#: Largest user layout file read, in bytes.
MAX_LAYOUT_BYTES = 1024 * 1024


__all__ = ["render_layout", "render_pdf"]


def render_pdf(view: View, options: ExportOptions) -> bytes:
    """The PDF for ``view``: the default layout, or ``options["template"]`` (a ``.typ`` file).
    With a previous version to compare with, the PDF is the tracked document: inserted text
    underlined, deleted text struck through, as the layout marks ``ins`` and ``del``."""
    shown = view.tracked or view
    return render_layout(shown, options, document_data(shown), "pdf")


def render_layout(
    view: View,
    options: ExportOptions,
    data: dict[str, Any],
    fmt: str,
    default: bytes | None = None,
) -> bytes:
    """``data`` (what the layout reads as ``data.json``) through the user's
    ``options["template"]``, else ``default`` (a plugin's own layout; the outline's when None):
    a user's layout is compiled apart and bounded, its failure theirs; a failure of the
    default is format ``fmt``'s."""
    template = options.get("template")
    layout = _read_layout(template) if template else None
    try:
        return compile_pdf(
            data, timestamp(view), layout, files=document_files(view), default=default
        )
    except LayoutError as exc:
        if template:
            raise TemplateError(f"template {template}: {exc}") from None
        raise PluginError(fmt, str(exc)) from None


def _read_layout(template: str) -> bytes:
    # A regular file only, bounded, as every input is read.
    return template_bytes(template, MAX_LAYOUT_BYTES, "PDF layout")
