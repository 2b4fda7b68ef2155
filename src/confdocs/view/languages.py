"""The language of a document's texts, and the one filter that gives an event's texts in it.

An event may be written in several languages (``settings.languages``, the first the default):
a text field then holds a :class:`~confdocs.model.Translated` text. :func:`for_language` makes
every such field plain text in one language before a view is made, as :func:`for_audience`
leaves out what the audience may not see, so the view and every exporter only ever see plain
text in the document's language. A prose field without a text in that language keeps the
default language's, and is listed in :attr:`InLanguage.fallbacks` (``confdocs build`` says so,
``confdocs check`` reports it); a name (of a person, an organisation, a place) is kept as
written unless the event gives it in that language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from ..model import Event, Settings, Translated
from ..model.fields import is_loaded, is_translatable, needs_translation
from ..model.walk import PathKey


@attrs.frozen
class InLanguage:
    """An event with its texts in one language."""

    event: Event
    #: The language the texts are in: one of ``settings.languages`` (the document's, else
    #: the default), or the event's locale when it declares none.
    language: str
    #: Is the document's locale one of the event's languages? (When not, every text is the
    #: default language's, and ``fallbacks`` is empty.)
    declared: bool
    #: The paths of the prose fields the document shows in the default language, having no
    #: text in ``language`` (``sections[1].title``), in the order of the event's fields.
    fallbacks: tuple[str, ...] = ()


def language_of(locale: str) -> str:
    """The language of a locale: ``pt`` for ``pt_BR`` and ``pt-BR``."""
    return locale.replace("-", "_").split("_")[0].lower()


def text_language(event: Event, locale: str) -> str | None:
    """The event's language a document in ``locale`` takes its texts in: ``locale`` itself when
    declared, else a declared language of the same language (``fr`` for ``fr_CA``, ``pt_BR``
    for ``pt``); None when the event is not written in that language."""
    declared = event.settings.languages
    if locale in declared:
        return locale
    wanted = language_of(locale)
    return next((x for x in declared if language_of(x) == wanted), None)


def for_language(event: Event, locale: str | None = None) -> InLanguage:
    """``event`` with every text in the language of ``locale`` (default: its own), each prose
    field without a text in that language in the default one (listed in ``fallbacks``)."""
    declared = event.settings.languages
    if not declared:
        # Texts are plain (loading refuses a text in several languages without declared
        # languages); one made in code stands for its first language.
        return InLanguage(event, event.settings.locale, True)
    language = text_language(event, locale or declared[0])
    chosen = language or declared[0]
    resolver = _Resolver(chosen, declared[0], _shown_once(event))
    resolved = resolver.object(event, ())
    assert isinstance(resolved, Event)
    if chosen != declared[0]:
        settings = _conventions_in(event.settings, resolved.settings, chosen)
        resolved = attrs.evolve(resolved, settings=settings)
    fallbacks = tuple(resolver.fallbacks) if language is not None else ()
    return InLanguage(resolved, chosen, language is not None, fallbacks)


#: The organiser's conventions that are the event's own language's unless given for another
#: (``date_format: {fr: "EEEE d MMMM", ar: …}``); in a language they are not given for, the
#: document follows CLDR. The time pattern is the organiser's clock, in every language.
OWN_CONVENTIONS = ("date_format", "duration_format", "country_names")


def _conventions_in(original: Settings, resolved: Settings, language: str) -> Settings:
    """``resolved`` (settings in ``language``, not the default one) without the conventions the
    event does not give in ``language``: those follow CLDR there."""
    defaults = Settings()
    changes: dict[str, Any] = {}
    for name in OWN_CONVENTIONS:
        value = getattr(original, name)
        if isinstance(value, Mapping):
            given = {
                key: getattr(resolved, name)[key]
                for key, item in value.items()
                if isinstance(item, Translated) and item.get(language) is not None
            }
            if given != getattr(resolved, name):
                changes[name] = given
        elif not (isinstance(value, Translated) and value.get(language) is not None):
            changes[name] = getattr(defaults, name)
    return attrs.evolve(resolved, **changes) if changes else resolved


def _shown_once(event: Event) -> Mapping[str, frozenset[str]]:
    """The catalog items a document shows, by list: the people who speak, moderate or are
    contacts, and the texts sections use. A shared catalog's other entries are never in the
    document, so their missing translations are not the document's."""
    people: set[str] = set()
    for _, _, _, slot in event.programme.slots():
        for session in slot.sessions():
            people.update(session.moderators)
            for item in session.contributions:
                people.update(item.people)
            if session.discussion is not None:
                people.update(session.discussion.moderators)
    for group in event.contacts:
        people.update(group.people)
    texts = {section.use for section in event.sections if section.use}
    return {"people": frozenset(people), "texts": frozenset(texts)}


class _Resolver:
    """Walks an event, each text made plain in ``language``, noting the prose fields shown in
    the default language instead."""

    def __init__(self, language: str, default: str, shown: Mapping[str, frozenset[str]]) -> None:
        self.language = language
        self.default = default
        self.shown = shown
        self.fallbacks: list[str] = []

    def object(self, value: Any, path: PathKey, noted: bool = True) -> Any:
        changes: dict[str, Any] = {}
        for field in attrs.fields(type(value)):
            if is_loaded(field):
                continue
            current = getattr(value, field.name)
            new = self.value(current, (*path, field.name), field, noted)
            if new is not current:
                changes[field.name] = new
        return attrs.evolve(value, **changes) if changes else value

    def value(self, current: Any, path: PathKey, field: attrs.Attribute[Any], noted: bool) -> Any:
        if isinstance(current, str):
            return self.text(current, path, field, noted) if is_translatable(field) else current
        if isinstance(current, tuple):
            items = [
                self.value(item, (*path, i), field, noted and self._shown(path, item))
                for i, item in enumerate(current)
            ]
            if all(new is old for new, old in zip(items, current, strict=True)):
                return current
            return tuple(items)
        if isinstance(current, Mapping):
            pairs = {
                key: self.value(item, (*path, key), field, noted) for key, item in current.items()
            }
            if all(pairs[key] is item for key, item in current.items()):
                return current
            return pairs
        if attrs.has(type(current)):
            return self.object(current, path, noted)
        return current

    def _shown(self, path: PathKey, item: Any) -> bool:
        """Is ``item`` of the list at ``path`` in the document (a catalog's may not be)?"""
        if len(path) != 1 or path[0] not in self.shown:
            return True
        return getattr(item, "id", None) in self.shown[str(path[0])]

    def text(self, current: str, path: PathKey, field: attrs.Attribute[Any], noted: bool) -> str:
        chosen = current.get(self.language) if isinstance(current, Translated) else None
        if chosen is not None:
            return chosen
        if noted and self.language != self.default and current.strip() and needs_translation(field):
            from ..loading.sources import format_path

            self.fallbacks.append(format_path(path))
        return str(current) if isinstance(current, Translated) else current
