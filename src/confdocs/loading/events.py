"""Event files → :class:`~confdocs.model.Event`: includes, structuring, references.

Every problem is an :class:`~confdocs.errors.InputError` whose problems carry file, line, column
and the path inside the document, also those found after structuring (an unknown reference).
"""

from __future__ import annotations

import functools
import os
import re
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
from cattrs.errors import BaseValidationError

from ..collector import paused
from ..display import shown
from ..errors import InputError, Location, Problem, in_reading_order
from ..model import Event
from ..model.event import SHARED_LISTS
from ..model.walk import PathKey
from .converter import languages_declared, shared_converter
from .files import refuse_special
from .images import attach_images
from .sources import Source, format_path, read_source

#: Keys a catalog file may hold; their lists are added to the event's.
CATALOG_KEYS = SHARED_LISTS


@attrs.define
class SourceMap:
    """Where each part of a loaded event came from, for messages and findings."""

    main: Source
    #: For catalog lists: merged index → (source, index in that source).
    origins: dict[str, list[tuple[Source, int]]] = attrs.field(factory=dict)
    files: list[str] = attrs.field(factory=list)
    #: The includes that are symbolic links, as the files name them (absolute; ``files`` has
    #: where they lead): ``serve`` watches both.
    links: list[str] = attrs.field(factory=list)

    def folder_of(self, path: PathKey) -> Path:
        """The folder of the file ``path`` was written in (a catalog's, for its lists)."""
        source = self.main
        if len(path) >= 2 and path[0] in self.origins and isinstance(path[1], int):
            entries = self.origins[str(path[0])]
            if path[1] < len(entries):
                source = entries[path[1]][0]
        return Path(source.file).resolve().parent

    def locate(self, path: PathKey | str, key: bool = False) -> Location:
        """The file, line and column of ``path`` (a tuple, or text as in messages)."""
        if isinstance(path, str):
            path = parse_path(path)
        if len(path) >= 2 and path[0] in self.origins and isinstance(path[1], int):
            entries = self.origins[str(path[0])]
            if path[1] < len(entries):
                source, index = entries[path[1]]
                found = source.locate((path[0], index, *path[2:]), key)
                return attrs.evolve(found, path=format_path(path))
        return self.main.locate(path, key)

    def missing_item(self, path: PathKey | str) -> tuple[str, int] | None:
        """Where ``path`` names an item that a list in the files does not have
        (``programme.days[9]`` of an event of two days): that list's path and its length. None
        when each list on the way has its item; a key the files leave out is not missing (it
        may be a value they need not write)."""
        if isinstance(path, str):
            path = parse_path(path)
        data: Any = self.main.data
        walk: PathKey = path
        if len(path) >= 2 and path[0] in self.origins and isinstance(path[1], int):
            entries = self.origins[str(path[0])]
            if path[1] >= len(entries):
                return format_path(path[:1]), len(entries)
            source, index = entries[path[1]]
            data, walk = source.data, (path[0], index, *path[2:])
        for n, part in enumerate(walk):
            if isinstance(part, int):
                if not isinstance(data, list):
                    return None
                if part >= len(data):
                    return format_path(path[:n]), len(data)
            elif not isinstance(data, dict) or part not in data:
                return None
            data = data[part]
        return None


def parse_path(text: str) -> PathKey:
    """``programme.days[1].start`` → ``("programme", "days", 1, "start")``."""
    out: list[str | int] = []
    for part in text.replace("[", ".[").split("."):
        if not part:
            continue
        if part.startswith("[") and part.endswith("]") and part[1:-1].isdigit():
            out.append(int(part[1:-1]))
        else:
            out.append(part)
    return tuple(out)


@attrs.frozen
class LoadedEvent:
    event: Event
    sources: SourceMap


def load_event(
    path: str | os.PathLike[str], catalog_path: Sequence[str | os.PathLike[str]] = ()
) -> Event:
    """Read an event file (YAML, TOML or JSON) with its includes into an :class:`Event`.

    Raises :class:`~confdocs.errors.InputError` listing every problem with its place.
    ``catalog_path`` names folders that includes may reach besides the event's own folder
    (``CONFDOCS_CATALOG_PATH`` adds more).
    """
    return load_event_with_sources(path, catalog_path).event


