"""The characters no document may hold, removed from the text every format writes."""

from __future__ import annotations

import re

#: C0/C1 controls (but tab and newline), lone surrogates and Unicode noncharacters: HTML and
#: XML forbid them, Markdown readers mangle them, PDF/UA refuses them. Those of the Basic
#: Multilingual Plane, then the noncharacters beyond it (U+1FFFE, U+1FFFF … U+10FFFF), apart:
#: the regular expression engine tests each character against a class that lists characters
#: beyond U+FFFF one by one (about 2 ms for a 50 kB page, ten times the rest), so those are
#: looked for only in a text that has a character beyond U+FFFF at all.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)
_FORBIDDEN_BEYOND = re.compile(
    "["
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17))
    + "]"
)
_BEYOND = re.compile("[\U00010000-\U0010ffff]")
_NEWLINES = re.compile(r"\r\n?")


def clean_text(text: str) -> str:
    """``text`` without the characters documents must not hold; CR and CRLF become LF."""
    if text.isprintable():  # none of them, nor CR, is printable: most texts stop here
        return text
    if "\r" in text:
        text = _NEWLINES.sub("\n", text)
    text = _FORBIDDEN.sub("", text)
    if _BEYOND.search(text):
        text = _FORBIDDEN_BEYOND.sub("", text)
    return text
