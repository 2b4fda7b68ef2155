"""The programme laid out in time, by one rule, for the view and for every validator.

A slot starts at its ``start``. It ends at its stated ``end``; else, for an end-of-day marker
(``kind: end``), where it starts: it is a moment, not a stretch of time, so an evening dinner
after it does not make it last until then; else when the next later slot of the day starts
(slots starting together share that end); else, for the day's last slot, at the latest end its
sessions state, or after the minutes its sessions book, if they book any; else its end is open
(None). An all-day slot has neither: calendars show it as a whole day, and a schedule spreads
it over the day's programme (:meth:`Timeline.extent`).

Each session of a slot (its own and its parallel ones) starts with the slot; it ends at its own
stated ``end`` (a breakout that finishes early), else with the slot.

``timeline(event)`` is what the view shows as start and end times and what the timing checks
measure; a validator plugin may ask for it by naming a ``timeline`` parameter in ``validate``.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterator

import attrs

from ..model import Day, Event, Session, Slot
from ..model.units import minutes_of


@attrs.frozen
class Booking:
    """The minutes a session books: its contributions and its discussion."""

    booked: int
    #: The session has contributions, and every one of them (and the discussion, if any)
    #: gives a duration: only then is time left over worth a word.
    complete: bool
    items: int


def booking(session: Session) -> Booking:
    durations = [c.duration for c in session.contributions]
    if session.discussion is not None:
        durations.append(session.discussion.duration)
    known = [d for d in durations if d is not None]
    complete = bool(session.contributions) and len(known) == len(durations)
    return Booking(sum(known), complete, len(durations))


@attrs.frozen
class SessionTime:
    """One session of a slot, placed in time."""

    #: 0 for the slot's own session (when it has one), then its parallel sessions.
    index: int
    path: str
    session: Session
    start: int | None
    end: int | None
    #: The session states its own end (a parallel session ending apart from the others).
    own_end: bool = False

    @property
    def length(self) -> int | None:
        return None if self.end is None or self.start is None else self.end - self.start


@attrs.frozen
class SlotTime:
    """A slot of a day placed in time; times in minutes since midnight."""

    day: int
    index: int
    date: dt.date
    slot: Slot
    start: int | None
    #: Stated end, the next slot's start, or the minutes booked; None when open.
    end: int | None
    #: How the end was found: ``stated``, ``moment`` (an end-of-day marker), ``next``,
    #: ``sessions`` (the latest its parallel sessions state), ``booked``, ``open`` or
    #: ``all-day``.
    end_rule: str
    sessions: tuple[SessionTime, ...]

    @property
    def path(self) -> str:
        return f"programme.days[{self.day}].slots[{self.index}]"

    @property
    def timed(self) -> bool:
        return self.start is not None

    @property
    def end_stated(self) -> bool:
        return self.end_rule == "stated"

    @property
    def length(self) -> int | None:
        return None if self.end is None or self.start is None else self.end - self.start

    @property
    def start_time(self) -> dt.time | None:
        return None if self.start is None else _clock(self.start)

    @property
    def end_time(self) -> dt.time | None:
        return None if self.end is None else _clock(self.end)


@attrs.frozen
class DayTime:
    index: int
    date: dt.date
    #: Every slot of the day, in file order.
    slots: tuple[SlotTime, ...]

    def in_time_order(self) -> list[SlotTime]:
        """The day's timed slots by start (ties keep file order)."""
        timed = [s for s in self.slots if s.start is not None]
        return sorted(timed, key=lambda s: (s.start, s.index))

    @property
    def span(self) -> tuple[int, int]:
        """From the day's first timed start to its last known end (minutes); the whole day
        when nothing on it is timed."""
        starts = [s.start for s in self.slots if s.start is not None]
        ends = [x for s in self.slots for x in (s.start, s.end) if x is not None]
        if not starts:
            return 0, 24 * 60
        return min(starts), max(max(ends), min(starts))


@attrs.frozen
class Timeline:
    timezone: str
    days: tuple[DayTime, ...]

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    def slot(self, day: int, index: int) -> SlotTime:
        return self.days[day].slots[index]

    def slots(self) -> Iterator[SlotTime]:
        for day in self.days:
            yield from day.slots

    def extent(self, slot: SlotTime) -> tuple[int, int]:
        """Where a format that needs a start and an end puts ``slot`` (minutes): its own times;
        for an all-day slot, the span of its day's programme; an open end is its start."""
        if slot.start is None:
            return self.days[slot.day].span
        return slot.start, slot.end if slot.end is not None else slot.start

    def at(self, slot: SlotTime, minutes: int) -> dt.datetime:
        """``minutes`` after midnight on the slot's day, in the event's time zone."""
        return dt.datetime.combine(slot.date, dt.time(0, 0), self.zone) + dt.timedelta(
            minutes=minutes
        )


def timeline(event: Event) -> Timeline:
    """The event's programme laid out in time (see the module's rule)."""
    return Timeline(
        event.settings.timezone,
        tuple(_day(d, day) for d, day in enumerate(event.programme.days)),
    )


def _day(index: int, day: Day) -> DayTime:
    starts = sorted(
        {minutes_of(s.start) for s in day.slots if s.start is not None and not s.all_day}
    )
    slots = []
    for s, slot in enumerate(day.slots):
        base = f"programme.days[{index}].slots[{s}]"
        if slot.all_day or slot.start is None:
            start = end = None
            rule = "all-day" if slot.all_day else "open"
        else:
            start = minutes_of(slot.start)
            later = [t for t in starts if t > start]
            own_ends = [minutes_of(x.end) for x in slot.parallel if x.end is not None]
            if slot.end is not None:
                end, rule = minutes_of(slot.end), "stated"
            elif slot.kind == "end":
                end, rule = start, "moment"
            elif later:
                end, rule = later[0], "next"
            elif own_ends:
                end, rule = max(own_ends), "sessions"
            else:
                booked = max((booking(x).booked for x in slot.sessions()), default=0)
                end, rule = (start + booked, "booked") if booked else (None, "open")
            if end is not None:
                end = min(end, 24 * 60 - 1)
        sessions = []
        for i, (path, session) in enumerate(session_paths(slot, base)):
            session_end, own = end, False
            if session is not slot and session.end is not None and start is not None:
                session_end, own = min(minutes_of(session.end), 24 * 60 - 1), True
            sessions.append(SessionTime(i, path, session, start, session_end, own))
        slots.append(SlotTime(index, s, day.date, slot, start, end, rule, tuple(sessions)))
    return DayTime(index, day.date, tuple(slots))


def session_paths(slot: Slot, base: str) -> Iterator[tuple[str, Session]]:
    """The slot's sessions with their paths: its own (when it has content), then each
    parallel one."""
    if slot.has_own_session:
        yield base, slot
    for p, session in enumerate(slot.parallel):
        yield f"{base}.parallel[{p}]", session


def _clock(minutes: int) -> dt.time:
    return dt.time(minutes // 60, minutes % 60)
