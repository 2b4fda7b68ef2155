"""Texts in several languages, checked when the event loads.

A field may hold a text per language (``{fr: …, ar: …}``) when the model says it may be
translated (``confdocs.model.is_translatable``) and the event declares its languages
(``settings.languages``, the first the default): each key is then a locale Babel knows and one
of those languages, and the default language's text is there. A catalog shared by events may
hold languages an event does not declare: the lists catalogs hold (people, organisations,
country sets, notes, texts) may, wherever they are written, so a dumped event loads back; those
texts are kept and never shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..display import shown
from ..model import Event, Translated
from ..model.codes import is_locale
from ..model.event import SHARED_LISTS
from ..model.fields import is_translatable
from ..model.walk import PathKey, TextField, text_fields

Found = tuple[PathKey, str]


def misplaced_translations(
    event: Event, texts: Iterable[TextField] | None = None
) -> Iterator[Found]:
    """Texts per language in fields that are the same in every language (an id, a code).
    ``texts``: the event's :func:`~confdocs.model.walk.text_fields`, when already walked."""
    for path, field, value in text_fields(event) if texts is None else texts:
        if isinstance(value, Translated) and not is_translatable(field):
            yield path, "expected text, got a mapping: this field is the same in every language"


def translation_problems(
    event: Event, texts: Iterable[TextField] | None = None
) -> Iterator[Found]:
    """Texts per language in an event that does not declare its languages, without the
    default language's text, or in a language that is not a locale or not declared.
    ``texts``: the event's :func:`~confdocs.model.walk.text_fields`, when already walked."""
    declared = event.settings.languages
    listed = ", ".join(declared)
    for path, field, value in text_fields(event) if texts is None else texts:
        if not isinstance(value, Translated) or not is_translatable(field):
            continue
        if not declared:
            yield (
                path,
                "a text in several languages needs settings.languages, the languages the event "
                f"is written in, the first the default (languages: [{', '.join(value.texts)}])",
            )
            continue
        if value.language != declared[0]:
            yield (
                path,
                f"no text in {declared[0]}, the event's first language (settings.languages): "
                "a field in several languages gives that one's text",
            )
        for language in value.texts:
            if not is_locale(language):
                yield (
                    (*path, language),
                    f"{shown(language)} is not a language Babel knows (such as en, fr, pt_BR)",
                )
            elif language not in declared and path[0] not in SHARED_LISTS:
                yield (
                    (*path, language),
                    f"{shown(language)} is not one of the event's languages "
                    f"(settings.languages: {listed}); declare it there, or remove this text",
                )
