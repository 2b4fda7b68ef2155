"""The view of a version compared with the previous one: the change list in words, the outline's
changes section, and the tracked document."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from ..loading.sources import format_path
from ..model import Event
from ..view.audience import AUDIENCES, Audience, for_audience
from ..view.compose import make_view
from ..view.composer import Composer
from ..view.labels import Labels
from ..view.parts import ChangesView, View
from . import matching
from .changes import Change
from .describe import Describer
from .engine import diff_events
from .tracked import parts_of_one_version, tracked_view

#: Who tracked changes are attributed to when the build does not say.
DEFAULT_AUTHOR = "confdocs"


def changes_between(old: Event, new: Event, audience: str = "internal") -> list[Change]:
    """What changed from ``old`` to ``new`` as ``audience`` may see it: a public comparison
    leaves out changes to fields marked internal (they are not in either version it sees)."""
    seen = _audience(audience)
    return diff_events(for_audience(old, seen), for_audience(new, seen))


def heading(old: Event, labels: Labels, locale: str) -> tuple[str, str | None]:
    """ "Changes since the version of 29 September 2019", and the old version's own name."""
    composer = Composer(old, locale, labels)
    since = composer.version()
    header = old.header
    if header.version is not None:
        text = labels.get("changes_since", date=composer.fmt.date(header.version, "long"))
    elif header.version_label:
        text = labels.get("changes_since_label", label=header.version_label)
    else:
        text = labels["changes_since_previous"]
    return text, since


def compose(
    old: Event,
    new: Event,
    old_view: View,
    new_view: View,
    changes: Sequence[Change],
    author: str = DEFAULT_AUTHOR,
    track: bool = True,
) -> View:
    """``new_view`` with what changed since ``old``: its ``changes`` (the list in words, which
    a ``changes: true`` section shows) and, with ``track``, its ``tracked`` document.

    ``old_view`` and ``new_view`` are the two versions' views for the same locale and
    audience, with what plugins added; ``changes`` are :func:`changes_between`'s and the
    plugins' own.
    """
    audience = _audience(new_view.audience)
    seen_old, seen_new = for_audience(old, audience), for_audience(new, audience)
    labels = new_view.labels
    describer = Describer(seen_old, seen_new, old_view, new_view, labels)
    describer.remember_moves(list(changes))
    text, since = heading(seen_old, labels, new_view.locale)
    summary = ChangesView(
        heading=text,
        since=since,
        items=tuple(describer.describe(change) for change in changes),
        author=author,
        date=new.header.version,
        listed=any(section.changes for section in seen_new.sections),
        previous_extra=old_view.extra,
    )
    view = _with_changes(new, new_view, summary)
    if not track:
        return view
    day_pairs, slot_pairs, _ = matching.programme(seen_old.programme.days, seen_new.programme.days)
    slots = {
        format_path(("programme", "days", od, "slots", os_)): format_path(
            ("programme", "days", nd, "slots", ns)
        )
        for (od, os_), (nd, ns) in slot_pairs
    }
    tracked = tracked_view(old_view, view, slots, dict(day_pairs))
    marked = attrs.evolve(summary, marked=True, parts=parts_of_one_version(old_view, view))
    return attrs.evolve(view, tracked=attrs.evolve(tracked, changes=marked))


def _with_changes(new: Event, view: View, summary: ChangesView) -> View:
    """The view made again with the change list, so a changes section shows it where the
    outline puts it; what plugins added, and the registrants (made of the registrations,
    which the change list does not touch), are kept."""
    if not any(section.changes for section in new.sections):
        return attrs.evolve(view, changes=summary)
    remade = make_view(
        new, view.locale, _audience(view.audience), view.labels.as_dict(), changes=summary
    )
    return attrs.evolve(remade, extra=view.extra, registrants=view.registrants)


def _audience(value: str) -> Audience:
    for audience in AUDIENCES:
        if value == audience:
            return audience
    raise ValueError(f"unknown audience {value!r}; expected one of {', '.join(AUDIENCES)}")
