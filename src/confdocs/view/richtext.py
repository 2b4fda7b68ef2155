"""Rich text: Markdown parsed once with markdown-it-py, then rendered by each exporter.

CommonMark with raw HTML off and unsafe links (``javascript:``, ``data:`` …) refused: such
markup stays literal text. ``[^id]`` names a note; the view numbers notes in the order they
are first referenced, so every format numbers them alike.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ..limits import MARKDOWN_NESTING
from ..loading.markdown import markdown_parser

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_SAFE_SCHEMES = ("http:", "https:", "mailto:", "tel:")


@attrs.frozen
class RichText:
    """Markdown source and its tokens. ``inline`` is true for one-paragraph texts (titles)."""

    source: str
    tokens: tuple[Token, ...] = attrs.field(repr=False, eq=False)
    #: Footnote numbers referenced in this text, in order.
    notes: tuple[int, ...] = ()

    @property
    def plain(self) -> str:
        """The text without markup: what a reader reads. A plain text has no notes to point
        to, so it leaves their references out (the Word, HTML, Markdown and PDF renderings of
        ``tokens`` still raise them)."""
        return to_plain(self.tokens)

    @property
    def previous_plain(self) -> str:
        """In a tracked document, the previous version's text: its deleted words, without the
        inserted ones (``plain`` is the new version's)."""
        return to_plain(self.tokens, without="ins")

    def is_single_paragraph(self) -> bool:
        return [t.type for t in self.tokens] == ["paragraph_open", "inline", "paragraph_close"]

    def inline_tokens(self) -> tuple[Token, ...]:
        """The children of the first inline token: a title's runs."""
        for token in self.tokens:
            if token.type == "inline":
                return tuple(token.children or ())
        return ()


def _validate_link(url: str) -> bool:
    lowered = url.strip().lower()
    if ":" not in lowered.split("/", 1)[0]:
        return True  # relative addresses and places in the document (see _unlink_elsewhere)
    return lowered.startswith(_SAFE_SCHEMES)


def _links_here(href: str) -> bool:
    """Whether a link may point at ``href``: an address of a safe scheme, or a place in the
    document itself (``#programme``)."""
    lowered = href.strip().lower()
    return lowered.startswith("#") or lowered.startswith(_SAFE_SCHEMES)


def _unlink_elsewhere(state: Any) -> None:
    """A core rule: a link to a relative address keeps its words and loses its target. In a
    document sent by e-mail a relative address points at nothing, and ``//host/x`` or a
    backslashed share opened from a file reaches another machine (a Windows share, and the
    reader's credentials with it). Images keep their token: every format shows their
    description, wherever they point."""
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        kept, unlinked = [], False
        for child in token.children:
            if child.type == "link_open" and not _links_here(str(child.attrGet("href") or "")):
                unlinked = True
                continue
            if child.type == "link_close" and unlinked:
                unlinked = False
                continue
            kept.append(child)
        token.children = kept


@functools.cache
def markdown_it() -> MarkdownIt:
    """The one configured parser: CommonMark with strikethrough, raw HTML off, unsafe links
    refused, ``[^id]`` footnote references (made where loading checks Markdown, so both read it
    alike: loading refuses text nested deeper than this parser holds, which it would drop).
    Nothing may change it after it is made."""
    md = markdown_parser(MARKDOWN_NESTING)
    md.validateLink = _validate_link  # type: ignore[method-assign]
    md.core.ruler.push("confdocs_unlink_elsewhere", _unlink_elsewhere)
    return md


def parse(text: str, number_note: Callable[[str], int] | None = None) -> RichText:
    """Parse Markdown; ``number_note(id)`` gives each referenced note its number."""
    if _is_plain(text):
        return RichText(text, _plain_paragraph(text), ())
    if "[^" not in text:
        return RichText(text, _parse_cached(text), ())
    tokens = markdown_it().parse(text)
    numbers: list[int] = []
    for token in _walk(tokens):
        if token.type == "footnote_ref" and number_note is not None:
            number = number_note(token.meta["id"])
            token.meta["number"] = number
            numbers.append(number)
    return RichText(text, tuple(tokens), tuple(numbers))


# Text that CommonMark reads as one paragraph of one text run: no character that can start
# markup anywhere, no line break, no leading or trailing space, and a letter first (so no list
# marker, heading or indented code). Most titles and names are such text; markdown-it is the
# larger part of making a view, so they skip it. A test holds this to markdown-it's own tokens.
_PLAIN = re.compile(r"[^\W\d_][^\\`*_\[\]<>#&|~^\n\r\t\x00-\x1f\x7f]*", re.UNICODE)


@functools.lru_cache(maxsize=4096)
def _parse_cached(text: str) -> tuple[Token, ...]:
    # Texts without footnotes parse the same every time ("Coffee break", "Comments by
    # participants" recur across a programme and a year of events). Tokens are shared, so
    # nothing may change them after parsing; no exporter does.
    return tuple(markdown_it().parse(text))


def _is_plain(text: str) -> bool:
    return _PLAIN.fullmatch(text) is not None and not text[-1].isspace()


@functools.lru_cache(maxsize=4096)
def _plain_paragraph(text: str) -> tuple[Token, ...]:
    from markdown_it.token import Token

    child = Token("text", "", 0, content=text)
    inline = Token("inline", "", 0, map=[0, 1], level=1, content=text, children=[child], block=True)
    return (
        Token("paragraph_open", "p", 1, map=[0, 1], level=0, block=True),
        inline,
        Token("paragraph_close", "p", -1, level=0, block=True),
    )


def blocks(text: RichText) -> tuple[RichText, ...]:
    """``text``'s top-level blocks (each paragraph, list, quote, heading or piece of code) as
    rich text of their own, with the footnote numbers each references: what a bilingual
    document aligns paragraph by paragraph."""
    out: list[RichText] = []
    lines = text.source.splitlines()
    depth = start = 0
    for index, token in enumerate(text.tokens):
        if depth == 0:
            start = index
        depth += token.nesting
        if depth > 0:
            continue
        piece = text.tokens[start : index + 1]
        where = piece[0].map
        source = "\n".join(lines[where[0] : where[1]]) if where else text.source
        numbers = tuple(
            t.meta["number"]
            for t in _walk(piece)
            if t.type == "footnote_ref" and "number" in (t.meta or {})
        )
        out.append(RichText(source, tuple(piece), numbers))
    return tuple(out)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>&~^])")


