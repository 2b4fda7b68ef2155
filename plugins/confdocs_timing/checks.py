"""The programme's timing checks, one function per code."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from confdocs import Finding, counted, display_name, error, info, warning
from confdocs.view import SlotTime, booking

if TYPE_CHECKING:
    from confdocs.model import Event, Session
    from confdocs.view import Timeline

#: Slot kinds that may sit outside the event's dates: setting up the day before, side meetings.
SIDE_KINDS = frozenset({"preparation", "meeting"})


class Clock:
    """Times and dates written as the event writes them (``09h30``)."""

    def __init__(self, event: Event) -> None:
        self.pattern = event.settings.time_format
        self.locale = event.settings.locale

    def time(self, minutes: int) -> str:
        return _written(minutes, self.pattern, self.locale)

    def date(self, value: dt.date) -> str:
        try:
            from babel.dates import format_date

            return str(format_date(value, "full", locale=self.locale))  # CLDR's, per language
        except Exception:
            return value.isoformat()


@functools.lru_cache(maxsize=4096)
def _written(minutes: int, pattern: str, locale: str) -> str:
    """A time of day as the event writes it; each written once for every check and build of
    the process (the checks name the same few times again and again)."""
    value = dt.time(min(minutes // 60, 23), minutes % 60)
    try:
        from babel.dates import format_time

        return str(format_time(value, pattern, locale=locale))
    except Exception:  # a pattern Babel refuses is the loader's business, not ours
        return f"{value.hour:02d}:{value.minute:02d}"


def check_programme(event: Event, timeline: Timeline) -> Iterator[Finding]:
    clock = Clock(event)
    yield from check_order(event, timeline, clock)
    for day in timeline.days:
        placed = day.in_time_order()
        yield from check_overlap(placed, clock)
        yield from check_bookings(placed, clock)
        yield from check_double_booked(event, placed, clock)
        yield from check_rooms(event, placed, clock)
        yield from check_session_ends(placed, clock)
    yield from check_clock_changes(timeline, clock)
    yield from check_dates(event, clock)
    yield from check_document_dates(event, clock)


def check_document_dates(event: Event, clock: Clock) -> Iterator[Finding]:
    """The dates the letters and certificates print, against the event's: nominations due
    once the event has begun, letters dated after the nominations are due, certificates of
    attendance signed before the last day."""
    reply_by = event.participants.reply_by
    if reply_by is not None and reply_by >= event.start:
        yield warning(
            "dates.reply-after-start",
            f"nominations are due {clock.date(reply_by)}, "
            f"{'after' if reply_by > event.start else 'on'} the event's first day "
            f"({clock.date(event.start)}): the invitation letters ask for them then",
            "participants.reply_by",
        )
    written = event.letters.date
    if written is not None and reply_by is not None and written > reply_by:
        yield warning(
            "dates.letters-after-reply",
            f"the letters are dated {clock.date(written)}, after the nominations they ask for "
            f"are due ({clock.date(reply_by)})",
            "letters.date",
        )
    signed = event.certificates.date
    if signed is not None and signed < event.end:
        yield warning(
            "dates.certificates-before-end",
            f"the certificates are dated {clock.date(signed)}, before the event ends "
            f"({clock.date(event.end)}): they would certify attendance to come",
            "certificates.date",
        )


def check_order(event: Event, timeline: Timeline, clock: Clock) -> Iterator[Finding]:
    """Slots written in file order must run forward in time."""
    for day in timeline.days:
        previous: SlotTime | None = None
        for slot in day.slots:
            if slot.start is None:
                continue
            if previous is not None and previous.start is not None and slot.start < previous.start:
                yield error(
                    "programme.order",
                    f"this slot starts at {clock.time(slot.start)}, before the slot above it "
                    f"(slots[{previous.index}], {clock.time(previous.start)})",
                    slot.path,
                )
            if slot.end_stated and slot.end is not None and slot.end <= slot.start:
                yield error(
                    "programme.order",
                    f"this slot ends at {clock.time(slot.end)}, not after its start "
                    f"at {clock.time(slot.start)}",
                    f"{slot.path}.end",
                )
            previous = slot
    days = event.programme.days
    for d in range(1, len(days)):
        if days[d].date <= days[d - 1].date:
            yield error(
                "programme.order",
                f"day {clock.date(days[d].date)} comes after {clock.date(days[d - 1].date)}; "
                "days must be in date order, each once",
                f"programme.days[{d}].date",
            )


def check_overlap(placed: list[SlotTime], clock: Clock) -> Iterator[Finding]:
    """A stated end running into a later slot; two slots at the same time."""
    for slot, after in itertools.pairwise(placed):
        assert slot.start is not None and after.start is not None
        if after.start == slot.start:
            yield error(
                "programme.overlap",
                f"two slots start at {clock.time(slot.start)} (slots[{slot.index}] and "
                f"slots[{after.index}]); use parallel sessions for things at the same time",
                after.path,
            )
        elif slot.end_stated and slot.end is not None and slot.end > after.start:
            yield error(
                "programme.overlap",
                f"this slot ends at {clock.time(slot.end)}, after the next one starts "
                f"(slots[{after.index}] at {clock.time(after.start)}): "
                f"{slot.end - after.start} minutes overlap",
                slot.path,
            )


def check_bookings(placed: list[SlotTime], clock: Clock) -> Iterator[Finding]:
    """Contributions and discussion against the slot's length: overrun, unallocated time.

    Only a length the programme gives (a stated end, or the next slot's start) is measured:
    the day's last slot lasts as long as what it books."""
    for slot in placed:
        length = slot.length
        if length is None or length <= 0 or slot.start is None or slot.end_rule == "booked":
            continue
        for timed in slot.sessions:
            path, session = timed.path, timed.session
            if timed.own_end and timed.length is not None and timed.length > 0:
                length = timed.length  # a parallel session ending on its own
            else:
                length = slot.length or 0
            booked = booking(session)
            if booked.booked > length or (booked.complete and booked.booked < length):
                span = f"{clock.time(slot.start)}–{clock.time(slot.start + length)}"
            if booked.booked > length:
                yield error(
                    "programme.overrun",
                    f"the session at {clock.time(slot.start)} books {booked.booked} minutes "
                    f"in its {length} ({span}): {booked.booked - length} minutes too many",
                    path,
                )
            elif booked.complete and booked.booked < length:
                free = length - booked.booked
                yield warning(
                    "programme.unallocated",
                    f"the session at {clock.time(slot.start)} books {booked.booked} of its "
                    f"{length} minutes ({span}): {counted(free, 'minute')} "
                    "unallocated",
                    path,
                )


def check_dates(event: Event, clock: Clock) -> Iterator[Finding]:
    """Days outside the event's dates: fine for preparation and side meetings, else wrong."""
    dates = f"{clock.date(event.start)} – {clock.date(event.end)}"
    for d, day in enumerate(event.programme.days):
        if event.start <= day.date <= event.end:
            continue
        side = "before" if day.date < event.start else "after"
        main = [
            (s, slot) for s, slot in enumerate(day.slots) if slot.kind not in SIDE_KINDS
        ]
        if main:  # one finding at the date, which is what is wrong (or the event's dates)
            titles = [title for title in (_plain(slot.title) for _, slot in main) if title]
            shown = f" ({', '.join(titles[:2])}{', …' if len(titles) > 2 else ''})"
            yield error(
                "programme.outside-dates",
                f"{clock.date(day.date)} is {side} the event ({dates}) but holds "
                f"{counted(len(main), 'slot')} of the programme"
                f"{shown if titles else ''}: change the day's date, or the event's start "
                "and end",
                f"programme.days[{d}].date",
            )
        else:
            kinds = " and ".join(sorted({slot.kind for slot in day.slots})) or "empty"
            yield info(
                "programme.outside-dates",
                f"{clock.date(day.date)} is {side} the event ({dates}); it holds only "
                f"{kinds} slots, so this is noted, not faulted",
                f"programme.days[{d}].date",
            )


@attrs.frozen
class Occupied:
    """A session placed in time, as a person would name it: its title, room and times."""

    start: int
    end: int
    path: str
    title: str
    room: str | None
    room_name: str | None

    def describe(self, clock: Clock) -> str:
        where = f" in {self.room_name}" if self.room_name else ""
        title = f"“{self.title}”" if self.title else "a session"
        return f"{title}{where} ({clock.time(self.start)}–{clock.time(self.end)})"


def occupied(event: Event, placed: list[SlotTime]) -> Iterator[tuple[Occupied, Session]]:
    """Every timed session of a day with its own times (an open end lasts a minute)."""
    rooms = {room.id: room.name for room in event.venue.rooms}
    for slot in placed:
        assert slot.start is not None
        heading = _plain(slot.slot.title)
        for timed in slot.sessions:
            start = timed.start if timed.start is not None else slot.start
            end = timed.end if timed.end is not None and timed.end > start else start + 1
            session = timed.session
            own = _plain(session.title) if session is not slot.slot else ""
            title = f"{heading}: {own}" if heading and own else own or heading
            room = session.room
            name = rooms.get(room, room) if room else None
            yield Occupied(start, end, timed.path, title, room, name), session


def _overlaps(items: list[Occupied]) -> Iterator[tuple[Occupied, Occupied]]:
    """Pairs (earlier, later) of items whose times overlap, each later item once, against the
    item that reaches furthest before it."""
    items = sorted(items, key=lambda o: o.start)  # ties keep file order
    latest: Occupied | None = None
    for item in items:
        if latest is not None and item.start < latest.end and item.path != latest.path:
            yield latest, item
        if latest is None or item.end > latest.end:
            latest = item


def check_double_booked(
    event: Event, placed: list[SlotTime], clock: Clock
) -> Iterator[Finding]:
    """The same person in two sessions whose times overlap (parallel rooms included); a
    placeholder person ("TBC") stands in for many people and is never double-booked."""
    known = event.index.people
    appearances: dict[str, list[Occupied]] = defaultdict(list)
    for where, session in occupied(event, placed):
        for person in _people(session):
            if person in known and not known[person].placeholder:
                appearances[person].append(where)
    for person, times in appearances.items():
        for first, second in _overlaps(times):
            name = display_name(known[person], event.settings)
            yield error(
                "programme.double-booked",
                f"{name} ({person}) is in two sessions at once: {first.describe(clock)} and "
                f"{second.describe(clock)}",
                second.path,
            )


def check_rooms(event: Event, placed: list[SlotTime], clock: Clock) -> Iterator[Finding]:
    """A room booked for two sessions whose times overlap."""
    by_room: dict[str, list[Occupied]] = defaultdict(list)
    for where, _ in occupied(event, placed):
        if where.room is not None:
            by_room[where.room].append(where)
    for times in by_room.values():
        for first, second in _overlaps(times):
            yield error(
                "programme.room-double-booked",
                f"{second.room_name} is booked twice at once: {first.describe(clock)} and "
                f"{second.describe(clock)}",
                f"{second.path}.room",
            )


def check_session_ends(placed: list[SlotTime], clock: Clock) -> Iterator[Finding]:
    """A parallel session's own end past its slot's stated end or the next slot's start."""
    for slot in placed:
        if slot.end is None or slot.end_rule not in ("stated", "next"):
            continue
        for timed in slot.sessions:
            if timed.own_end and timed.end is not None and timed.end > slot.end:
                yield error(
                    "programme.overlap",
                    f"this session ends at {clock.time(timed.end)}, after its slot ends "
                    f"at {clock.time(slot.end)}: {timed.end - slot.end} minutes overlap",
                    f"{timed.path}.end",
                )


def check_clock_changes(timeline: Timeline, clock: Clock) -> Iterator[Finding]:
    """A time the programme states that the event's zone skips (the night summer time
    begins: 02:30 never happens) or passes twice (the night it ends: 03:30 happens twice).
    A calendar reads a skipped time with the offset before the change, so it shows another
    hour, and a repeated one as its first occurrence, so what lasts from it is an hour longer
    or shorter than the programme says: neither is what the organiser means."""
    zone = timeline.zone
    for slot in timeline.slots():
        stated = [(slot.start, slot.path + ".start")]
        if slot.end_stated:
            stated.append((slot.end, slot.path + ".end"))
        stated += [(t.end, t.path + ".end") for t in slot.sessions if t.own_end]
        for minutes, path in stated:
            if minutes is None or not 0 <= minutes < 24 * 60:
                continue
            wall = dt.datetime.combine(slot.date, dt.time(minutes // 60, minutes % 60))
            first, second = (wall.replace(tzinfo=zone, fold=f) for f in (0, 1))
            before, after = first.utcoffset(), second.utcoffset()
            if before == after or before is None or after is None:
                continue
            written, day = clock.time(minutes), clock.date(slot.date)
            shifted = first.astimezone(dt.UTC).astimezone(zone)
            if shifted.replace(tzinfo=None) != wall:  # in the gap the clocks jump over
                shown = clock.time(shifted.hour * 60 + shifted.minute)
                yield error(
                    "programme.skipped-time",
                    f"{written} does not exist on {day} in {timeline.timezone}: the clocks "
                    f"go forward {_hours(after - before)} that night, and a calendar shows "
                    f"{shown} instead; move it out of the hour the clocks skip",
                    path,
                )
            else:
                yield warning(
                    "programme.repeated-time",
                    f"{written} happens twice on {day} in {timeline.timezone}: the clocks go "
                    f"back {_hours(before - after)} that night, and a calendar takes the first "
                    f"{written} (GMT{_offset(before)}), not the second (GMT{_offset(after)})",
                    path,
                )


def _hours(change: dt.timedelta) -> str:
    minutes = int(change.total_seconds()) // 60
    if minutes % 60:
        return f"{minutes} minutes"
    return "an hour" if minutes == 60 else f"{minutes // 60} hours"


def _offset(value: dt.timedelta) -> str:
    minutes = int(value.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _plain(text: str | None) -> str:
    """A Markdown title as a message shows it: markup and line breaks folded away."""
    if not text:
        return ""
    return " ".join(_MARKUP.sub("", text).split())


_MARKUP = re.compile(r"[*_`]+|\[\^[^\]]*\]")


def _people(session: Session) -> set[str]:
    found = set(session.moderators)
    for contribution in session.contributions:
        found.update(contribution.people)
    if session.discussion is not None:
        found.update(session.discussion.moderators)
    return found
