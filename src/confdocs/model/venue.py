"""Where the event takes place: the venue, its rooms, and how people attend."""

from __future__ import annotations

from typing import Literal

import attrs

from .fields import IDENTIFIER_VALUE, MARKDOWN_TEXT, NAME, PRIVATE_URL

VenueMode = Literal["in-person", "online", "hybrid"]


@attrs.frozen
class Room:
    """A room of the venue, where sessions take place (``room:`` in a session)."""

    id: str = attrs.field(metadata=IDENTIFIER_VALUE)
    name: str = attrs.field(metadata=NAME)
    #: Interpretation languages (language codes) in this room; [] for none. Unset: the
    #: event's ``languages``.
    interpretation: tuple[str, ...] | None = None
    #: The link to join what happens in this room online. May be marked ``internal``.
    url: str | None = attrs.field(default=None, metadata=PRIVATE_URL)
    #: Fields left out of a public build (``url``).
    internal: frozenset[str] = frozenset()


@attrs.frozen
class Venue:
    name: str | None = attrs.field(default=None, metadata=NAME)
    address: str | None = attrs.field(default=None, metadata=NAME)
    city: str | None = attrs.field(default=None, metadata=NAME)
    country: str | None = None
    mode: VenueMode = "in-person"
    #: The link for online or hybrid events. May be marked ``internal``.
    url: str | None = attrs.field(default=None, metadata=PRIVATE_URL)
    rooms: tuple[Room, ...] = ()
    #: The location paragraph as the organiser writes it (Markdown).
    text: str | None = attrs.field(default=None, metadata=MARKDOWN_TEXT)
    #: Fields left out of a public build (``url``).
    internal: frozenset[str] = frozenset()
