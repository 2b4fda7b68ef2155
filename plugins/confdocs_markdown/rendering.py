"""Rich text back to Markdown, from its tokens, never by pasting the source.

The source may hold raw HTML or unsafe links that the parser kept as text; rendering the tokens
writes that text escaped, so a Markdown reader shows it literally. Two forms:

- :func:`to_markdown`: blocks (paragraphs, lists, headings …) for sections and notes;
- :func:`to_lines`: one line per paragraph or list item, for a table cell.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from confdocs.rendering import TreeRenderer

from .escaping import MarkdownSafe, clean, escape_inline
from .notes import note_label

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode

    from confdocs.view import RichText

_BACKTICKS = re.compile(r"`+")
_TILDES = re.compile(r"~+")


def to_markdown(rich: RichText | None, heading_offset: int = 0) -> MarkdownSafe:
    """Rich text as Markdown blocks; headings moved down by ``heading_offset`` levels."""
    if rich is None:
        return MarkdownSafe("")
    blocks = MarkdownBlocks(heading_offset)
    return MarkdownSafe(blocks.render(blocks.tree(rich.tokens).children))


def to_inline(rich: RichText | None) -> MarkdownSafe:
    """Rich text on one line (titles, table cells): its blocks joined by spaces."""
    return MarkdownSafe(" ".join(to_lines(rich)))


def to_lines(rich: RichText | None) -> list[MarkdownSafe]:
    """Rich text as lines for table cells: no block syntax, ``|`` escaped."""
    if rich is None:
        return []
    lines: list[str] = []
    cells = MarkdownCellLines()
    cells.render(cells.tree(rich.tokens).children, lines, "")
    return [MarkdownSafe(line) for line in lines if line.strip()]


# -- inline ---------------------------------------------------------------------------------


class MarkdownInline(TreeRenderer[str]):
    """Inline nodes back to Markdown: a rule per node type. ``cell`` writes them for a table
    cell (line breaks become spaces or new cell lines, code spans lose their backticks)."""

    def __init__(self, cell: bool = False) -> None:
        super().__init__()
        self.cell = cell

    def render(self, nodes: Sequence[SyntaxTreeNode]) -> str:
        out: list[str] = []
        for i, node in enumerate(nodes):
            out.append(self.node(node, None))
            # "!" before a link would make it an image.
            if node.type == "text" and out[-1].endswith("!") and i + 1 < len(nodes):
                out[-1] = out[-1][:-1] + "\\!"
        return "".join(out)

    def fallback(self, node: SyntaxTreeNode, env: object) -> str:
        return escape_inline(clean(node.content))

    def rule_softbreak(self, node: SyntaxTreeNode, env: object) -> str:
        return " " if self.cell else "\n"

    def rule_hardbreak(self, node: SyntaxTreeNode, env: object) -> str:
        return "\n" if self.cell else "\\\n"

    def rule_code_inline(self, node: SyntaxTreeNode, env: object) -> str:
        content = clean(node.content)
        return escape_inline(content) if self.cell else _code_span(content)

    def rule_em(self, node: SyntaxTreeNode, env: object) -> str:
        return node.markup + self.render(node.children) + node.markup

    rule_strong = rule_s = rule_em

    def rule_link(self, node: SyntaxTreeNode, env: object) -> str:
        url = str(node.attrs.get("href", ""))
        label = self.render(node.children)
        return f"[{label}]({_destination(url, node.attrs.get('title'))})"

    def rule_image(self, node: SyntaxTreeNode, env: object) -> str:
        # Its description, as in every format: a viewer would load ![…](https://…), a
        # tracking pixel, and the document would no longer be one file.
        return self.render(node.children)

    def rule_footnote_ref(self, node: SyntaxTreeNode, env: object) -> str:
        meta = node.meta or {}
        number = meta.get("number")
        if number is None:
            return escape_inline(f"[^{meta.get('id', '')}]")
        return note_label(number)


_INLINE = MarkdownInline()
_CELL_INLINE = MarkdownInline(cell=True)


def _inline(nodes: Sequence[SyntaxTreeNode], cell: bool = False) -> str:
    return (_CELL_INLINE if cell else _INLINE).render(nodes)


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


class MarkdownBlocks(TreeRenderer[str | None]):
    """Markdown blocks from markdown-it's tree: a rule per node type (``rule_paragraph`` …);
    a type without a rule is written as escaped text, never dropped."""

    def __init__(self, heading_offset: int = 0) -> None:
        super().__init__()
        self.heading_offset = heading_offset

    def render(self, nodes: Sequence[SyntaxTreeNode], tight: bool = False) -> str:
        parts = [self.node(node, None) for node in nodes]
        return ("\n" if tight else "\n\n").join(p for p in parts if p is not None)

    def rule_paragraph(self, node: SyntaxTreeNode, env: object) -> str:
        return _inline(node.children[0].children if node.children else [])

    def rule_heading(self, node: SyntaxTreeNode, env: object) -> str:
        level = min(6, int(node.tag[1]) + self.heading_offset)
        text = _inline(node.children[0].children if node.children else [])
        if "\n" in text:
            # A heading over several lines (setext in the source) can only stay one as setext.
            if level <= 2:
                return text + "\n" + ("=" if level == 1 else "-") * 3
            text = " ".join(text.split("\n"))
        return "#" * level + (" " + text if text else "")

    def rule_bullet_list(self, node: SyntaxTreeNode, env: object) -> str:
        return self.list(node)

    rule_ordered_list = rule_bullet_list

    def rule_blockquote(self, node: SyntaxTreeNode, env: object) -> str:
        inner = self.render(node.children)
        return "\n".join("> " + line if line else ">" for line in inner.split("\n"))

    def rule_fence(self, node: SyntaxTreeNode, env: object) -> str:
        return _fence(clean(node.content), node.info)

    def rule_code_block(self, node: SyntaxTreeNode, env: object) -> str:
        return _fence(clean(node.content), "")

    def rule_hr(self, node: SyntaxTreeNode, env: object) -> str:
        return "***"

    def rule_inline(self, node: SyntaxTreeNode, env: object) -> str:
        return _inline(node.children)

    def fallback(self, node: SyntaxTreeNode, env: object) -> str | None:
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


class MarkdownCellLines(TreeRenderer[None]):
    """Blocks as the lines of a table cell: ``env`` is ``(lines, prefix)``, the lines made so
    far and the marker the next line starts with ("- ", "1. ", "> ")."""

    def render(self, nodes: Sequence[SyntaxTreeNode], lines: list[str], prefix: str) -> None:
        env = [lines, prefix]
        for node in nodes:
            self.node(node, env)

    def add(self, env: list[Any], text: str) -> None:
        env[0].append(env[1] + text)
        env[1] = ""

    def rule_paragraph(self, node: SyntaxTreeNode, env: list[Any]) -> None:
        parts = _inline(node.children[0].children if node.children else [], cell=True).split("\n")
        if node.type == "heading":
            parts = [f"**{p}**" if p.strip() else p for p in parts]
        self.add(env, parts[0])
        env[0].extend(parts[1:])

    rule_heading = rule_paragraph

    def rule_bullet_list(self, node: SyntaxTreeNode, env: list[Any]) -> None:
        ordered = node.type == "ordered_list"
        start = int(node.attrs.get("start", 1)) if ordered else 1
        for i, item in enumerate(node.children):
            marker = f"{start + i}. " if ordered else "- "
            self.render(item.children, env[0], env[1] + marker)
            env[1] = ""

    rule_ordered_list = rule_bullet_list

    def rule_blockquote(self, node: SyntaxTreeNode, env: list[Any]) -> None:
        self.render(node.children, env[0], env[1] + "> ")
        env[1] = ""

    def rule_fence(self, node: SyntaxTreeNode, env: list[Any]) -> None:
        for line in clean(node.content).splitlines():
            self.add(env, escape_inline(line))

    rule_code_block = rule_fence

    def fallback(self, node: SyntaxTreeNode, env: list[Any]) -> None:
        if node.content:
            self.add(env, escape_inline(clean(node.content)))
