"""What renderers share: rich text rendered the markdown-it way (a rule per token type, an
environment per document), and the sandboxed template environment every layout runs in."""

from .characters import clean_text
from .html import inline_html, rich_html
from .plain import session_lines, slot_description
from .rules import TokenRenderer, TreeRenderer
from .spreadsheets import safe_cell, safe_row
from .templating import (
    confined_loader,
    file_loader,
    kept_text,
    layout_loader,
    make_environment,
    template_bytes,
)
from .templating import render as render_template

__all__ = [
    "TokenRenderer",
    "TreeRenderer",
    "clean_text",
    "confined_loader",
    "file_loader",
    "inline_html",
    "kept_text",
    "layout_loader",
    "make_environment",
    "render_template",
    "rich_html",
    "safe_cell",
    "safe_row",
    "session_lines",
    "slot_description",
    "template_bytes",
]
