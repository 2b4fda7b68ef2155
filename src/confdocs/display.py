"""User text in messages and on terminals: quoted, escaped and cut to a readable length.

A value quoted in a message (``unknown person 'doe'``) goes through :func:`shown`: quoted as
Python quotes it, with control and invisible characters escaped, and cut when it is long, so a
1 MB title is not echoed whole. Whatever the command line prints goes through
:func:`printable`: control characters (the escape character that starts a terminal sequence,
carriage returns, C1 controls) and the characters that reorder text on screen (bidirectional
overrides, as in "Trojan Source") become visible escapes such as ``\\x1b``, whoever wrote them
(a name in an event file, a validator's message, an exception from a plugin).
"""

from __future__ import annotations

import re

#: Characters of a value shown in a message; the rest is cut.
SHOWN_CHARACTERS = 60
#: Characters of one line the command line prints; the rest is cut.
LINE_CHARACTERS = 1000

# C0 and C1 controls, DEL, and the format characters that move or hide text: bidirectional
# embeddings, overrides and isolates, zero-width joiners and marks, the BOM, line and paragraph
# separators, interlinear annotations.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]"
)
_UNSAFE_OR_LINES = re.compile(_UNSAFE.pattern[:-1] + "\n\t]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    if code == 0x0A:
        return "\\n"
    if code == 0x09:
        return "\\t"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def cut(text: str, limit: int) -> str:
    """``text``, cut after ``limit`` characters with a note of how much was left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit:,} more characters)"


def counted(count: int, one: str, other: str | None = None) -> str:
    """A count and its noun in an English message: "1 seat", "2 seats", "3 countries"."""
    return f"{count} {one if count == 1 else other or one + 's'}"


def shown(value: object, limit: int = SHOWN_CHARACTERS) -> str:
    """A value as a message quotes it: ``'doe'``; escaped, and cut after ``limit`` characters."""
    if not isinstance(value, str):
        return cut(repr(value), limit)
    if len(value) > limit:
        # repr() escapes every character that is not printable, controls and bidi included.
        quoted = repr(value[:limit])
        return f"{quoted[:-1]}…{quoted[-1]} ({len(value):,} characters)"
    return repr(value)


def printable(text: str, keep_lines: bool = False, limit: int | None = LINE_CHARACTERS) -> str:
    """``text`` safe to print on a terminal: one line (new lines and tabs escaped) unless
    ``keep_lines``, control and reordering characters escaped, each line cut after ``limit``
    characters (None: not cut)."""
    pattern = _UNSAFE if keep_lines else _UNSAFE_OR_LINES
    lines = text.split("\n") if keep_lines else [text]
    out = [pattern.sub(_escape, line) for line in lines]
    if limit is not None:
        out = [cut(line, limit) for line in out]
    return "\n".join(out)


def json_printable(text: str) -> str:
    """JSON text with the characters JSON leaves raw (C1 controls, bidirectional overrides …)
    written as ``\\uXXXX`` escapes: the same JSON, safe to print."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
