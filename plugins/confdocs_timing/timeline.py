"""Each day's timed slots laid out in time: start, end (stated or the next slot's start),
and the minutes their sessions book."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from confdocs.model.units import minutes_of

if TYPE_CHECKING:
    from confdocs.model import Day, Session, Slot


@attrs.frozen
class Placed:
    """A slot of a day with its place in time, in minutes since midnight."""

    day: int
    index: int
    slot: Slot
    start: int
    #: Stated end, or the next slot's start; None for the day's last slot without an end.
    end: int | None
    end_stated: bool

    @property
    def path(self) -> str:
        return f"programme.days[{self.day}].slots[{self.index}]"

    @property
    def length(self) -> int | None:
        return None if self.end is None else self.end - self.start


def place_day(day_index: int, day: Day) -> list[Placed]:
    """The day's slots that have a start, in time order (ties keep file order)."""
    timed = [
        (minutes_of(slot.start), index, slot)
        for index, slot in enumerate(day.slots)
        if slot.start is not None and not slot.all_day
    ]
    timed.sort(key=lambda item: (item[0], item[1]))
    placed: list[Placed] = []
    # Walk backwards so each slot knows the next *later* start (ties share it).
    next_start: int | None = None
    tie_start: int | None = None
    for start, index, slot in reversed(timed):
        if tie_start is not None and start < tie_start:
            next_start = tie_start
        tie_start = start
        if slot.end is not None:
            placed.append(Placed(day_index, index, slot, start, minutes_of(slot.end), True))
        else:
            placed.append(Placed(day_index, index, slot, start, next_start, False))
    placed.reverse()
    return placed


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


def session_paths(placed: Placed) -> Iterator[tuple[str, Session]]:
    """The slot's sessions with their paths: its own, then each parallel one."""
    slot = placed.slot
    if slot.title or slot.contributions or not slot.parallel:
        yield placed.path, slot
    for p, session in enumerate(slot.parallel):
        yield f"{placed.path}.parallel[{p}]", session
