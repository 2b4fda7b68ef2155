"""Programme slots → VEVENTs, with the icalendar library."""

from __future__ import annotations

import datetime as dt
import os
import re
import zoneinfo

import icalendar

import confdocs
from confdocs import View
from confdocs.rendering import slot_description
from confdocs.view import DayView, SlotView

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
    """The event's time zone (checked when the event was loaded)."""
    return zoneinfo.ZoneInfo(view.timezone)


def calendar(view: View) -> icalendar.Calendar:
    """The whole programme as a VCALENDAR."""
    return calendar_of(view, [(day, slot) for day in view.programme for slot in day.slots])


def calendar_of(view: View, slots: list[tuple[DayView, SlotView]]) -> icalendar.Calendar:
    """A VCALENDAR of ``slots`` (the whole programme's, or a sample of them)."""
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//confdocs//confdocs {confdocs.__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", icalendar.vText(text(view.title)))
    cal.add("x-wr-timezone", view.timezone)
    stamp = stamp_of(view)
    for day, slot in slots:
        cal.add_component(vevent(view, day, slot, stamp))
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
    day = view.header.version_date or view.start
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


#: Slot kinds a calendar shows as free time.
TRANSPARENT_KINDS = frozenset({"break", "meal", "end", "photo"})


def vevent(view: View, day: DayView, slot: SlotView, stamp: dt.datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", slot_uid(view.id, slot))
    event.add("dtstamp", stamp)
    event.add("summary", text(slot.summary))
    if slot.starts_at is None:
        event.add("dtstart", day.date)
        event.add("dtend", day.date + dt.timedelta(days=1))
    else:
        event.add("dtstart", slot.starts_at)
        if slot.ends_at is not None and slot.ends_at > slot.starts_at:
            event.add("dtend", slot.ends_at)
    if slot.place:
        event.add("location", text(slot.place))
    details = slot_description(slot)
    if details:
        event.add("description", text(details))
    event.add("categories", [slot.kind])
    if slot.kind in TRANSPARENT_KINDS:
        event.add("transp", "TRANSPARENT")
    if view.location.url:
        event.add("url", view.location.url)
    return event


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def text(value: str) -> str:
    """``value`` without the control characters iCalendar forbids (newlines and tabs stay:
    the library escapes them)."""
    return _CONTROL.sub("", value)
