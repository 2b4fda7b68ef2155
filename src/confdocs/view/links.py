"""Link targets the document may carry: only http(s) pages, e-mail addresses and phone numbers.

Each function gives the target for a value, or None when the value is not safely one (then a
format shows it as text): a ``javascript:`` or ``data:`` address never becomes a link.
"""

from __future__ import annotations

import re

_PHONE = re.compile(r"\+?[0-9][0-9 ()./-]*")
_EMAIL = re.compile(r"[^@\s<>\"'()\[\],;:\\]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_WEB = re.compile(r"https?://\S+", re.IGNORECASE)


def tel_href(phone: object) -> str | None:
    """``tel:+31704125360`` for a phone number, None for anything else."""
    text = str(phone).strip()
    if not _PHONE.fullmatch(text):
        return None
    return "tel:" + re.sub(r"[^+0-9]", "", text)


def email_href(email: object) -> str | None:
    """``mailto:`` and the address when it looks like one; None otherwise."""
    text = str(email).strip()
    return "mailto:" + text if _EMAIL.fullmatch(text) else None


def web_href(url: object) -> str | None:
    """The address itself when it is an http(s) one; None otherwise."""
    text = str(url).strip()
    return text if _WEB.fullmatch(text) else None
