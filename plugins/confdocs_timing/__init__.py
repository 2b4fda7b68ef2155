"""confdocs plugin: timing — does the programme add up?

Slots in order, no overlaps, contributions that fit their slot, no unbooked minutes left
unsaid, days inside the event's dates, nobody in two places at once. A slot lasts until its
stated ``end`` or else until the next slot starts (the core's timeline, ``confdocs.view.timeline``,
which the view shows too); the day's last slot without an end is not measured.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING

from confdocs import hookimpl

if TYPE_CHECKING:
    from confdocs import Finding, Registrations, Validator
    from confdocs.model import Event
    from confdocs.view import Timeline

__version__ = "0.1.0"

CODES = {
    "programme.order": "slots (or days) out of time order, or a slot that ends before it starts",
    "programme.overlap": "a slot whose stated end runs into the next, two slots at one time, "
    "or a parallel session ending after its slot",
    "programme.overrun": "contributions and discussion longer than their slot",
    "programme.unallocated": "minutes of a fully timed session that nothing is booked for",
    "programme.skipped-time": "a stated time the event's zone skips (the night summer time "
    "begins): calendars show another hour",
    "programme.repeated-time": "a stated time that happens twice (the night summer time ends): "
    "calendars take the first",
    "programme.outside-dates": "a day outside the event's dates (info for preparation days)",
    "programme.double-booked": "the same person in two sessions that overlap in time",
    "programme.room-double-booked": "one room booked for two sessions that overlap in time",
    "dates.reply-after-start": "nominations due (participants.reply_by) once the event has begun",
    "dates.letters-after-reply": "letters dated after the nominations they ask for are due",
    "dates.certificates-before-end": "certificates of attendance dated before the event ends",
}


class TimingValidator:
    """Checks the programme's times against each other and the event's dates."""

    name = "timing"
    codes: Mapping[str, str] = CODES

    def validate(
        self,
        event: Event,
        registrations: Registrations | None = None,
        timeline: Timeline | None = None,
    ) -> Iterator[Finding]:
        from confdocs.view import timeline as lay_out

        from .checks import check_programme

        return check_programme(event, timeline if timeline is not None else lay_out(event))


@hookimpl
def confdocs_register_validators(register: Callable[[Validator], None]) -> None:
    register(TimingValidator())
