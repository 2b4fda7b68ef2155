"""The JSON Schema of event files, derived from the attrs model.

``confdocs schema`` prints it; editors use it to complete and check event files (see
``docs/schema.md``). It is made by walking the attrs classes of :mod:`confdocs.model`, so it
cannot drift from what the loader accepts: strings, whole numbers, true/false, dates as
``YYYY-MM-DD``, times as ``09:00`` or ``09h00``, durations as minutes or text (``10 mins``,
``1h30``), lists, and nested objects without unknown keys. Descriptions come from the model's
docstrings and ``#:`` comments.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import re
import typing
from collections.abc import Mapping
from typing import Any

import attrs

from .. import model
from ..limits import ID_LENGTH

SCHEMA_DIALECT = "http://json-schema.org/draft-07/schema#"
SCHEMA_ID = "https://confdocs.invalid/schema/event.json"

DATE = {
    "type": "string",
    "pattern": r"^\d{4}-\d{2}-\d{2}$",
    "format": "date",
    "description": "A date as YYYY-MM-DD.",
}
TIME = {
    "type": "string",
    "pattern": r"^\s*([01]?\d|2[0-3])\s*([hH:.]\s*([0-5]\d)?)?\s*$",
    "description": "A time of day: 09:00 or 09h00.",
    "examples": ["09:00", "09h00"],
}
DURATION = {
    "anyOf": [
        {"type": "integer", "minimum": 0},
        {
            "type": "string",
            "pattern": (
                r"^\s*(\d+\s*(h|hours?|hrs?)\s*)?(\d+\s*(m|mins?|minutes?)?)?\s*$"
                r"|^[Pp]?[Tt](\d+[Hh])?(\d+[Mm])?$"
            ),
        },
    ],
    "description": "Minutes: 10, 10 mins, 1h30 or PT10M.",
}

#: A text field that may be written in several languages (``settings.languages``).
TRANSLATABLE = {
    "anyOf": [
        {"type": "string"},
        {
            "type": "object",
            "description": "The text in each of the event's languages (settings.languages), "
            "the first language's required: {fr: …, ar: …}.",
            "propertyNames": {"pattern": r"^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*$"},
            "additionalProperties": {"type": "string"},
            "minProperties": 1,
        },
    ],
    "description": "A text, or a text per language.",
}
TRANSLATABLE_REF = {"$ref": "#/$defs/TextInLanguages"}

IDENTIFIER = {
    "type": "string",
    "pattern": r"^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._-]*(?<!\.)$",
    "maxLength": ID_LENGTH,
    "description": "An id: letters a-z and A-Z, digits, '-', '_' and '.', starting with a "
    "letter or a digit, without '..' or a dot at the end, not a name Windows reserves (CON, "
    "NUL, COM1 …).",
}
URL = {
    "type": "string",
    "pattern": r"^([Hh][Tt][Tt][Pp][Ss]?://|[Mm][Aa][Ii][Ll][Tt][Oo]:)[^\s\x00-\x1f\x7f]+$",
    "description": "A web address: https://, http:// or mailto:.",
}


def event_schema() -> dict[str, Any]:
    """The JSON Schema (draft-07, with ``$defs``) of an event file."""
    defs: dict[str, Any] = {}
    top = _class_schema(model.Event, defs)
    top["properties"] = {
        "include": {
            "description": "Catalog files (people, organisations, country sets, notes, texts) "
            "whose lists are added to this event's, relative to this file.",
            "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
        },
        **top["properties"],
    }
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_ID,
        "title": "confdocs event file",
        **top,
        "$defs": dict(sorted(defs.items())),
    }


def _class_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    docs = _field_docs(cls)
    properties: dict[str, Any] = {}
    required = []
    for field in attrs.fields(cls):
        if model.is_loaded(field):
            continue  # filled by the loader, never written in a file
        if model.is_duration(field):
            schema: dict[str, Any] = {"anyOf": [DURATION, {"type": "null"}]}
        elif model.is_identifier(field) or model.is_url(field):
            base = IDENTIFIER if model.is_identifier(field) else URL
            optional = field.default is not attrs.NOTHING
            schema = {"anyOf": [base, {"type": "null"}]} if optional else dict(base)
        else:
            schema = _type_schema(hints[field.name], defs, model.is_translatable(field))
        extra: dict[str, Any] = {}
        if field.name in docs:
            extra["description"] = docs[field.name]
        if field.default is attrs.NOTHING:
            required.append(field.name)
        else:
            default = _default(field)
            if default is not _UNSHOWN:
                extra["default"] = default
        if extra and "$ref" in schema:
            # Keywords beside $ref are ignored in draft-07: wrap it so editors show them.
            schema = {"allOf": [schema]}
        properties[field.name] = {**schema, **extra}
    out: dict[str, Any] = {"type": "object"}
    description = _class_doc(cls)
    if description:
        out["description"] = description
    out["properties"] = properties
    if required:
        out["required"] = required
    out["additionalProperties"] = False
    return out


def _type_schema(tp: Any, defs: dict[str, Any], translatable: bool = False) -> dict[str, Any]:
    """The schema of a field of type ``tp``; its texts may be given per language when it is
    ``translatable``."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp is str and translatable:
        defs.setdefault("TextInLanguages", TRANSLATABLE)
        return dict(TRANSLATABLE_REF)
    if tp is str:
        return {"type": "string"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is float:
        return {"type": "number"}
    if tp is dt.date:
        return dict(DATE)
    if tp is dt.time:
        return dict(TIME)
    if origin is typing.Literal:
        return {"enum": list(args)}
    if origin in (typing.Union, _union_type()):
        options = [_type_schema(a, defs, translatable) for a in args if a is not type(None)]
        if type(None) in args:
            options.append({"type": "null"})
        return options[0] if len(options) == 1 else {"anyOf": options}
    if origin is tuple:
        return {"type": "array", "items": _type_schema(args[0], defs, translatable)}
    if origin is frozenset:
        return {"type": "array", "items": _type_schema(args[0], defs), "uniqueItems": True}
    if origin in (Mapping, dict):
        return {
            "type": "object",
            "additionalProperties": _type_schema(args[1], defs, translatable),
        }
    if isinstance(tp, type) and attrs.has(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # a placeholder first, for classes that refer to themselves
            defs[name] = _class_schema(tp, defs)
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no JSON Schema for the model type {tp!r}")


def _union_type() -> Any:
    import types

    return types.UnionType


_UNSHOWN = object()


def _default(field: attrs.Attribute[Any]) -> Any:
    """The default as JSON, or ``_UNSHOWN`` when it is an object best left to the docs."""
    default = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        default = default.factory()  # type: ignore[union-attr]
    if attrs.has(type(default)):
        return _UNSHOWN
    if isinstance(default, frozenset | tuple):
        return sorted(default) if isinstance(default, frozenset) else list(default)
    if isinstance(default, dict):
        return default
    if default is None or isinstance(default, str | int | bool):
        return default
    return _UNSHOWN


def _class_doc(cls: type) -> str:
    doc = cls.__doc__ or ""
    if doc.startswith(f"{cls.__name__}("):  # attrs' generated signature, not a docstring
        return ""
    return " ".join(inspect.cleandoc(doc).split("\n\n")[0].split())


@functools.cache
def _field_docs(cls: type) -> dict[str, str]:
    """``#:`` comments above fields, in ``cls`` and its bases."""
    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if not attrs.has(klass):
            continue
        try:
            lines = inspect.getsource(klass).splitlines()
        except (OSError, TypeError):
            continue
        pending: list[str] = []
        for line in lines:
            stripped = line.strip()
            if stripped.startswith("#:"):
                pending.append(stripped[2:].strip())
                continue
            match = re.match(r"^(\w+)\s*:", stripped)
            if match and pending:
                docs[match.group(1)] = " ".join(pending)
            pending = []
    return docs
