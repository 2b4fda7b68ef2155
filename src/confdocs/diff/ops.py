"""Operations on an event's file form, and applying them: the change list made applicable.

Every change the diff reports carries the operations that make it, on the event as files write
it (``confdocs.dump_event``'s plain data, catalogs merged): ``set`` a value at a path of the new
version, ``insert`` an item into a list at its new place, ``remove`` an item from its place in
the old version, ``move`` an item from its old place to its new one. :func:`apply_ops` runs them
on the old version's data and gives the new version's: removals first (deepest and last first,
so every old place is still right), then insertions and moves in the new version's order, then
the values set. A moved item takes with it what was removed inside it, and what is inserted or
set inside it afterwards lands at its new place.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Iterable, Mapping
from typing import Any, Literal

import attrs

from ..loading.events import parse_path
from ..loading.sources import format_path
from ..model.walk import PathKey

OpKind = Literal["set", "insert", "remove", "move"]


@attrs.frozen
class Op:
    """One operation on the file form. ``path`` is a place in the new version (for ``set``,
    ``insert`` and ``move``), ``old_path`` one in the old version (``remove`` and ``move``);
    ``value`` is what is set or inserted (file form), ``old`` what was there before."""

    op: OpKind
    path: PathKey = ()
    old_path: PathKey = ()
    value: Any = None
    old: Any = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"op": self.op}
        if self.op != "remove":
            out["path"] = format_path(self.path)
        if self.op in ("remove", "move"):
            out["old_path"] = format_path(self.old_path)
        if self.op in ("set", "insert"):
            out["value"] = self.value
        if self.op in ("set", "remove"):
            out["old"] = self.old
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Op:
        op = data.get("op")
        if op not in ("set", "insert", "remove", "move"):
            raise ValueError(f"unknown operation {op!r}; expected set, insert, remove or move")
        return cls(
            op,
            parse_path(str(data.get("path", ""))),
            parse_path(str(data.get("old_path", ""))),
            copy.deepcopy(data.get("value")),
            copy.deepcopy(data.get("old")),
        )


def _order(path: PathKey) -> tuple[tuple[int, int | str], ...]:
    """A sort key for paths: indexes compare as numbers, keys as text, a parent before its
    children."""
    return tuple((0, p) if isinstance(p, int) else (1, p) for p in path)


class ApplyError(ValueError):
    """An operation does not fit the data it is applied to (a change list of other events)."""


def apply_ops(data: Any, ops: Iterable[Op]) -> Any:
    """The file form ``data`` (left unchanged) with ``ops`` applied."""
    result = copy.deepcopy(data)
    ops = list(ops)
    removals = [o for o in ops if o.op in ("remove", "move")]
    insertions = [o for o in ops if o.op in ("insert", "move")]
    values = [o for o in ops if o.op == "set"]
    taken: dict[PathKey, Any] = {}
    for op in sorted(removals, key=lambda o: _order(o.old_path), reverse=True):
        parent, last = _parent(result, op.old_path, create=False)
        try:
            item = parent.pop(last)
        except (IndexError, KeyError, TypeError, AttributeError):
            raise ApplyError(f"nothing to remove at {format_path(op.old_path)}") from None
        if op.op == "move":
            taken[op.old_path] = item
    for op in sorted(insertions, key=lambda o: _order(o.path)):
        item = taken.pop(op.old_path) if op.op == "move" else copy.deepcopy(op.value)
        parent, last = _parent(result, op.path, create=True, leaf_list=True)
        if not isinstance(parent, list) or not isinstance(last, int) or last > len(parent):
            raise ApplyError(f"cannot insert at {format_path(op.path)}")
        parent.insert(last, item)
    for op in values:
        if not op.path:
            result = copy.deepcopy(op.value)
            continue
        parent, last = _parent(result, op.path, create=True)
        try:
            parent[last] = copy.deepcopy(op.value)
        except (IndexError, TypeError):
            raise ApplyError(f"cannot set {format_path(op.path)}") from None
    return result


def _parent(data: Any, path: PathKey, create: bool, leaf_list: bool = False) -> tuple[Any, Any]:
    """The container holding ``path``'s last step, and that step. With ``create``, missing
    mappings and lists on the way are made (the file form leaves out what is empty or a
    default): a list where the next step is an index, a mapping where it is a key."""
    if not path:
        raise ApplyError("an operation needs a path")
    node = data
    for step, following in itertools.pairwise(path):
        fresh: Any = [] if isinstance(following, int) else {}
        if isinstance(node, dict) and isinstance(step, str):
            if node.get(step) is None:
                if not create:
                    raise ApplyError(f"no {format_path(path)} in the data")
                node[step] = fresh
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
        else:
            raise ApplyError(f"no {format_path(path)} in the data")
    last = path[-1]
    if leaf_list and isinstance(node, dict) and isinstance(last, int):
        raise ApplyError(f"cannot insert at {format_path(path)}")
    return node, last
