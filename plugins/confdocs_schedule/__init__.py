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
from typing import TYPE_CHECKING, Any

from confdocs import hookimpl

from .exporters import ScheduleJsonExporter, ScheduleXmlExporter
from .kinds import BREAK_KINDS

if TYPE_CHECKING:
    from confdocs import Exporter, View

__version__ = "0.1.0"
__all__ = ["BREAK_KINDS", "ScheduleJsonExporter", "ScheduleXmlExporter", "schedule", "schedule_xml"]


def schedule(view: View, include_breaks: bool = True) -> dict[str, Any]:
    """The whole programme as a C3VOC schedule document (``schedule.json``)."""
    from .frab import schedule as build

    return build(view, include_breaks=include_breaks)


def schedule_xml(document: dict[str, Any]) -> bytes:
    """The schedule document (the JSON form's dict) as ``schedule.xml``."""
    from .xml import schedule_xml as to_xml

    return to_xml(document)


@hookimpl
def confdocs_register_exporters(register: Callable[[Exporter], None]) -> None:
    register(ScheduleJsonExporter())
    register(ScheduleXmlExporter())
