"""The two exporters: the same schedule as JSON and as XML.

Every command imports these classes (entry-point discovery), so this module imports nothing
heavy: ``render`` imports the modules that build the schedule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from confdocs import ExportOptions, View


class ScheduleJsonExporter:
    name = "schedule-json"
    suffix = "schedule.json"
    media_type = "application/json"
    description = "C3VOC/frab schedule (JSON) for schedule apps such as Giggity and EventFahrplan"

    def __init__(self, include_breaks: bool = True) -> None:
        self.include_breaks = include_breaks

    def render(self, view: View, options: ExportOptions) -> bytes:
        import json

        from .frab import schedule

        document = schedule(view, include_breaks=self.include_breaks)
        return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


class ScheduleXmlExporter:
    name = "schedule-xml"
    suffix = "schedule.xml"
    media_type = "application/vnd.c3voc.schedule+xml"
    description = "C3VOC/frab schedule (XML) for schedule apps and video pipelines"

    def __init__(self, include_breaks: bool = True) -> None:
        self.include_breaks = include_breaks

    def render(self, view: View, options: ExportOptions) -> bytes:
        from .frab import schedule
        from .xml import schedule_xml

        return schedule_xml(schedule(view, include_breaks=self.include_breaks))
