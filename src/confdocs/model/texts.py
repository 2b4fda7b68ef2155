"""Footnotes, standard texts from catalogs, and the outline's prose sections."""

from __future__ import annotations

import attrs

from .fields import IDENTIFIER_VALUE, MARKDOWN_TEXT, PLAIN_TEXT


@attrs.frozen
class Note:
    """A footnote, referenced by id from text (``[^id]``) or from a rule."""

    id: str = attrs.field(metadata=IDENTIFIER_VALUE)
    text: str = attrs.field(metadata=MARKDOWN_TEXT)


@attrs.frozen
class Text:
    """A standard text from a catalog, used by sections through ``use``."""

    id: str = attrs.field(metadata=IDENTIFIER_VALUE)
    body: str = attrs.field(metadata=MARKDOWN_TEXT)
    title: str | None = attrs.field(default=None, metadata=PLAIN_TEXT)


@attrs.frozen
class Section:
    """A prose section: Markdown body, or a catalog text by id, or (``changes: true``) the list
    of changes since the previous version."""

    id: str = attrs.field(metadata=IDENTIFIER_VALUE)
    title: str | None = attrs.field(default=None, metadata=PLAIN_TEXT)
    body: str | None = attrs.field(default=None, metadata=MARKDOWN_TEXT)
    use: str | None = None
    #: The section lists what changed since the previous version (built with
    #: ``--changes-since`` or ``--against``); it then has no body or use of its own.
    changes: bool = False
