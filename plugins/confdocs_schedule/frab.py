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
from confdocs import InputError, View
from confdocs.model import Event, Session, Slot
from confdocs.view import SessionView, SlotView

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
    return _Builder(view, include_breaks).document()


class _Builder:
    def __init__(self, view: View, include_breaks: bool) -> None:
        self.view = view
        self.event: Event = view.event
        self.include_breaks = include_breaks
        self.acronym = acronym(view.id)
        tzname = self.event.settings.timezone
        try:
            self.zone = zoneinfo.ZoneInfo(tzname)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise InputError.at(
                f"{tzname!r} is not a time zone (use a name such as Europe/Amsterdam)",
                "<event>",
                path="settings.timezone",
            ) from None
        self.default_room = view.location.venue or view.labels["room"] or "Room"
        self.rooms: dict[str, str] = {}
        self.ids: set[int] = set()

    # -- document --------------------------------------------------------------------------

    def document(self) -> dict[str, Any]:
        days = [self.day(index, d) for index, d in enumerate(self.view.programme, 1)]
        dates = [d.date for d in self.view.programme] or [self.event.start]
        start, end = min([*dates, self.event.start]), max([*dates, self.event.end])
        conference: dict[str, Any] = {
            "acronym": self.acronym,
            "title": self.view.title,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "daysCount": len(days),
            "timeslot_duration": "00:05",
        }
        if _TIME_ZONE.search(self.event.settings.timezone):
            conference["time_zone_name"] = self.event.settings.timezone
        if self.view.location.url:
            conference["url"] = self.view.location.url
        conference["rooms"] = [{"name": name, "guid": g} for name, g in self.rooms.items()]
        conference["days"] = days
        version = self.event.header.version
        return {
            "$schema": SCHEMA_URL,
            "generator": {"name": "confdocs", "version": confdocs.__version__},
            "schedule": {
                "version": version.isoformat() if version else "1.0",
                "conference": conference,
            },
        }

    def day(self, index: int, day: Any) -> dict[str, Any]:
        model_day = self.event.programme.days[index - 1]
        rooms: dict[str, list[dict[str, Any]]] = {}
        starts: list[dt.datetime] = []
        ends: list[dt.datetime] = []
        for s, slot in enumerate(day.slots):
            if slot.kind in BREAK_KINDS and not self.include_breaks:
                continue
            model_slot = model_day.slots[s]
            begin, finish = self.times(day.date, slot)
            starts.append(begin)
            ends.append(finish)
            for i, (session, model_session) in enumerate(
                zip(slot.sessions, model_slot.sessions(), strict=True)
            ):
                entry = self.entry(slot, i, session, model_slot, model_session, begin, finish)
                rooms.setdefault(entry["room"], []).append(entry)
        midnight = dt.datetime.combine(day.date, dt.time(0, 0), self.zone)
        return {
            "index": index,
            "date": day.date.isoformat(),
            "day_start": min(starts, default=midnight).isoformat(),
            "day_end": max(ends, default=midnight + dt.timedelta(days=1)).isoformat(),
            "rooms": rooms,
        }

    def times(self, date: dt.date, slot: SlotView) -> tuple[dt.datetime, dt.datetime]:
        if slot.all_day or slot.start_time is None:
            begin = dt.datetime.combine(date, dt.time(0, 0), self.zone)
            return begin, begin + dt.timedelta(days=1)
        begin = dt.datetime.combine(date, slot.start_time, self.zone)
        if slot.end_time is None or slot.end_time <= slot.start_time:
            return begin, begin
        return begin, dt.datetime.combine(date, slot.end_time, self.zone)

    # -- one talk --------------------------------------------------------------------------

    def entry(
        self,
        slot: SlotView,
        index: int,
        session: SessionView,
        model_slot: Slot,
        model_session: Session,
        begin: dt.datetime,
        finish: dt.datetime,
    ) -> dict[str, Any]:
        key = slot.id or slot.path
        event_guid = (
            guid(self.view.id, key) if index == 0 else guid(self.view.id, key, f"sessions[{index}]")
        )
        number = self.number(event_guid)
        room = session.room or self.default_room
        if room not in self.rooms:
            self.rooms[room] = guid(self.view.id, "room", room)
        title = self.title(slot, session)
        minutes = round((finish - begin).total_seconds() / 60)
        language = self.view.locale.replace("_", "-").split("-")[0]
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
            "track": self.view.labels[f"kind_{slot.kind}"] or slot.kind,
            "type": _type(slot.kind, session.panel),
            "language": language,
            "abstract": session.body.plain.strip() if session.body else "",
            "description": "\n".join(self.lines(session)),
            "persons": self.persons(model_session),
            "links": [],
        }

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

    def title(self, slot: SlotView, session: SessionView) -> str:
        title = session.title.plain if session.title else slot.heading
        if slot.continuation:
            title = f"{title} {self.view.labels['continuation']}".strip()
        return title or self.view.labels[f"kind_{slot.kind}"] or slot.kind

    def lines(self, session: SessionView) -> list[str]:
        labels = self.view.labels
        lines = [session.moderators_line] if session.moderators_line else []
        if session.panel and session.contributions:
            lines.append(labels["panel"])
        for item in session.contributions:
            text = ", ".join(p for p in (item.speaker, item.title.plain if item.title else "") if p)
            text = f"{text} {item.note or ''}".strip()
            lines.append(f"- {text} ({item.duration})" if item.duration else f"- {text}")
        discussion = session.discussion
        if discussion is not None:
            text = discussion.text.plain.strip() if discussion.text else ""
            if discussion.moderators:
                key = "text_moderated_by" if text else "discussion_moderated_by"
                text = labels.get(key, text=text, names=discussion.moderators)
            lines.append(f"{text} ({discussion.duration})".strip() if discussion.duration else text)
        return lines

    def persons(self, session: Session) -> list[dict[str, str]]:
        """Speakers and moderators, each once, with a GUID from their id (the same in every
        event that shares the catalog)."""
        found: dict[str, str] = {}

        def add(refs: tuple[str, ...]) -> None:
            for ref in refs:
                found.setdefault(guid("person", ref), self.name(ref))

        add(session.moderators)
        for item in session.contributions:
            add(item.people)
            if item.delegation and not item.people:
                country = self._country(item.delegation)
                name = self.view.labels.get("delegation", country=country)
                found.setdefault(guid("delegation", item.delegation), name)
        if session.discussion is not None:
            add(session.discussion.moderators)
        return [{"name": name, "guid": g} for g, name in found.items()]

    def _country(self, code: str) -> str:
        from confdocs.model.codes import country_name

        overrides = (
            self.event.settings.country_names
            if self.view.locale == self.event.settings.locale
            else None
        )
        return country_name(code, self.view.locale, overrides)

    def name(self, ref: str) -> str:
        index = self.event.index
        if ref in index.organisations:
            return index.organisations[ref].name
        if ref not in index.people:
            return ref
        person = index.people[ref]
        family = person.family_name
        if self.event.settings.surname_style == "upper":
            family = family.upper()
        return " ".join(p for p in (person.given_name, person.particle, family) if p)


def _type(kind: str, panel: bool) -> str:
    if kind == "session":
        return "discussion" if panel else "talk"
    if kind in ("meeting", "preparation"):
        return "meeting"
    return "other"
