"""Markdown fields checked as the view will parse them: nesting it can hold, notes it names.

markdown-it stops nesting block quotes and lists at :data:`~confdocs.limits.MARKDOWN_NESTING`
levels and drops whatever stands deeper, silently, in every format. Loading parses each text
that could nest that deep with a parser allowed one level more, and refuses the text if any
block reaches the limit: an input error at the field's place, never lost text.

Footnote references (``[^id]``) are found the same way, as tokens, so ``[^id]`` inside a code
span or a code block is code, as the view shows it, and not a reference.

:func:`markdown_parser` is the one configuration of markdown-it (CommonMark, raw HTML off,
strikethrough, the ``[^id]`` rule before links): the view's parser (:mod:`confdocs.view.richtext`)
is made by it too, with the nesting limit itself, and adds its link rule and HTML rendering.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from ..limits import MARKDOWN_MARKS, MARKDOWN_NESTING
from ..model.walk import PathKey, markdown_fields

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

    from ..model import Event

Found = tuple[PathKey, str]
FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")
# What can open a list, and with it two levels of nesting.
_LIST_MARK = re.compile(r"[-+*]|\d[.)]")


def markdown_problems(
    event: Event, texts: Iterable[tuple[PathKey, str]] | None = None
) -> Iterator[Found]:
    """Problems of the Markdown ``texts`` of ``event`` (all of them when None)."""
    known = event.index.notes
    marks = int(MARKDOWN_MARKS.value())
    for path, text in markdown_fields(event) if texts is None else texts:
        if len(text) > marks and (count := markup_marks(text)) > marks:
            yield (
                path,
                f"{count:,} characters of this text may open Markdown markup, more than the "
                f"{marks:,} one text may hold (parsing it would take some 500 bytes of memory "
                f"each; set {MARKDOWN_MARKS.env} to raise the limit)",
            )
            continue
        if not _may_nest_too_deep(text) and "[^" not in text:
            continue
        tokens = _checker().parse(text)
        deep = next((t for t in tokens if t.level >= MARKDOWN_NESTING and t.type != "inline"), None)
        if deep is not None:
            line = f" (line {deep.map[0] + 1} of the text)" if deep.map else ""
            yield (
                path,
                f"Markdown nested deeper than {MARKDOWN_NESTING} levels of block quotes and "
                f"lists{line}: the text there would be lost; nest less deeply",
            )
            continue
        for note_id in footnote_ids(tokens):
            if note_id not in known:
                yield path, f"footnote [^{note_id}] names no note; define it under notes"


def markup_marks(text: str) -> int:
    """The characters of ``text`` that may open or close Markdown markup: each may become a
    token of its own, and a token costs far more memory than its character (a megabyte of
    ``*a **`` took 380 MB to parse)."""
    return sum(text.count(mark) for mark in _MARKS)


_MARKS = "*_`[]!<>~|\\#&"


def _may_nest_too_deep(text: str) -> bool:
    # Each quote marker opens one level and each list marker two (the list and its item); a
    # table adds three (rows, cells) and a paragraph one. Text with fewer markers than that
    # cannot reach the limit, so most texts are not parsed here at all.
    if len(text) < MARKDOWN_NESTING // 2 - 2:
        return False
    return text.count(">") + 2 * len(_LIST_MARK.findall(text)) + 4 >= MARKDOWN_NESTING


def footnote_ids(tokens: Sequence[Token]) -> Iterator[str]:
    """The note ids that ``[^id]`` references among ``tokens`` name, in order."""
    for token in _tokens_of(tokens, "footnote_ref"):
        yield token.meta["id"]


def images(text: str) -> Iterator[tuple[str, str]]:
    """The images of Markdown ``text`` (``![description](address)``): address and
    description, in order."""
    if "![" not in text:
        return
    for token in _tokens_of(_checker().parse(text), "image"):
        yield str(token.attrs.get("src", "")), "".join(c.content for c in token.children or ())


def _tokens_of(tokens: Sequence[Token], kind: str) -> Iterator[Token]:
    """The tokens of type ``kind`` among ``tokens`` and their children, in order."""
    for token in tokens:
        if token.type == kind:
            yield token
        if token.children:
            yield from _tokens_of(token.children, kind)


def _footnote_rule(state: StateInline, silent: bool) -> bool:
    match = FOOTNOTE.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        token = state.push("footnote_ref", "", 0)
        token.meta = {"id": match.group(1)}
        token.content = match.group(0)
    state.pos = match.end()
    return True


def markdown_parser(max_nesting: int = MARKDOWN_NESTING) -> MarkdownIt:
    """A new markdown-it parser as confdocs reads Markdown, nesting up to ``max_nesting``."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("strikethrough")
    md.inline.ruler.before("link", "confdocs_footnote_ref", _footnote_rule)
    md.options["maxNesting"] = max_nesting
    return md


@functools.cache
def _checker() -> MarkdownIt:
    # One level more than the view: a block at the view's limit is text it would drop.
    return markdown_parser(MARKDOWN_NESTING + 1)
