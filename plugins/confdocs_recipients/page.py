"""The participant list as a web page: the html format's filters (``confdocs_html``), a
layout of its own (``templates/participants.html.j2``, replaceable with ``--template``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from confdocs_html.exporter import Html, clean, environment
from confdocs_html.footnotes import FootnoteLinks

from confdocs import InputError, Problem
from confdocs.rendering import layout_loader, render_template

if TYPE_CHECKING:
    from confdocs import ExportOptions, View
    from confdocs.view import ParticipantListView

TEMPLATE = "participants.html.j2"


def the_list(view: View) -> ParticipantListView:
    if view.registrants is None:
        raise InputError(
            Problem(
                "the participant list is made from the registrations: give them with "
                "--registrations FILE"
            )
        )
    return view.registrants.participant_list


def participant_list(view: View, options: ExportOptions) -> bytes:
    the_list(view)
    template = options.get("template")
    loader, name = layout_loader(template, "confdocs_recipients", TEMPLATE)
    env = environment(loader, Html(FootnoteLinks()))
    text = render_template(env, name, view.template_context(), label=template or None)
    return clean(text).encode("utf-8")
