"""The values a Word template receives: text that escapes itself and rich text as Word XML.

Each value records what it put into the document when Jinja renders it, so that after
rendering the exporter can check that every piece of text is really there (docxtpl can lose
text silently when the XML it produces is broken).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar, overload

import attrs
from markupsafe import Markup

from .wordml import clean, escape_text


@attrs.define
class Recorder:
    """The pieces of text that went into the document, in rendering order."""

    texts: list[str] = attrs.field(factory=list)
    paused: bool = False

    def add(self, pieces: list[str]) -> None:
        # Kept as given; missing_texts() cleans each piece of characters XML forbids, as the
        # document holds it, and skips blank ones, once, when it checks.
        if not self.paused:
            self.texts.extend(pieces)


class Text(str):
    """A text value: ``{{ value }}`` writes it escaped, without characters XML forbids."""

    _recorder: Recorder

    def __new__(cls, value: object, recorder: Recorder) -> Text:
        text = super().__new__(cls, clean("" if value is None else str(value)))
        text._recorder = recorder
        return text

    def __html__(self) -> Markup:
        plain = str(self)
        self._recorder.add([plain])
        return Markup(escape_text(plain).replace('"', "&#34;").replace("'", "&#39;"))


class TrackedText(Text):
    """A text of a tracked document: its pieces between the markers of their change (see
    :mod:`.revisions`), recorded without them for the loss check."""

    _pieces: list[str]

    def __new__(cls, marked: str, pieces: list[str], recorder: Recorder) -> TrackedText:
        text = str.__new__(cls, clean(marked))
        text._recorder = recorder
        text._pieces = [clean(p) for p in pieces]
        return text

    def __html__(self) -> Markup:
        self._recorder.add(self._pieces)
        return Markup(escape_text(str(self)).replace('"', "&#34;").replace("'", "&#39;"))


class Fragment:
    """Ready Word XML: runs (``{{r value }}``) or paragraphs (``{{p value }}``)."""

    def __init__(self, xml: str, texts: list[str], recorder: Recorder) -> None:
        self._xml = xml
        self._texts = texts
        self._recorder = recorder

    def __html__(self) -> Markup:
        self._recorder.add(self._texts)
        return Markup(self._xml)

    def __bool__(self) -> bool:
        return bool(self._xml)

    def __str__(self) -> str:
        return " ".join(self._texts)


class Rich:
    """Rich text (Markdown): ``.runs`` inside a paragraph, ``.paragraphs`` as paragraphs,
    ``.plain`` (or the value itself) as plain text."""

    def __init__(self, runs: Fragment, paragraphs: Fragment, plain: Text) -> None:
        self.runs = runs
        self.paragraphs = paragraphs
        self.plain = plain

    def __html__(self) -> Markup:
        return self.plain.__html__()

    def __bool__(self) -> bool:
        return bool(self.plain) or bool(self.paragraphs)

    def __str__(self) -> str:
        return str(self.plain)


T = TypeVar("T")


class LazyList(Sequence[T]):
    """A list of the context made only when the template reads it (``for``, ``[i]``,
    ``|length``, ``if``): the default layout never reads most of the programme's details."""

    def __init__(self, make: Callable[[], list[T]]) -> None:
        self._make: Callable[[], list[T]] | None = make
        self._items: list[T] = []

    @property
    def items(self) -> list[T]:
        if self._make is not None:
            self._items, self._make = self._make(), None
        return self._items

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        return self.items[index]

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyList):
            other = other.items
        return self.items == other

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(self.items)