def load_event_with_sources(
    path: str | os.PathLike[str], catalog_path: Sequence[str | os.PathLike[str]] = ()
) -> LoadedEvent:
    """Like :func:`load_event`, also returning where each part came from."""
    # Loading makes many small containers and no reference cycles worth collecting: the
    # collector would walk the growing tree again and again (a fifth of a large event's time).
    with paused():
        loaded = _load(Path(path), catalog_path)
    _remember_sources(loaded.event, loaded.sources)
    return loaded


#: The source map of each event ``load_event`` read, by identity, while the event lives.
_SOURCES: dict[int, tuple[weakref.ref[Event], SourceMap]] = {}


def _remember_sources(event: Event, sources: SourceMap) -> None:
    key = id(event)
    _SOURCES[key] = (weakref.ref(event, lambda _: _SOURCES.pop(key, None)), sources)


def sources_of(event: Event) -> SourceMap | None:
    """Where the parts of ``event`` came from, if :func:`load_event` read it; else None."""
    entry = _SOURCES.get(id(event))
    if entry is None or entry[0]() is not event:
        return None
    return entry[1]


def _load(file: Path, catalog_path: Sequence[str | os.PathLike[str]]) -> LoadedEvent:
    main = read_source(file, "event file")
    roots = [file.resolve().parent, *_catalog_roots(catalog_path)]
    data = dict(main.data)
    sources = SourceMap(main, files=[str(file)])
    includes = data.pop("include", [])
    own = {key: data.pop(key, None) for key in CATALOG_KEYS}
    for key, value in own.items():
        if value is not None and not isinstance(value, list):
            raise InputError(Problem("expected a list", main.locate((key,))))
    merged: dict[str, list[Any]] = {key: [] for key in CATALOG_KEYS}
    _include(main, includes, roots, merged, sources, chain=[file.resolve()], seen={})
    for key in CATALOG_KEYS:
        for index, item in enumerate(own[key] or []):
            merged[key].append(item)
            sources.origins.setdefault(key, []).append((main, index))
        if merged[key]:
            data[key] = merged[key]
    event = _structured(data, sources)
    problems = check_event(event, sources)
    if problems:
        raise InputError(problems)
    event, problems = attach_images(event, sources.folder_of, sources.locate, roots)
    if problems:
        raise InputError(problems)
    return LoadedEvent(event, sources)


def _structured(data: Any, sources: SourceMap) -> Event:
    """The event of ``data``. When some of its values cannot be read, the problems are those
    and, where the event can be made without them (see
    :func:`~confdocs.loading.structuring.without_mistakes`), the ones its check finds then:
    every mistake of the file in one report, in reading order."""
    try:
        return structure_event(data, sources.locate)
    except _Unreadable as refused:
        from .structuring import refused_values, without_mistakes

        fixed = without_mistakes(refused.cause, data)
        if fixed is None:
            raise
        try:
            rest = check_event(structure_event(fixed, sources.locate), sources)
        except InputError:
            raise refused from None
        # A problem of the object a value was left out of, or of one of its fields, may only
        # be its absence (a slot whose all_day could not be read "needs a start time"): the
        # value's own is said. Deeper ones (a speaker of its list) stand, and an unknown
        # key's absence changes nothing.
        objects = [format_path(path[:-1]) for path in refused_values(refused.cause)]
        rest = [
            p
            for p in rest
            if p.location is None or not any(_of(p.location.path, o) for o in objects)
        ]
        raise InputError(in_reading_order([*refused.problems, *rest])) from None


def _of(path: str, holder: str) -> bool:
    """Whether the document path ``path`` is ``holder``'s or one of its fields' ("x.y" and
    "x.y.z", not "x.y.z[0]" nor "x.yz")."""
    if path == holder:
        return True
    prefix = f"{holder}." if holder else ""
    field = path[len(prefix) :]
    return path.startswith(prefix) and bool(field) and not any(mark in field for mark in ".[")


class _Unreadable(InputError):
    """Values of the event that cattrs could not read, with its error (``cause``)."""

    def __init__(self, problems: list[Problem], cause: BaseValidationError) -> None:
        super().__init__(problems)
        self.cause = cause


def structure_event(data: Any, locate: Any) -> Event:
    converter = shared_converter()
    try:
        with languages_declared(_declared_languages(data)):
            return converter.structure(data, Event)
    except BaseValidationError as exc:
        from .structuring import problems_from

        raise _Unreadable(problems_from(exc, locate), exc) from None
    except (TypeError, ValueError) as exc:
        raise InputError(Problem(str(exc), locate((), False))) from None


