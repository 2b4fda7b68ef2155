"""The ``pdf`` format: the view's data through a Typst layout."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from confdocs import PluginError, TemplateError
from confdocs.rendering import template_bytes

from .data import document_data, document_files, timestamp
from .engine import DEFAULT_TEMPLATE, LayoutError, compile_pdf

if TYPE_CHECKING:
    from confdocs import ExportOptions, View

#: Largest user layout file read, in bytes.
MAX_LAYOUT_BYTES = 1024 * 1024


def render_pdf(view: View, options: ExportOptions) -> bytes:
    """The PDF for ``view``: the default layout, or ``options["template"]`` (a ``.typ`` file)."""
    return compile_layout(options, document_data(view), timestamp(view), document_files(view))


def compile_layout(
    options: ExportOptions,
    data: dict[str, Any],
    stamp: dt.datetime,
    files: Mapping[str, bytes],
    default: str = DEFAULT_TEMPLATE,
) -> bytes:
    """``data`` through ``options["template"]`` (the user's: a failure is theirs, exit 2) or
    the shipped layout ``default`` (a failure is the plugin's)."""
    template = options.get("template")
    layout = _read_layout(template) if template else None
    try:
        return compile_pdf(data, stamp, layout, files, default)
    except LayoutError as exc:
        if template:
            raise TemplateError(f"template {template}: {exc}") from None
        raise PluginError("pdf", str(exc)) from None


def _read_layout(template: str) -> bytes:
    # A regular file only, bounded, as every input is read.
    return template_bytes(template, MAX_LAYOUT_BYTES, "PDF layout")
