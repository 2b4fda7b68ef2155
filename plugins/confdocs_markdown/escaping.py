"""Markdown escaping: user text becomes Markdown that renders back to the same text.

Plain values (names, phone numbers, titles typed as plain text) go through :func:`escape`;
rendered Markdown is wrapped in :class:`MarkdownSafe` so it is not escaped twice, as
``markupsafe.Markup`` does for HTML.
"""

from __future__ import annotations

import functools
import re

from confdocs.rendering import clean_text

#: Markdown meaning anywhere in a line: escape always.
_INLINE = re.compile(r"([\\`*_\[\]<|~#])")
#: ``&`` only means something when it starts an entity (``&amp;``, ``&#38;``).
_ENTITY = re.compile(r"&(?=[#A-Za-z0-9])")
#: Block markers that only mean something at the start of a line.
_LINE_START = re.compile(r"^([ \t]*)([>+=-])", re.MULTILINE)
_ORDERED = re.compile(r"^([ \t]*\d{1,9})([.)])", re.MULTILINE)
_ASCII_SPACE = re.compile(r"[ \t\n\r\f\v]+")


class MarkdownSafe(str):
    """Markdown that is already safe: the template's finaliser passes it through as is."""

    __slots__ = ()


def clean(text: str) -> str:
    """``text`` without the characters documents must not hold; CR and CRLF become LF."""
    return clean_text(text)


@functools.lru_cache(maxsize=8192)
def escape_inline(text: str, line_start: bool = True) -> str:
    """Escape ``text`` (no newlines) so Markdown shows it literally, wherever it stands.

    With ``line_start``, block markers (``>``, ``-``, ``1.`` …) are escaped at the start of
    ``text`` too, because a template may put a value at the start of a line. Kept per text:
    names, roles and durations come back on every slot.
    """
    text = _INLINE.sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    if line_start:
        text = _ORDERED.sub(r"\1\\\2", text)
        text = _LINE_START.sub(r"\1\\\2", text)
    return text


def escape(value: object, line_start: bool = True) -> MarkdownSafe:
    """A plain value as one line of Markdown that renders to the same text.

    Runs of ASCII white space (new lines included) become one space: a plain value is one
    line, so it cannot end a table row or start a new block. A value that may start a line
    (``line_start``) loses its leading and trailing spaces, which Markdown would drop anyway.
    """
    if isinstance(value, MarkdownSafe):
        return value
    text = _ASCII_SPACE.sub(" ", clean(str(value)))
    if line_start:
        text = text.strip(" ")
    return MarkdownSafe(escape_inline(text, line_start))


def escape_part(value: object, line_start: bool = False) -> MarkdownSafe:
    """Like :func:`escape`, but keeps leading and trailing spaces: a part of a line."""
    if isinstance(value, MarkdownSafe):
        return value
    return MarkdownSafe(escape_inline(_ASCII_SPACE.sub(" ", clean(str(value))), line_start))


def finalize(value: object) -> object:
    """Jinja ``finalize``: every ``{{ value }}`` is escaped unless it is :class:`MarkdownSafe`."""
    if value is None:
        return ""
    if isinstance(value, MarkdownSafe):
        return value
    return escape(value)


_EMAIL = re.compile(
    # CommonMark's e-mail autolink, with a local part that needs no escaping anywhere.
    r"[a-zA-Z0-9._+-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*"
)


def email(value: object) -> MarkdownSafe:
    """An e-mail address as an autolink (``<a@b.org>``) when it is one, else escaped text."""
    text = str(value).strip()
    if _EMAIL.fullmatch(text):
        return MarkdownSafe(f"<{text}>")
    return escape(text)
