"""confdocs plugin ``schedule``: the C3VOC/frab schedule read by schedule apps.

Formats ``schedule-json`` (``<id>.schedule.json``) and ``schedule-xml`` (``<id>.schedule.xml``),
valid against the C3VOC schema and XSD. Giggity, EventFahrplan, pretalx-style tooling and the C3
video pipeline read them. Every GUID is a uuid5 of ids (event id and slot id or place; person
id), so it stays the same from one build to the next.

Breaks (coffee, meals, the group photo, "end of day") are included by default, since a
participant's app should show them; ``ScheduleJsonExporter(include_breaks=False)`` in your own
plugin, or :func:`schedule` called directly, leaves them out.
"""

from __future__ import annotations

from collections.abc import Callable

from confdocs import Exporter, hookimpl

from .exporters import ScheduleJsonExporter, ScheduleXmlExporter
from .frab import BREAK_KINDS, schedule
from .xml import schedule_xml

__version__ = "0.1.0"
__all__ = ["BREAK_KINDS", "ScheduleJsonExporter", "ScheduleXmlExporter", "schedule", "schedule_xml"]


@hookimpl
def confdocs_register_exporters(register: Callable[[Exporter], None]) -> None:
    register(ScheduleJsonExporter())
    register(ScheduleXmlExporter())
