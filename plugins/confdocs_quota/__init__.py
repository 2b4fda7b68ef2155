"""confdocs plugin: quota — the invitation rules as a seats table, checked against the
registrations, and the ``confdocs quota`` command that prints the table.

Codes are listed in :data:`CODES`; every finding about a registration points at its row
(``registrations[i]``, with the file and line).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING

from confdocs import hookimpl

if TYPE_CHECKING:
    import click

    from confdocs import Finding, Registrations, Validator
    from confdocs.model import Event

__version__ = "0.1.0"

CODES = {
    "quota.total-mismatch": "the stated total differs from the seats the rules give",
    "quota.duplicate-country": "a country listed twice in one group or allocation",
    "quota.exception-not-invited": "an exception for a country its group does not invite",
    "quota.seats-exceeded": (
        "more registrations than seats, per country in a group or per allocation"
    ),
    "quota.composition": "a delegation breaks or has not yet filled its composition "
    "(one prosecutor and one law-enforcement officer …)",
    "quota.not-invited": "a registration for a country the group or allocation does not invite",
    "quota.missing-country": "a delegation or per-country seat registered without a country",
    "quota.unknown-group": "a registration for a group or allocation that does not exist",
    "quota.unknown-role": "a registration with a role the event does not define",
    "quota.missing-role": "a delegation seat registered without a role",
    "quota.duplicate-registration": "the same person twice (same e-mail, or same name and country)",
    "quota.possible-duplicate": "the same name, accents aside (or written in other letters), "
    "and country as another row",
    "quota.over-capacity": "more people want a seat than the event has, in person and online "
    "(rows refused for a mistake of their own are not counted)",
    "quota.no-nominations": "invited countries that have nominated no one yet",
    "quota.seats-per-country-differ": "a text says {seats_per_country} of every country while "
    "the groups give different numbers of seats",
}


class QuotaValidator:
    """Checks the invitation rules, and the registrations against them."""

    name = "quota"
    codes: Mapping[str, str] = CODES

    def validate(self, event: Event, registrations: Registrations | None) -> Iterator[Finding]:
        from .tally import make_rules, quota_findings, tally

        rules = make_rules(event)
        counted = tally(event, registrations, rules) if registrations is not None else None
        yield from quota_findings(event, rules, counted)


@hookimpl
def confdocs_register_validators(register: Callable[[Validator], None]) -> None:
    register(QuotaValidator())


@hookimpl
def confdocs_register_commands(cli: click.Group) -> None:
    from .command import quota

    cli.add_command(quota)
