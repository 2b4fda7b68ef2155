"""Text in several languages: a field holds one text, or a text per language.

An event written in several languages declares them (``settings.languages: [fr, ar]``, the
first the default) and any text field may then be a mapping from language to text (``title:
{fr: "Ouverture", ar: "الافتتاح"}``). Loading makes such a mapping a :class:`Translated`: a
``str`` whose value is the first language's text, so everything that reads a field as text
(checks, validators, a plugin) reads the default language, and whose ``texts`` hold every
language's. ``confdocs.view.for_language`` turns every field into plain text in one language
before a view is made, so the view and the exporters only ever see plain text.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any


class Translated(str):
    """A text in several languages. As a ``str`` it is the text of its first language (the
    event's default, ``settings.languages[0]``); :attr:`texts` holds every language's, that one
    first.

    Two translated texts are equal when they hold the same languages' texts with the same
    first one; a translated text equals a plain ``str`` only when it holds a single language.
    Text made from one (``title.upper()``, ``title + "…"``) is plain text in the first language.
    """

    texts: Mapping[str, str]

    def __new__(cls, texts: Mapping[str, str]) -> Translated:
        items = [(str(language), str(text)) for language, text in texts.items()]
        if not items:
            raise ValueError("a translated text needs the text of at least one language")
        made = super().__new__(cls, items[0][1])
        made.texts = MappingProxyType(dict(items))
        return made

    @property
    def language(self) -> str:
        """The first language: the one ``str(self)`` is in."""
        return next(iter(self.texts))

    def get(self, language: str) -> str | None:
        """The text in ``language``, or None when it has none."""
        return self.texts.get(language)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Translated):
            return (
                str.__eq__(self, other)
                and self.language == other.language
                and dict(self.texts) == dict(other.texts)
            )
        if isinstance(other, str):
            return len(self.texts) == 1 and str.__eq__(self, other)
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    __hash__ = str.__hash__

    def __repr__(self) -> str:
        return f"Translated({dict(self.texts)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Translated, (dict(self.texts),))


def translations_of(value: str) -> Mapping[str, str]:
    """Every language's text of ``value`` (empty for plain text)."""
    return value.texts if isinstance(value, Translated) else {}
