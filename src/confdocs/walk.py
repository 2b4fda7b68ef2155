"""Walking an event's fields: every text, with its path."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from . import model
from .sources import PathKey

#: Fields written in Markdown (rich text); every other text is plain.
MARKDOWN_FIELDS: frozenset[tuple[type, str]] = frozenset(
    {
        (model.Event, "organised_by"),
        (model.Section, "body"),
        (model.Text, "body"),
        (model.Note, "text"),
        (model.Participants, "intro"),
        (model.Participants, "eligibility"),
        (model.Participants, "composition"),
        (model.Participants, "allocations_intro"),
        (model.Participants, "total_text"),
        (model.Allocation, "label"),
        (model.Role, "label"),
        (model.Venue, "text"),
        (model.Session, "title"),
        (model.Session, "body"),
        (model.Slot, "title"),
        (model.Slot, "body"),
        (model.Contribution, "title"),
        (model.Discussion, "text"),
    }
)


def text_fields(obj: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, type, str, str]]:
    """Every string in ``obj``: (path, owning class, field name, value)."""
    if not attrs.has(type(obj)):
        return
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        yield from _values(value, (*path, field.name), type(obj), field.name)


def _values(
    value: Any, path: PathKey, owner: type, name: str
) -> Iterator[tuple[PathKey, type, str, str]]:
    if isinstance(value, str):
        yield path, owner, name, value
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _values(item, (*path, i), owner, name)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _values(item, (*path, key), owner, name)
    elif attrs.has(type(value)):
        yield from text_fields(value, path)


def markdown_fields(event: model.Event) -> Iterator[tuple[PathKey, str]]:
    for path, owner, name, value in text_fields(event):
        if (owner, name) in MARKDOWN_FIELDS:
            yield path, value
