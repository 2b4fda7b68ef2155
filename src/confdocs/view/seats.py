"""The invitation rules as a seats table: per group and country, per allocation, totals."""

from __future__ import annotations

import attrs

from ..model import Allocation, Event


@attrs.frozen
class CountrySeats:
    group: str
    country: str
    seats: int
    notes: tuple[str, ...] = ()
    #: Seats for participants following online, on top of ``seats``.
    online: int = 0


@attrs.frozen
class AllocationSeats:
    allocation: Allocation
    seats: int
    #: The countries the seats are counted over (one per EU Member State …), if any.
    countries: tuple[str, ...] = ()
    #: Online seats in all, on top of ``seats``.
    online: int = 0


@attrs.frozen
class SeatsTable:
    rows: tuple[CountrySeats, ...]
    allocations: tuple[AllocationSeats, ...]

    @property
    def countries(self) -> tuple[str, ...]:
        """Invited countries, each once, in the order they first appear."""
        return tuple(dict.fromkeys(row.country for row in self.rows))

    @property
    def delegation_seats(self) -> int:
        return sum(row.seats for row in self.rows)

    @property
    def organisation_seats(self) -> int:
        return sum(a.seats for a in self.allocations)

    @property
    def total(self) -> int:
        """The in-person seats."""
        return self.delegation_seats + self.organisation_seats

    @property
    def online_seats(self) -> int:
        """Seats for participants following online, on top of :attr:`total`."""
        return sum(row.online for row in self.rows) + sum(a.online for a in self.allocations)

    def group_seats(self, group: str) -> int:
        return sum(row.seats for row in self.rows if row.group == group)

    def country_seats(self, country: str) -> int:
        """Seats of ``country`` summed over every group that invites it."""
        return sum(row.seats for row in self.rows if row.country == country)

    def seats(self, group: str, country: str) -> int:
        return sum(row.seats for row in self.rows if row.group == group and row.country == country)


def seats_table(event: Event) -> SeatsTable:
    rows = []
    for group in event.participants.groups:
        notes: dict[str, list[str]] = {}
        for rule in group.exceptions:
            if rule.note:
                notes.setdefault(rule.country, []).append(rule.note)
        for country in group.countries:
            rows.append(
                CountrySeats(
                    group.id,
                    country,
                    group.seats_for(country),
                    tuple(notes.get(country, ())),
                    group.online_seats_per_country,
                )
            )
    allocations = []
    for alloc in event.participants.allocations:
        countries = alloc.countries
        if alloc.country_set is not None and alloc.country_set in event.index.country_sets:
            countries = event.country_set(alloc.country_set).countries + countries
        times = len(countries) if countries else 1
        allocations.append(
            AllocationSeats(alloc, alloc.seats * times, countries, alloc.online_seats * times)
        )
    return SeatsTable(tuple(rows), tuple(allocations))
