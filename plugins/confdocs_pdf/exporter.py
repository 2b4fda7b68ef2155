"""The ``pdf`` format: the view's data through a Typst layout."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from confdocs import PluginError, TemplateError

from .data import document_data, timestamp
from .engine import LayoutError, compile_pdf

if TYPE_CHECKING:
    from confdocs import ExportOptions, View

#: Largest user layout file read, in bytes.
MAX_LAYOUT_BYTES = 1024 * 1024


def render_pdf(view: View, options: ExportOptions) -> bytes:
    """The PDF for ``view``: the default layout, or ``options["template"]`` (a ``.typ`` file)."""
    template = options.get("template")
    layout = _read_layout(template) if template else None
    try:
        return compile_pdf(document_data(view), timestamp(view), layout)
    except LayoutError as exc:
        if template:
            raise TemplateError(f"template {template}: {exc}") from None
        raise PluginError("pdf", str(exc)) from None


def _read_layout(template: str) -> bytes:
    path = Path(template)
    if not path.is_file():
        raise TemplateError(f"template {template}: not a file")
    if path.stat().st_size > MAX_LAYOUT_BYTES:
        raise TemplateError(f"template {template}: larger than {MAX_LAYOUT_BYTES:,} bytes")
    return path.read_bytes()
