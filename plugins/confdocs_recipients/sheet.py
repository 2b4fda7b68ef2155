"""The badges as CSV for badge printers: a row per registrant, every cell through
``safe_row`` (a name starting with ``=`` is shown, never run as a formula)."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from confdocs.rendering import safe_row

if TYPE_CHECKING:
    from confdocs import ExportOptions, View

#: The columns: names a badge printer's software maps to its fields.
COLUMNS = (
    "id", "title", "name", "affiliation", "role", "country", "country_name", "organisation",
    "group", "group_name",
)


def badges(view: View, options: ExportOptions) -> bytes:
    people = view.registrants.badges if view.registrants is not None else ()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180, as spreadsheets expect
    writer.writerow(COLUMNS)
    for p in people:
        writer.writerow(
            safe_row(
                (
                    p.id,
                    p.title or "",
                    p.name,
                    p.affiliation,
                    p.role_label or "",
                    p.country.code if p.country else "",
                    p.country.name if p.country else "",
                    p.organisation or "",
                    p.group,
                    p.group_name,
                )
            )
        )
    # A byte order mark, so that Excel opens the UTF-8 file with its accents right.
    return out.getvalue().encode("utf-8-sig")
