"""Web addresses as an event may give them: ``http``, ``https`` or ``mailto``, nothing else.

Every field marked ``URL_VALUE`` in the model (a venue's link, an organisation's or a group's
site) is checked with :func:`url_problem` when the event loads, so an address that would run
script (``javascript:``), carry data (``data:``), or break the line of a calendar or a terminal
(control characters, spaces) never reaches a document.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..display import shown

SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e]")


def url_problem(value: str) -> str | None:
    """What is wrong with ``value`` as a web address, or None when it is a good one."""
    bad = _CONTROL_OR_SPACE.search(value)
    if bad:
        if bad.group(0) == " ":
            return f"{shown(value)} holds a space; a web address has none (write %20 instead)"
        return f"{shown(value)} holds the character {shown(bad.group(0))}; a web address has none"
    scheme = _SCHEME.match(value)
    if scheme is None:
        return f"{shown(value)} is not a web address: start it with https://, http:// or mailto:"
    name = scheme.group(1).lower()
    if name not in SCHEMES:
        return (
            f"{shown(value)}: {name}: addresses are not allowed; "
            "use https://, http:// or mailto:"
        )
    try:
        parts = urlsplit(value)
    except ValueError as exc:
        return f"{shown(value)} is not a web address: {exc}"
    if name in ("http", "https") and not parts.hostname:
        return f"{shown(value)} names no host; write it as https://example.org/…"
    if name == "mailto" and "@" not in parts.path:
        return f"{shown(value)} names no e-mail address; write it as mailto:name@example.org"
    return None
