"""Who is invited: groups of countries under projects, roles in each delegation, seats for
organisations, and the total the outline states."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import attrs

from .fields import IDENTIFIER_VALUE, MARKDOWN_TEXT, NAME, PLAIN_TEXT, URL_VALUE


@attrs.frozen
class CountrySet:
    """A named set of countries, such as the EU Member States of a given year."""

    id: str = attrs.field(metadata=IDENTIFIER_VALUE)
    name: str = attrs.field(metadata=NAME)
    countries: tuple[str, ...]


@attrs.frozen
class CountryRule:
    """A per-country exception inside an invitation group, with its footnote."""

    country: str
    seats: int | None = None
    note: str | None = None
    #: The country's own delegation composition, role id → seats (a host country's two
    #: prosecutors and two investigators); replaces the roles' ``per_delegation`` for it.
    composition: Mapping[str, int] = attrs.field(factory=dict)


@attrs.frozen
class InvitationGroup:
    """Countries invited under one project, with seats per country."""

    id: str = attrs.field(metadata=IDENTIFIER_VALUE)
    project: str = attrs.field(metadata=NAME)
    countries: tuple[str, ...]
    seats_per_country: int = 2
    exceptions: tuple[CountryRule, ...] = ()
    url: str | None = attrs.field(default=None, metadata=URL_VALUE)
    #: Notes (ids) shown after the group's list of countries.
    notes: tuple[str, ...] = ()
    #: Seats per country for participants following online, on top of the in-person seats.
    online_seats_per_country: int = 0

    def seats_for(self, country: str) -> int:
        for rule in self.exceptions:
            if rule.country == country and rule.seats is not None:
                return rule.seats
        return self.seats_per_country

    def composition_for(self, country: str) -> Mapping[str, int] | None:
        """The composition an exception gives ``country``, or None (the event's roles)."""
        for rule in self.exceptions:
            if rule.country == country and rule.composition:
                return rule.composition
        return None


@attrs.frozen
class Role:
    """A place in each delegation, such as one prosecutor and one law-enforcement officer."""

    id: str = attrs.field(metadata=IDENTIFIER_VALUE)
    label: str = attrs.field(metadata=MARKDOWN_TEXT)
    per_delegation: int = 1
    #: A short name for badges and lists ("Prosecutor"); the label when not given.
    short_label: str | None = attrs.field(default=None, metadata=PLAIN_TEXT)


@attrs.frozen
class Allocation:
    """Seats for an organisation or institution.

    ``seats`` each, times the number of countries when ``countries`` or ``country_set`` is
    given (one per EU Member State at Eurojust), else ``seats`` in all.
    """

    id: str = attrs.field(metadata=IDENTIFIER_VALUE)
    label: str = attrs.field(metadata=MARKDOWN_TEXT)
    seats: int = 1
    organisation: str | None = None
    countries: tuple[str, ...] = ()
    country_set: str | None = None
    #: Seats for participants following online, on top of ``seats`` (per country too, when
    #: the allocation counts countries).
    online_seats: int = 0


@attrs.frozen
class StatedTotal:
    value: int
    approximate: bool = False


@attrs.frozen
class Participants:
    """Who is invited. Texts are Markdown; ``{countries}``, ``{seats_per_country}``,
    ``{total}`` and ``{stated_total}`` in them are replaced by the computed figures."""

    intro: str | None = attrs.field(default=None, metadata=MARKDOWN_TEXT)
    groups: tuple[InvitationGroup, ...] = ()
    eligibility: str | None = attrs.field(default=None, metadata=MARKDOWN_TEXT)
    roles: tuple[Role, ...] = ()
    composition: str | None = attrs.field(default=None, metadata=MARKDOWN_TEXT)
    allocations_intro: str | None = attrs.field(default=None, metadata=MARKDOWN_TEXT)
    allocations: tuple[Allocation, ...] = ()
    stated_total: StatedTotal | None = None
    total_text: str | None = attrs.field(default=None, metadata=MARKDOWN_TEXT)
    #: The date by which invited authorities and organisations nominate their participants
    #: (the invitation letters say it).
    reply_by: dt.date | None = None
