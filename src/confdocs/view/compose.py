"""Making the view: the event, for one locale and audience, composed into the document's parts.

:func:`make_view` is pure: it reads the event and CLDR, runs no plugin and does no I/O.
``confdocs.build`` adds what plugins contribute (labels, ``extra``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..model import Event
from .audience import Audience, for_audience
from .composer import Composer
from .formatting import check_locale, text_direction
from .labels import Labels
from .participants import participants_part
from .parts import ChangesView, View
from .programme import programme_part


def make_view(
    event: Event,
    locale: str | None = None,
    audience: Audience = "internal",
    labels: Mapping[str, str] | None = None,
    changes: ChangesView | None = None,
) -> View:
    """The view of ``event`` in ``locale`` (default: the event's) for ``audience``.

    ``audience="public"`` leaves out every field marked internal: the view is made from
    :func:`~confdocs.view.audience.for_audience`'s event. ``labels`` add to or override the
    built-in catalogs (``confdocs.build`` passes what plugins give through ``confdocs_labels``).
    ``changes`` (made by :mod:`confdocs.diff`) is what changed since a previous version: the
    view holds it, and a section marked ``changes: true`` lists it; without it such a section
    is left out.
    """
    seen = for_audience(event, audience)
    locale = check_locale(locale or seen.settings.locale)
    composer = Composer(seen, locale, Labels(locale, labels))
    composer.changes = changes
    # Document order, so footnotes are numbered as a reader meets them.
    header = composer.header()
    organised_by = composer.rich(seen.organised_by)
    sections = composer.sections()
    participants = participants_part(composer)
    location = composer.location()
    composer.venue_line = location.one_line
    programme = programme_part(composer)
    contacts = composer.contacts()
    notes = composer.notes()
    return View(
        id=seen.id,
        locale=locale,
        language=locale.replace("_", "-"),
        direction=text_direction(locale),
        audience=audience,
        labels=composer.labels,
        start=seen.start,
        end=seen.end,
        timezone=seen.settings.timezone,
        header=header,
        title=seen.title,
        kind=seen.kind,
        dates=composer.fmt.dates(seen.start, seen.end),
        place=composer.place(),
        organised_by=organised_by,
        sections=sections,
        participants=participants,
        location=location,
        programme=programme,
        contacts=contacts,
        notes=notes,
        changes=changes,
        file_form=_file_form(seen),
    )


def _file_form(event: Event) -> Callable[[], dict[str, Any]]:
    made: list[dict[str, Any]] = []

    def file_form() -> dict[str, Any]:
        if not made:
            from ..loading.converter import shared_converter

            made.append(shared_converter().unstructure(event))
        return made[0]

    return file_form
