"""Lines: a run of text as the document says it, composed once and rendered by every format.

A :class:`Line` is a tuple of :class:`Span` s. Each span is plain text, or inline rich text, or a
footnote reference, and has a ``role`` saying what it is (a speaker's name, a duration, a label
from the catalog, a separator …). The view decides every word and its order; an exporter only
turns spans into its markup (an HTML ``<span class="duration">``, a Word run, escaped
Markdown, plain text in a calendar), so every format reads the same.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from .richtext import RichText

#: Roles rendered without a wrapper of their own (HTML puts other roles in a ``<span>`` with the
#: role as its class).
QUIET_ROLES = frozenset({"text", "label", "separator"})

#: The marks of a tracked document (``View.tracked``): a span, a rich-text token
#: (``token.meta["change"]``) or a text that was inserted in, or deleted from, this version.
INSERTED = "ins"
DELETED = "del"


@attrs.frozen
class Span:
    """One piece of a line.

    ``text`` is what a reader reads. When ``rich`` is set the span is inline rich text (a
    title in Markdown) and ``text`` is its plain form; when ``note`` is set the span is a
    reference to that footnote and ``text`` is empty. ``href`` is a link target already checked
    to be safe (http, https, mailto or tel); ``strong`` asks for bold. In a tracked document
    ``change`` is ``"ins"`` for text this version added and ``"del"`` for text it removed.
    """

    text: str
    role: str = "text"
    rich: RichText | None = attrs.field(default=None, eq=False)
    href: str | None = None
    note: int | None = None
    strong: bool = False
    change: str | None = None


@attrs.frozen
class Line:
    """A run of text in spans; ``str(line)`` and ``line.plain`` are its plain text (in a
    tracked document, without what was deleted)."""

    spans: tuple[Span, ...] = ()

    @property
    def plain(self) -> str:
        return "".join(span.text for span in self.spans if span.change != DELETED)

    @property
    def notes(self) -> tuple[int, ...]:
        """The footnote numbers the line references, in order."""
        return tuple(span.note for span in self.spans if span.note is not None)

    def __str__(self) -> str:
        return self.plain

    def __bool__(self) -> bool:
        return any(span.text or span.note is not None for span in self.spans)

    def __iter__(self) -> Iterator[Span]:
        return iter(self.spans)

    def __len__(self) -> int:
        return len(self.spans)

    def __add__(self, other: Line) -> Line:
        return Line(self.spans + other.spans)


class ChangedText(str):
    """A plain text of a tracked document that differs between the versions: it reads as the
    new text (as the old one when this version removed it); ``old`` and ``new`` are what each
    version says (``""`` where one has none). An exporter showing changes renders the old text
    deleted and the new one inserted."""

    old: str
    new: str

    def __new__(cls, old: str, new: str) -> ChangedText:
        text = super().__new__(cls, new or old)
        text.old, text.new = old, new
        return text

    def __reduce__(self) -> tuple[type[ChangedText], tuple[str, str]]:
        return (ChangedText, (self.old, self.new))


Piece = Span | Line | str | None


def line(*pieces: Piece, role: str = "text") -> Line:
    """A line of ``pieces``: spans and lines as they are, strings as spans of ``role``;
    None and empty strings are left out."""
    return Line(tuple(_spans(pieces, role)))


def _spans(pieces: Iterable[Piece], role: str) -> Iterator[Span]:
    for piece in pieces:
        if piece is None or piece == "":
            continue
        if isinstance(piece, Span):
            yield piece
        elif isinstance(piece, Line):
            yield from piece.spans
        else:
            yield Span(piece, role)


def rich_span(value: RichText, role: str) -> Span:
    """Inline rich text (a title) as a span."""
    return Span(value.plain, role, rich=value)


_PLACEHOLDER = re.compile(r"(\{\w+\})")


def fill(pattern: str, /, literal_role: str = "label", **values: Piece) -> Line:
    """A catalog pattern (``"{text} moderated by {names}"``) as a line: the pattern's own words
    become spans of ``literal_role`` (``label``; ``separator`` for patterns that are only
    punctuation, such as ``"{text} ({next})"``), each placeholder the spans given for it (a
    string becomes a span whose role is the placeholder's name). Word order is the pattern's,
    so each language keeps its own; an unknown placeholder stays as written, a placeholder
    given None or "" is left out with nothing else."""
    out: list[Span] = []
    stopped = False
    for part, name in _parts(pattern):
        if name is not None and name in values:
            added = len(out)
            out.extend(_spans([values[name]], name))
            stopped = len(out) > added and out[-1].text.endswith(".")
            continue
        if stopped and part.startswith("."):
            part = part[1:]  # "… 2027 р." + "." : one full stop (see labels.fill)
            if not part:
                continue
        out.append(Span(part, literal_role))
        stopped = False
    return Line(tuple(out))


@functools.lru_cache(maxsize=256)
def _parts(pattern: str) -> tuple[tuple[str, str | None], ...]:
    """A pattern's pieces, each with its placeholder's name (None for the pattern's words):
    a document fills the same few patterns thousands of times."""
    return tuple(
        (part, part[1:-1] if _PLACEHOLDER.fullmatch(part) else None)
        for part in _PLACEHOLDER.split(pattern)
        if part
    )
