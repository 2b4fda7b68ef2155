"""WordprocessingML fragments: clean text, runs, paragraphs, and Markdown tokens turned into them.

Everything that reaches the document passes :func:`clean` (characters XML 1.0 forbids are
removed) and is escaped here, so a value can never open a tag or end an element.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from confdocs.rendering import TokenRenderer
from confdocs.view import has_rtl, strong_direction

from .revisions import marked, tracked_reference
from .styles import character_style, paragraph_style

if TYPE_CHECKING:
    from markdown_it.token import Token

# Control characters other than tab, newline and carriage return; lone surrogates;
# U+FFFE and U+FFFF: XML 1.0 has no way to write them.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

#: Letters of the Arabic script, which join and are never letter-spaced.
CONNECTED = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")

#: Placeholder id of a footnote reference, replaced when the footnotes are laid out.
NOTE_ID_PREFIX = "confdocs-note-"

_LINK_SCHEMES = ("http:", "https:", "mailto:", "tel:")


def clean(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids."""
    # Printable text holds none of them (control characters, surrogates and non-characters
    # are not printable), and str.isprintable is a fraction of the expression's cost.
    return text if text.isprintable() else _FORBIDDEN.sub("", text)


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities (what ``xml.sax.saxutils.escape`` does, without
    importing it: it pulls in ``urllib`` and ``http`` at start-up)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def quoteattr(value: str) -> str:
    """``value`` escaped and quoted as an attribute value (as ``xml.sax.saxutils.quoteattr``)."""
    value = escape(value).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"{}"'.format(value.replace('"', "&quot;"))


def escape_text(text: str) -> str:
    """``text`` as XML character data that docxtpl's post-processing leaves alone.

    Braces are written as character references: docxtpl turns ``{_{`` into ``{{`` after
    rendering, which would alter a value that happens to contain it.
    """
    return _escape_clean(clean(text))


def _escape_clean(text: str) -> str:
    """:func:`escape_text` of text already cleaned."""
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("{", "&#123;")
        .replace("}", "&#125;")
    )


@attrs.frozen
class Format:
    """Character formatting of a run."""

    bold: bool = False
    italic: bool = False
    strike: bool = False
    code: bool = False
    link: bool = False
    superscript: bool = False
    #: Right-to-left text (Word's complex-script formatting applies), and Arabic letters,
    #: which join and so are never letter-spaced.
    rtl: bool = False
    connected: bool = False

    def properties(self) -> str:
        parts = []
        if self.code:
            parts.append(f'<w:rStyle w:val="{character_style("code")}"/>')
        elif self.link:
            parts.append(f'<w:rStyle w:val="{character_style("link")}"/>')
        if self.code:
            parts.append(
                '<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/>'
            )
        if self.bold:
            parts.append("<w:b/><w:bCs/>")
        if self.italic:
            parts.append("<w:i/><w:iCs/>")
        if self.strike:
            parts.append("<w:strike/>")
        if self.link:
            parts.append('<w:color w:val="0563C1"/>')
        if self.connected:
            parts.append('<w:spacing w:val="0"/>')
        if self.link:
            parts.append('<w:u w:val="single"/>')
        if self.superscript:
            parts.append('<w:vertAlign w:val="superscript"/>')
        if self.rtl:
            parts.append("<w:rtl/>")
        return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


PLAIN = Format()


@functools.cache
def _properties(fmt: Format) -> str:
    """``fmt.properties()``, made once per format."""
    return fmt.properties()


@functools.cache
def _evolved(fmt: Format, field: str, value: bool) -> Format:
    """``fmt`` with one field changed, made once per change (``attrs.evolve`` is slow)."""
    return attrs.evolve(fmt, **{field: value})


