"""Checks on the invitation rules themselves: the stated total, countries listed twice,
exceptions for countries the group does not invite."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from confdocs import Finding, counted, error, info, warning
from confdocs.view import SeatsTable

if TYPE_CHECKING:
    from confdocs.model import Event

#: How far an "approximately" stated total may be from the computed one and still be fine.
APPROXIMATE_TOLERANCE = 0.05


def check_rules(event: Event, table: SeatsTable) -> Iterator[Finding]:
    yield from _total(event, table)
    yield from _groups(event)
    yield from _allocations(event)
    yield from _one_figure_for_every_group(event)


#: The participants' texts that may say ``{seats_per_country}``.
_FIGURE_TEXTS = ("intro", "eligibility", "composition", "allocations_intro", "total_text")


def _one_figure_for_every_group(event: Event) -> Iterator[Finding]:
    """``{seats_per_country}`` is the seats most groups give a country: a text that says it
    of every country is wrong for a group that gives another number and has no note to say
    so (the Hague outline notes "EndOCSEA@Europe: one participant" on its group)."""
    part = event.participants
    counts = Counter(g.seats_per_country for g in part.groups).most_common()
    if len(counts) < 2:
        return
    figure = counts[0][0]
    silent = [g for g in part.groups if g.seats_per_country != figure and not g.notes]
    if not silent:
        return
    given = ", ".join(f"{g.id} {g.seats_per_country}" for g in silent)
    for name in _FIGURE_TEXTS:
        text = getattr(part, name)
        if text is not None and "{seats_per_country}" in text:
            yield warning(
                "quota.seats-per-country-differ",
                f"participants.{name} says {{seats_per_country}} ({figure}) of every country, "
                f"but some groups give another number and no note says so ({given}): give "
                "each such group a note, or say each group's number in the text",
                f"participants.{name}",
            )


def _total(event: Event, table: SeatsTable) -> Iterator[Finding]:
    stated = event.participants.stated_total
    if stated is None:
        return
    computed = table.total
    if stated.value == computed:
        return
    path = "participants.stated_total"
    breakdown = (
        f"{counted(table.delegation_seats, 'delegation seat')} in "
        f"{counted(len(table.countries), 'country', 'countries')} and "
        f"{counted(table.organisation_seats, 'organisation seat')} make {computed}"
    )
    if stated.approximate:
        gap = abs(stated.value - computed) / max(stated.value, 1)
        message = (
            f"the rules give {computed} against the stated \"approximately {stated.value}\": "
            f"{breakdown}"
        )
        if gap <= APPROXIMATE_TOLERANCE:
            yield info("quota.total-mismatch", message, path)
        else:
            yield warning(
                "quota.total-mismatch",
                f"{message}, more than {APPROXIMATE_TOLERANCE:.0%} apart",
                path,
            )
    else:
        yield warning(
            "quota.total-mismatch",
            f"the rules give {computed} against the stated total of {stated.value}: {breakdown}",
            path,
        )


def _groups(event: Event) -> Iterator[Finding]:
    for g, group in enumerate(event.participants.groups):
        seen: dict[str, int] = {}
        for c, country in enumerate(group.countries):
            if country in seen:
                yield error(
                    "quota.duplicate-country",
                    f"{country} is listed twice in group {group.id!r} "
                    f"(also at countries[{seen[country]}]); its seats would be counted twice",
                    f"participants.groups[{g}].countries[{c}]",
                )
            else:
                seen[country] = c
        excepted: dict[str, int] = {}
        for r, rule in enumerate(group.exceptions):
            path = f"participants.groups[{g}].exceptions[{r}]"
            if rule.country not in seen:
                yield error(
                    "quota.exception-not-invited",
                    f"an exception for {rule.country}, which group {group.id!r} does not invite",
                    path,
                )
            if rule.seats is None:
                continue
            if rule.country in excepted:
                yield warning(
                    "quota.duplicate-country",
                    f"two exceptions give {rule.country} seats in group {group.id!r} "
                    f"(also exceptions[{excepted[rule.country]}]); the first wins",
                    path,
                )
            else:
                excepted[rule.country] = r


def _allocations(event: Event) -> Iterator[Finding]:
    for a, alloc in enumerate(event.participants.allocations):
        seen: set[str] = set()
        for c, country in enumerate(alloc.countries):
            if country in seen:
                yield error(
                    "quota.duplicate-country",
                    f"{country} is listed twice in allocation {alloc.id!r}; its seats would be "
                    "counted twice",
                    f"participants.allocations[{a}].countries[{c}]",
                )
            seen.add(country)
