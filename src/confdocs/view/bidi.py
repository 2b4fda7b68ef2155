"""Which way a piece of text runs: what a format needs to keep mixed-direction lines in order.

A document has one direction (CLDR's for its locale: Arabic and Hebrew run right to left).
Inside it, a span may run the other way: an Arabic or Hebrew name in an English outline, a
Latin name or a phone number in an Arabic one. Formats isolate such spans (HTML's ``dir``,
Word's ``w:rtl`` and direction marks) so that the punctuation around them stays where the
line put it: "Dana HADDAD, Ministry of Justice (10 mins)" reads in that order whatever the
name's script.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from .lines import QUIET_ROLES, Span

#: Roles that always run left to right, whatever the document's direction: in a right-to-left
#: line "+31 70 412 5360" would otherwise show its "+" at the wrong end.
LTR_ROLES = frozenset({"phone", "email", "url"})

#: Characters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko …, and their
#: presentation forms): a text without any needs no further look.
_RTL_CHARACTERS = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff]")


def has_rtl(text: str) -> bool:
    """Does ``text`` hold any character of a right-to-left script?"""
    return _RTL_CHARACTERS.search(text) is not None


@functools.lru_cache(maxsize=4096)
def strong_direction(text: str) -> str | None:
    """``rtl`` or ``ltr``: the direction of the first strongly directional character of
    ``text`` (Unicode's rule P2, what HTML's ``dir="auto"`` uses); None when it has none
    (digits, punctuation)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None


def span_direction(span: Span, document: str) -> str | None:
    """The direction ``span`` must be isolated in, inside a document running ``document``
    (``ltr`` or ``rtl``); None when it runs with the document. The catalog's words and
    separators run with the document (rich text, such as a discussion's, is the organiser's
and is looked at); phones, e-mails and links always left to right; any
    other text (names, titles, places) by its first strong character."""
    if span.role in QUIET_ROLES and span.rich is None:
        return None
    if span.role in LTR_ROLES:
        return "ltr" if document == "rtl" else None
    if document == "ltr" and not has_rtl(span.text):
        return None
    found = strong_direction(span.text)
    return found if found is not None and found != document else None
