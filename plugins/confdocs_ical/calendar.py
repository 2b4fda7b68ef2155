"""Programme slots → VEVENTs, with the icalendar library."""

from __future__ import annotations

import datetime as dt
import os
import re
import zoneinfo

import icalendar

import confdocs
from confdocs import InputError, View
from confdocs.view import DayView, SessionView, SlotView

from .uids import NAMESPACE, slot_uid

__all__ = ["NAMESPACE", "calendar", "render_ics", "slot_uid"]


def render_ics(view: View) -> bytes:
    """The whole programme as the text of an iCalendar file.

    The VEVENTs are written directly (see :mod:`.writer`), several times faster than through
    the library, which still makes the calendar's head, its VTIMEZONE and one VEVENT to
    compare with; when they differ, the whole file is made by the library.
    """
    from .writer import write_calendar

    fast = write_calendar(view)
    return fast if fast is not None else bytes(calendar(view).to_ical())


def time_zone(view: View) -> zoneinfo.ZoneInfo:
    """The event's time zone (``settings.timezone``); an InputError when it is not one."""
    tzname = view.event.settings.timezone
    try:
        return zoneinfo.ZoneInfo(tzname)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise InputError.at(
            f"{tzname!r} is not a time zone (use a name such as Europe/Amsterdam)",
            "<event>",
            path="settings.timezone",
        ) from None


def calendar(view: View) -> icalendar.Calendar:
    """The whole programme as a VCALENDAR."""
    return calendar_of(view, [(day, slot) for day in view.programme for slot in day.slots])


def calendar_of(view: View, slots: list[tuple[DayView, SlotView]]) -> icalendar.Calendar:
    """A VCALENDAR of ``slots`` (the whole programme's, or a sample of them)."""
    zone = time_zone(view)
    tzname = view.event.settings.timezone
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//confdocs//confdocs {confdocs.__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", icalendar.vText(text(view.title)))
    cal.add("x-wr-timezone", tzname)
    stamp = stamp_of(view)
    for day, slot in slots:
        cal.add_component(vevent(view, day, slot, zone, stamp))
    if view.programme:
        # Transitions a year either side are enough, and keep the file small.
        first, last = view.programme[0].date, view.programme[-1].date
        cal.add_missing_timezones(first - dt.timedelta(days=366), last + dt.timedelta(days=366))
    return cal


def stamp_of(view: View) -> dt.datetime:
    """DTSTAMP: the same in every build of the same outline, so builds are reproducible.

    ``SOURCE_DATE_EPOCH`` when set, else the document's version date, else its first day.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    day = view.event.header.version or view.event.start
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def vevent(
    view: View, day: DayView, slot: SlotView, zone: zoneinfo.ZoneInfo, stamp: dt.datetime
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", slot_uid(view.id, slot))
    event.add("dtstamp", stamp)
    event.add("summary", summary(view, slot))
    if slot.all_day or slot.start_time is None:
        event.add("dtstart", day.date)
        event.add("dtend", day.date + dt.timedelta(days=1))
    else:
        event.add("dtstart", dt.datetime.combine(day.date, slot.start_time, zone))
        if slot.end_time is not None and slot.end_time > slot.start_time:
            event.add("dtend", dt.datetime.combine(day.date, slot.end_time, zone))
    where = location(view, slot)
    if where:
        event.add("location", text(where))
    details = description(view, slot)
    if details:
        event.add("description", text(details))
    event.add("categories", [slot.kind])
    if slot.kind in ("break", "meal", "end", "photo"):
        event.add("transp", "TRANSPARENT")
    if view.location.url:
        event.add("url", view.location.url)
    return event


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def text(value: str) -> str:
    """``value`` without the control characters iCalendar forbids (newlines and tabs stay:
    the library escapes them)."""
    return _CONTROL.sub("", value)


def summary(view: View, slot: SlotView) -> str:
    title = text(slot.heading or " / ".join(s.title.plain for s in slot.sessions if s.title))
    if slot.continuation:
        title = f"{title} {view.labels['continuation']}".strip()
    return title or view.labels[f"kind_{slot.kind}"] or slot.kind


def location(view: View, slot: SlotView) -> str:
    place = view.location
    rooms = [s.room for s in slot.sessions if s.room]
    parts = [*dict.fromkeys(rooms), place.venue or "", place.address or ""]
    if place.city and (not place.address or place.city not in place.address):
        parts.append(place.city)
    if place.mode == "online" and place.url:
        parts.append(place.url)
    return ", ".join(p for p in parts if p)


def description(view: View, slot: SlotView) -> str:
    """Moderators, speakers with their durations, discussion and remarks, as plain text."""
    blocks = []
    several = len(slot.sessions) > 1
    for session in slot.sessions:
        lines = session_lines(view, session, heading=several)
        if lines:
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def session_lines(view: View, session: SessionView, heading: bool = False) -> list[str]:
    labels = view.labels
    lines: list[str] = []
    if heading:
        title = session.title.plain if session.title else ""
        lines.append(" — ".join(p for p in (session.room, title) if p))
    if session.moderators_line:
        lines.append(session.moderators_line)
    if session.panel and session.contributions:
        lines.append(labels["panel"])
    for item in session.contributions:
        text = ", ".join(p for p in (item.speaker, item.title.plain if item.title else "") if p)
        if item.note:
            text = f"{text} {item.note}".strip()
        if item.duration:
            text = f"{text} ({item.duration})"
        lines.append(f"- {text}")
    if session.discussion is not None:
        lines.append(discussion_line(view, session))
    if session.body is not None and session.body.plain.strip():
        lines.append(session.body.plain.strip())
    return lines


def discussion_line(view: View, session: SessionView) -> str:
    item = session.discussion
    assert item is not None
    text = item.text.plain.strip() if item.text else ""
    if item.moderators:
        if text:
            line = view.labels.get("text_moderated_by", text=text, names=item.moderators)
        else:
            line = view.labels.get("discussion_moderated_by", names=item.moderators)
    else:
        line = text
    if item.duration:
        line = f"{line} ({item.duration})".strip()
    return line
