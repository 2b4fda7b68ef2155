"""The event model: frozen attrs classes, pure data, no I/O.

The file form of an event is this model unstructured, so a model written out and read back is the
same model. People, organisations, notes and country sets are defined once and referenced by id;
countries are ISO 3166 alpha-2 codes (``XK`` for Kosovo), their names come from Babel.

Paths used in messages (``programme.days[1].slots[3].start``) count list items from 0, as the file
form is written.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator, Mapping
from typing import Literal

import attrs

SlotKind = Literal["session", "break", "meal", "photo", "meeting", "preparation", "end", "other"]
SLOT_KINDS: tuple[str, ...] = SlotKind.__args__  # type: ignore[attr-defined]
VenueMode = Literal["in-person", "online", "hybrid"]
ShowAs = Literal["full", "organisation", "name"]
SurnameStyle = Literal["upper", "as-written"]
#: Fields of a person that can be marked internal: the view leaves exactly these out of a
#: public build, and loading refuses any other name.
PRIVATE_FIELDS = frozenset({"phone", "mobile", "email", "position", "office", "city"})


@attrs.frozen
class Settings:
    """How the outline is written: locale, time zone and the organiser's conventions."""

    locale: str = "en"
    timezone: str = "UTC"
    #: CLDR pattern for times; ``HH'h'mm`` gives the C-PROC ``09h00``.
    time_format: str = "HH:mm"
    #: How a duration is shown; ``{minutes}`` is replaced. None: Babel's words for the locale.
    duration_format: str | None = None
    #: CLDR date pattern, or one of Babel's names (``full``, ``long``, ``medium``, ``short``).
    date_format: str = "full"
    surname_style: SurnameStyle = "as-written"
    #: Country names where the organiser's usage differs from CLDR's, by ISO code.
    country_names: Mapping[str, str] = attrs.field(factory=dict)


@attrs.frozen
class Header:
    """The lines above the title: who funds, who implements, and the version date."""

    funders: tuple[str, ...] = ()
    implementers: tuple[str, ...] = ()
    version: dt.date | None = None


@attrs.frozen
class Organisation:
    id: str
    name: str
    short_name: str | None = None
    city: str | None = None
    country: str | None = None
    url: str | None = None


@attrs.frozen
class Person:
    """Someone who speaks, moderates or is a contact; spelt once, referenced by id."""

    id: str
    given_name: str
    family_name: str
    #: A particle kept in lower case before the surname ("Rolf van WEGBERG").
    particle: str | None = None
    position: str | None = None
    organisation: str | None = None
    #: Affiliation as shown after the position, when it is not the organisation's name.
    affiliation: str | None = None
    office: str | None = None
    city: str | None = None
    country: str | None = None
    phone: str | None = None
    mobile: str | None = None
    email: str | None = None
    #: Field names that stay out of a public build (``mobile``, ``email`` …).
    internal: frozenset[str] = frozenset()


@attrs.frozen
class CountrySet:
    """A named set of countries, such as the EU Member States of a given year."""

    id: str
    name: str
    countries: tuple[str, ...]


@attrs.frozen
class Note:
    """A footnote, referenced by id from text (``[^id]``) or from a rule."""

    id: str
    text: str


@attrs.frozen
class Text:
    """A standard text from a catalog, used by sections through ``use``."""

    id: str
    body: str
    title: str | None = None


@attrs.frozen
class Section:
    """A prose section: Markdown body, or a catalog text by id."""

    id: str
    title: str | None = None
    body: str | None = None
    use: str | None = None


@attrs.frozen
class CountryRule:
    """A per-country exception inside an invitation group, with its footnote."""

    country: str
    seats: int | None = None
    note: str | None = None


@attrs.frozen
class InvitationGroup:
    """Countries invited under one project, with seats per country."""

    id: str
    project: str
    countries: tuple[str, ...]
    seats_per_country: int = 2
    exceptions: tuple[CountryRule, ...] = ()
    url: str | None = None
    #: Notes (ids) shown after the group's list of countries.
    notes: tuple[str, ...] = ()

    def seats_for(self, country: str) -> int:
        for rule in self.exceptions:
            if rule.country == country and rule.seats is not None:
                return rule.seats
        return self.seats_per_country


@attrs.frozen
class Role:
    """A place in each delegation, such as one prosecutor and one law-enforcement officer."""

    id: str
    label: str
    per_delegation: int = 1


