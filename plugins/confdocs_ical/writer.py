"""VEVENTs written as text, as the icalendar library writes them, without its objects.

The library spends most of a large calendar's time building property objects and folding
lines one character at a time. Here the calendar's head and VTIMEZONE, and the lines that
are the same in every VEVENT or depend on the time zone (DTSTAMP, URL, how DTSTART is
written), still come from the library; the per-slot text (summary, description …) is escaped
and folded here by the same rules. One VEVENT is also made by the library and must come out
the same, else :func:`write_calendar` returns None and the library makes the whole file.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import icalendar

from confdocs import View
from confdocs.view import DayView, SessionView, SlotView

from .calendar import (
    TRANSPARENT_KINDS,
    calendar_of,
    description,
    entries,
    link,
    sequence_of,
    stamp_of,
    text,
    time_zone,
)
from .uids import session_uid

#: RFC 5545: lines longer than 75 octets are folded.
_LIMIT = 75
_TIME = "%Y%m%dT%H%M%S"
_DATE = "%Y%m%d"


def escape(value: str) -> str:
    """TEXT escaping, in the library's order (``\\N`` first, then backslash, ``;``, ``,`` and
    line ends)."""
    return (
        value.replace(r"\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )


def fold(line: str) -> str:
    """``line`` folded before 75 octets, never inside a character nor after a lone ``\\`` or
    ``^`` (the start of an escape), as the library folds."""
    if len(line) < _LIMIT and (line.isascii() or len(line.encode("utf-8")) < _LIMIT):
        return line
    folded: list[str] = []
    current: list[str] = []
    count = 0
    for char in line:
        size = 1 if char < "\x80" else len(char.encode("utf-8"))
        if current and count + size >= _LIMIT:
            if len(current) > 1 and current[-1] in "\\^":
                carried = current.pop()
                folded.append("".join(current))
                current = [carried]
                count = len(carried.encode("utf-8"))
            else:
                folded.append("".join(current))
                current = []
                count = 0
        current.append(char)
        count += size
    if current:
        folded.append("".join(current))
    return "\r\n ".join(folded)


def _line(event: icalendar.Event, name: str) -> str:
    return str(event.content_line(name, event[name]))


class _Lines:
    """The lines of a VEVENT that the library writes the same for every slot of an event."""

    def __init__(self, view: View, zone: zoneinfo.ZoneInfo, day: dt.date) -> None:
        probe = icalendar.Event()
        stamp = stamp_of(view)
        probe.add("dtstamp", stamp)
        self.stamp = _line(probe, "DTSTAMP")
        self.sequence = f"SEQUENCE:{sequence_of(stamp)}"
        self._urls: dict[str, str] = {}
        self.date_start, self.date_end = self._around(probe, "dtstart", day, _DATE)
        noon = dt.datetime.combine(day, dt.time(12, 0), zone)
        self.time_start, self.time_end = self._around(probe, "dtstart", noon, _TIME)

    @staticmethod
    def _around(probe: icalendar.Event, name: str, value: dt.date, pattern: str) -> tuple[str, str]:
        """What the library writes before and after the value of DTSTART (for a date, or a
        time in the zone); DTEND is written the same way."""
        probe.add(name, value)
        line = _line(probe, name.upper())
        probe.pop(name)
        shown = value.strftime(pattern)
        at = line.rfind(shown)
        if at < 0:
            raise ValueError("DTSTART is not written as expected")
        return line[len("DTSTART") : at], line[at + len(shown) :]

    def url(self, value: str) -> str:
        """The URL line as the library writes it (one probe per distinct link)."""
        made = self._urls.get(value)
        if made is None:
            probe = icalendar.Event()
            probe.add("url", value)
            made = self._urls[value] = _line(probe, "URL")
        return made

    def vevent(self, view: View, day: DayView, slot: SlotView, session: SessionView) -> str:
        lines = ["BEGIN:VEVENT", f"SUMMARY:{escape(text(session.summary))}"]
        if slot.all_day or session.starts_at is None:
            after = day.date + dt.timedelta(days=1)
            before, rest = self.date_start, self.date_end
            lines.append(f"DTSTART{before}{day.date.strftime(_DATE)}{rest}")
            lines.append(f"DTEND{before}{after.strftime(_DATE)}{rest}")
        else:
            before, rest = self.time_start, self.time_end
            lines.append(f"DTSTART{before}{session.starts_at.strftime(_TIME)}{rest}")
            if session.ends_at is not None and session.ends_at > session.starts_at:
                lines.append(f"DTEND{before}{session.ends_at.strftime(_TIME)}{rest}")
        lines.append(self.stamp)
        lines.append(f"UID:{escape(session_uid(view.id, session))}")
        lines.append(self.sequence)
        # The other properties in alphabetical order, as the library sorts them.
        lines.append(f"CATEGORIES:{escape(slot.kind)}")
        details = description(session)
        if details:
            lines.append(f"DESCRIPTION:{escape(text(details))}")
        if session.place:
            lines.append(f"LOCATION:{escape(text(session.place))}")
        if slot.kind in TRANSPARENT_KINDS:
            lines.append("TRANSP:TRANSPARENT")
        url = link(view, session)
        if url:
            lines.append(self.url(url))
        lines.append("END:VEVENT")
        return "".join(fold(line) + "\r\n" for line in lines)


def write_calendar(view: View) -> bytes | None:
    """The iCalendar file of ``view``, or None when a VEVENT written here would differ from the
    library's (then the caller has the library make the file)."""
    slots = entries(view)
    if not slots:
        return None
    zone = time_zone(view)
    # A timed slot when there is one, so the sample calendar has the VTIMEZONE the whole has.
    sample = next((entry for entry in slots if entry[2].starts_at is not None), slots[0])
    made = bytes(calendar_of(view, [sample]).to_ical()).decode("utf-8")
    begin = made.find("BEGIN:VEVENT\r\n")
    end = made.rfind("END:VCALENDAR\r\n")
    if begin < 0 or end < begin:
        return None
    try:
        lines = _Lines(view, zone, sample[0].date)
    except ValueError:
        return None
    if lines.vevent(view, *sample) != made[begin:end]:
        return None
    events = "".join(lines.vevent(view, *entry) for entry in slots)
    return (made[:begin] + events + made[end:]).encode("utf-8")