def run(text: str, fmt: Format = PLAIN) -> str:
    """One run (or none for empty text); tabs and new lines become Word's own elements;
    right-to-left text is marked so (``w:rtl``)."""
    text = clean(text)
    if not text:
        return ""
    if has_rtl(text) and strong_direction(text) == "rtl":
        fmt = _evolved(_evolved(fmt, "rtl", True), "connected", bool(CONNECTED.search(text)))
    if "\n" not in text and "\r" not in text and "\t" not in text:
        # The common case, made directly: one piece of text.
        return f'<w:r>{_properties(fmt)}<w:t xml:space="preserve">{_escape_clean(text)}</w:t></w:r>'
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pieces = []
    for i, line in enumerate(text.split("\n")):
        if i:
            pieces.append("<w:br/>")
        for j, chunk in enumerate(line.split("\t")):
            if j:
                pieces.append("<w:tab/>")
            if chunk:
                pieces.append(f'<w:t xml:space="preserve">{_escape_clean(chunk)}</w:t>')
    return f"<w:r>{_properties(fmt)}{''.join(pieces)}</w:r>"


def tab_run() -> str:
    return "<w:r><w:tab/></w:r>"


def break_run() -> str:
    return "<w:r><w:br/></w:r>"


def note_reference(number: int) -> str:
    """A footnote reference; its placeholder id is resolved by :mod:`.footnotes`."""
    props = (
        f'<w:rPr><w:rStyle w:val="{character_style("footnote_ref")}"/>'
        '<w:vertAlign w:val="superscript"/></w:rPr>'
    )
    return f'<w:r>{props}<w:footnoteReference w:id="{NOTE_ID_PREFIX}{number}"/></w:r>'


def paragraph(runs: str, style: str | None = None, extra_properties: str = "") -> str:
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    props += extra_properties
    return f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{runs}</w:p>"


def hyperlink(runs: str, relationship_id: str) -> str:
    return f"<w:hyperlink r:id={quoteattr(relationship_id)}>{runs}</w:hyperlink>"


#: Turns an external URL into the id of a relationship of the part the link sits in.
LinkTarget = Callable[[str], str]


@attrs.define
class Converted:
    """Word XML made from rich text, and the pieces of text it shows (for the loss check)."""

    xml: str
    texts: list[str]


@attrs.define
class _InlineState:
    """What converting one paragraph's inline tokens carries from token to token."""

    base: Format
    fmt: Format
    out: list[str] = attrs.field(factory=list)
    texts: list[str] = attrs.field(factory=list)
    #: Runs of an open hyperlink, and its target.
    link_runs: list[str] | None = None
    link_href: str = ""

    def emit(self, piece: str) -> None:
        (self.link_runs if self.link_runs is not None else self.out).append(piece)


