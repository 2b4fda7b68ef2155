"""Walking an event's fields: every text, with its path and the field it stands in."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from .fields import is_markdown
from .translations import Translated

#: A place inside the file form: ``("programme", "days", 1, "start")``.
PathKey = tuple[str | int, ...]
#: A text of the event: its path, the field it stands in, its value.
TextField = tuple[PathKey, "attrs.Attribute[Any]", str]


def text_fields(obj: Any, path: PathKey = ()) -> Iterator[TextField]:
    """Every string in ``obj``: (path, the field it stands in, value); a text in several
    languages is one :class:`~confdocs.model.Translated` value (see :func:`each_language`)."""
    if not attrs.has(type(obj)):
        return
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        yield from _values(value, (*path, field.name), field)


def _values(value: Any, path: PathKey, field: attrs.Attribute[Any]) -> Iterator[TextField]:
    if isinstance(value, str):
        yield path, field, value
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _values(item, (*path, i), field)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _values(item, (*path, key), field)
    elif attrs.has(type(value)):
        yield from text_fields(value, path)


def each_language(path: PathKey, value: str) -> Iterator[tuple[PathKey, str]]:
    """``value`` with its path, or, for a text in several languages, each language's text at
    its own path (``("title", "fr")``, where the file writes it)."""
    if isinstance(value, Translated):
        for language, text in value.texts.items():
            yield (*path, language), text
    else:
        yield path, value


def markdown_fields(event: Any) -> Iterator[tuple[PathKey, str]]:
    """Every Markdown text of ``event`` (fields marked so in their metadata), each language's,
    with its path."""
    for path, field, value in text_fields(event):
        if is_markdown(field):
            yield from each_language(path, value)
