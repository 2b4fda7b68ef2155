"""Making the view: the event, for one locale and audience, composed into the document's parts.

:func:`make_view` is pure: it reads the event and CLDR, runs no plugin and does no I/O.
``confdocs.build`` adds what plugins contribute (labels, ``extra``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from ..collector import paused
from ..model import Event
from .audience import Audience, for_audience
from .composer import Composer
from .deferred import Deferred
from .formatting import UnknownLocaleError, check_locale, regional_language, text_direction
from .labels import Labels, MissingLabelsError
from .languages import for_language
from .letters import letters_part
from .lines import Span, fill, line
from .participants import participants_part
from .parts import ChangesView, View
from .programme import programme_part
from .registrants import registrants_part

if TYPE_CHECKING:
    from ..loading import Registrations


def make_view(
    event: Event,
    locale: str | None = None,
    audience: Audience = "internal",
    labels: Mapping[str, str] | None = None,
    registrations: Registrations | None = None,
    labels_for: Callable[[str], Mapping[str, str]] | None = None,
    changes: ChangesView | None = None,
) -> View:
    """The view of ``event`` in ``locale`` (default: the event's) for ``audience``.

    ``audience="public"`` leaves out every field marked internal: the view is made from
    :func:`~confdocs.view.audience.for_audience`'s event. The texts are in the document's
    language when the event is written in it (:func:`~confdocs.view.languages.for_language`;
    ``view.fallbacks`` lists the prose fields it lacks, shown in the default language).
    ``labels`` add to or override the built-in catalogs (``confdocs.build`` passes what plugins
    give through ``confdocs_labels``). ``registrations`` give the view its ``registrants``
    part; a certificate in another language than ``locale`` takes that language's texts, and
    its extra labels from ``labels_for(locale)``. ``changes`` (made by :mod:`confdocs.diff`)
    is what changed since a previous version: the view holds it, and a section marked
    ``changes: true`` lists it; without it such a section is left out.
    """
    # A view is a large tree of frozen parts with no reference cycles: the collector would
    # walk it again and again while it grows (at 5,000 slots, most of the time).
    with paused():
        return _make_view(event, locale, audience, labels, registrations, labels_for, changes)


def _make_view(
    event: Event,
    locale: str | None,
    audience: Audience,
    labels: Mapping[str, str] | None,
    registrations: Registrations | None,
    labels_for: Callable[[str], Mapping[str, str]] | None,
    changes: ChangesView | None,
) -> View:
    public = for_audience(event, audience)
    locale = check_locale(locale or public.settings.locale)
    in_language = for_language(public, locale)
    seen = in_language.event
    composer = Composer(seen, locale, Labels(locale, labels))
    voices = {locale: composer}

    def voice(other: str) -> Composer:
        """A composer in ``other`` (a participant's language), or the document's when confdocs
        has no labels for it (``check`` says so at the participant's row)."""
        if other not in voices:
            extra = labels_for(other) if labels_for is not None else None
            try:
                labels = Labels(check_locale(other), extra)
            except (MissingLabelsError, UnknownLocaleError):
                voices[other] = composer
            else:
                texts = for_language(public, other).event  # the certificate's own language
                voices[other] = Composer(texts, other, labels)
        return voices[other]

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
    dates = composer.fmt.dates(seen.start, seen.end)
    place = composer.place()
    # Only the letters format reads them, and they were 40 % of the composing: when first read.
    letters = Deferred(lambda: letters_part(composer, participants.roles))
    registrants = (
        registrants_part(composer, registrations, voice) if registrations is not None else None
    )
    return View(
        id=seen.id,
        locale=locale,
        language=locale.replace("_", "-"),
        regional_language=regional_language(locale, composer.labels.region),
        direction=text_direction(locale),
        audience=audience,
        labels=composer.labels,
        start=seen.start,
        end=seen.end,
        timezone=seen.settings.timezone,
        header=header,
        title=seen.title,
        kind=seen.kind,
        dates=dates,
        place=place,
        when_where=fill(
            composer.labels["dates_place"],
            "separator",
            dates=Span(dates, "dates"),
            place=Span(place, "place"),
        )
        if place
        else line(Span(dates, "dates")),
        organised_by=organised_by,
        organiser_logos=composer.organiser_logos(),
        authors=tuple(
            o.name for o in (seen.index.organisations.get(x) for x in seen.organisers) if o
        )
        or header.implementers
        or (seen.title,),
        sections=sections,
        participants=participants,
        location=location,
        programme=programme,
        contacts=contacts,
        notes=notes,
        changes=changes,
        file_form=_file_form(public),
        issued=_issued(seen),
        text_language=in_language.language,
        fallbacks=in_language.fallbacks,
        letters=letters,
        registrants=registrants,
    )


def _issued(event: Event) -> dt.datetime | None:
    """The version date, at midnight where the event takes place."""
    from zoneinfo import ZoneInfo

    version = event.header.version
    if version is None:
        return None
    return dt.datetime.combine(version, dt.time(0), ZoneInfo(event.settings.timezone))


def _file_form(event: Event) -> Callable[[], dict[str, Any]]:
    made: list[dict[str, Any]] = []

    def file_form() -> dict[str, Any]:
        if not made:
            from ..loading.converter import shared_converter

            made.append(shared_converter().unstructure(event))
        return made[0]

    return file_form