class InlineConverter(TokenRenderer):
    """Inline tokens (a paragraph's children) → runs, a rule per token type, the open
    formatting and hyperlink in the per-paragraph state."""

    def __init__(
        self,
        link_target: LinkTarget | None,
        note_reference: Callable[[int], str],
        tracked: bool = False,
    ) -> None:
        super().__init__()
        self.link_target = link_target
        self.note_reference = note_reference
        #: A tracked document: text goes in between markers of its change (``.revisions``).
        self.tracked = tracked

    def tracked_text(self, token: Token, text: str, present: bool = False) -> str:
        """``text`` of ``token``, between the markers of its change in a tracked document."""
        if not self.tracked:
            return text
        return marked(clean(text), (token.meta or {}).get("change"), present)

    def convert(self, children: Sequence[Token], base: Format = PLAIN) -> Converted:
        state = _InlineState(base, base)
        self.render(children, state)
        if state.link_runs is not None:
            state.out.extend(state.link_runs)
        return Converted("".join(state.out), state.texts)

    def rule_text(self, tokens: Sequence[Token], i: int, state: _InlineState) -> None:
        token = tokens[i]
        fmt = _evolved(state.fmt, "code", True) if token.type == "code_inline" else state.fmt
        state.texts.append(clean(token.content))
        state.emit(run(self.tracked_text(token, token.content), fmt))

    rule_code_inline = rule_text

    def rule_softbreak(self, tokens: Sequence[Token], i: int, state: _InlineState) -> None:
        state.emit(run(self.tracked_text(tokens[i], " "), state.fmt))

    def rule_hardbreak(self, tokens: Sequence[Token], i: int, state: _InlineState) -> None:
        state.emit(run(self.tracked_text(tokens[i], "\n")) if self.tracked else break_run())

    def _toggle(self, state: _InlineState, field: str, on: bool) -> None:
        state.fmt = _evolved(state.fmt, field, True if on else getattr(state.base, field))

    def rule_strong_open(self, tokens: Sequence[Token], i: int, state: _InlineState) -> None:
        self._toggle(state, "bold", True)

    def rule_strong_close(self, tokens: Sequence[Token], i: int, state: _InlineState) -> None:
        self._toggle(state, "bold", False)

    def rule_em_open(self, tokens: Sequence[Token], i: int, state: _InlineState) -> None:
        self._toggle(state, "italic", True)

    def rule_em_close(self, tokens: Sequence[Token], i: int, state: _InlineState) -> None:
        self._toggle(state, "italic", False)

    def rule_s_open(self, tokens: Sequence[Token], i: int, state: _InlineState) -> None:
        self._toggle(state, "strike", True)

    def rule_s_close(self, tokens: Sequence[Token], i: int, state: _InlineState) -> None:
        self._toggle(state, "strike", False)

    def rule_link_open(self, tokens: Sequence[Token], i: int, state: _InlineState) -> None:
        state.link_href = str(tokens[i].attrs.get("href", ""))
        if self.link_target is not None and state.link_href.lower().startswith(_LINK_SCHEMES):
            state.link_runs = []
            state.fmt = _evolved(state.fmt, "link", True)

    def rule_link_close(self, tokens: Sequence[Token], i: int, state: _InlineState) -> None:
        if state.link_runs is not None and self.link_target is not None:
            state.out.append(hyperlink("".join(state.link_runs), self.link_target(state.link_href)))
            state.link_runs = None
            state.fmt = _evolved(state.fmt, "link", False)

    def rule_footnote_ref(self, tokens: Sequence[Token], i: int, state: _InlineState) -> None:
        token = tokens[i]
        number = token.meta.get("number")
        if isinstance(number, int):
            reference = self.note_reference(number)
            if self.tracked:
                reference = tracked_reference(reference, token.meta.get("change"))
            state.emit(reference)
        else:
            state.texts.append(clean(token.content))
            state.out.append(run(self.tracked_text(token, token.content), state.fmt))

    def rule_image(self, tokens: Sequence[Token], i: int, state: _InlineState) -> None:
        alt = "".join(c.content for c in tokens[i].children or [])
        state.texts.append(clean(alt))
        state.out.append(run(self.tracked_text(tokens[i], alt), state.fmt))


@attrs.frozen
class BlockStyles:
    """Paragraph styles for one place in the document (prose, or a programme cell)."""

    text: str = attrs.field(factory=lambda: paragraph_style("body"))
    bullet: str = attrs.field(factory=lambda: paragraph_style("bullet"))
    bullet2: str = attrs.field(factory=lambda: paragraph_style("bullet2"))
    numbered: str = attrs.field(factory=lambda: paragraph_style("numbered"))


PROSE = BlockStyles()
CELL = BlockStyles(
    text=paragraph_style("slot_text"),
    bullet=paragraph_style("slot_bullet"),
    bullet2=paragraph_style("bullet2"),
    numbered=paragraph_style("numbered"),
)


@attrs.define
class _BlockState:
    """What converting a whole text carries from block token to block token."""

    style: str | None
    out: list[str] = attrs.field(factory=list)
    texts: list[str] = attrs.field(factory=list)
    #: Each open list: [ordered?, next number]; a paragraph's prefix comes from the innermost.
    lists: list[list[int]] = attrs.field(factory=list)
    first_in_item: bool = False


