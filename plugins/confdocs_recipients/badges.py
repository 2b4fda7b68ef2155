"""confdocs plugin ``badges``: name badges (format ``badges``, a PDF of eight badges to an A4
page with cutting marks) and the same as CSV for badge printers (``badges-csv``): a badge per
registrant, the name by the event's rule, the country or the organisation, the role."""

from __future__ import annotations

from collections.abc import Callable

from confdocs import hookimpl

from .shared import PerRecipient, Whole, of_registrants


@hookimpl
def confdocs_register_exporters(register: Callable[[object], None]) -> None:
    register(
        PerRecipient(
            "badges",
            "badges.pdf",
            "application/pdf",
            "Name badges, eight per A4 page with cutting marks (tagged PDF)",
            of_registrants("badges"),
            "confdocs_recipients.pdf:badges",
        )
    )
    register(
        Whole(
            "badges-csv",
            "badges.csv",
            "text/csv",
            "The badges as CSV for badge printers (cells that cannot run as formulas)",
            "confdocs_recipients.sheet:badges",
        )
    )
