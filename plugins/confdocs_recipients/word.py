"""The Word documents: the outline's machinery (``confdocs_docx``: sandboxed docxtpl, escaped
values, strict parsing, the lost-text check) with a template of their own, whose variables are
the outline's and the ones made here (docs/documents.md)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from confdocs_docx.exporter import ContextBuilder, render_word

from .shared import template

if TYPE_CHECKING:
    from confdocs import ExportOptions, View
    from confdocs.view import CertificateView, LetterView, SignInSheetView


def _render(
    view: View,
    options: ExportOptions,
    name: str,
    extend: Callable[[ContextBuilder], Any],
    page_languages: Sequence[tuple[str, str]] | None = None,
) -> bytes:
    return render_word(view, options, template(name), name, extend, page_languages)


def letters(view: View, chosen: Sequence[LetterView], options: ExportOptions) -> bytes:
    return _render(
        view, options, "letters.docx", lambda b: {"letters": [letter(b, x) for x in chosen]}
    )


def letter(b: ContextBuilder, item: LetterView) -> dict[str, Any]:
    return {
        "id": b.text(item.id),
        "kind": b.text(item.kind),
        "country": b.text(item.country.name if item.country else None),
        "addressee": b.text(item.addressee),
        "address": [b.text(line) for line in item.address],
        "salutation": b.text(item.salutation),
        "subject": b.line(item.subject),
        "invitation": b.line(item.invitation),
        "body": b.rich(item.body) if item.body is not None else None,
        "seats": item.seats,
        "online_seats": item.online_seats,
        "seats_line": b.line(item.seats_line),
        "groups": [
            {
                "id": b.text(group.id),
                "project": b.text(group.project),
                "seats": group.seats,
                "online_seats": group.online_seats,
                "line": b.line(group.line),
            }
            for group in item.groups
        ],
        "allocation": b.rich(item.allocation) if item.allocation is not None else None,
        "composition_text": b.rich(item.composition_text)
        if item.composition_text is not None
        else None,
        "composition_line": b.line(item.composition_line) if item.composition_line else None,
        "composition": [
            {
                "id": b.text(role.id),
                "per_delegation": role.per_delegation,
                "line": b.line(role.line),
            }
            for role in item.composition
        ],
        "notes": [b.rich(note) for note in item.notes],
        "reply_line": b.line(item.reply_line),
        "closing": b.text(item.closing),
        "place_date": b.text(item.place_date),
        "reference_line": b.line(item.reference_line) if item.reference_line else None,
        "signatory": b.person(item.signatory) if item.signatory is not None else None,
    }


def participant_list(view: View, options: ExportOptions) -> bytes:
    from .page import the_list

    part = the_list(view)

    def extend(b: ContextBuilder) -> Mapping[str, Any]:
        groups = []
        for section in part.sections:
            for index, group in enumerate(section.groups):
                groups.append(
                    {
                        "kind": b.text(group.kind),
                        "id": b.text(group.id),
                        # The section's heading stands over its first group.
                        "section": b.text(section.heading if index == 0 else ""),
                        "heading": b.text(group.heading),
                        "detail_label": b.text(group.detail_label),
                        "people": [
                            {
                                "number": entry.number,
                                "name": b.text(entry.name),
                                "organisation": b.text(entry.organisation),
                                "detail": b.text(entry.detail),
                                "attendance": b.text(entry.attendance),
                            }
                            for entry in group.entries
                        ],
                        "unnamed": group.unnamed,
                        "unnamed_line": b.line(group.unnamed_line)
                        if group.unnamed_line
                        else None,
                    }
                )
        made = {
            "groups": groups,
            "registered": part.registered,
            "named": part.named,
            "unnamed": part.unnamed,
            "summary": b.line(part.summary),
        }
        return {"registrants": {"participant_list": made}}

    return _render(view, options, "participants.docx", extend)


def sign_in(view: View, sheets: Sequence[SignInSheetView], options: ExportOptions) -> bytes:
    def sheet(b: ContextBuilder, item: SignInSheetView) -> dict[str, Any]:
        return {
            "id": b.text(item.id),
            "date": b.text(item.date.isoformat()),
            "date_text": b.text(item.date_text),
            "heading": b.line(item.heading),
            "rows": [
                {"number": row.number, "name": b.text(row.name),
                 "affiliation": b.text(row.affiliation)}
                for row in item.rows
            ],
        }

    return _render(
        view, options, "sign-in.docx", lambda b: {"sign_in": [sheet(b, x) for x in sheets]}
    )


def certificates(
    view: View, chosen: Sequence[CertificateView], options: ExportOptions
) -> bytes:
    def certificate(b: ContextBuilder, item: CertificateView) -> dict[str, Any]:
        return {
            "id": b.text(item.id),
            "locale": b.text(item.locale),
            "language": b.text(item.language),
            "heading": b.text(item.heading),
            "certify": b.text(item.certify),
            "name": b.text(item.name),
            "statement": b.line(item.statement),
            "days_line": b.line(item.days_line),
            "sentence": b.line(item.sentence),
            "days": [b.text(day) for day in item.days],
            "place_date": b.text(item.place_date),
            "signatory": b.person(item.signatory) if item.signatory is not None else None,
        }

    # Each certificate's page in its participant's language.
    languages = [(c.regional_language or c.language, c.direction) for c in chosen]
    return _render(
        view,
        options,
        "certificates.docx",
        lambda b: {"certificates": [certificate(b, x) for x in chosen]},
        languages,
    )
