"""The PDFs: the view's parts as data (``data.json``) for a Typst layout of their own, compiled
by the pdf format's engine (``confdocs_pdf``: tagged PDF/UA-1, the fonts pip installed, a
user's ``--template`` layout run apart and bounded)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from confdocs_pdf.data import DocumentData, cleaned, language_parts, layout_basics
from confdocs_pdf.exporter import render_layout

from .shared import template

if TYPE_CHECKING:
    from confdocs import ExportOptions, View
    from confdocs.view import CertificateView, LetterView, RegistrantView, SignInSheetView


def _render(view: View, options: ExportOptions, fmt: str, kind: str, data: Any) -> bytes:
    layout = template(f"{fmt.removesuffix('-pdf')}.typ")
    # Without the characters no document may hold, as the outline's PDF: PDF/UA refuses a
    # NUL, and no font shows a BEL that a YAML file's "\a" puts in a title.
    made = cleaned({**layout_basics(view, kind), **data})
    return render_layout(view, options, made, fmt, layout)


def letters(view: View, chosen: Sequence[LetterView], options: ExportOptions) -> bytes:
    """The letters as the Word letters say them (``word.letters``): the same parts of the
    view, rich text as nodes; the event's contacts, which every letter gives, once."""
    made = DocumentData(view)
    data = {
        "contacts": [
            {
                # The heading: the label, and the organisation it does not name.
                "label": group.heading.plain,
                "people": [
                    {
                        "name": person.name,
                        "position": person.position or "",
                        "lines": [made.line(x) for x in person.contact_lines],
                    }
                    for person in group.people
                ],
            }
            for group in view.contacts
        ],
        "letters": [_letter(made, x) for x in chosen],
    }
    return _render(view, options, "letters-pdf", view.labels["letters"], data)


def _letter(made: DocumentData, item: LetterView) -> dict[str, Any]:
    # The subject is the letter's heading (level 1): a heading of the body or of the
    # composition's text goes under it.
    made.levels.place(1)
    signatory = item.signatory
    return {
        "id": item.id,
        "kind": item.kind,
        "country": item.country.name if item.country else None,
        "addressee": item.addressee,
        "address": list(item.address),
        "place_date": item.place_date,
        "reference_line": made.line(item.reference_line) if item.reference_line else None,
        "subject": made.line(item.subject),
        "salutation": item.salutation,
        "invitation": made.line(item.invitation),
        "body": made.blocks.rich(item.body, 2),
        "seats": item.seats,
        "online_seats": item.online_seats,
        "seats_line": made.line(item.seats_line),
        "allocation": made.rich_inline(item.allocation) if item.allocation is not None else None,
        "groups": [
            {
                "id": group.id,
                "project": group.project,
                "seats": group.seats,
                "online_seats": group.online_seats,
                "line": made.line(group.line),
            }
            for group in item.groups
        ],
        "composition_text": made.blocks.rich(item.composition_text, 2),
        "composition_line": made.line(item.composition_line) if item.composition_line else None,
        "composition": [made.line(role.line) for role in item.composition],
        "notes": [made.rich_inline(note) for note in item.notes],
        "reply_line": made.line(item.reply_line),
        "closing": item.closing,
        "signatory": None
        if signatory is None
        else {
            "name": signatory.name,
            "position": signatory.position or "",
            # What the Word letter says under the name: position, office, organisation.
            "lines": [made.line(x) for x in signatory.identity_lines],
        },
    }


def sign_in(view: View, sheets: Sequence[SignInSheetView], options: ExportOptions) -> bytes:
    made = DocumentData(view)
    labels = view.labels
    data = {
        "columns": [labels["number_heading"], labels["name"], labels["affiliation"],
                    labels["signature"]],
        "sheets": [
            {
                "heading": made.line(sheet.heading),
                "rows": [[str(row.number), row.name, row.affiliation] for row in sheet.rows],
            }
            for sheet in sheets
        ],
    }
    return _render(view, options, "sign-in-pdf", labels["sign_in"], data)


def badges(view: View, people: Sequence[RegistrantView], options: ExportOptions) -> bytes:
    data = {
        "badges": [
            {"name": p.addressed, "affiliation": p.affiliation, "role": p.role_label or ""}
            for p in people
        ]
    }
    return _render(view, options, "badges", view.labels["badges"], data)


def certificates(
    view: View, chosen: Sequence[CertificateView], options: ExportOptions
) -> bytes:
    made = DocumentData(view)
    data = {
        "certificates": [
            {
                **language_parts(c.language, c.direction),
                "heading": c.heading,
                "certify": c.certify,
                "name": c.name,
                "statement": made.line(c.statement),
                "days_line": made.line(c.days_line),
                "sentence": made.line(c.sentence),
                "place_date": c.place_date,
                # The letterhead in the certificate's language, not the document's.
                "funders": list(c.letterhead.funders if c.letterhead else view.header.funders),
                "implementers": list(
                    c.letterhead.implementers if c.letterhead else view.header.implementers
                ),
                "signatory": None
                if c.signatory is None
                else {
                    "name": c.signatory.name,
                    # position: as a layout made before the lines reads it
                    "position": c.signatory.position or "",
                    "lines": [made.line(x) for x in c.signatory.signature_lines],
                },
            }
            for c in chosen
        ]
    }
    return _render(view, options, "certificates-pdf", view.labels["certificates"], data)
