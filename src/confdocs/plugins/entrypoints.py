"""The plugins installed in an entry-point group, found as ``importlib.metadata`` finds them,
without importing it when the installation is plain folders.

Importing ``importlib.metadata`` imports the ``email`` package to read metadata (about 11 ms)
and listing the entry points through it takes 3 ms more: some 14 ms of every command that
loads its plugins, a twentieth of a cold build. The entry points themselves are a few lines
in each distribution's ``entry_points.txt``. :func:`entry_points` reads them the way
``importlib.metadata.entry_points(group=...)`` does on Python 3.11 to 3.13:

- the entries of ``sys.path`` in order, each listed once; a distribution is a
  ``NAME-VERSION.dist-info`` or ``.egg-info`` folder in one of them;
- a name (compared as PEP 503 normalises it, with ``_`` for ``-``) is taken from the first
  folder that has it, later ones with the same name are left out, as an older copy on a later
  path entry is;
- ``entry_points.txt`` is read as ``importlib.metadata`` reads it: ``[group]`` lines open a
  section, lines starting with ``#`` are comments, ``name = value`` the rest.

Anything else is handed to ``importlib.metadata`` itself, which then decides: a path entry
that is a zip file or an ``.egg``, or a finder on ``sys.meta_path`` that finds distributions
of its own. The test compares both ways on this machine's installation and on made-up ones.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Sequence
from functools import reduce
from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    import importlib.metadata

#: ``module``, ``module:attribute.attribute`` and extras in brackets, as ``importlib.metadata``
#: reads an entry point's value.
_VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")
_INFO_SUFFIXES = (".dist-info", ".egg-info")


@attrs.frozen
class EntryPoint:
    """One entry point: its ``name``, its ``value`` (``module:attribute``) and where its
    distribution's metadata is (a folder, or the distribution ``importlib.metadata`` found)."""

    name: str
    value: str
    group: str
    source: str | importlib.metadata.Distribution | None = attrs.field(default=None, eq=False)

    def load(self) -> Any:
        """Import the module and return the attribute the value names (the module if none)."""
        match = _VALUE.match(self.value)
        if match is None:
            raise ValueError(f"{self.value!r} is not module or module:attribute")
        module = importlib.import_module(match.group("module"))
        names = (match.group("attr") or "").split(".")
        return reduce(getattr, filter(None, names), module)

    @property
    def dist(self) -> importlib.metadata.Distribution | None:
        """The distribution that installed it, read only when asked for."""
        if self.source is None or not isinstance(self.source, str):
            return self.source
        import importlib.metadata

        return importlib.metadata.Distribution.at(self.source)


def entry_points(group: str) -> list[EntryPoint]:
    """The entry points of ``group`` installed on ``sys.path``, in the order
    ``importlib.metadata.entry_points(group=group)`` gives them."""
    found = _read_folders(group, sys.path)
    if found is not None:
        return found
    import importlib.metadata

    return [
        EntryPoint(ep.name, ep.value, group, ep.dist)
        for ep in importlib.metadata.entry_points(group=group)
    ]


def _read_folders(group: str, path: Sequence[str]) -> list[EntryPoint] | None:
    """The entry points, or None when the installation is not plain folders."""
    if any(
        callable(getattr(finder, "find_distributions", None)) and not _is_path_finder(finder)
        for finder in sys.meta_path
    ):
        return None
    seen: set[str] = set()
    out: list[EntryPoint] = []
    for entry in path:
        if not isinstance(entry, str):
            return None
        root = entry or "."
        if root.lower().endswith(".egg"):
            return None
        try:
            children = os.listdir(root)
        except OSError:
            if os.path.isfile(root):  # a zip file on the path
                return None
            continue
        # A folder's distributions in the order it lists them, the first of each name.
        infos: dict[str, str] = {}
        for child in children:
            low = child.lower()
            if low.endswith(_INFO_SUFFIXES):
                name = _normalised(low.rpartition(".")[0].partition("-")[0])
                infos.setdefault(name, os.path.join(root, child))
        for name, folder in infos.items():
            if name in seen:
                continue
            seen.add(name)
            found = _read(folder, group)
            if found is None:
                return None
            out.extend(found)
    return out


def _read(folder: str, group: str) -> list[EntryPoint] | None:
    """The group's entry points in a distribution's folder; None for a file that is not
    text or has a line that is no entry point (``importlib.metadata`` then says what)."""
    try:
        with open(os.path.join(folder, "entry_points.txt"), encoding="utf-8") as file:
            text = file.read()
    except UnicodeDecodeError:
        return None
    except OSError:
        return []
    out = []
    section = None
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
        elif section is not None:
            name, equals, value = line.partition("=")
            if not equals:
                return None
            if section == group:
                out.append(EntryPoint(name.strip(), value.strip(), group, folder))
    return out


def _normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


def _is_path_finder(finder: object) -> bool:
    from importlib.machinery import PathFinder

    return finder is PathFinder or (isinstance(finder, type) and issubclass(finder, PathFinder))
