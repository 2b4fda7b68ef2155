"""The event: everything its documents say, with its catalogs indexed by id.

The file form of an event is this model unstructured, so a model written out and read back is the
same model. People, organisations, notes and country sets are defined once and referenced by id;
countries are ISO 3166 alpha-2 codes (``XK`` for Kosovo), their names come from Babel.

Paths used in messages (``programme.days[1].slots[3].start``) count list items from 0, as the file
form is written.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping

import attrs

from .documents import Certificates, Letters
from .fields import IDENTIFIER_VALUE, MARKDOWN_TEXT, NAME, PLAIN_TEXT
from .participants import CountrySet, Participants
from .people import Organisation, Person
from .programme import Programme
from .settings import Header, Settings
from .texts import Note, Section, Text
from .venue import Venue

#: The lists of things defined once and referenced by id: what catalog files hold.
SHARED_LISTS = ("people", "organisations", "country_sets", "notes", "texts")


@attrs.frozen
class ContactGroup:
    """Contacts at one organisation ("At the Council of Europe:")."""

    organisation: str
    people: tuple[str, ...]
    label: str | None = attrs.field(default=None, metadata=PLAIN_TEXT)


@attrs.frozen
class Event:
    """One event, everything its documents say."""

    id: str = attrs.field(metadata=IDENTIFIER_VALUE)
    title: str = attrs.field(metadata=PLAIN_TEXT)
    start: dt.date
    end: dt.date
    kind: str = attrs.field(default="conference", metadata=NAME)
    settings: Settings = Settings()
    header: Header = Header()
    organised_by: str | None = attrs.field(default=None, metadata=MARKDOWN_TEXT)
    organisers: tuple[str, ...] = ()
    venue: Venue = Venue()
    #: Interpretation languages, as language codes (the languages the texts are written in
    #: are ``settings.languages``).
    languages: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    participants: Participants = Participants()
    programme: Programme = Programme()
    contacts: tuple[ContactGroup, ...] = ()
    notes: tuple[Note, ...] = ()
    people: tuple[Person, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    country_sets: tuple[CountrySet, ...] = ()
    texts: tuple[Text, ...] = ()
    #: What the invitation letters and the certificates of attendance say beyond the outline.
    letters: Letters = Letters()
    certificates: Certificates = Certificates()

    @functools.cached_property
    def index(self) -> Index:
        """Everything defined by id, for fast look-ups."""
        return Index(
            people={p.id: p for p in self.people},
            organisations={o.id: o for o in self.organisations},
            notes={n.id: n for n in self.notes},
            country_sets={c.id: c for c in self.country_sets},
            texts={t.id: t for t in self.texts},
        )

    def person(self, id: str) -> Person:
        return self.index.people[id]

    def organisation(self, id: str) -> Organisation:
        return self.index.organisations[id]

    def note(self, id: str) -> Note:
        return self.index.notes[id]

    def country_set(self, id: str) -> CountrySet:
        return self.index.country_sets[id]

    def text(self, id: str) -> Text:
        return self.index.texts[id]

    def days_between(self) -> int:
        return (self.end - self.start).days + 1


@attrs.frozen
class Index:
    people: Mapping[str, Person]
    organisations: Mapping[str, Organisation]
    notes: Mapping[str, Note]
    country_sets: Mapping[str, CountrySet]
    texts: Mapping[str, Text]
