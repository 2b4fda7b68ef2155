"""confdocs plugin ``sign-in``: the attendance sheets (formats ``sign-in``, Word, and
``sign-in-pdf``), a sheet per day of the event listing everyone expected in the room, with a
column to sign; ``build --each`` writes a file per day. Those following online sign nothing."""

from __future__ import annotations

from collections.abc import Callable

from confdocs import hookimpl

from .shared import DOCX, PerRecipient, of_registrants


@hookimpl
def confdocs_register_exporters(register: Callable[[object], None]) -> None:
    register(
        PerRecipient(
            "sign-in",
            "sign-in.docx",
            DOCX,
            "Attendance sheets (.docx): a page per day, everyone expected, a column to sign",
            of_registrants("sign_in"),
            "confdocs_recipients.word:sign_in",
        )
    )
    register(
        PerRecipient(
            "sign-in-pdf",
            "sign-in.pdf",
            "application/pdf",
            "Attendance sheets as a tagged PDF, ready to print",
            of_registrants("sign_in"),
            "confdocs_recipients.pdf:sign_in",
        )
    )
