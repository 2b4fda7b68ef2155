"""Bilingual documents: two views of one event, aligned part by part and row by row.

A bilingual build (``--locale fr+en``) makes a view in each language, each composed as any
view is (its own labels, dates, typography and direction), and :func:`bilingual_view` aligns
them: the title block, each section, the participants, the location, each day of the
programme, the contacts and the notes are *parts*; each part is *rows*, and each row holds the
same thing in both languages (a heading, a paragraph of a section, an invitation group's line,
a slot). The views come from one event, so their parts match one to one; a text whose
translation has as many paragraphs as the original is aligned paragraph by paragraph, else as
one row. Exporters lay the rows out side by side (a two-column table in Word, a grid in HTML
and the PDF) or one language after the other (Markdown); they never align anything themselves.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import Any, Literal

import attrs

from .lines import Line, Span, line
from .parts import View
from .richtext import RichText, blocks

#: What a row holds in each language:
#:
#: - ``title``: the whole view (its header lines, title, dates and place, organisers);
#: - ``heading``: a heading's text (``level`` 1 for a part, 2 within one);
#: - ``paragraph``: rich text (one paragraph of a section, or the whole text);
#: - ``item``: a line shown as a list item (an invitation group, a role);
#: - ``numbered``: an :class:`~confdocs.view.AllocationView` (its number and label);
#: - ``line``: a line shown as a paragraph (a fact about the venue, the interpretation);
#: - ``seats``: the :class:`~confdocs.view.ParticipantsView` whose seats table it shows;
#: - ``day``: a :class:`~confdocs.view.DayView`, whose slots follow as ``slot`` rows;
#: - ``slot``: a :class:`~confdocs.view.SlotView` (its time and everything it says);
#: - ``contact``: a :class:`~confdocs.view.ContactView`;
#: - ``note``: a :class:`~confdocs.view.NoteView`.
RowKind = Literal[
    "title",
    "heading",
    "paragraph",
    "item",
    "numbered",
    "line",
    "seats",
    "day",
    "slot",
    "contact",
    "note",
]


@attrs.frozen
class Row:
    """The same thing in both languages: ``left`` in the first, ``right`` in the second (None
    where one language has nothing there, such as a paragraph more in one translation)."""

    kind: RowKind
    left: Any
    right: Any
    #: A heading's level: 1 for a part's, 2 for one within a part (a group of contacts).
    level: int = 0

    @property
    def sides(self) -> tuple[Any, Any]:
        return (self.left, self.right)


@attrs.frozen
class AlignedPart:
    """A part of the document in both languages: ``title``, ``section`` (``key`` its id),
    ``participants``, ``location``, ``day`` (``key`` its index), ``contacts`` or ``notes``."""

    kind: str
    key: str
    rows: tuple[Row, ...]


@attrs.frozen
class BilingualView:
    """Two views of one event, one per language, aligned. ``left`` is in the first language,
    ``right`` in the second; ``parts`` is the document in reading order."""

    left: View
    right: View
    parts: tuple[AlignedPart, ...]

    @property
    def views(self) -> tuple[View, View]:
        return (self.left, self.right)

    @property
    def id(self) -> str:
        return self.left.id

    @property
    def locales(self) -> tuple[str, str]:
        return (self.left.locale, self.right.locale)

    @property
    def rows(self) -> tuple[Row, ...]:
        """Every row, in reading order."""
        return tuple(row for part in self.parts for row in part.rows)


def bilingual_view(left: View, right: View) -> BilingualView:
    """``left`` and ``right`` (two views of one event, in two languages) aligned."""
    parts = [AlignedPart("title", "", (Row("title", left, right),))]
    for a, b in _pairs(left.sections, right.sections):
        rows = []
        if (a and a.title) or (b and b.title):
            rows.append(Row("heading", a and a.title, b and b.title, 1))
        rows += paragraphs(a and a.body, b and b.body)
        parts.append(AlignedPart("section", (a or b).id, tuple(rows)))
    if not (left.participants.empty and right.participants.empty):
        parts.append(AlignedPart("participants", "", tuple(_participants(left, right))))
    if left.location.shown or right.location.shown:
        parts.append(AlignedPart("location", "", tuple(_location(left, right))))
    for index, (a, b) in enumerate(_pairs(left.programme, right.programme)):
        rows = [_heading(left, right, "programme")] if index == 0 else []
        rows.append(Row("day", a, b))
        rows += [Row("slot", x, y) for x, y in _pairs(a and a.slots, b and b.slots)]
        parts.append(AlignedPart("day", str(index), tuple(rows)))
    if left.contacts or right.contacts:
        parts.append(AlignedPart("contacts", "", tuple(_contacts(left, right))))
    if left.notes or right.notes:
        rows = [_heading(left, right, "footnotes")]
        rows += [Row("note", a, b) for a, b in _notes(left, right)]
        parts.append(AlignedPart("notes", "", tuple(rows)))
    return BilingualView(left, right, tuple(parts))


def paragraphs(left: RichText | None, right: RichText | None) -> list[Row]:
    """Rich text in both languages as rows: a row per paragraph (or list, quote …) when both
    have as many, else one row holding each whole."""
    if left is None and right is None:
        return []
    a = blocks(left) if left is not None else ()
    b = blocks(right) if right is not None else ()
    if len(a) == len(b):
        return [Row("paragraph", x, y) for x, y in zip(a, b, strict=True)]
    return [Row("paragraph", left, right)]


def _pairs(left: Iterable[Any] | None, right: Iterable[Any] | None) -> Iterator[tuple[Any, Any]]:
    return itertools.zip_longest(left or (), right or ())


def _lines(kind: RowKind, left: Iterable[Any], right: Iterable[Any]) -> Iterator[Row]:
    """Rows of ``kind`` showing the ``line`` of each pair of parts (invitation groups, roles,
    facts about the venue)."""
    for x, y in _pairs(left, right):
        yield Row(kind, x and x.line, y and y.line)


def _heading(left: View, right: View, key: str) -> Row:
    return Row("heading", left.labels[key], right.labels[key], 1)


def _text_line(text: str | None) -> Line | None:
    return line(Span(text, "text")) if text else None


def _participants(left: View, right: View) -> Iterator[Row]:
    a, b = left.participants, right.participants
    yield _heading(left, right, "participants")
    yield from paragraphs(a.intro, b.intro)
    yield from _lines("item", a.groups, b.groups)
    yield from paragraphs(a.eligibility, b.eligibility)
    yield from paragraphs(a.composition, b.composition)
    for x, y in _pairs(a.composition_lines, b.composition_lines):
        yield Row("item", x, y)
    yield from paragraphs(a.allocations_intro, b.allocations_intro)
    for x, y in _pairs(a.allocations, b.allocations):
        yield Row("numbered", x, y)
    yield from paragraphs(a.total_text, b.total_text)
    if a.table or b.table:
        yield Row("seats", a, b)
    if a.summary or b.summary:
        yield Row("line", a.summary, b.summary)


def _location(left: View, right: View) -> Iterator[Row]:
    a, b = left.location, right.location
    yield _heading(left, right, "location")
    yield from paragraphs(a.text, b.text)
    yield from _lines("line", a.facts, b.facts)
    if a.interpretation or b.interpretation:
        yield Row("line", _text_line(a.interpretation), _text_line(b.interpretation))


def _contacts(left: View, right: View) -> Iterator[Row]:
    yield _heading(left, right, "contacts")
    for x, y in _pairs(left.contacts, right.contacts):
        yield Row("heading", x and x.heading.plain, y and y.heading.plain, 2)
        for p, q in _pairs(x and x.people, y and y.people):
            yield Row("contact", p, q)


def _notes(left: View, right: View) -> Iterator[tuple[Any, Any]]:
    """Notes paired by id (a translation may reference them in another order), in the first
    language's order, then the second's notes the first lacks."""
    theirs = {note.id: note for note in right.notes}
    for note in left.notes:
        yield note, theirs.pop(note.id, None)
    for note in theirs.values():
        yield None, note
