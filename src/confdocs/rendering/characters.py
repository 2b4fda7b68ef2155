"""The characters no document may hold, removed from the text every format writes."""

from __future__ import annotations

import re

#: C0/C1 controls (but tab and newline), lone surrogates and Unicode noncharacters: HTML and
#: XML forbid them, Markdown readers mangle them, PDF/UA refuses them.
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17))
    + "]"
)
_NEWLINES = re.compile(r"\r\n?")


def clean_text(text: str) -> str:
    """``text`` without the characters documents must not hold; CR and CRLF become LF."""
    return FORBIDDEN.sub("", _NEWLINES.sub("\n", text))
