"""Where the event takes place: the venue, its rooms, and how people attend."""

from __future__ import annotations

from typing import Literal

import attrs

from .fields import IDENTIFIER_VALUE, MARKDOWN_TEXT, URL_VALUE

VenueMode = Literal["in-person", "online", "hybrid"]


@attrs.frozen
class Room:
    id: str = attrs.field(metadata=IDENTIFIER_VALUE)
    name: str


@attrs.frozen
class Venue:
    name: str | None = None
    address: str | None = None
    city: str | None = None
    country: str | None = None
    mode: VenueMode = "in-person"
    #: The link for online or hybrid events.
    url: str | None = attrs.field(default=None, metadata=URL_VALUE)
    rooms: tuple[Room, ...] = ()
    #: The location paragraph as the organiser writes it (Markdown).
    text: str | None = attrs.field(default=None, metadata=MARKDOWN_TEXT)