class BlockConverter(TokenRenderer):
    """Block tokens (a whole text) → paragraphs: text, headings, bullet and numbered lists, a
    rule per token type."""

    def __init__(self, inline: InlineConverter, styles: BlockStyles = PROSE) -> None:
        super().__init__()
        self.inline = inline
        self.styles = styles

    def convert(self, tokens: Sequence[Token]) -> Converted:
        state = _BlockState(self.styles.text)
        self.render(tokens, state)
        return Converted("".join(state.out), state.texts)

    def rule_bullet_list_open(self, tokens: Sequence[Token], i: int, state: _BlockState) -> None:
        token = tokens[i]
        ordered = token.type == "ordered_list_open"
        start = int(token.attrs.get("start", 1) or 1) if ordered else 0
        state.lists.append([1 if ordered else 0, start])

    rule_ordered_list_open = rule_bullet_list_open

    def rule_bullet_list_close(self, tokens: Sequence[Token], i: int, state: _BlockState) -> None:
        state.lists.pop()

    rule_ordered_list_close = rule_bullet_list_close

    def rule_list_item_open(self, tokens: Sequence[Token], i: int, state: _BlockState) -> None:
        state.first_in_item = True

    def rule_heading_open(self, tokens: Sequence[Token], i: int, state: _BlockState) -> None:
        tag = tokens[i].tag
        level = int(tag[1:]) if tag[1:].isdigit() else 2
        state.style = f"Heading{min(level + 1, 6)}"

    def rule_blockquote_open(self, tokens: Sequence[Token], i: int, state: _BlockState) -> None:
        state.style = paragraph_style("quote")

    def rule_blockquote_close(self, tokens: Sequence[Token], i: int, state: _BlockState) -> None:
        state.style = self.styles.text

    def rule_inline(self, tokens: Sequence[Token], i: int, state: _BlockState) -> None:
        converted = self.inline.convert(tokens[i].children or [])
        state.texts.extend(converted.texts)
        state.out.append(
            self._paragraph(converted.xml, state.style, state.lists, state.first_in_item)
        )
        state.first_in_item = False
        if state.style and state.style.startswith("Heading"):
            state.style = self.styles.text

    def rule_code_block(self, tokens: Sequence[Token], i: int, state: _BlockState) -> None:
        content = tokens[i].content.rstrip("\n")
        state.texts.append(clean(content))
        text = self.inline.tracked_text(tokens[i], content)
        state.out.append(paragraph(run(text, Format(code=True)), paragraph_style("code")))

    rule_fence = rule_code_block

    def rule_hr(self, tokens: Sequence[Token], i: int, state: _BlockState) -> None:
        # An empty paragraph; in a tracked document, one that goes with its change.
        marks = self.inline.tracked_text(tokens[i], "", present=True)
        state.out.append(paragraph(run(marks) if marks else "", self.styles.text))

    def _paragraph(self, runs: str, style: str | None, lists: list[list[int]], first: bool) -> str:
        if not lists:
            return paragraph(runs, style)
        ordered, number = lists[-1]
        depth = len(lists)
        indent = (
            f'<w:ind w:left="{360 * (depth + 1)}" w:hanging="360"/>'
            if depth > 1 or not first
            else ""
        )
        if ordered:
            if first:
                lists[-1][1] = number + 1
                return paragraph(run(f"{number}.") + tab_run() + runs, self.styles.numbered)
            return paragraph(runs, self.styles.numbered, f'<w:ind w:left="{510}" w:hanging="0"/>')
        if first:
            bullet = self.styles.bullet if depth == 1 else self.styles.bullet2
            return paragraph(runs, bullet)
        return paragraph(runs, self.styles.text, indent)


def join_paragraphs_as_runs(blocks: Iterable[Converted]) -> Converted:
    """Several converted paragraphs' runs on one line each (for texts used inside a paragraph)."""
    xml: list[str] = []
    texts: list[str] = []
    for i, block in enumerate(blocks):
        if i:
            xml.append(break_run())
        xml.append(block.xml)
        texts.extend(block.texts)
    return Converted("".join(xml), texts)
