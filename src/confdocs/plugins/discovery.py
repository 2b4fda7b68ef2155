"""Finding plugins: the ``confdocs`` entry points of the installed distributions.

:func:`importlib.metadata.entry_points` gives the same answer, but importing
:mod:`importlib.metadata` costs about 20 ms (it brings in ``email``, ``zipfile``, ``csv`` …) and
its scan about 7 ms more, in every command, for a few lines of text. :func:`entry_points`
reads them itself: for each folder on ``sys.path``, in order, the ``entry_points.txt`` of its
``*.dist-info`` and ``*.egg-info`` folders, keeping the first distribution of each name, as
importlib.metadata does. Where that would not see everything importlib.metadata sees (a zip
file or an egg on ``sys.path``, an import hook that lists distributions of its own), it asks
importlib.metadata instead. A distribution's version and name are read only when asked for.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Iterator
from typing import Any

#: How importlib.metadata reads an entry point's value: ``module``, ``module:attr``, extras.
_VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")
_SEPARATORS = re.compile(r"[-_.]+")


class EntryPoint:
    """One entry point: its name and value (``module`` or ``module:attr``), and where its
    distribution's metadata is."""

    __slots__ = ("_dist", "dist_path", "group", "name", "value")

    def __init__(self, name: str, value: str, group: str, dist_path: str | None) -> None:
        self.name, self.value, self.group, self.dist_path = name, value, group, dist_path
        self._dist: Any = None

    def load(self) -> Any:
        """Import the module (and the attribute) the entry point names."""
        match = _VALUE.match(self.value)
        if match is None:
            raise ValueError(f"{self.value!r} is not an entry point's 'module:attribute'")
        found: Any = importlib.import_module(match.group("module"))
        for part in (match.group("attr") or "").split("."):
            if part:
                found = getattr(found, part)
        return found

    @property
    def dist(self) -> Any:
        """The :class:`importlib.metadata.Distribution` it comes from (read when asked for)."""
        if self._dist is None and self.dist_path is not None:
            import importlib.metadata
            import pathlib

            self._dist = importlib.metadata.PathDistribution(pathlib.Path(self.dist_path))
        return self._dist

    def __repr__(self) -> str:
        return f"EntryPoint(name={self.name!r}, value={self.value!r}, group={self.group!r})"


def entry_points(group: str) -> list[Any]:
    """The entry points of ``group``, as :func:`importlib.metadata.entry_points` finds them
    (objects with ``name``, ``value``, ``load()`` and ``dist``)."""
    if not _readable_by_hand():
        import importlib.metadata

        return list(importlib.metadata.entry_points(group=group))
    return list(_scan(group))


def _readable_by_hand() -> bool:
    from importlib.machinery import PathFinder

    for finder in sys.meta_path:
        if finder is not PathFinder and hasattr(finder, "find_distributions"):
            return False
    for entry in sys.path:
        folder = entry or "."
        if folder.lower().endswith(".egg") or (
            not os.path.isdir(folder) and os.path.exists(folder)
        ):
            return False
    return True


def _scan(group: str) -> Iterator[EntryPoint]:
    seen: set[str] = set()
    for entry in sys.path:
        folder = entry or "."
        try:
            children = os.listdir(folder)
        except OSError:
            continue
        for child in children:
            low = child.lower()
            if not low.endswith((".dist-info", ".egg-info")):
                continue
            name = _normalize(low.rpartition(".")[0].partition("-")[0])
            if name in seen:
                continue
            seen.add(name)
            path = os.path.join(folder, child)
            try:
                with open(os.path.join(path, "entry_points.txt"), encoding="utf-8") as file:
                    text = file.read()
            except (OSError, UnicodeDecodeError):
                continue
            for item, value in _section(text, group):
                yield EntryPoint(item, value, group, path)


def _normalize(name: str) -> str:
    """PEP 503 normalisation, dashes as underscores (importlib.metadata's ``Prepared``)."""
    return _SEPARATORS.sub("-", name).lower().replace("-", "_")


def _section(text: str, group: str) -> Iterator[tuple[str, str]]:
    """``name = value`` pairs of section ``[group]``, read as importlib.metadata reads them."""
    section = None
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
            continue
        if section == group and "=" in line:
            name, value = line.split("=", 1)
            yield name.strip(), value.strip()
