"""confdocs plugin ``ical``: the programme as an iCalendar file (format ``ics``).

One VEVENT per programme slot, at its real time in the event's time zone (``settings.timezone``);
all-day slots are DATE events. Each VEVENT's UID is a uuid5 of the event id and the slot's
``id`` (or, without one, its place ``programme.days[d].slots[s]``), so a calendar that
subscribed to the file updates its entries instead of duplicating them. Give a slot an ``id`` to
keep its UID when slots are inserted before it.
"""

from __future__ import annotations

from collections.abc import Callable

from confdocs import Exporter, hookimpl

from .calendar import IcsExporter, slot_uid

__version__ = "0.1.0"
__all__ = ["IcsExporter", "slot_uid"]


@hookimpl
def confdocs_register_exporters(register: Callable[[Exporter], None]) -> None:
    register(IcsExporter())
