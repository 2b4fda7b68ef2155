"""The programme at a glance: one CSV row per session, from the format-neutral view.

Every cell goes through ``safe_row``: a title or a name starting with ``=``, ``+``, ``-`` or
``@`` is written with a leading ``'``, so a spreadsheet shows it instead of running it.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from confdocs.rendering import safe_row

if TYPE_CHECKING:
    from confdocs import ExportOptions, View

COLUMNS = ("day", "date", "start", "end", "kind", "room", "title", "moderators", "speakers")


class GlanceExporter:
    name = "glance"
    suffix = "glance.csv"
    media_type = "text/csv"
    description = "The programme at a glance: one CSV row per session"

    def render(self, view: View, options: ExportOptions) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180, as spreadsheets expect
        writer.writerow(COLUMNS)
        for number, day in enumerate(view.programme, 1):
            for slot in day.slots:
                for session in slot.sessions:
                    speakers = [c.speaker.plain for c in session.contributions if c.speaker]
                    writer.writerow(
                        safe_row(
                            (
                                number,
                                day.date.isoformat(),
                                # The session's own times: a parallel one may end first.
                                session.start or ("all day" if slot.all_day else ""),
                                session.end or "",
                                slot.kind,
                                session.room or "",
                                session.summary,
                                " | ".join(m.name for m in session.moderators),
                                " | ".join(speakers),
                            )
                        )
                    )
        # A byte order mark, so that Excel opens the UTF-8 file with its accents right.
        return out.getvalue().encode("utf-8-sig")
