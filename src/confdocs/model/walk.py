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
    languages is one :class:`~confdocs.model.Translated` value (see :func:`each_language`).
    In document order, depth first; collected in one walk (nested generators cost twice as
    much, and loading walks every event twice)."""
    found: list[TextField] = []
    if attrs.has(type(obj)):
        _collect_object(obj, path, found)
    return iter(found)


def _collect_object(obj: Any, path: PathKey, found: list[TextField]) -> None:
    for field in attrs.fields(type(obj)):
        _collect(getattr(obj, field.name), (*path, field.name), field, found)


def _collect(
    value: Any, path: PathKey, field: attrs.Attribute[Any], found: list[TextField]
) -> None:
    if isinstance(value, str):
        found.append((path, field, value))
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            _collect(item, (*path, i), field, found)
    elif isinstance(value, dict):
        for key, item in value.items():
            _collect(item, (*path, key), field, found)
    elif value is not None and attrs.has(type(value)):
        _collect_object(value, path, found)


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