def escape_markdown(text: str) -> str:
    """``text`` as Markdown that renders back to exactly ``text`` (no markup, no HTML)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def _walk(tokens: Sequence[Token]) -> list[Token]:
    out: list[Token] = []
    for token in tokens:
        out.append(token)
        if token.children:
            out.extend(_walk(token.children))
    return out


def to_plain(
    tokens: Sequence[Token], without: str = "del", note: Callable[[int], str] | None = None
) -> str:
    """Plain text of tokens: paragraphs separated by blank lines, list items by new lines;
    in a tracked document, without the words marked ``without`` (the deleted ones: what the
    reader now reads). Footnote references are left out, with the space before one that a
    space, a line break or the end follows ("Budapest [^b] en" reads "Budapest en").
    ``note`` writes each numbered reference instead (``str``: "Budapest1 en", as a document
    that raises references reads; a tracked document tells two texts apart by theirs)."""
    parts: list[str] = []
    for token in tokens:
        if token.type == "inline":
            parts.append(_inline_plain(token.children or [], without, note))
        elif token.type in ("paragraph_close", "heading_close"):
            parts.append("\n\n")
        elif token.type == "list_item_close":
            parts.append("\n")
        elif token.type in ("code_block", "fence"):
            parts.append(token.content + "\n")
    return re.sub(r"\n{3,}", "\n\n", "".join(parts)).strip()


def _inline_plain(
    children: Sequence[Token], without: str = "del", note: Callable[[int], str] | None = None
) -> str:
    out: list[str] = []
    # A reference was just left out: the space before it goes if a space or the end follows.
    dropped = False
    for child in children:
        if child.meta and child.meta.get("change") == without:
            continue
        if child.type == "footnote_ref":
            number = child.meta.get("number")
            if note is not None and isinstance(number, int):
                out.append(note(number))
            else:
                dropped = True
            continue
        if child.type in ("text", "code_inline"):
            piece = child.content
        elif child.type in ("softbreak", "hardbreak"):
            piece = " " if child.type == "softbreak" else "\n"
        elif child.type == "image":
            piece = _inline_plain(child.children or [], note=note)
        else:
            continue
        if dropped and piece:
            dropped = False
            if piece[0].isspace():
                _trim_end(out)
                if not out:
                    piece = piece.lstrip()
        out.append(piece)
    if dropped:
        _trim_end(out)
    return "".join(out)


def _trim_end(pieces: list[str]) -> None:
    """``pieces`` without the white space they end with (emptied pieces removed)."""
    while pieces:
        pieces[-1] = pieces[-1].rstrip()
        if pieces[-1]:
            return
        pieces.pop()