@attrs.frozen
class Allocation:
    """Seats for an organisation or institution.

    ``seats`` each, times the number of countries when ``countries`` or ``country_set`` is
    given (one per EU Member State at Eurojust), else ``seats`` in all.
    """

    id: str
    label: str
    seats: int = 1
    organisation: str | None = None
    countries: tuple[str, ...] = ()
    country_set: str | None = None


@attrs.frozen
class StatedTotal:
    value: int
    approximate: bool = False


@attrs.frozen
class Participants:
    """Who is invited. Texts are Markdown; ``{countries}``, ``{seats_per_country}``,
    ``{total}`` and ``{stated_total}`` in them are replaced by the computed figures."""

    intro: str | None = None
    groups: tuple[InvitationGroup, ...] = ()
    eligibility: str | None = None
    roles: tuple[Role, ...] = ()
    composition: str | None = None
    allocations_intro: str | None = None
    allocations: tuple[Allocation, ...] = ()
    stated_total: StatedTotal | None = None
    total_text: str | None = None


@attrs.frozen
class Room:
    id: str
    name: str


@attrs.frozen
class Venue:
    name: str | None = None
    address: str | None = None
    city: str | None = None
    country: str | None = None
    mode: VenueMode = "in-person"
    #: The link for online or hybrid events.
    url: str | None = None
    rooms: tuple[Room, ...] = ()
    #: The location paragraph as the organiser writes it (Markdown).
    text: str | None = None


@attrs.frozen
class Contribution:
    """One item of a session: a person, several people, a delegation, or free text."""

    people: tuple[str, ...] = ()
    #: A country code: the delegation of that country.
    delegation: str | None = None
    #: What is presented ("Presentation of Case …"), Markdown.
    title: str | None = None
    #: Said after the speaker ("(LATAM)", "for Europe").
    note: str | None = None
    duration: int | None = None
    #: How much of each person to show: name, position and affiliation; name and
    #: organisation; or the name alone.
    show: ShowAs = "full"


@attrs.frozen
class Discussion:
    """Discussion time closing a session."""

    duration: int | None = None
    moderators: tuple[str, ...] = ()
    #: What the discussion is ("Comments by participants"), Markdown.
    text: str | None = None


@attrs.frozen
class Session:
    """What happens in a slot, or in one room of a slot with parallel sessions."""

    title: str | None = None
    room: str | None = None
    moderators: tuple[str, ...] = ()
    #: Show contributions under a "Panel:" heading.
    panel: bool = False
    contributions: tuple[Contribution, ...] = ()
    discussion: Discussion | None = None
    #: Further Markdown after the title (lists of questions, remarks).
    body: str | None = None


@attrs.frozen
class Slot(Session):
    """A time in a day: starts at ``start`` (or lasts all day), of a kind.

    A slot is itself a session; ``parallel`` holds breakout sessions in named rooms, and
    ``continues`` names the slot (by id) that this one continues after a break.
    """

    id: str | None = None
    start: dt.time | None = None
    end: dt.time | None = None
    all_day: bool = False
    kind: SlotKind = "session"
    parallel: tuple[Session, ...] = ()
    continues: str | None = None

    def sessions(self) -> tuple[Session, ...]:
        """The slot's own session (when it has content) followed by its parallel ones."""
        own = (self,) if (self.title or self.contributions or not self.parallel) else ()
        return own + self.parallel


@attrs.frozen
class Day:
    date: dt.date
    slots: tuple[Slot, ...] = ()
    title: str | None = None


@attrs.frozen
class Programme:
    days: tuple[Day, ...] = ()

    def slots(self) -> Iterator[tuple[int, int, Day, Slot]]:
        """Every slot with the indexes of its day and itself."""
        for d, day in enumerate(self.days):
            for s, slot in enumerate(day.slots):
                yield d, s, day, slot


@attrs.frozen
class ContactGroup:
    """Contacts at one organisation ("At the Council of Europe:")."""

    organisation: str
    people: tuple[str, ...]
    label: str | None = None


@attrs.frozen
class Event:
    """One event, everything its documents say."""

    id: str
    title: str
    start: dt.date
    end: dt.date
    kind: str = "conference"
    settings: Settings = Settings()
    header: Header = Header()
    organised_by: str | None = None
    organisers: tuple[str, ...] = ()
    venue: Venue = Venue()
    #: Interpretation languages, as language codes.
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
