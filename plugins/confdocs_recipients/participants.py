"""confdocs plugin ``participant-list``: the list of participants (formats ``participant-list``,
Word, and ``participant-list-html``), by country and by organisation. Only those who agreed to be
listed (``consent: yes``) are named; the others are counted. No e-mail address or phone number is
printed: the view does not hold them."""

from __future__ import annotations

from collections.abc import Callable

from confdocs import hookimpl

from .shared import DOCX, Whole


@hookimpl
def confdocs_register_exporters(register: Callable[[object], None]) -> None:
    register(
        Whole(
            "participant-list",
            "participants.docx",
            DOCX,
            "List of participants (.docx) by country and organisation, consent honoured",
            "confdocs_recipients.word:participant_list",
        )
    )
    register(
        Whole(
            "participant-list-html",
            "participants.html",
            "text/html; charset=utf-8",
            "List of participants as a web page, consent honoured",
            "confdocs_recipients.page:participant_list",
        )
    )
