"""confdocs plugin ``certificates``: certificates of attendance (formats ``certificates``, Word,
and ``certificates-pdf``), one per participant who attended at least one day (the registrations'
``attended`` column), each in the participant's language of correspondence."""

from __future__ import annotations

from collections.abc import Callable

from confdocs import hookimpl

from .shared import DOCX, PerRecipient, of_registrants


@hookimpl
def confdocs_register_exporters(register: Callable[[object], None]) -> None:
    register(
        PerRecipient(
            "certificates",
            "certificates.docx",
            DOCX,
            "Certificates of attendance (.docx), one per participant who attended",
            of_registrants("certificates"),
            "confdocs_recipients.word:certificates",
        )
    )
    register(
        PerRecipient(
            "certificates-pdf",
            "certificates.pdf",
            "application/pdf",
            "Certificates of attendance as a tagged PDF",
            of_registrants("certificates"),
            "confdocs_recipients.pdf:certificates",
        )
    )
