"""confdocs plugin ``ical``: the programme as an iCalendar file (format ``ics``).

One VEVENT per programme slot, at its real time in the event's time zone (``settings.timezone``);
all-day slots are DATE events. Each VEVENT's UID is a uuid5 of the event id and the slot's
``id`` (or, without one, its place ``programme.days[d].slots[s]``), so a calendar that
subscribed to the file updates its entries instead of duplicating them. Give a slot an ``id`` to
keep its UID when slots are inserted before it.

Every command imports this module (entry-point discovery), so it imports nothing heavy: the
``icalendar`` library is imported by :meth:`IcsExporter.render`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from confdocs import hookimpl

if TYPE_CHECKING:
    from confdocs import Exporter, ExportOptions, View
    from confdocs.view import SlotView

__version__ = "0.1.0"
__all__ = ["IcsExporter", "slot_uid"]


class IcsExporter:
    name = "ics"
    suffix = "ics"
    media_type = "text/calendar"
    description = "iCalendar: one event per programme slot, in the event's time zone"

    def render(self, view: View, options: ExportOptions) -> bytes:
        from .calendar import render_ics

        return render_ics(view)


def slot_uid(event_id: str, slot: SlotView) -> str:
    """The stable UID of ``slot``: uuid5 of the event id and the slot's id or place."""
    from .uids import slot_uid as uid

    return uid(event_id, slot)


@hookimpl
def confdocs_register_exporters(register: Callable[[Exporter], None]) -> None:
    register(IcsExporter())
