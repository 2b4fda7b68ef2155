"""The programme laid out in time, by one rule, for the view and for every validator.

A slot starts at its ``start``. It ends at its stated ``end``; else when the next later slot of
the day starts (slots starting together share that end); else, for the day's last slot, after the
minutes its sessions book, if they book any; else its end is open (None). An all-day slot has
neither. Each session of a slot (its own and its parallel ones) runs with the slot.

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
    #: How the end was found: ``stated``, ``next``, ``booked``, ``open`` or ``all-day``.
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
            if slot.end is not None:
                end, rule = minutes_of(slot.end), "stated"
            elif later:
                end, rule = later[0], "next"
            else:
                booked = max((booking(x).booked for x in slot.sessions()), default=0)
                end, rule = (start + booked, "booked") if booked else (None, "open")
            if end is not None:
                end = min(end, 24 * 60 - 1)
        sessions = tuple(
            SessionTime(i, path, session, start, end)
            for i, (path, session) in enumerate(session_paths(slot, base))
        )
        slots.append(SlotTime(index, s, day.date, slot, start, end, rule, sessions))
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
