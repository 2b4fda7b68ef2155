"""The private cattrs converter: strict for what people type, tidy when written back."""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import typing
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from .. import model
from ..display import shown
from ..model.translations import Translated
from ..model.units import format_clock, parse_date, parse_duration, parse_time

#: The languages of the event being structured (``settings.languages``, read from its data
#: first, so that each text in several languages holds the default language's first).
_LANGUAGES: contextvars.ContextVar[tuple[str, ...]] = contextvars.ContextVar(
    "confdocs_languages", default=()
)


@contextlib.contextmanager
def languages_declared(languages: Sequence[str]) -> Iterator[None]:
    """Structure texts in several languages for an event that declares ``languages``."""
    token = _LANGUAGES.set(tuple(languages))
    try:
        yield
    finally:
        _LANGUAGES.reset(token)


def _strict_str(value: Any, _: Any) -> str:
    if isinstance(value, str):
        # One spelling of "café", however the editor encoded its accent: ids and references
        # compare equal, and text is stored as the Unicode standard recommends (NFC).
        if value.isascii() or unicodedata.is_normalized("NFC", value):
            return value
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return _translated(value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected text, got {_describe(value)}")
    return str(value)


def _translated(value: dict[Any, Any]) -> str:
    """A text per language (``{fr: …, ar: …}``), the default language's first. Whether the
    field may be translated, whether the event declares its languages and gives the default
    one, and whether each key is one of them, is checked after structuring, where the field
    and the place of each key are known (``loading/translations.py``)."""
    if not value:
        raise TypeError("expected text, or a text per language, got an empty mapping")
    texts: dict[str, str] = {}
    for key, text in value.items():
        if not isinstance(key, str):
            raise TypeError(f"a language is written as a code such as fr, not {shown(key)}")
        if isinstance(text, dict | list) or text is None:
            raise TypeError(f"{key}: expected text, got {_describe(text)}")
        texts[key] = _strict_str(text, str)
    declared = _LANGUAGES.get()
    if declared and declared[0] in texts:
        order = {language: i for i, language in enumerate(declared)}
        texts = dict(sorted(texts.items(), key=lambda item: order.get(item[0], len(order))))
    return Translated(texts)


def _unstructure_text(value: str) -> Any:
    """A text in several languages is written back as its mapping, the default first."""
    return dict(value.texts) if isinstance(value, Translated) else value


def _strict_int(value: Any, _: Any) -> int:
    if isinstance(value, bool):
        raise TypeError(f"expected a whole number, got {shown(value)}")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit() and len(value) < 100:
        return int(value)
    raise TypeError(f"expected a whole number, got {_describe(value)}")


def _strict_bool(value: Any, _: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise TypeError(f"expected true or false, got {_describe(value)}")


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (null)"
    return shown(value)


def _origin(tp: Any) -> Any:
    return typing.get_origin(tp)


def _is_tuple(tp: Any) -> bool:
    return _origin(tp) in (tuple, frozenset)


def make_converter() -> cattrs.Converter:
    """A new converter for event files; ``forbid_extra_keys`` turns typos into errors."""
    conv = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    conv.register_structure_hook(str, _strict_str)
    conv.register_structure_hook(int, _strict_int)
    conv.register_structure_hook(bool, _strict_bool)
    conv.register_structure_hook(dt.date, lambda v, _: parse_date(v))
    conv.register_structure_hook(dt.time, lambda v, _: parse_time(v))
    conv.register_unstructure_hook(str, _unstructure_text)
    conv.register_unstructure_hook(Translated, _unstructure_text)
    conv.register_unstructure_hook(dt.date, lambda v: v.isoformat())
    conv.register_unstructure_hook(dt.time, format_clock)

    def structure_collection(value: Any, tp: Any) -> Any:
        if not isinstance(value, list | tuple):
            raise TypeError(f"expected a list, got {_describe(value)}")
        (item_type, *_) = typing.get_args(tp)
        items = conv.structure(list(value), list[item_type])  # type: ignore[valid-type]
        return frozenset(items) if _origin(tp) is frozenset else tuple(items)

    conv.register_structure_hook_func(_is_tuple, structure_collection)
    conv.register_unstructure_hook_func(
        lambda tp: _origin(tp) is frozenset, lambda v: sorted(v)
    )
    conv.register_unstructure_hook_func(
        lambda tp: _origin(tp) is tuple, lambda v: [conv.unstructure(i) for i in v]
    )

    def structure_mapping(value: Any, tp: Any) -> Any:
        if not isinstance(value, dict):
            raise TypeError(f"expected a mapping, got {_describe(value)}")
        key_type, value_type = typing.get_args(tp)
        return {
            conv.structure(k, key_type): conv.structure(v, value_type) for k, v in value.items()
        }

    conv.register_structure_hook_func(
        lambda tp: _origin(tp) in (Mapping, dict), structure_mapping
    )

    # Fields marked as durations in the model take minutes as people write them ("10 mins").
    duration = override(struct_hook=lambda v, _: None if v is None else parse_duration(v))

    def structure_attrs_strict(value: Any, cls: Any) -> Any:
        if not isinstance(value, dict):
            raise TypeError(f"expected a mapping, got {_describe(value)}")
        return plain_attrs_hook(cls)(value, cls)

    hooks: dict[type, Any] = {}

    # Fields the loader fills (a logo's image) are never read from a file nor written to one.
    omitted = override(omit=True)

    def plain_attrs_hook(cls: type) -> Any:
        if cls not in hooks:
            overrides: dict[str, Any] = {
                name: duration for name in model.fields.duration_fields(cls)
            }
            overrides.update({name: omitted for name in model.fields.loaded_fields(cls)})
            hooks[cls] = make_dict_structure_fn(
                cls, conv, _cattrs_forbid_extra_keys=True, **overrides
            )
        return hooks[cls]

    conv.register_structure_hook_func(attrs.has, structure_attrs_strict)
    # Made when first needed: loading never pays for the code that writes events back.
    def unstructure_hook(cls: type) -> Any:
        written: dict[str, Any] = {name: omitted for name in model.fields.loaded_fields(cls)}
        return make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True, **written)

    conv.register_unstructure_hook_factory(attrs.has, unstructure_hook)
    return conv


@functools.cache
def shared_converter() -> cattrs.Converter:
    """The converter loading and dumping use: made once per process (cattrs generates and
    compiles a function per class, which costs more than structuring an event). Nothing
    changes it after it is made."""
    return make_converter()
