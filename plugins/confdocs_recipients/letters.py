"""confdocs plugin ``letters``: the invitation letters (formats ``letters``, Word, and
``letters-pdf``), one per invited country (each group it is invited under, its seats, its
delegation's composition, the notes that apply) and one per organisation allocation;
``--template`` puts them on your own letterhead, a Word template or a Typst layout
(docs/documents.md)."""

from __future__ import annotations

from collections.abc import Callable

from confdocs import hookimpl

from .shared import DOCX, PerRecipient

LETTERS = PerRecipient(
    "letters",
    "letters.docx",
    DOCX,
    "Invitation letters (.docx): one per invited country and per allocation; --template for "
    "your letterhead",
    lambda view: view.letters,
    "confdocs_recipients.word:letters",
    needs_registrations=False,
)
LETTERS_PDF = PerRecipient(
    "letters-pdf",
    "letters.pdf",
    "application/pdf",
    "Invitation letters as a tagged PDF, ready to send",
    lambda view: view.letters,
    "confdocs_recipients.pdf:letters",
    needs_registrations=False,
)


@hookimpl
def confdocs_register_exporters(register: Callable[[object], None]) -> None:
    register(LETTERS)
    register(LETTERS_PDF)
