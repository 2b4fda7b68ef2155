"""Rich text back to Markdown, from its tokens, never by pasting the source.

The source may hold raw HTML or unsafe links that the parser kept as text; rendering the tokens
writes that text escaped, so a Markdown reader shows it literally. Two forms:

- :func:`to_markdown`: blocks (paragraphs, lists, headings …) for sections and notes;
- :func:`to_lines`: one line per paragraph or list item, for a table cell.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .escaping import MarkdownSafe, clean, escape_inline

if TYPE_CHECKING:
    from markdown_it.token import Token
    from markdown_it.tree import SyntaxTreeNode

    from confdocs.view.richtext import RichText

_BACKTICKS = re.compile(r"`+")
_TILDES = re.compile(r"~+")


def _tree(tokens: Sequence[Token]) -> SyntaxTreeNode:
    from markdown_it.tree import SyntaxTreeNode

    return SyntaxTreeNode(list(tokens))


def to_markdown(rich: RichText | None, heading_offset: int = 0) -> MarkdownSafe:
    """Rich text as Markdown blocks; headings moved down by ``heading_offset`` levels."""
    if rich is None:
        return MarkdownSafe("")
    return MarkdownSafe(_Blocks(heading_offset).render(_tree(rich.tokens).children))


def to_inline(rich: RichText | None) -> MarkdownSafe:
    """Rich text on one line (titles, table cells): its blocks joined by spaces."""
    return MarkdownSafe(" ".join(to_lines(rich)))


def to_lines(rich: RichText | None) -> list[MarkdownSafe]:
    """Rich text as lines for table cells: no block syntax, ``|`` escaped."""
    if rich is None:
        return []
    lines: list[str] = []
    _cell_lines(_tree(rich.tokens).children, lines, "")
    return [MarkdownSafe(line) for line in lines if line.strip()]


# -- inline ---------------------------------------------------------------------------------


def _inline(nodes: Sequence[SyntaxTreeNode], cell: bool = False) -> str:
    out: list[str] = []
    for i, node in enumerate(nodes):
        out.append(_inline_node(node, cell))
        # "!" before a link would make it an image.
        if node.type == "text" and out[-1].endswith("!") and i + 1 < len(nodes):
            out[-1] = out[-1][:-1] + "\\!"
    return "".join(out)


def _inline_node(node: SyntaxTreeNode, cell: bool) -> str:
    kind = node.type
    if kind in ("text", "html_inline", "text_special"):
        return escape_inline(clean(node.content))
    if kind == "softbreak":
        return " " if cell else "\n"
    if kind == "hardbreak":
        return "\n" if cell else "\\\n"
    if kind == "code_inline":
        return escape_inline(clean(node.content)) if cell else _code_span(clean(node.content))
    if kind in ("em", "strong", "s"):
        return node.markup + _inline(node.children, cell) + node.markup
    if kind in ("link", "image"):
        url = str(node.attrs.get("href" if kind == "link" else "src", ""))
        label = _inline(node.children, cell)
        bang = "!" if kind == "image" else ""
        return f"{bang}[{label}]({_destination(url, node.attrs.get('title'))})"
    if kind == "footnote_ref":
        meta = node.meta or {}
        number = meta.get("number")
        return f"[^{number}]" if number is not None else escape_inline(f"[^{meta.get('id', '')}]")
    return escape_inline(clean(node.content))


def _code_span(content: str) -> str:
    longest = max((len(run) for run in _BACKTICKS.findall(content)), default=0)
    fence = "`" * (longest + 1)
    pad = ""
    if (
        content.startswith("`")
        or content.endswith("`")
        or (content.startswith(" ") and content.endswith(" ") and content.strip(" "))
    ):
        pad = " "
    return f"{fence}{pad}{content}{pad}{fence}"


def _destination(url: str, title: object) -> str:
    dest = "<" + re.sub(r"([<>\\])", r"\\\1", clean(url)) + ">"
    if title:
        text = re.sub(r"([\"\\|])", r"\\\1", clean(str(title)))
        text = re.sub(r"&(?=[#A-Za-z0-9])", r"\\&", text)
        dest += f' "{text}"'
    return dest


# -- blocks ---------------------------------------------------------------------------------


class _Blocks:
    def __init__(self, heading_offset: int) -> None:
        self.heading_offset = heading_offset

    def render(self, nodes: Sequence[SyntaxTreeNode], tight: bool = False) -> str:
        parts = [self.block(node) for node in nodes]
        return ("\n" if tight else "\n\n").join(p for p in parts if p is not None)

    def block(self, node: SyntaxTreeNode) -> str | None:
        kind = node.type
        if kind == "paragraph":
            return _inline(node.children[0].children if node.children else [])
        if kind == "heading":
            level = min(6, int(node.tag[1]) + self.heading_offset)
            text = _inline(node.children[0].children if node.children else [])
            return "#" * level + (" " + text if text else "")
        if kind in ("bullet_list", "ordered_list"):
            return self.list(node)
        if kind == "blockquote":
            inner = self.render(node.children)
            return "\n".join("> " + line if line else ">" for line in inner.split("\n"))
        if kind in ("fence", "code_block"):
            return _fence(clean(node.content), node.info if kind == "fence" else "")
        if kind == "hr":
            return "***"
        if kind == "inline":
            return _inline(node.children)
        return escape_inline(clean(node.content)) if node.content else None

    def list(self, node: SyntaxTreeNode) -> str:
        items = node.children
        tight = all(
            child.hidden for item in items for child in item.children if child.type == "paragraph"
        )
        ordered = node.type == "ordered_list"
        start = int(node.attrs.get("start", 1)) if ordered else 1
        out = []
        for i, item in enumerate(items):
            marker = f"{start + i}{node.markup}" if ordered else node.markup
            body = self.render(item.children, tight)
            indent = " " * (len(marker) + 1)
            lines = body.split("\n") if body else [""]
            first = f"{marker} {lines[0]}" if lines[0] else marker
            rest = [indent + line if line else "" for line in lines[1:]]
            out.append("\n".join([first, *rest]))
        return ("\n" if tight else "\n\n").join(out)


def _fence(content: str, info: str) -> str:
    char = "~" if "`" in info else "`"
    runs = (_TILDES if char == "~" else _BACKTICKS).findall(content)
    fence = char * max(3, max((len(r) for r in runs), default=0) + 1)
    info_text = re.sub(r"([\\`])", r"\\\1", info) if char == "`" else info.replace("\\", "\\\\")
    info_text = re.sub(r"&(?=[#A-Za-z0-9])", r"\\&", info_text)
    if content and not content.endswith("\n"):
        content += "\n"
    return f"{fence}{info_text}\n{content}{fence}"


# -- table cells ----------------------------------------------------------------------------


def _cell_lines(nodes: Sequence[SyntaxTreeNode], lines: list[str], prefix: str) -> None:
    for node in nodes:
        kind = node.type
        if kind in ("paragraph", "heading"):
            text = _inline(node.children[0].children if node.children else [], cell=True)
            parts = text.split("\n")
            if kind == "heading":
                parts = [f"**{p}**" if p.strip() else p for p in parts]
            lines.append(prefix + parts[0])
            lines.extend(parts[1:])
            prefix = ""
        elif kind in ("bullet_list", "ordered_list"):
            start = int(node.attrs.get("start", 1)) if kind == "ordered_list" else 1
            for i, item in enumerate(node.children):
                marker = f"{start + i}. " if kind == "ordered_list" else "- "
                _cell_lines(item.children, lines, prefix + marker)
                prefix = ""
        elif kind == "blockquote":
            _cell_lines(node.children, lines, prefix + "> ")
            prefix = ""
        elif kind in ("fence", "code_block"):
            for line in clean(node.content).splitlines():
                lines.append(prefix + escape_inline(line))
                prefix = ""
        elif node.content:
            lines.append(prefix + escape_inline(clean(node.content)))
            prefix = ""
