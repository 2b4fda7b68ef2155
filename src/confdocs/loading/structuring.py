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
from ..errors import Location, Problem
from ..model.walk import PathKey

Locate = Callable[[PathKey, bool], Location]


def problems_from(exc: BaseException, locate: Locate, cls: type | None = None) -> list[Problem]:
    """Every leaf of a cattrs validation error, with its place."""
    return [Problem(message, locate(path, is_key)) for path, message, is_key in _walk(exc, (), cls)]


def _walk(exc: BaseException, path: PathKey, cls: Any) -> Iterator[tuple[PathKey, str, bool]]:
    if isinstance(exc, ClassValidationError | IterableValidationError):
        for sub in exc.exceptions:
            step, sub_cls = _step(sub, exc)
            yield from _walk(sub, (*path, step) if step is not None else path, sub_cls)
        return
    if isinstance(exc, ForbiddenExtraKeysError):
        import difflib  # only for a mistake: not on every load

        allowed = [f.name for f in attrs.fields(exc.cl)] if attrs.has(exc.cl) else []
        for key in sorted(exc.extra_fields):
            hint = difflib.get_close_matches(key, allowed, n=1)
            suggestion = f" (did you mean {shown(hint[0])}?)" if hint else ""
            yield (
                (*path, key),
                f"unknown key {shown(key)}{suggestion}; allowed: {', '.join(allowed)}",
                True,
            )
        return
    if isinstance(exc, KeyError):
        # A required key is missing: the path ends at its name; locate() finds the parent.
        name = path[-1] if path else exc.args[0]
        yield path, f"missing required key {shown(name)}", False
        return
    yield path, _message(exc), False


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
