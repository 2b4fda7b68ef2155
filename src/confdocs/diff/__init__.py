"""Versions: what changed between two versions of an event, and applying a change list.

``diff_events(old, new)`` is every difference as :class:`Change` objects (kind, place in each
version, values, the operations that make it); ``apply_changes(old, changes)`` makes the new
version from the old one and a change list (objects, or their JSON as ``confdocs diff --json``
prints it). ``compose`` gives a view its ``changes`` and its ``tracked`` document;
``confdocs.build(..., previous=old)`` does that for a build.
"""

from __future__ import annotations

from typing import Any

from ..model import Event
from .changes import Change, Words, ops_of
from .compose import DEFAULT_AUTHOR, changes_between, compose
from .engine import diff_events, word_diff
from .ops import ApplyError, Op, apply_ops
from .revisions import read_revision

__all__ = [
    "DEFAULT_AUTHOR",
    "ApplyError",
    "Change",
    "Op",
    "Words",
    "apply_changes",
    "apply_ops",
    "changes_between",
    "compose",
    "diff_events",
    "ops_of",
    "read_revision",
    "word_diff",
]


def apply_changes(old: Event, changes: Any) -> Event:
    """The event ``changes`` (a list of :class:`Change`, or the JSON of ``confdocs diff
    --json``) make of ``old``. Raises :class:`ApplyError` when they do not fit ``old``."""
    from ..loading.converter import shared_converter

    converter = shared_converter()
    data = apply_ops(converter.unstructure(old), ops_of(changes))
    try:
        return converter.structure(data, Event)
    except Exception as exc:
        raise ApplyError(f"the change list does not make a valid event: {exc}") from None
