"""The programme: days, slots in time, sessions in rooms, and what is said in them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Literal

import attrs

from .fields import DURATION_VALUE, IDENTIFIER_VALUE, MARKDOWN_TEXT, NAME, PLAIN_TEXT, PRIVATE_URL
from .people import ShowAs

SlotKind = Literal["session", "break", "meal", "photo", "meeting", "preparation", "end", "other"]
SLOT_KINDS: tuple[str, ...] = SlotKind.__args__  # type: ignore[attr-defined]


@attrs.frozen
class Contribution:
    """One item of a session: a person, several people, a delegation, or free text."""

    people: tuple[str, ...] = ()
    #: A country code: the delegation of that country.
    delegation: str | None = None
    #: What is presented ("Presentation of Case …"), Markdown.
    title: str | None = attrs.field(default=None, metadata=MARKDOWN_TEXT)
    #: Said after the speaker ("(LATAM)", "for Europe").
    note: str | None = attrs.field(default=None, metadata=PLAIN_TEXT)
    duration: int | None = attrs.field(default=None, metadata=DURATION_VALUE)
    #: How much of each person to show: name, position and affiliation; name and
    #: organisation; or the name alone.
    show: ShowAs = "full"
    #: The speakers take part remotely (by video link), not in the room.
    remote: bool = False


@attrs.frozen
class Discussion:
    """Discussion time closing a session."""

    duration: int | None = attrs.field(default=None, metadata=DURATION_VALUE)
    moderators: tuple[str, ...] = ()
    #: What the discussion is ("Comments by participants"), Markdown.
    text: str | None = attrs.field(default=None, metadata=MARKDOWN_TEXT)


@attrs.frozen
class Place:
    """Where a session is held when it is not at the venue (a field visit, a reception at a
    ministry): calendars and schedules send people there."""

    name: str = attrs.field(metadata=NAME)
    address: str | None = attrs.field(default=None, metadata=NAME)
    city: str | None = attrs.field(default=None, metadata=NAME)


@attrs.frozen
class Session:
    """What happens in a slot, or in one room of a slot with parallel sessions."""

    title: str | None = attrs.field(default=None, metadata=MARKDOWN_TEXT)
    room: str | None = None
    moderators: tuple[str, ...] = ()
    #: Show contributions under a "Panel:" heading.
    panel: bool = False
    contributions: tuple[Contribution, ...] = ()
    discussion: Discussion | None = None
    #: Further Markdown after the title (lists of questions, remarks).
    body: str | None = attrs.field(default=None, metadata=MARKDOWN_TEXT)
    #: When it ends, if not with its slot: a parallel session may end earlier (or later) than
    #: the others; for a slot, its end when it is not the next slot's start.
    end: dt.time | None = None
    #: Interpretation languages (language codes) in this session; [] for none. Unset: its
    #: room's, else the event's ``languages``.
    interpretation: tuple[str, ...] | None = None
    #: The link to join this session online (a breakout's own meeting); else its room's, else
    #: the venue's. May be marked ``internal``.
    url: str | None = attrs.field(default=None, metadata=PRIVATE_URL)
    #: Fields left out of a public build (``url``).
    internal: frozenset[str] = frozenset()
    #: Held online only, in no room (of a hybrid event, a panel of remote speakers): its place
    #: is "Online" and its link, not the venue.
    online: bool = False
    #: Held elsewhere than the venue, in none of its rooms; a slot's place is its parallel
    #: sessions' too, unless they have their own.
    place: Place | None = None


@attrs.frozen
class Slot(Session):
    """A time in a day: starts at ``start`` (or lasts all day), of a kind.

    A slot is itself a session; ``parallel`` holds breakout sessions in named rooms, and
    ``continues`` names the slot (by id) that this one continues after a break.
    """

    id: str | None = attrs.field(default=None, metadata=IDENTIFIER_VALUE)
    start: dt.time | None = None
    all_day: bool = False
    kind: SlotKind = "session"
    parallel: tuple[Session, ...] = ()
    continues: str | None = None

    @property
    def has_own_session(self) -> bool:
        """Does the slot hold a session of its own besides its parallel ones? It does when it
        has no parallel sessions, or has speakers, moderators, a discussion or a body; a title
        alone is the heading over the parallel sessions."""
        return not self.parallel or bool(
            self.contributions or self.moderators or self.discussion or self.body
        )

    def sessions(self) -> tuple[Session, ...]:
        """The slot's own session (when it has one) followed by its parallel ones."""
        return ((self,) if self.has_own_session else ()) + self.parallel

    def place_of(self, session: Session) -> Place | None:
        """Where ``session`` (this slot's own, or one of its parallel ones) is held when not at
        the venue: its own place, else the slot's."""
        return session.place or (self.place if session is not self else None)


@attrs.frozen
class Day:
    date: dt.date
    slots: tuple[Slot, ...] = ()
    title: str | None = attrs.field(default=None, metadata=PLAIN_TEXT)


@attrs.frozen
class Programme:
    days: tuple[Day, ...] = ()

    def slots(self) -> Iterator[tuple[int, int, Day, Slot]]:
        """Every slot with the indexes of its day and itself."""
        for d, day in enumerate(self.days):
            for s, slot in enumerate(day.slots):
                yield d, s, day, slot
