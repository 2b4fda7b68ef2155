"""Rich text as HTML, with markdown-it's own renderer: its rules, and ours for footnote
references, which take their ids from the document's environment, and for images, which are
their description (the page loads nothing).

``env["footnote_ref"]``, when given, renders a reference to note ``n`` (the HTML exporter hands
out document-wide unique ids, so each note can link back to its first reference); without it
a reference is a plain superscript link to ``#fn<n>``.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it.renderer import RendererHTML
    from markdown_it.token import Token

    from ..view import RichText


def _footnote_ref(
    self: object, tokens: Sequence[Token], idx: int, options: object, env: dict[str, Any]
) -> str:
    number = tokens[idx].meta.get("number")
    if not isinstance(number, int):
        return escape(tokens[idx].content, quote=False)
    make = env.get("footnote_ref") if isinstance(env, dict) else None
    if make is not None:
        return str(make(number))
    return f'<sup class="fnref"><a href="#fn{number}">{number}</a></sup>'


def _image(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]
) -> str:
    """An image is its description, as in every format: a document is one self-contained file,
    and an image it loaded (``<img src="https://…">``) would be a tracking pixel."""
    return str(self.renderInline(list(tokens[idx].children or []), options, env))


#: Inline tokens a tracked document marks inserted or deleted (``meta["change"]``).
_MARKABLE = ("text", "code_inline", "softbreak", "hardbreak", "image", "footnote_ref")
_MARK_TAGS = {"ins": "ins", "del": "del"}


def _marked(rule: Any) -> Any:
    """``rule``, its output in ``<ins>`` or ``<del>`` for a token a tracked document marks."""

    def render(tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
        out = str(rule(tokens, idx, options, env))
        tag = _MARK_TAGS.get((tokens[idx].meta or {}).get("change", ""))
        return f"<{tag}>{out}</{tag}>" if tag and out else out

    return render


@functools.cache
def renderer() -> RendererHTML:
    from markdown_it.renderer import RendererHTML

    html = RendererHTML()
    html.rules["footnote_ref"] = _footnote_ref.__get__(html)
    html.rules["image"] = _image.__get__(html)
    for name in _MARKABLE:
        if name in html.rules:
            html.rules[name] = _marked(html.rules[name])
    return html


def _options() -> Any:
    from ..view.richtext import markdown_it

    return markdown_it().options


def rich_html(text: RichText, env: dict[str, Any] | None = None) -> str:
    """``text`` as HTML blocks (``<p>``, ``<ul>`` …); unsafe links were refused when parsing.

    With ``env["dir_auto"]`` each top-level block gets ``dir="auto"``: the organiser's prose
    then runs in its own direction inside a document of the other (English paragraphs in an
    Arabic outline end with their full stop)."""
    env = env if env is not None else {}
    tokens = list(text.tokens)
    if env.get("dir_auto"):
        tokens = [_with_dir_auto(t) if t.level == 0 and t.nesting == 1 else t for t in tokens]
    return str(renderer().render(tokens, _options(), env))


def _with_dir_auto(token: Token) -> Token:
    # The parsed tokens are shared by every document: a copy gets the attribute.
    copy = token.copy()
    copy.attrSet("dir", "auto")
    return copy


def inline_html(text: RichText, env: dict[str, Any] | None = None, separator: str = "<br>") -> str:
    """``text`` without block elements, for a heading or a table cell: the inline content of
    each paragraph, heading or list item, joined by ``separator``."""
    html = renderer()
    options, env = _options(), env if env is not None else {}
    parts = []
    for token in text.tokens:
        if token.type == "inline":
            parts.append(str(html.renderInline(list(token.children or []), options, env)))
        elif token.type in ("code_block", "fence"):
            parts.extend(escape(line, quote=False) for line in token.content.splitlines())
    return separator.join(parts)
