"""A change between two versions of an event: what kind it is, where, and how to make it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

import attrs

from ..loading.events import parse_path
from ..loading.sources import format_path
from ..model.walk import PathKey
from .ops import Op

#: A word-level difference of two texts: runs of ``("equal" | "delete" | "insert", text)``.
Words = tuple[tuple[str, str], ...]

_EMPTY: Mapping[str, Any] = MappingProxyType({})


def _path(value: PathKey | str) -> PathKey:
    return parse_path(value) if isinstance(value, str) else tuple(value)


def _ops(value: Iterable[Op]) -> tuple[Op, ...]:
    return tuple(value)


@attrs.frozen
class Change:
    """One difference between the old and the new version of an event.

    ``kind`` is a stable code (``slot.moved``, ``speaker.replaced``, ``country.added`` …; a
    plugin's kinds start with its name). ``path`` is where it stands in the new version (empty
    for a removal), ``old_path`` where it stood in the old one (empty for an addition), both
    counting from 0 as files write them. ``old`` and ``new`` are the values each version has
    (file form: ids, codes, minutes, text). ``ops`` make the change on the old version's file
    form (see :mod:`confdocs.diff.ops`); ``words`` is the word-level difference of an edited
    text; ``about`` names what the change concerns (``{"slot": path}``, ``{"group": id}`` …) so
    it can be described. ``message`` is a plugin's own description of its change.
    """

    kind: str
    path: PathKey = attrs.field(default=(), converter=_path)
    old_path: PathKey = attrs.field(default=(), converter=_path)
    old: Any = None
    new: Any = None
    ops: tuple[Op, ...] = attrs.field(default=(), converter=_ops)
    words: Words = ()
    about: Mapping[str, Any] = attrs.field(default=_EMPTY, eq=False)
    message: str | None = None

    @property
    def where(self) -> str:
        """The path shown with the change: the new place, or the old one for a removal."""
        return format_path(self.path or self.old_path)

    @property
    def place(self) -> PathKey:
        """Where to point in the new version: the first value the change sets or moves (a
        person's family name, a slot's start), else the change's path; empty for a
        removal."""
        if not self.path:
            return ()
        for op in self.ops:
            if op.path:
                return op.path
        return self.path

    @property
    def old_place(self) -> PathKey:
        """Where to point in the old version (empty for an addition)."""
        if not self.old_path:
            return ()
        for op in self.ops:
            if op.old_path:
                return op.old_path
        return self.old_path

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "path": format_path(self.path) if self.path else None,
            "old_path": format_path(self.old_path) if self.old_path else None,
            "old": self.old,
            "new": self.new,
        }
        if self.words:
            out["words"] = [{"op": op, "text": text} for op, text in self.words]
        out["ops"] = [op.to_json() for op in self.ops]
        return out


def ops_of(changes: Iterable[Change | Mapping[str, Any]]) -> list[Op]:
    """Every operation of a change list: :class:`Change` objects or their JSON form (what
    ``confdocs diff --json`` prints, or its ``changes`` list)."""
    if isinstance(changes, Mapping):
        changes = changes.get("changes", [])
    out: list[Op] = []
    for change in changes:
        if isinstance(change, Change):
            out.extend(change.ops)
        else:
            items: Sequence[Any] = change.get("ops") or []
            out.extend(Op.from_json(item) for item in items)
    return out