def _declared_languages(data: Any) -> list[str]:
    """``settings.languages`` as the file writes it, when it is a list of texts (else its own
    error is reported); an event that declares languages but no locale is written in the
    first of them, so ``settings.locale`` becomes that one."""
    settings = data.get("settings") if isinstance(data, dict) else None
    if not isinstance(settings, dict):
        return []
    languages = settings.get("languages")
    if not isinstance(languages, list) or not all(isinstance(x, str) for x in languages):
        return []
    if languages and "locale" not in settings:
        data["settings"] = {**settings, "locale": languages[0]}
    return languages


def _catalog_roots(extra: Sequence[str | os.PathLike[str]]) -> list[Path]:
    env = os.environ.get("CONFDOCS_CATALOG_PATH", "")
    folders = [*extra, *(p for p in env.split(os.pathsep) if p)]
    return [Path(f).resolve() for f in folders]


def _include(
    source: Source,
    includes: Any,
    roots: list[Path],
    merged: dict[str, list[Any]],
    sources: SourceMap,
    chain: list[Path],
    seen: dict[Path, Location],
) -> None:
    """Read ``includes`` into ``merged``. Each file is read once: one included again (by the
    same file or another) is refused, as includes that share a catalog would otherwise read
    it, and repeat its text, once per path to it (2ⁿ times through n files that each include
    the next twice)."""
    if isinstance(includes, str):
        includes = [includes]
    if not isinstance(includes, list):
        raise InputError(
            Problem("include: expected a list of file names", source.locate(("include",)))
        )
    base = Path(source.file).resolve().parent
    for index, name in enumerate(includes):
        where = source.locate(("include", index))
        if not isinstance(name, str) or not name.strip():
            raise InputError(Problem("include: expected a file name", where))
        target = (base / name).resolve()
        if not any(target.is_relative_to(root) for root in roots):
            raise InputError(
                Problem(
                    f"include {shown(name)} leaves the event's folder; put the catalog beside the "
                    "event, or name its folder with --catalog or CONFDOCS_CATALOG_PATH",
                    where,
                )
            )
        if target in chain:
            cycle = " → ".join(p.name for p in [*chain[chain.index(target) :], target])
            raise InputError(Problem(f"include cycle: {cycle}", where))
        if not target.exists():
            raise InputError(Problem(f"included file {shown(name)} not found", where))
        if target in seen:
            raise InputError(
                Problem(
                    f"included file {shown(name)} is already included (at {seen[target]}); "
                    "a catalog is included once",
                    where,
                )
            )
        seen[target] = where
        refuse_special(target, "included file", where)
        catalog = read_source(target, "included file")
        data = dict(catalog.data)
        nested = data.pop("include", [])
        for key in data:
            if key not in CATALOG_KEYS:
                raise InputError(
                    Problem(
                        f"unknown key {shown(key)} in a catalog; allowed: include, "
                        + ", ".join(CATALOG_KEYS),
                        catalog.locate((key,), key=True),
                    )
                )
        _include(catalog, nested, roots, merged, sources, [*chain, target], seen)
        sources.files.append(str(target))
        if (base / name).is_symlink():
            sources.links.append(str(base / name))
        for key in CATALOG_KEYS:
            items = data.get(key)
            if items is None:
                continue
            if not isinstance(items, list):
                raise InputError(Problem("expected a list", catalog.locate((key,))))
            for item_index, item in enumerate(items):
                merged[key].append(item)
                sources.origins.setdefault(key, []).append((catalog, item_index))


def check_event(event: Event, sources: SourceMap | None = None) -> list[Problem]:
    """Problems that structuring cannot see: references, codes, impossible times."""
    from .references import find_problems

    def locate(path: PathKey) -> Location:
        if sources is None:
            return Location("<event>", None, None, format_path(path))
        return sources.locate(path)

    found = [Problem(message, locate(path)) for path, message in find_problems(event)]
    return in_reading_order(found)


def dump_event(event: Event, fmt: str = "yaml") -> str:
    """The file form of ``event`` as ``yaml`` or ``json``; it loads back equal."""
    data = shared_converter().unstructure(event)
    if fmt == "json":
        import json

        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    import yaml

    return str(yaml.dump(data, Dumper=_dumper(), allow_unicode=True, sort_keys=False, width=100))


#: Characters YAML reads as line breaks or drops unless they are escaped in double quotes.
_YAML_FRAGILE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


@functools.cache
def _dumper() -> Any:
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        # A NEL or LINE SEPARATOR written raw reads back as a space: quote and escape it.
        style = '"' if _YAML_FRAGILE.search(value) else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    return Dumper
