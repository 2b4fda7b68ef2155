"""The schedule document (the JSON form's dict) → ``schedule.xml`` as the C3VOC XSD wants it."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

#: Event fields written as child elements, in frab's order (the XSD accepts any order).
_FIELDS = (
    "room",
    "title",
    "subtitle",
    "type",
    "date",
    "start",
    "duration",
    "abstract",
    "slug",
    "track",
    "language",
    "description",
)


def schedule_xml(document: dict[str, Any]) -> bytes:
    schedule = document["schedule"]
    conference = schedule["conference"]
    root = ET.Element("schedule")
    generator = document.get("generator", {})
    ET.SubElement(
        root, "generator", {k: str(v) for k, v in generator.items() if k in ("name", "version")}
    )
    _text(root, "version", schedule["version"])
    conf = ET.SubElement(root, "conference")
    _text(conf, "acronym", conference["acronym"])
    _text(conf, "title", conference["title"])
    _text(conf, "start", conference["start"])
    _text(conf, "end", conference["end"])
    _text(conf, "days", str(conference["daysCount"]))
    _text(conf, "timeslot_duration", conference["timeslot_duration"])
    if conference.get("url", "").startswith(("http://", "https://")):
        _text(conf, "url", conference["url"])
    if "time_zone_name" in conference:
        _text(conf, "time_zone_name", conference["time_zone_name"])
    room_guids = {room["name"]: room["guid"] for room in conference["rooms"]}
    for day in conference["days"]:
        day_element = ET.SubElement(
            root,
            "day",
            {
                "index": str(day["index"]),
                "date": day["date"],
                "start": day["day_start"],
                "end": day["day_end"],
            },
        )
        for name, events in day["rooms"].items():
            attributes = {"name": _NOT_XML.sub("", name), "guid": room_guids[name]}
            room = ET.SubElement(day_element, "room", attributes)
            for event in events:
                _event(room, event)
    ET.indent(root)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True)) + b"\n"


def _event(parent: ET.Element, event: dict[str, Any]) -> None:
    element = ET.SubElement(parent, "event", {"guid": event["guid"], "id": str(event["id"])})
    for field in _FIELDS:
        value = event.get(field)
        if value is None and field == "subtitle":
            continue
        _text(element, field, "" if value is None else str(value))
    persons = ET.SubElement(element, "persons")
    for person in event["persons"]:
        _text(persons, "person", person["name"]).set("guid", person["guid"])
    links = ET.SubElement(element, "links")
    for link in event["links"]:
        _text(links, "link", link["url"]).attrib.update(href=link["url"], type=link["type"])


#: Characters XML 1.0 cannot hold at all, not even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = _NOT_XML.sub("", text)
    return element
