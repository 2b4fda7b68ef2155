"""A span of days in words, as a sentence of the language says it: "les 9 et 10 juin 2027",
"del 14 al 16 de abril de 2027", "on 30 September – 1 October 2019"."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from .labels import fill
from .plurals import plural_key

if TYPE_CHECKING:
    from .composer import Composer


def span_words(c: Composer, key: str, start: dt.date, end: dt.date) -> tuple[str, str]:
    """The catalog's wording ``key`` for the consecutive days ``start`` to ``end``, and the
    days' words: one day; two of a month as two days ("14 y 15 de abril de 2027"); more, or
    across months, with the catalog's ``days_range`` and the wording's ``_range`` form ("del
    14 al 16 de abril de 2027"), else as the event's dates are written ("14–16 April 2027")."""
    count = (end - start).days + 1
    if start == end:
        return plural_key(c.labels, key, 1), c.fmt.date(start, "long")
    ends = c.fmt.date_ends(start, end)
    if ends is not None and count == 2 and start.month == end.month:
        return plural_key(c.labels, key, 2), c.fmt.join(ends)
    catalog = c.labels.catalog
    if ends is not None and catalog.get("days_range") and catalog.get(f"{key}_range"):
        return f"{key}_range", c.labels.get("days_range", start=ends[0], end=ends[1])
    return plural_key(c.labels, key, count), c.fmt.dates(start, end)


def when(c: Composer) -> str:
    """The event's days as a sentence says them, with their preposition: the catalog's
    ``when_one``, ``when_other`` or ``when_range`` (French "les 9 et 10 juin 2027", "du 30
    septembre au 1er octobre 2019"); the dates as written where the catalog has none."""
    event = c.event
    key, dates = span_words(c, "when", event.start, event.end)
    pattern = c.labels.catalog.get(key) or c.labels.catalog.get("when_other") or "{dates}"
    return fill(pattern, {"dates": dates})
