"""Programme slots → VEVENTs, with the icalendar library."""

from __future__ import annotations

import datetime as dt
import os
import re
import zoneinfo

import icalendar

import confdocs
from confdocs import View
from confdocs.rendering import session_lines
from confdocs.view import DayView, SessionView, SlotView

from .uids import NAMESPACE, session_uid, slot_uid

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


#: One calendar event: a session of a slot of a day.
Entry = tuple[DayView, SlotView, SessionView]


def entries(view: View) -> list[Entry]:
    """Every session of the programme, one VEVENT each: a slot's own session (or the slot
    itself, a break) and each of its parallel sessions; a slot that only groups parallel
    sessions has no event of its own."""
    return [
        (day, slot, session)
        for day in view.programme
        for slot in day.slots
        for session in slot.sessions
    ]


def calendar(view: View) -> icalendar.Calendar:
    """The whole programme as a VCALENDAR."""
    return calendar_of(view, entries(view))


def calendar_of(view: View, slots: list[Entry]) -> icalendar.Calendar:
    """A VCALENDAR of ``slots`` (the whole programme's entries, or a sample of them)."""
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//confdocs//confdocs {confdocs.__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", icalendar.vText(text(view.title)))
    cal.add("x-wr-timezone", view.timezone)
    stamp = stamp_of(view)
    sequence = sequence_of(stamp)
    for day, slot, session in slots:
        cal.add_component(vevent(view, day, slot, session, stamp, sequence))
    if view.programme:
        # Transitions a year either side are enough, and keep the file small.
        first, last = view.programme[0].date, view.programme[-1].date
        cal.add_missing_timezones(first - dt.timedelta(days=366), last + dt.timedelta(days=366))
        # The library notes the years its transitions cover in an English COMMENT: not the
        # calendar's language, and said to no reader (applications do not show it).
        for zone in cal.walk("VTIMEZONE"):
            zone.pop("COMMENT", None)
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


#: Where a calendar's revision count starts (see :func:`sequence_of`).
SEQUENCE_FROM = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def sequence_of(stamp: dt.datetime) -> int:
    """SEQUENCE: the revision of every event in the calendar, the minutes from 2000 to its
    DTSTAMP. A calendar application that imported an earlier version takes an event as
    updated only when its SEQUENCE is higher (Outlook keeps the old one otherwise): each
    later version of the outline (a later ``header.version`` or ``SOURCE_DATE_EPOCH``) counts
    higher, and builds of the same version are the same file."""
    return max(0, int((stamp - SEQUENCE_FROM).total_seconds()) // 60)


#: Slot kinds a calendar shows as free time.
TRANSPARENT_KINDS = frozenset({"break", "meal", "end", "photo"})


def vevent(
    view: View,
    day: DayView,
    slot: SlotView,
    session: SessionView,
    stamp: dt.datetime,
    sequence: int = 0,
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", session_uid(view.id, session))
    event.add("dtstamp", stamp)
    event.add("sequence", sequence)
    event.add("summary", text(session.summary))
    if slot.all_day or session.starts_at is None:
        event.add("dtstart", day.date)
        event.add("dtend", day.date + dt.timedelta(days=1))
    else:
        event.add("dtstart", session.starts_at)
        if session.ends_at is not None and session.ends_at > session.starts_at:
            event.add("dtend", session.ends_at)
    if session.place:
        event.add("location", text(session.place))
    details = description(session)
    if details:
        event.add("description", text(details))
    event.add("categories", [slot.kind])
    if slot.kind in TRANSPARENT_KINDS:
        event.add("transp", "TRANSPARENT")
    url = link(view, session)
    if url:
        event.add("url", url)
    return event


def description(session: SessionView) -> str:
    """What the session says, a line each (its title is the summary)."""
    return "\n".join(session_lines(session))


def link(view: View, session: SessionView) -> str | None:
    """Where to join: the session's own link (or its room's), else the venue's."""
    return session.url or view.location.url


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def text(value: str) -> str:
    """``value`` without the control characters iCalendar forbids (newlines and tabs stay:
    the library escapes them). A literal backslash-N, which the library would write as a line
    break, keeps a word joiner (U+2060) between its two characters."""
    return _CONTROL.sub("", value).replace("\\N", LITERAL_BACKSLASH_N)


#: How a literal ``\N`` in a text is written (the library reads ``\N`` as a new line).
LITERAL_BACKSLASH_N = "\\\u2060N"
