"""confdocs plugin: languages — is every text there in each of the event's languages?

An event written in several languages (``settings.languages``, the first the default) gives its
prose (titles, bodies, notes, labels of roles and allocations, positions …) in each of them. A
text with none in a language is shown in the default language by documents in that one (the
build says so); this check lists every such text, by language, at its place. Names of people,
organisations, places and rooms are kept as written unless translated, and not reported; nor
are the texts of a shared catalog that the documents do not show (people who do not speak,
moderate or appear as contacts, texts no section uses).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from confdocs import hookimpl

if TYPE_CHECKING:
    from confdocs import Finding, Validator
    from confdocs.model import Event

__version__ = "0.1.0"

CODES: Mapping[str, str] = MappingProxyType(
    {
        "languages.missing-translation": "a text with none in one of the event's languages "
        "(documents in that language show the default language's)",
    }
)


class LanguagesValidator:
    """Every prose text of the event in each of its languages."""

    name = "languages"
    codes: Mapping[str, str] = CODES

    def validate(self, event: Event) -> Iterator[Finding]:
        from confdocs import for_language, warning
        from confdocs.view import language_name

        declared = event.settings.languages
        if len(declared) < 2:
            return
        default = declared[0]

        def named(code: str) -> str:
            return f"{language_name(code.split('_')[0])} ({code})"

        for language in declared[1:]:
            for path in for_language(event, language).fallbacks:
                yield warning(
                    "languages.missing-translation",
                    f"no {named(language)} text: documents in {language_name(language)} show "
                    f"the {named(default)} one",
                    path,
                )


@hookimpl
def confdocs_register_validators(register: Callable[[Validator], None]) -> None:
    register(LanguagesValidator())
