"""The format-neutral view → the C3VOC/frab schedule as a JSON-ready dict.

The XML form is made from the same dict (see ``xml.py``), so both say the same thing.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import uuid
import zoneinfo
from typing import Any

import confdocs
from confdocs import View
from confdocs.rendering import session_lines
from confdocs.view import DayView, PersonRef, SessionView, SlotView, web_href

from .kinds import BREAK_KINDS

#: The namespace of every GUID confdocs makes: uuid5(NAMESPACE_URL, "urn:confdocs"), the same
#: as the ``ics`` format's, so a slot's GUID here is its UID there.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:confdocs")
SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
_TIME_ZONE = re.compile(r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$")


def guid(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def acronym(event_id: str) -> str:
    """The event id in the schedule's acronym alphabet: ``hague-2019`` → ``hague_2019``."""
    text = re.sub(r"[^a-z0-9_]+", "_", _ascii(event_id).lower()).strip("_")
    return text if len(text) >= 4 else (text + "_event")[: max(4, len(text) + 6)]


def slugify(text: str, limit: int = 48) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", _ascii(text).lower()).strip("-")
    return slug[:limit].rstrip("-")


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def schedule(view: View, include_breaks: bool = True) -> dict[str, Any]:
    """The whole programme as a C3VOC schedule document (``schedule.json``)."""
    return ScheduleBuilder(view, include_breaks).document()


class ScheduleBuilder:
    """The schedule document of one view."""

    def __init__(self, view: View, include_breaks: bool) -> None:
        self.view = view
        self.include_breaks = include_breaks
        self.acronym = acronym(view.id)
        self.zone = zoneinfo.ZoneInfo(view.timezone)
        self.default_room = view.location.venue or view.labels["room"] or "Room"
        self.rooms: dict[str, str] = {}
        self.ids: set[int] = set()

    # -- document --------------------------------------------------------------------------

    def document(self) -> dict[str, Any]:
        view = self.view
        days = [self.day(index, d) for index, d in enumerate(view.programme, 1)]
        dates = [d.date for d in view.programme] or [view.start]
        start, end = min([*dates, view.start]), max([*dates, view.end])
        conference: dict[str, Any] = {
            "acronym": self.acronym,
            "title": view.title,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "daysCount": len(days),
            "timeslot_duration": "00:05",
        }
        if _TIME_ZONE.search(view.timezone):
            conference["time_zone_name"] = view.timezone
        if view.location.url:
            conference["url"] = view.location.url
        conference["rooms"] = [{"name": name, "guid": g} for name, g in self.rooms.items()]
        conference["days"] = days
        version = view.header.version_date
        return {
            "$schema": SCHEMA_URL,
            "generator": {"name": "confdocs", "version": confdocs.__version__},
            "schedule": {
                "version": version.isoformat() if version else "1.0",
                "conference": conference,
            },
        }

    def day(self, index: int, day: DayView) -> dict[str, Any]:
        rooms: dict[str, list[dict[str, Any]]] = {}
        starts: list[dt.datetime] = []
        ends: list[dt.datetime] = []
        for slot in day.slots:
            if slot.kind in BREAK_KINDS and not self.include_breaks:
                continue
            # One event per session, in its own room, at its own times; a slot that only
            # groups parallel sessions has none of its own.
            for session in slot.sessions:
                begin, finish = self.times(day, slot, session)
                starts.append(begin)
                ends.append(finish)
                entry = self.entry(slot, session, begin, finish)
                rooms.setdefault(entry["room"], []).append(entry)
        midnight = dt.datetime.combine(day.date, dt.time(0, 0), self.zone)
        return {
            "index": index,
            "date": day.date.isoformat(),
            "day_start": min(starts, default=midnight).isoformat(),
            "day_end": max(ends, default=midnight + dt.timedelta(days=1)).isoformat(),
            "rooms": rooms,
        }

    def times(
        self, day: DayView, slot: SlotView, session: SessionView
    ) -> tuple[dt.datetime, dt.datetime]:
        """The session's start and end; an all-day slot spans its day's programme, an open
        end (or an end-of-day marker) is its start (the timeline's rule)."""
        begin, finish = session.starts_at, session.ends_at
        if slot.all_day or begin is None:
            midnight = dt.datetime.combine(day.date, dt.time(0, 0), self.zone)
            return day.starts_at or midnight, day.ends_at or midnight + dt.timedelta(days=1)
        if finish is None or finish <= begin:
            return begin, begin
        return begin, finish

    # -- one talk --------------------------------------------------------------------------

    def entry(
        self, slot: SlotView, session: SessionView, begin: dt.datetime, finish: dt.datetime
    ) -> dict[str, Any]:
        # The same key as the calendar's UID: a slot's own session keeps the slot's.
        event_guid = guid(self.view.id, session.key)
        number = self.number(event_guid)
        room = session.room or self.default_room
        if room not in self.rooms:
            self.rooms[room] = guid(self.view.id, "room", room)
        title = session.summary
        minutes = round((finish - begin).total_seconds() / 60)
        language = self.view.language.split("-")[0]
        return {
            "guid": event_guid,
            "id": number,
            "date": begin.isoformat(),
            "start": begin.strftime("%H:%M"),
            "end": finish.isoformat(),
            "duration": _clock(minutes),
            "room": room,
            "slug": self.slug(number, title, slot.kind),
            "url": f"urn:uuid:{event_guid}",
            "title": title,
            "subtitle": None,
            "track": slot.kind_label or None,
            "type": _type(slot.kind, session.panel),
            "language": language,
            "abstract": session.body.plain.strip() if session.body else "",
            "description": "\n".join(session_lines(session, body=False)),
            "persons": self.persons(session),
            "links": self.links(session),
        }

    @staticmethod
    def links(session: SessionView) -> list[dict[str, str]]:
        """The session's own link to join online (its room's), when it is a web address."""
        href = web_href(session.url) if session.url else None
        return [{"url": href, "type": "web"}] if href else []

    def number(self, event_guid: str) -> int:
        """The deprecated numeric id, derived from the GUID so that it is stable too."""
        number = uuid.UUID(event_guid).int % 1_000_000_000 + 1
        while number in self.ids:
            number += 1
        self.ids.add(number)
        return number

    def slug(self, number: int, title: str, kind: str) -> str:
        words = slugify(title) or kind
        if len(words) < 4:
            words = f"{words}-{kind}"
        return f"{self.acronym}-{number}-{words}"

    def persons(self, session: SessionView) -> list[dict[str, str]]:
        """Speakers and moderators, each once, with a GUID from their id (the same in every
        event that shares the catalog)."""
        found: dict[str, str] = {}

        def add(refs: tuple[PersonRef, ...]) -> None:
            for ref in refs:
                found.setdefault(guid("person", ref.id), ref.name)

        add(session.moderators)
        for item in session.contributions:
            add(item.people)
            delegation = item.delegation
            if delegation is not None and not item.people:
                found.setdefault(guid("delegation", delegation.code), delegation.delegation)
        if session.discussion is not None:
            add(session.discussion.moderators)
        return [{"name": name, "guid": g} for g, name in found.items()]


def _type(kind: str, panel: bool) -> str:
    if kind == "session":
        return "discussion" if panel else "talk"
    if kind in ("meeting", "preparation"):
        return "meeting"
    return "other"
