"""cattrs' errors, turned into problems with a path, a file, a line and a column."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import attrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)

from ..display import shown
from ..errors import Location, Problem, in_reading_order
from ..model.walk import PathKey

Locate = Callable[[PathKey, bool], Location]


def problems_from(exc: BaseException, locate: Locate, cls: type | None = None) -> list[Problem]:
    """Every leaf of a cattrs validation error, with its place. A required key missing where
    an unknown key is its likely misspelling (``titel`` for ``title``) is one mistake, said
    once, at the misspelling."""
    found = list(_walk(exc, (), cls))
    misspelt = {(*leaf.path[:-1], leaf.hint) for leaf in found if leaf.hint is not None}
    problems = [
        Problem(leaf.message, locate(leaf.path, leaf.is_key))
        for leaf in found
        if not (leaf.missing and leaf.path in misspelt)
    ]
    return in_reading_order(problems)


def refused_values(exc: BaseException) -> list[PathKey]:
    """Where the values cattrs could not read are, in ``exc`` (not its unknown keys, whose
    absence changes nothing)."""
    return [leaf.path for leaf in _walk(exc, (), None) if not leaf.is_key and not leaf.missing]


def without_mistakes(exc: BaseException, data: Any) -> Any | None:
    """``data`` without the keys and values cattrs refused in ``exc`` (an unknown key, a
    value it cannot read, such as a duration written "75 minutos"), so that the event can be
    structured once more, each refused field taking its default, and checked for the
    problems found only then (unknown people, rooms, countries): a file's mistakes are told
    at once rather than in turns. None when that cannot be done: a required key is missing,
    a refused value is an item of a list (leaving it out would move the ones after it), one
    of the settings or a whole part of the file (``people: 5``), by which the rest is read
    (without its ``languages`` every text in several languages would be an error, without
    its people every speaker unknown).
    The parts of ``data`` on the way to each refused key are copied; the rest is shared."""
    leaves = list(_walk(exc, (), None))
    if not leaves or any(leaf.missing or not leaf.path for leaf in leaves):
        return None
    if any(
        not leaf.is_key and (leaf.path[0] == "settings" or len(leaf.path) == 1) for leaf in leaves
    ):
        # What the rest is read by: the settings (its languages, locale), a whole part or
        # catalog (without its people, every speaker would be unknown).
        return None
    if any(not isinstance(leaf.path[-1], str) for leaf in leaves):
        return None
    copied: dict[PathKey, Any] = {}

    def own(path: PathKey) -> Any:
        """The container at ``path``, copied once, in its copied parent."""
        if path in copied:
            return copied[path]
        if not path:
            made = copied[path] = _copy(data)
            return made
        parent = own(path[:-1])
        step = path[-1]
        if parent is None or not _holds(parent, step):
            return None
        made = copied[path] = _copy(parent[step])
        parent[step] = made
        return made

    for leaf in leaves:
        container = own(leaf.path[:-1])
        if not isinstance(container, dict) or leaf.path[-1] not in container:
            return None
        del container[leaf.path[-1]]
    return copied[()]


def _holds(container: Any, step: str | int) -> bool:
    if isinstance(container, dict):
        return step in container
    return isinstance(container, list) and isinstance(step, int) and 0 <= step < len(container)


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return dict(value)
    return list(value) if isinstance(value, list) else value


@attrs.frozen
class _Leaf:
    """One mistake cattrs found: where, what it says, and what ``problems_from`` needs to
    say a misspelt required key once."""

    path: PathKey
    message: str
    is_key: bool = False
    #: For an unknown key, the allowed key it is closest to.
    hint: str | None = None
    #: A required key that is missing.
    missing: bool = False


def _walk(exc: BaseException, path: PathKey, cls: Any) -> Iterator[_Leaf]:
    if isinstance(exc, ClassValidationError | IterableValidationError):
        for sub in exc.exceptions:
            step, sub_cls = _step(sub, exc)
            yield from _walk(sub, (*path, step) if step is not None else path, sub_cls)
        return
    if isinstance(exc, ForbiddenExtraKeysError):
        import difflib  # only for a mistake: not on every load

        allowed = [f.name for f in attrs.fields(exc.cl)] if attrs.has(exc.cl) else []
        for key in sorted(exc.extra_fields):
            # 0.65: "titel", "cty", "given", "mob", "start_time" are still told (given_name,
            # mobile, start); "role" is not told "people" (0.6).
            hint = difflib.get_close_matches(key, allowed, n=1, cutoff=0.65)
            suggestion = f" (did you mean {shown(hint[0])}?)" if hint else ""
            yield _Leaf(
                (*path, key),
                f"unknown key {shown(key)}{suggestion}; allowed: {', '.join(allowed)}",
                is_key=True,
                hint=hint[0] if hint else None,
            )
        return
    if isinstance(exc, KeyError):
        # A required key is missing: the path ends at its name; locate() finds the parent.
        name = path[-1] if path else exc.args[0]
        yield _Leaf(path, f"missing required key {shown(name)}", missing=True)
        return
    yield _Leaf(path, _message(exc))


def _step(sub: BaseException, parent: BaseException) -> tuple[str | int | None, Any]:
    for note in getattr(sub, "__notes__", []):
        name = getattr(note, "name", None)
        if name is not None:
            return name, getattr(note, "type", None)
        index = getattr(note, "index", None)
        if index is not None:
            return index, getattr(note, "type", None)
    return None, None


_LITERAL = re.compile(r"^(?P<value>.*) not in literal typing\.Literal\[(?P<choices>.*)\]$", re.S)


def _message(exc: BaseException) -> str:
    text = str(exc)
    literal = _LITERAL.match(text)
    if literal:
        return f"{shown(literal['value'])} is not allowed here; choose one of {literal['choices']}"
    if isinstance(exc, ValueError | TypeError) and text:
        if "Literal" in text:
            value = getattr(exc, "input", None)
            allowed = getattr(exc, "type", None)
            if allowed is not None:
                choices = ", ".join(repr(a) for a in getattr(allowed, "__args__", ()))
                return f"{shown(value)} is not allowed here; choose one of {choices}"
        return text
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
