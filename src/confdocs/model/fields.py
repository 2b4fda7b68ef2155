"""Facts about fields, kept on the fields: ``attrs.field(metadata=...)``.

A field of the model may be written in Markdown (rich text), may be one a person can mark
``internal`` (left out of a public build), may take a duration as people write it (``10
mins``), may be an id (a portable file-name slug) or a web address, and may be translated: a
text (prose, which a document in another language needs translated) or a name (kept as written
unless the event gives it in that language). Loading, the view, the
audience filter and the JSON Schema all read these facts from the fields themselves, through
the functions here, so no table beside the model can drift from it.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

MARKDOWN = "confdocs.markdown"
PRIVATE = "confdocs.private"
DURATION = "confdocs.duration"
IDENTIFIER = "confdocs.identifier"
URL = "confdocs.url"
LOADED = "confdocs.loaded"
TRANSLATION = "confdocs.translation"


#: Prose in the document's language: a text per language (``{fr: …, ar: …}``) or one text;
#: a document in a language it lacks uses the default language's and says so, and ``check``
#: reports the missing translation.
PLAIN_TEXT: Mapping[str, object] = MappingProxyType({TRANSLATION: "text"})
#: A name (of a person, an organisation, a place, a room) or a convention (a time pattern):
#: a text per language or one, kept as written in a language it lacks, and not reported.
NAME: Mapping[str, object] = MappingProxyType({TRANSLATION: "name"})
#: ``attrs.field(metadata=MARKDOWN_TEXT)``: written in Markdown (CommonMark, ``[^id]`` notes);
#: prose, so translated as :data:`PLAIN_TEXT` is.
MARKDOWN_TEXT: Mapping[str, object] = MappingProxyType({MARKDOWN: True, TRANSLATION: "text"})
#: A field a person may list in ``internal``: a public build leaves it out.
PRIVATE_VALUE: Mapping[str, bool] = MappingProxyType({PRIVATE: True})
#: Prose a person may mark internal (a position).
PRIVATE_TEXT: Mapping[str, object] = MappingProxyType({PRIVATE: True, TRANSLATION: "text"})
#: A name a person may mark internal (an office, a city).
PRIVATE_NAME: Mapping[str, object] = MappingProxyType({PRIVATE: True, TRANSLATION: "name"})
#: Minutes, written as people write them (``10``, ``10 mins``, ``1h30``, ``PT10M``).
DURATION_VALUE: Mapping[str, bool] = MappingProxyType({DURATION: True})
#: An id: a portable file-name slug (see :mod:`confdocs.model.names`), checked at load.
IDENTIFIER_VALUE: Mapping[str, bool] = MappingProxyType({IDENTIFIER: True})
#: A web address: ``http``, ``https`` or ``mailto``, checked at load.
URL_VALUE: Mapping[str, bool] = MappingProxyType({URL: True})
#: A web address that may also be marked internal (an online link kept out of public builds).
PRIVATE_URL: Mapping[str, bool] = MappingProxyType({URL: True, PRIVATE: True})
#: Filled by the loader from what the file names (a logo's image), never written in a file:
#: not part of the file form, nor of the JSON Schema.
LOADED_VALUE: Mapping[str, bool] = MappingProxyType({LOADED: True})


def is_markdown(field: attrs.Attribute[Any]) -> bool:
    return bool(field.metadata.get(MARKDOWN))


def is_private(field: attrs.Attribute[Any]) -> bool:
    return bool(field.metadata.get(PRIVATE))


def is_duration(field: attrs.Attribute[Any]) -> bool:
    return bool(field.metadata.get(DURATION))


def is_identifier(field: attrs.Attribute[Any]) -> bool:
    return bool(field.metadata.get(IDENTIFIER))


def is_url(field: attrs.Attribute[Any]) -> bool:
    return bool(field.metadata.get(URL))


def is_translatable(field: attrs.Attribute[Any]) -> bool:
    """May the field hold a text per language (prose or a name)?"""
    return field.metadata.get(TRANSLATION) in ("text", "name")


def needs_translation(field: attrs.Attribute[Any]) -> bool:
    """Is the field prose, which a document in each of the event's languages needs in that
    language (a name is kept as written)?"""
    return field.metadata.get(TRANSLATION) == "text"


def is_loaded(field: attrs.Attribute[Any]) -> bool:
    return bool(field.metadata.get(LOADED))


@functools.cache
def loaded_fields(cls: type) -> frozenset[str]:
    """The names of ``cls``'s fields the loader fills, which files never hold."""
    return frozenset(f.name for f in attrs.fields(cls) if is_loaded(f))


@functools.cache
def private_fields(cls: type) -> frozenset[str]:
    """The names of ``cls``'s fields that can be marked internal."""
    return frozenset(f.name for f in attrs.fields(cls) if is_private(f))


@functools.cache
def duration_fields(cls: type) -> frozenset[str]:
    """The names of ``cls``'s fields that take a duration."""
    return frozenset(f.name for f in attrs.fields(cls) if is_duration(f))
